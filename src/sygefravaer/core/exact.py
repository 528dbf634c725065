"""Exact rationals per unit (domain.md 4.5, exact): the arithmetic of the rules, with no float.

`Q` holds one rational per unit as two object arrays of Python ints (numerator, denominator > 0),
unreduced, so that an operation is one numpy pass over 14,700 units instead of a Fraction per
unit. Comparisons are exact (signs of integers); floats are made only for display and JSON, each
the exact value correctly rounded (Python's int / int).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..decimals import Scaled

Scalar = int | Fraction


def ints(values) -> np.ndarray:
    """`values` (int64, Python ints or Fractions' parts) as an object array of Python ints."""
    a = np.asarray(values)
    if a.dtype == object:
        return a
    return np.array(a.tolist(), dtype=object) if a.size else np.zeros(0, dtype=object)


def _parts(x: Q | Scalar) -> tuple:
    if isinstance(x, Q):
        return x.num, x.den
    f = Fraction(x)
    return f.numerator, f.denominator


class Q:
    """Rationals num[i] / den[i], elementwise; den > 0. Immutable by convention."""

    __slots__ = ("num", "den")

    def __init__(self, num, den=1) -> None:
        self.num = ints(num) if not np.isscalar(num) else num
        self.den = ints(den) if not np.isscalar(den) else den
        if np.isscalar(self.num) and not np.isscalar(self.den):
            self.num = np.full(len(self.den), self.num, dtype=object)

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
        return Q(self.num * d + n * self.den, self.den * d)

    def __sub__(self, other: Q | Scalar) -> Q:
        n, d = _parts(other)
        return Q(self.num * d - n * self.den, self.den * d)

    def __mul__(self, other: Q | Scalar) -> Q:
        n, d = _parts(other)
        return Q(self.num * n, self.den * d)

    def __truediv__(self, other: Q | Scalar) -> Q:
        """Division; the divisor must be positive where it is used (see `safe_div`)."""
        n, d = _parts(other)
        return Q(self.num * d, self.den * n)

    def safe_div(self, other: Q, where: np.ndarray) -> Q:
        """self / other where `where`, else 0 (the divisor may be 0 elsewhere)."""
        n = np.where(where, other.num, 1)
        return Q(np.where(where, self.num * other.den, 0), self.den * n)

    def positive(self) -> np.ndarray:
        """Where the value is above 0."""
        return np.asarray(self.num > 0, dtype=bool)

    def sign(self) -> np.ndarray:
        """-1, 0 or 1 per value."""
        return np.asarray(self.num > 0, dtype=np.int8) - np.asarray(self.num < 0, dtype=np.int8)

    def max0(self) -> Q:
        """max(0, value) per value."""
        return Q(np.where(self.num > 0, self.num, 0), self.den)

    def floor(self) -> np.ndarray:
        """floor(value) per value, Python ints."""
        return ints(self.num // self.den)

    def half_up(self, decimals: int) -> Q:
        """Rounded half up to `decimals` places (domain.md 4.3): floor(x * 10**d + 1/2) / 10**d,
        exactly (12.45 -> 12.5, 12.4499999 -> 12.4)."""
        scale = 10**decimals
        return Q((2 * self.num * scale + self.den) // (2 * self.den), scale)

    def take(self, index: np.ndarray) -> Q:
        """The values at positions `index`; -1 gives 0 (a unit without the figure)."""
        index = np.asarray(index, dtype=np.intp)
        if not len(self.num):
            return Q(np.zeros(len(index), dtype=object), 1)
        ok = index >= 0
        num = np.where(ok, self.num[index], 0)
        den = self.den if np.isscalar(self.den) else np.where(ok, self.den[index], 1)
        return Q(num, den)

    @property
    def dens(self) -> np.ndarray:
        """The denominators as an array (a common one repeated)."""
        if np.isscalar(self.den):
            return np.full(len(self.num), self.den, dtype=object)
        return self.den

    def where(self, mask: np.ndarray, other: Q | Scalar) -> Q:
        """self where `mask`, else `other`."""
        n, d = _parts(other)
        return Q(np.where(mask, self.num, n), np.where(mask, self.den, d))

    def to_float(self) -> np.ndarray:
        """Each value correctly rounded to a float64 (for display and JSON)."""
        if not len(self.num):
            return np.zeros(0)
        try:
            return np.array((self.num / self.den).tolist(), dtype="float64")
        except OverflowError:  # beyond the float range: infinity, as a float sum would give
            pairs = zip(self.num, self.dens, strict=True)
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
