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
