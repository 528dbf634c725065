"""Exact rationals per unit (domain.md 4.5, exact): the arithmetic of the rules, with no float.

`Q` holds one rational per unit as two integer arrays (numerator, denominator > 0), unreduced,
so that an operation is one numpy pass over 14,700 units instead of a Fraction per unit. An
array is int64 where every value (and every result made from it) fits, else an object array of
Python ints: each operation checks the magnitudes first (`_fits`) and goes to Python ints where
int64 could overflow, so the values are the same either way (issue 14: int64 passes, not Python
ints, for the small figures of a status). Comparisons are exact (signs of integers); floats are
made only for display and JSON, each the exact value correctly rounded.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..decimals import Scaled

Scalar = int | Fraction

# int64 holds |x| < 2**63; a float holds every integer up to 2**53 exactly.
_INT64 = 2**63
_FLOAT_EXACT = 2**53


def ints(values) -> np.ndarray:
    """`values` (int64, Python ints or Fractions' parts) as an object array of Python ints."""
    a = np.asarray(values)
    if a.dtype == object:
        return a
    return np.array(a.tolist(), dtype=object) if a.size else np.zeros(0, dtype=object)


def exact_ints(values) -> np.ndarray:
    """Integers as int64 when every one fits, else as an object array of Python ints (the
    values unchanged either way)."""
    a = np.asarray(values)
    if a.dtype == np.int64:
        return a
    if a.dtype.kind in "iub":
        if a.dtype.kind == "u" and a.size and int(a.max()) >= _INT64:
            return ints(a)
        return a.astype(np.int64)
    if a.dtype == object and a.size:
        if a.ndim == 1 and _fits(_object_magnitude(a)):
            return a.astype(np.int64)
        return a
    return ints(a) if a.dtype != object else a


def _object_magnitude(a: np.ndarray) -> int | None:
    """The largest |x| of an object array of Python ints; None if it holds anything else."""
    values = a.tolist()
    if not set(map(type, values)) <= {int}:
        return None
    return max(max(values), -min(values))


def magnitude(x) -> int | None:
    """The largest |value| of an int64 array or a Python int; None for an object array (no
    bound without looking at every Python int)."""
    if isinstance(x, np.ndarray):
        if x.dtype != np.int64:
            return None
        if not x.size:
            return 0
        return max(int(x.max()), -int(x.min()))
    return abs(int(x))


def _fits(bound: int | None) -> bool:
    return bound is not None and bound < _INT64


def _objects(x):
    """An array as Python ints (object array); a scalar as a Python int."""
    return ints(x) if isinstance(x, np.ndarray) else int(x)


def mul(a, b):
    """a * b exactly (arrays or Python ints): in int64 where no product can pass it."""
    ma, mb = magnitude(a), magnitude(b)
    if _fits(ma) and _fits(mb) and _fits(ma * mb):
        return a * b
    return _objects(a) * _objects(b)


def add(a, b):
    """a + b exactly (arrays or Python ints): in int64 where no sum can pass it."""
    ma, mb = magnitude(a), magnitude(b)
    if ma is not None and mb is not None and _fits(ma + mb):
        return a + b
    return _objects(a) + _objects(b)


def sub(a, b):
    """a - b exactly (arrays or Python ints): in int64 where no difference can pass it."""
    ma, mb = magnitude(a), magnitude(b)
    if ma is not None and mb is not None and _fits(ma + mb):
        return a - b
    return _objects(a) - _objects(b)


def floordiv(a, b):
    """a // b exactly (b > 0): int64 in, int64 out (the quotient is no larger than a)."""
    if _fits(magnitude(a)) and _fits(magnitude(b)):
        return a // b
    return _objects(a) // _objects(b)


def choose(mask: np.ndarray, a, b) -> np.ndarray:
    """np.where(mask, a, b) for integer arrays or Python ints, int64 where both are."""
    if _fits(magnitude(a)) and _fits(magnitude(b)):
        return np.where(mask, a, b).astype(np.int64, copy=False)
    return np.where(mask, _object_array(a, mask), _object_array(b, mask))


def _object_array(x, like: np.ndarray) -> np.ndarray:
    """An array as Python ints; a scalar (a Python int of any size) repeated like `like`."""
    if isinstance(x, np.ndarray):
        return ints(x)
    out = np.empty(np.shape(like), dtype=object)
    out[...] = int(x)
    return out


def _integer(x):
    """Integers as int64 or as Python ints (an object array is taken as it is); a scalar as a
    Python int."""
    if isinstance(x, np.ndarray):
        return x if x.dtype == object else exact_ints(x)
    if isinstance(x, (list, tuple)):
        return exact_ints(np.asarray(x) if len(x) else np.zeros(0, dtype=np.int64))
    if isinstance(x, (int, np.integer)):
        return int(x)
    return _integer(np.asarray(x))


def _parts(x: Q | Scalar) -> tuple:
    if isinstance(x, Q):
        return x.num, x.den
    f = Fraction(x)
    return f.numerator, f.denominator


class Q:
    """Rationals num[i] / den[i], elementwise; den > 0. Immutable by convention.

    `num` is an array of integers, int64 or Python ints (object); `den` the same, or one Python
    int, the common denominator. Read values with `.tolist()` or int(): Python ints either way.
    """

    __slots__ = ("num", "den")

    def __init__(self, num, den=1) -> None:
        self.num = _integer(num)
        self.den = _integer(den)
        if not isinstance(self.num, np.ndarray) and isinstance(self.den, np.ndarray):
            self.num = choose(np.ones(len(self.den), dtype=bool), self.num, 0)

    @classmethod
    def of(cls, column: Scaled) -> Q:
        """A scaled decimal column (decimals.scaled) as rationals; missing cells are 0."""
        return cls(column.ints, column.denominator)

    @classmethod
    def zeros(cls, n: int) -> Q:
        """n zeros."""
        return cls(np.zeros(n, dtype=np.int64), 1)

    def __len__(self) -> int:
        return len(self.num)

    def __add__(self, other: Q | Scalar) -> Q:
        n, d = _parts(other)
        return Q(add(mul(self.num, d), mul(n, self.den)), mul(self.den, d))

    def __sub__(self, other: Q | Scalar) -> Q:
        n, d = _parts(other)
        return Q(sub(mul(self.num, d), mul(n, self.den)), mul(self.den, d))

    def __mul__(self, other: Q | Scalar) -> Q:
        n, d = _parts(other)
        return Q(mul(self.num, n), mul(self.den, d))

    def __truediv__(self, other: Q | Scalar) -> Q:
        """Division; the divisor must be positive where it is used (see `safe_div`)."""
        n, d = _parts(other)
        return Q(mul(self.num, d), mul(self.den, n))

    def safe_div(self, other: Q, where: np.ndarray) -> Q:
        """self / other where `where`, else 0 (the divisor may be 0 elsewhere)."""
        n = choose(where, other.num, 1)
        return Q(choose(where, mul(self.num, other.den), 0), mul(self.den, n))

    def positive(self) -> np.ndarray:
        """Where the value is above 0."""
        return np.asarray(self.num > 0, dtype=bool)

    def sign(self) -> np.ndarray:
        """-1, 0 or 1 per value."""
        return np.asarray(self.num > 0, dtype=np.int8) - np.asarray(self.num < 0, dtype=np.int8)

    def max0(self) -> Q:
        """max(0, value) per value."""
        return Q(choose(self.num > 0, self.num, 0), self.den)

    def floor(self) -> np.ndarray:
        """floor(value) per value (int64, or Python ints where they do not fit)."""
        return floordiv(self.num, self.den)

    def half_up(self, decimals: int) -> Q:
        """Rounded half up to `decimals` places (domain.md 4.3): floor(x * 10**d + 1/2) / 10**d,
        exactly (12.45 -> 12.5, 12.4499999 -> 12.4)."""
        scale = 10**decimals
        top = add(mul(self.num, 2 * scale), self.den)
        return Q(exact_ints(floordiv(top, mul(self.den, 2))), scale)

    def take(self, index: np.ndarray) -> Q:
        """The values at positions `index`; -1 gives 0 (a unit without the figure)."""
        index = np.asarray(index, dtype=np.intp)
        if not len(self.num):
            return Q(np.zeros(len(index), dtype=np.int64), 1)
        ok = index >= 0
        num = choose(ok, self.num[index], 0)
        den = self.den if not isinstance(self.den, np.ndarray) else choose(ok, self.den[index], 1)
        return Q(num, den)

    @property
    def dens(self) -> np.ndarray:
        """The denominators as an array (a common one repeated)."""
        if not isinstance(self.den, np.ndarray):
            return choose(np.ones(len(self.num), dtype=bool), self.den, 1)
        return self.den

    def where(self, mask: np.ndarray, other: Q | Scalar) -> Q:
        """self where `mask`, else `other`."""
        n, d = _parts(other)
        return Q(choose(mask, self.num, n), choose(mask, self.den, d))

    def to_float(self) -> np.ndarray:
        """Each value correctly rounded to a float64 (for display and JSON)."""
        if not len(self.num):
            return np.zeros(0)
        num, den = self.num, self.den
        if not (_fits(magnitude(num)) and _fits(magnitude(den))):
            return _quotients(ints(num), ints(self.dens))
        # Where both are exact as floats (|x| <= 2**53): one rounding of the exact quotient
        # (IEEE division). Only the other values go by Python ints (issue 14: a status has one
        # or two such units among 58,800, which made the whole column Python ints).
        out = np.asarray(num, dtype="float64") / np.asarray(den, dtype="float64")
        big = (num > _FLOAT_EXACT) | (num < -_FLOAT_EXACT) | (np.asarray(den) > _FLOAT_EXACT)
        at = np.flatnonzero(big)
        if len(at):
            dens = den[at] if isinstance(den, np.ndarray) else np.full(len(at), den)
            out[at] = _quotients(ints(num[at]), ints(dens))
        return out


def _quotients(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den per value (object arrays of Python ints), each correctly rounded."""
    try:
        return np.array((num / den).tolist(), dtype="float64")
    except OverflowError:  # beyond the float range: infinity, as a float sum would give
        pairs = zip(num.tolist(), den.tolist(), strict=True)
        return np.array([_float(n, d) for n, d in pairs], dtype="float64")


def _float(n: int, d: int) -> float:
    try:
        return n / d
    except OverflowError:
        return float("inf") if (n > 0) == (d > 0) else float("-inf")


def sum_fractions(nums: list[int], dens: list[int]) -> Fraction:
    """Σ nums[i] / dens[i] exactly: numerators added per distinct denominator, then the
    Fractions added in a balanced tree (each sum in lowest terms, so sizes stay at the lcm)."""
    by_den: dict[int, int] = {}
    for n, d in zip(nums, dens, strict=True):
        by_den[d] = by_den.get(d, 0) + n
    parts = [Fraction(n, d) for d, n in by_den.items()]
    if not parts:
        return Fraction(0)
    while len(parts) > 1:
        pairs = zip(parts[::2], parts[1::2], strict=False)
        nxt = [a + b for a, b in pairs]
        if len(parts) % 2:
            nxt.append(parts[-1])
        parts = nxt
    return parts[0]
