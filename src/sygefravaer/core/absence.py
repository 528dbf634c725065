"""The absence level (domain.md 4.1) and the absence rows each rule looks at (4.3, 4.4).

Plain pandas over a validated absence table (columns center, sector, period, year, quarter,
staff_group, fte, sick_days; quarter 0 for a calendar year). These are the rules as stated; the
speed-ups in core/fast.py give the same figures for a million rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KEY = ["center", "sector"]


def levels(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """fte, sick_days and days_per_fte per group of `rows` (4.1): always the ratio of the sums,
    never a mean of the rows' ratios."""
    return with_ratio(rows.groupby(by, sort=True)[["fte", "sick_days"]].sum())


def with_ratio(sums: pd.DataFrame) -> pd.DataFrame:
    """`sums` (fte and sick_days summed per group) with days_per_fte, the ratio of the sums (4.1);
    NaN where the fte sum is 0."""
    sums["days_per_fte"] = sums["sick_days"] / sums["fte"].where(sums["fte"] > 0)
    return sums


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
