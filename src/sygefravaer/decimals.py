"""Input numbers as the exact decimals they were written as (domain.md 3 and 4.5, exact).

A number cell is read to a float64 first (the readers' fast paths). The decimal it stands for is
its value at 15 significant digits, Excel's precision: every decimal of at most 15 significant
digits survives the float and comes back unchanged, so `12,5` is 125/10 and `0,1` is 1/10, never
the binary fraction nearest to them. `scaled` gives a whole column as integers over one power
of ten, so that sums over a million rows stay exact in int64. A cell written with more digits
(a program's 0.30000000000000004) reads as its 15-digit decimal; `over_15_digits` finds them.

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
    w = np.where(missing, 0.0, v)
    for d in range(_MAX_DECIMALS + 1):
        f = 10.0**d
        m = np.rint(w * f)
        if np.abs(m).max(initial=0.0) >= 10.0**_DIGITS:
            break
        if np.array_equal(m / f, w):
            return Scaled(m.astype(np.int64), d, missing)
    return _scaled_one_by_one(w, missing)


def _scaled_one_by_one(w: np.ndarray, missing: np.ndarray) -> Scaled:
    """`scaled` for the columns the vectorised pass cannot do, one Decimal per value."""
    decs = [Decimal(f"{x:.{_DIGITS}g}") for x in w.tolist()]
    d = max((max(0, -x.as_tuple().exponent) for x in decs), default=0)
    ints = np.array([int(x.scaleb(d)) for x in decs], dtype=object)
    return Scaled(ints, d, missing)


def over_15_digits(values: np.ndarray) -> np.ndarray:
    """Where a value is not a decimal of at most 15 significant digits (it was written with
    more, such as 0.30000000000000004): such a cell reads as its 15-digit decimal."""
    v = np.asarray(values, dtype="float64")
    ok = np.isfinite(v) & (v != 0)
    out = np.zeros(len(v), dtype=bool)
    if not ok.any():
        return out
    a = np.abs(v[ok])
    e = np.floor(np.log10(a)).astype(np.int64)
    k = np.clip(_DIGITS - 1 - e, -_MAX_DECIMALS, _MAX_DECIMALS)
    f = 10.0 ** k.astype("float64")
    m = np.rint(a * f)
    inexact = (m / f != a) | (m >= 10.0**_DIGITS)
    # Far from 1 (a power of ten beyond 1e22), or at the edge of the estimate: exactly, by text.
    edge = np.flatnonzero(inexact | (np.abs(_DIGITS - 1 - e) > _MAX_DECIMALS))
    for i in edge.tolist():
        x = float(a[i])
        inexact[i] = float(f"{x:.{_DIGITS}g}") != x
    out[ok] = inexact
    return out
