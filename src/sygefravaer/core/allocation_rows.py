"""An allocation's units with the status figures they were weighed on, joined by key.

What a workbook shows per unit of `allocate --output`: the allocation (weight, share,
increments, reduction) beside the absence behind it (domain.md 4.4: days per fte, the target,
the gap, and whether the unit is exactly at its target), so that report code only writes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .allocation import AllocationResult

# The status figures joined onto each unit, from the allocated year's own status.
JOINED = ["days_per_fte", "target", "gap", "at_target"]


def allocation_rows(res: AllocationResult) -> pd.DataFrame:
    """`res.units` with the last year's status figures (JOINED) of each unit, matched on
    (center, sector), or center at center level; NaN and not at target without a status."""
    key = ["center"] if res.level == "center" else ["center", "sector"]
    units = res.units.drop(columns=[c for c in JOINED if c in res.units.columns])
    if res.status is None:
        return units.assign(days_per_fte=np.nan, target=np.nan, gap=np.nan, at_target=False)
    figures = res.status.units[[*key, *JOINED]]
    rows = units.merge(figures, on=key, how="left", validate="one_to_one")
    rows.index = units.index
    rows["at_target"] = rows["at_target"].eq(True)  # a unit without a status row: not at target
    return rows
