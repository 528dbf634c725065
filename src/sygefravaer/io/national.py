"""The national averages (KRL), long or wide form, as one validated table (domain.md 3)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..names import group_key
from .krl import read_wide, table_form
from .readers import NATIONAL, Table, _require_cells, _require_finite, _years, read_table


def read_national(path: Path, sheet: str | None = None) -> Table:
    """National averages: year, staff_group, days_per_fte (domain.md section 3).

    Also accepts KRL's wide form (staff groups in rows, a column per year; see krl.py).
    """
    if table_form(path, sheet) == "wide":
        return read_wide(path, sheet)
    t = read_table(path, NATIONAL, sheet)
    d = t.data
    _require_cells(t, ("year", "staff_group", "days_per_fte"))
    d["year"] = _years(t)
    _require_finite(t, ("days_per_fte",))
    neg = d["days_per_fte"] < 0
    if neg.any():
        i = int(np.flatnonzero(neg.to_numpy())[0])
        raise t.error(
            "landsgennemsnittet kan ikke være negativt",
            index=i,
            column="days_per_fte",
            value=d["days_per_fte"].iloc[i],
        )
    d["group_key"] = d["staff_group"].map(group_key)
    dup = d.duplicated(["year", "group_key"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise t.error(
            "år og personalegruppe står mere end én gang",
            index=i,
            column="staff_group",
            value=d["staff_group"].iloc[i],
        )
    cols = ["year", "staff_group", "group_key", "days_per_fte"]
    if "source" in d.columns:
        cols.append("source")
    t.data = d[cols]
    return t


def read_krl(path: Path, sheet: str | None = None) -> Table:
    """National averages from a long or wide KRL table (the name `national import` uses)."""
    return read_national(Path(path), sheet)
