"""The absence level (domain.md 4.1) and the absence rows each rule looks at (4.3, 4.4).

Plain pandas over a validated absence table (columns center, sector, period, year, quarter,
staff_group, fte, sick_days; quarter 0 for a calendar year). These are the rules as stated; the
speed-ups in core/fast.py give the same figures for a million rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import lcm

import numpy as np
import pandas as pd

from ..decimals import as_fraction, scaled
from .exact import Q, ints

KEY = ["center", "sector"]
# The exact fte and sick days of a row: integers over the table's Scales (4.5, exact).
EXACT = ["fte_n", "sick_n"]


@dataclass(frozen=True)
class Scales:
    """The common denominators of an absence table's exact columns: a row's fte is
    fte_n / fte, its sick days sick_n / sick."""

    fte: int
    sick: int


def with_exact(absence: pd.DataFrame, hours_per_day: float | None) -> tuple[pd.DataFrame, Scales]:
    """The absence rows with their exact fte and sick days (EXACT), and their Scales.

    Each cell is the decimal it was written as (decimals.scaled); a row whose sick days came from
    sick hours (`sick_hours` set) has sick_hours / hours_per_day exactly (domain.md 2), so the sum
    over a unit's rows is exact, whatever the mix of days and hours.
    """
    fte = scaled(absence["fte"].to_numpy())
    days = scaled(absence["sick_days"].to_numpy())
    fte_n = summable(fte.ints)
    hours = absence["sick_hours"].to_numpy() if "sick_hours" in absence.columns else None
    if hours is None or np.isnan(hours).all():
        exact = {"fte_n": fte_n, "sick_n": summable(days.ints)}
        return with_columns(absence, exact), Scales(fte.denominator, days.denominator)
    if hours_per_day is None:
        raise ValueError("sick hours need hours_per_day")
    h = scaled(hours)
    per_day = as_fraction(hours_per_day)
    # days = hours / (p/q) = hours * q / p; over the common denominator of days and hours rows
    den = lcm(days.denominator, h.denominator * per_day.numerator)
    from_days = ints(days.ints) * (den // days.denominator)
    from_hours = ints(h.ints) * per_day.denominator * (den // (h.denominator * per_day.numerator))
    exact = {"fte_n": fte_n, "sick_n": summable(np.where(h.missing, from_days, from_hours))}
    return with_columns(absence, exact), Scales(fte.denominator, den)


def with_columns(frame: pd.DataFrame, new: dict[str, np.ndarray]) -> pd.DataFrame:
    """`frame` with the columns `new` added, their arrays as they are (issue 14: setting a column
    copies its array, 66 MB of new memory for the exact columns on four times the country)."""
    cols = {c: frame[c] for c in frame.columns}
    cols.update({k: pd.Series(v, index=frame.index, copy=False) for k, v in new.items()})
    return pd.DataFrame(cols, index=frame.index, copy=False)


def summable(values: np.ndarray) -> np.ndarray:
    """Exact integers as int64 when no sum of them can overflow, else as Python ints (pandas
    sums int64 columns with wrap-around, object columns exactly)."""
    v = np.asarray(values)
    if v.dtype == np.int64:
        top = max(int(v.max()), -int(v.min())) if len(v) else 0
        return v if (top + 1) * max(len(v), 1) < 2**61 else ints(v)
    if v.dtype != object:
        top = int(np.abs(v.astype("float64")).max(initial=0.0))  # within 1 in 2**52: ample
        return v.astype(np.int64) if (top + 1) * max(len(v), 1) < 2**61 else ints(v)
    bound = max((abs(x) for x in v.tolist()), default=0) * max(len(v), 1)
    return v.astype(np.int64) if bound < 2**61 else v


def levels(rows: pd.DataFrame, by: list[str], scales: Scales | None = None) -> pd.DataFrame:
    """fte, sick_days and days_per_fte per group of `rows` (4.1): always the ratio of the sums,
    never a mean of the rows' ratios. With `scales`, the rows' exact columns are summed too and
    the figures are the exact sums, correctly rounded."""
    cols = ["fte", "sick_days", *EXACT] if scales is not None else ["fte", "sick_days"]
    return with_ratio(rows.groupby(by, sort=True)[cols].sum(), scales)


def with_ratio(sums: pd.DataFrame, scales: Scales | None = None) -> pd.DataFrame:
    """`sums` (fte and sick_days summed per group) with days_per_fte, the ratio of the sums (4.1);
    NaN where the fte sum is 0. With `scales`, from the exact sums (EXACT)."""
    if scales is None:
        sums["days_per_fte"] = sums["sick_days"] / sums["fte"].where(sums["fte"] > 0)
        return sums
    fte, sick = exact_levels(sums, scales)
    sums["fte"] = fte.to_float()
    sums["sick_days"] = sick.to_float()
    dpf = sick.safe_div(fte, fte.positive())
    sums["days_per_fte"] = np.where(fte.positive(), dpf.to_float(), np.nan)
    return sums


def exact_levels(sums: pd.DataFrame, scales: Scales) -> tuple[Q, Q]:
    """The exact fte and sick days of a frame of sums (or rows) with the EXACT columns."""
    return Q(sums["fte_n"].to_numpy(), scales.fte), Q(sums["sick_n"].to_numpy(), scales.sick)


def calendar_years(absence: pd.DataFrame) -> list[int]:
    """The calendar years (not quarters) present in the absence table."""
    return sorted(absence.loc[absence["quarter"] == 0, "year"].unique().tolist())


def calendar_rows(absence: pd.DataFrame, year: int) -> np.ndarray:
    """The rows of calendar year `year` (the glide rule's base year, 4.3), as a boolean array."""
    return ((absence["quarter"] == 0) & (absence["year"] == year)).to_numpy()


def glide_reference_mask(absence: pd.DataFrame, base_year: int) -> np.ndarray:
    """The rows of each unit's glide reference period (4.3), as a boolean array: its base-year
    rows, or, for a unit with no absence in the base year, the rows of its earliest calendar
    year (the staff mix of its benchmark, which is then its target)."""
    calendar = (absence["quarter"] == 0).to_numpy()
    cal = absence[calendar]
    by_unit = [cal[k] for k in KEY]
    has_base = cal["year"].eq(base_year).groupby(by_unit, sort=False).transform("any")
    earliest = cal.groupby(KEY, sort=False)["year"].transform("min")
    has_base = has_base.astype(object).fillna(False).astype(bool)  # a blank key: no unit
    chosen = np.where(has_base.to_numpy(), base_year, earliest.to_numpy(dtype="float64"))
    keep = np.zeros(len(absence), dtype=bool)
    keep[calendar] = cal["year"].to_numpy() == chosen
    return keep


def reference_mask(absence: pd.DataFrame, before: int) -> np.ndarray:
    """Each unit's rows from its latest calendar year before `before`, as a boolean array: the
    reference period of the national rule (4.3), whose fte also weigh the center targets."""
    calendar = ((absence["quarter"] == 0) & (absence["year"] < before)).to_numpy()
    latest = absence[calendar].groupby(KEY, sort=False)["year"].transform("max")
    keep = np.zeros(len(absence), dtype=bool)
    keep[calendar] = (absence["year"][calendar] == latest).to_numpy()
    return keep


def reference_rows(absence: pd.DataFrame, before: int) -> pd.DataFrame:
    """The rows of `reference_mask`: each unit's latest calendar year before `before` (4.3)."""
    return absence[reference_mask(absence, before)]
