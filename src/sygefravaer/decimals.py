"""Input numbers as the exact decimals they were written as (domain.md 3 and 4.5, exact).

A number cell is read to a float64 first (the readers' fast paths). The decimal it stands for is
its value at 15 significant digits, Excel's precision: every decimal of at most 15 significant
digits survives the float and comes back unchanged, so `12,5` is 125/10 and `0,1` is 1/10, never
the binary fraction nearest to them. `scaled` gives a whole column as integers over one power
of ten, so that sums over a million rows stay exact in int64. A cell written with more digits
(a program's 0.30000000000000004) reads as its 15-digit decimal.

Scenario numbers (TOML floats) are read as written: `as_fraction` of the float's shortest repr.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

# Beyond this many decimals a power of ten is no longer exact in a float64.
_MAX_DECIMALS = 22
_DIGITS = 15
# Values tried first at each number of decimals (a column's every value is tried after them).
_SAMPLE = 1024


@dataclass(frozen=True)
class Scaled:
    """A column of decimals as integers over one power of ten: value_i = ints[i] / 10**decimals.

    `ints` is int64 (below 10**15) where the column has one scale for all, else an object array
    of Python ints. Missing cells (NaN) are 0 in `ints` and True in `missing`.
    """

    ints: np.ndarray
    decimals: int
    missing: np.ndarray

    @property
    def denominator(self) -> int:
        """10**decimals: the common denominator of the column."""
        return 10**self.decimals


def as_fraction(x: float | int) -> Fraction:
    """A scenario number as written: an int as itself, a float as the decimal of its shortest
    repr (7.4 is 37/5), which is the TOML literal whenever it has at most 17 digits."""
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(Decimal(repr(float(x))))


def decimal_of(x: float) -> Fraction:
    """One number's exact decimal at 15 significant digits (0.1 -> 1/10)."""
    return Fraction(Decimal(f"{float(x):.{_DIGITS}g}"))


def scaled(values: np.ndarray) -> Scaled:
    """Each value's 15-significant-digit decimal, as integers over one power of ten.

    Vectorised: the smallest number of decimals d at which every value v round-trips as
    rint(v * 10**d) / 10**d with fewer than 16 digits is the column's scale (then each value is
    that decimal exactly, the only one of at most 15 digits that reads as v). Columns that need
    more (a very small or very large value, or a cell of more than 15 digits) are done one
    number at a time.
    """
    v = np.asarray(values, dtype="float64")
    missing = ~np.isfinite(v)
    w = np.where(missing, 0.0, v) if missing.any() else v
    top = float(np.abs(w).max(initial=0.0))
    sample = w[:: max(1, len(w) // _SAMPLE)]
    buffer = np.empty_like(w)  # one for every try (no new pages)
    for d in range(_MAX_DECIMALS + 1):
        f = 10.0**d
        # rint(x * f) grows with |x|: the largest |m| is the largest |x|'s (issue 14: no pass)
        if np.rint(top * f) >= 10.0**_DIGITS:
            break
        if not np.array_equal(np.rint(sample * f) / f, sample):
            continue  # a value of the sample needs more decimals: so does the column
        m = np.rint(np.multiply(w, f, out=buffer), out=buffer)
        if round_trips(m, f, w):
            # The integers cast in place into the buffer's own pages: a new array would cost
            # its page faults (issue 14: 0.07 s a column on four times the country).
            ints = m.view(np.int64)
            np.copyto(ints, m, casting="unsafe")
            return Scaled(ints, d, missing)
    return _scaled_one_by_one(w, missing)


def round_trips(m: np.ndarray, f: float, w: np.ndarray, block: int = 1 << 16) -> bool:
    """Whether m / f == w at every position: `np.array_equal(m / f, w)` a block at a time, so
    that no array of the column's size is made (issue 14: 33 MB of new pages a column on four
    times the country)."""
    out = np.empty(min(block, len(w)))
    for a in range(0, len(w), block):
        b = min(a + block, len(w))
        if not np.array_equal(np.divide(m[a:b], f, out=out[: b - a]), w[a:b]):
            return False
    return True


def _scaled_one_by_one(w: np.ndarray, missing: np.ndarray) -> Scaled:
    """`scaled` for the columns the vectorised pass cannot do, one Decimal per value."""
    decs = [Decimal(f"{x:.{_DIGITS}g}") for x in w.tolist()]
    d = max((max(0, -x.as_tuple().exponent) for x in decs), default=0)
    ints = np.array([int(x.scaleb(d)) for x in decs], dtype=object)
    return Scaled(ints, d, missing)
