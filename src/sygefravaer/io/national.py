"""The national averages (KRL), long or wide form, as one validated table (domain.md 3)."""

from __future__ import annotations

from pathlib import Path

from ..names import group_key
from .checks import coded, refuse, require_cells, require_finite, require_not_negative, whole_years
from .headers import NATIONAL
from .krl import national_form, source_rows, wide_table
from .sources import XlsxSheet, read_source
from .tables import Table, table_from_source


def read_national(path: Path, sheet: str | None = None, *, fast: bool = True) -> Table:
    """National averages: year, staff_group, days_per_fte (domain.md section 3).

    Also accepts KRL's wide form (staff groups in rows, a column per year; see krl.py).
    """
    return read_national_form(path, sheet, fast=fast)[0]


def read_national_form(
    path: Path, sheet: str | None = None, *, fast: bool = True
) -> tuple[Table, str]:
    """read_national, and the form the file had: 'long' or 'wide'. The file is read once, and
    its form decided from its cells (krl.national_form)."""
    path = Path(path)
    source = read_source(path, sheet)
    rows, sheet_name, danish = source_rows(source, path)
    if national_form(rows) == "wide":
        cells = source.cells if isinstance(source, XlsxSheet) else None
        return wide_table(rows, path, sheet_name, danish, cells), "wide"
    return _long_table(table_from_source(source, path, NATIONAL, fast=fast)), "long"


def _long_table(t: Table) -> Table:
    """The checks of a long table, and its group keys."""
    d = t.data
    require_cells(t, ("year", "staff_group", "days_per_fte"), d)
    d["year"] = whole_years(t)
    require_finite(t, ("days_per_fte",), d)
    require_not_negative(t, d, "days_per_fte", "landsgennemsnittet kan ikke være negativt")
    d["group_key"] = d["staff_group"].map(group_key)
    refuse(
        t,
        d.duplicated(["year", "group_key"]),
        "år og personalegruppe står mere end én gang",
        column="staff_group",
        value=d["staff_group"],
    )
    cols = ["year", "staff_group", "group_key", "days_per_fte"]
    if "source" in d.columns:
        cols.append("source")
    codes, texts = coded(t, {"staff_group", "source"})  # not the year's: it is a number now
    return Table(d[cols], t.path, t.sheet, t.rows, t.columns, t.warnings, codes, texts)


def read_krl(path: Path, sheet: str | None = None) -> Table:
    """National averages from a long or wide KRL table (the name `national import` uses)."""
    return read_national(Path(path), sheet)
