"""Read the absence, units and targets tables into validated Tables (domain.md sections 2-3).

Reading a file into a table is tables.py's (CSV or xlsx, Danish headers and numbers); here are
each table's own rules: no totals or subtotal rows, sick hours as days, periods, no negative
amounts, no name twice in two letter cases, no key twice. Every
problem is raised as an InputError naming file, sheet, row and column. `fast` False reads by the
general path only (tables.py), for tests of the fast paths.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..periods import PERIOD, period_text
from .checks import (
    blank_error,
    blank_group_rows,
    case_clashes,
    coded,
    first,
    refuse,
    require_cells,
    require_finite,
    require_not_negative,
    whole_years,
)
from .codes import (
    Factorized,
    cell_text,
    duplicated_rows,
    factorize_exact,
    own_texts,
    text_codes,
)
from .headers import ABSENCE, TARGETS, UNITS
from .rows import Coded, column_codes_of, refuse_rows
from .tables import Table, read_table

ABSENCE_COLUMNS = [
    "center",
    "sector",
    "period",
    "year",
    "quarter",
    "staff_group",
    "fte",
    "sick_days",
    "sick_hours",
]
UNIT_COLUMNS = [
    "center",
    "sector",
    "staff_group",
    "payroll",
    "substitute_budget",
    "prior_reduction",
]


def read_absence(
    path: Path, hours_per_day: float = 7.4, sheet: str | None = None, *, fast: bool = True
) -> Table:
    """Absence rows: center, sector, period (`2013` or `2018Q1`), staff_group, fte, sick_days.

    sick_hours are converted to days with hours_per_day (domain.md section 2); `sick_hours`
    keeps the hours of the rows whose days came from them (NaN elsewhere), for the exact sums.
    """
    t = read_table(path, ABSENCE, sheet, raw=("period",), fast=fast)
    d = t.data
    as_read = (t.codes["period"], list(t.code_texts["period"])) if "period" in t.codes else None
    pcodes, pcells = _period_cells(d["period"], fast, as_read)
    refuse_subtotals(t, d, (pcodes, pcells))
    require_cells(t, ("center", "sector"), d)
    i = first(np.array([str(c) == "" for c in pcells], dtype=bool)[pcodes])
    if i is not None:
        raise blank_error(t, i, "period")
    require_cells(t, ("fte",), d)
    d["sick_days"], d["sick_hours"] = _sick_days(t, d, hours_per_day)
    require_cells(t, ("sick_days",), d)
    if "staff_group" not in d.columns:
        d["staff_group"] = ""
    d["year"], d["quarter"], labels = _periods(t, pcodes, pcells)
    d["period"] = _period_column(d["period"], as_read, pcodes, labels)
    require_finite(t, ("fte", "sick_days"), d)
    _check_absence_amounts(t, d)
    codes, texts = coded(t, {"center", "sector", "staff_group"})
    if fast:  # the general path codes nothing
        codes["period"], texts["period"] = text_codes(pcodes, labels)
    if fast and "staff_group" not in codes:  # e.g. no staff-group column: '' on every row
        codes["staff_group"], texts["staff_group"] = text_codes(*pd.factorize(d["staff_group"]))
    refuse_case_clashes(t, d, codes, texts, groups=True)
    key = ["center", "sector", "period", "staff_group"]
    refuse(
        t,
        duplicated_rows(d, key, codes),
        "enhed, periode og personalegruppe står mere end én gang",
        column="period",
        value=lambda i: " / ".join(str(d[k].iloc[i]) for k in key if d[k].iloc[i]),
        hint="Hver kombination må kun have én række.",
    )
    return Table(d[ABSENCE_COLUMNS], t.path, t.sheet, t.rows, t.columns, t.warnings, codes, texts)


def refuse_subtotals(t: Table, d: pd.DataFrame, period: Coded) -> None:
    """No subtotal rows in the absence table (domain.md 3): a blank staff group beside rows with
    staff groups for the same unit and period (`period` as codes and cells); every such row is
    reported. Rows named like a total were refused when the table was built (tables.py)."""
    if "staff_group" not in d.columns:
        return
    codes, texts = dict(t.codes), dict(t.code_texts)
    unit = [column_codes_of(d, c, codes, texts) for c in ("center", "sector")]
    group = column_codes_of(d, "staff_group", codes, texts)
    # The period cells by their text: 2013 as a number and as text are one period.
    refuse_rows(blank_group_rows(t, d, [*unit, text_codes(*period)], group))


def refuse_case_clashes(
    t: Table, d: pd.DataFrame, codes: dict, texts: dict, *, groups: bool = False
) -> None:
    """No two centers, no two sectors of a center, and (`groups`) no two staff groups of one
    unit and period that differ only in letter case (domain.md 3); every clash is reported."""
    how = "kun med forskellige store og små bogstaver"
    found = case_clashes(
        t, d, "center", [], codes, texts, f"centeret står to gange, {how}"
    ) + case_clashes(
        t, d, "sector", ["center"], codes, texts, f"sektoren står to gange i centeret, {how}"
    )
    if groups:
        found += case_clashes(
            t,
            d,
            "staff_group",
            ["center", "sector", "period"],
            codes,
            texts,
            f"personalegruppen står to gange i samme enhed og periode, {how}",
        )
    refuse_rows(found)


def _period_cells(
    cells: pd.Series, fast: bool, coded: Factorized | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per row a code (from 0) and per code the period cell: its text (`cell_text`), or, in a
    column mixing number and text cells (xlsx), the cell as read, as it always was. `coded`:
    the cells' factorization, where the table made it."""
    fac = coded if coded is not None else factorize_exact(cells)
    if fac is None:
        codes, uniques = pd.factorize(cells)
        uniques = np.append(np.asarray(uniques, dtype=object), None)
        return np.where(codes < 0, len(uniques) - 1, codes), uniques  # -1: a missing cell
    if fast:
        return text_codes(*fac)  # one text per distinct cell (issue 7)
    codes, uniques = pd.factorize(cells.astype(object).map(cell_text))
    return codes, np.asarray(uniques, dtype=object)


def _period_column(
    cells: pd.Series, coded: Factorized | None, pcodes: np.ndarray, labels: list[str]
) -> pd.Series:
    """The period column: each row's label, as pandas' str. Where every distinct cell as read
    already is its label (2013, 2018Q1) and the row codes are the cells' own, the cells as read
    are the column (issue 14: no new array of a million labels)."""
    if (
        coded is not None
        and coded[0] is pcodes
        and cells.dtype == object
        and own_texts(coded[1], labels)
    ):
        return pd.Series(pd.array(cells.to_numpy(), dtype="str", copy=False), index=cells.index)
    return pd.Series(pd.array(labels, dtype="str").take(pcodes), index=cells.index)


def _sick_days(t: Table, d: pd.DataFrame, hours_per_day: float) -> tuple[pd.Series, pd.Series]:
    """sick_days, from sick_hours where a row has only hours (domain.md section 2), and the
    hours of those rows (NaN where a row gives days)."""
    # No hours on any row: one NaN seen from every row, a read-only view (issue 14: a column of
    # NaN was 33 MB of fresh memory on land_4x; the table's arrays are read-only anyway).
    none = pd.Series(np.broadcast_to(np.float64(np.nan), (len(d),)), index=d.index, copy=False)
    if "sick_days" not in d.columns or ("sick_hours" in d.columns and d["sick_days"].isna().all()):
        hours = d["sick_hours"]
        i = first(hours.isna())
        if i is not None:
            raise t.error("cellen er tom, men skal udfyldes", index=i, column="sick_hours")
        return hours / hours_per_day, hours
    if "sick_hours" in d.columns:
        fill = d["sick_days"].isna() & d["sick_hours"].notna()
        hours = d["sick_hours"].where(fill)
        return d["sick_days"].where(~fill, d["sick_hours"] / hours_per_day), hours
    return d["sick_days"], none


def _periods(
    t: Table, codes: np.ndarray, cells: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(year per row, quarter per row, label per code): one parse per distinct period (issue 7).

    A code no row has (e.g. the code of a missing cell) gets year 0 and label ''. The year is
    int32 and the quarter int8 (four digits and 0-4; issue 14: two int64 columns were 66 MB of
    fresh memory on land_4x).
    """
    found = [PERIOD.search(period_text(c)) for c in cells]
    i = first(np.array([m is None for m in found], dtype=bool)[codes])
    if i is not None:
        raise t.error(
            "perioden er ikke et år eller et kvartal",
            index=i,
            column="period",
            value=cells[codes[i]],
            hint="Skriv et kalenderår som 2013 eller et kvartal som 2018Q1.",
        )
    year = np.array([int(m.group(1)) if m else 0 for m in found], dtype=np.int32)
    quarter = np.array([int(m.group(2) or 0) if m else 0 for m in found], dtype=np.int8)
    labels = [
        "" if m is None else (f"{y}Q{q}" if q > 0 else str(y))
        for m, y, q in zip(found, year, quarter, strict=True)
    ]
    return year[codes], quarter[codes], labels


def _check_absence_amounts(t: Table, d: pd.DataFrame) -> None:
    """fte and sick days not negative, and no sick days without fte."""
    require_not_negative(t, d, "fte", "årsværk kan ikke være negativt")
    refuse(
        t,
        d["sick_days"] < 0,
        "sygefravær kan ikke være negativt",
        column="sick_days" if "sick_days" in t.columns else "sick_hours",
        value=d["sick_days"],
    )
    refuse(
        t,
        (d["fte"] == 0) & (d["sick_days"] > 0),
        "rækken har sygedage men 0 årsværk",
        column="fte",
        value=d["fte"],
        hint="Årsværk skal være større end 0, når der er sygefravær.",
    )


def read_units(path: Path, sheet: str | None = None, *, fast: bool = True) -> Table:
    """Units: center, sector, payroll, substitute_budget, prior_reduction, staff_group."""
    t = read_table(path, UNITS, sheet, fast=fast)
    d = t.data
    require_cells(t, ("center", "sector", "payroll"), d)
    for col in ("substitute_budget", "prior_reduction"):
        d[col] = d[col].fillna(0.0) if col in d.columns else 0.0
    if "staff_group" not in d.columns:
        d["staff_group"] = ""
    require_finite(t, ("payroll", "substitute_budget", "prior_reduction"), d)
    refuse(  # money is whole kroner (domain.md 4.5)
        t,
        d["prior_reduction"] != d["prior_reduction"].round(),
        "tidligere reduktion skal være hele kroner",
        column="prior_reduction",
        value=d["prior_reduction"],
        hint="Skriv beløbet uden øre, fx 100.000.",
    )
    for col in ("payroll", "substitute_budget"):
        require_not_negative(t, d, col, "beløbet kan ikke være negativt")
    _require_positive_prior(t, d)
    codes, texts = coded(t, set(UNIT_COLUMNS))
    refuse_case_clashes(t, d, codes, texts)
    refuse(
        t,
        duplicated_rows(d, ["center", "sector"], codes),  # from the codes (issue 14)
        "enheden står mere end én gang",
        column="sector",
        value=lambda i: f"{d['center'].iloc[i]} / {d['sector'].iloc[i]}",
        hint="Hver kombination af center og sektor må kun have én række.",
    )
    return Table(d[UNIT_COLUMNS], t.path, t.sheet, t.rows, t.columns, t.warnings, codes, texts)


def _require_positive_prior(t: Table, d: pd.DataFrame) -> None:
    """A prior reduction is an amount taken off the budget, written positive (domain.md 2);
    budget systems book cuts as negative amounts, so say how to write it."""
    prior = d["prior_reduction"]
    i = first(prior < 0)
    if i is not None:
        positive = f"{int(-prior.iloc[i]):,}".replace(",", ".")
        raise t.error(
            "en tidligere reduktion kan ikke være negativ",
            index=i,
            column="prior_reduction",
            value=prior.iloc[i],
            hint=f"En reduktion skrives som et positivt beløb: {positive}, ikke -{positive}.",
        )


def read_targets(path: Path, sheet: str | None = None, *, fast: bool = True) -> Table:
    """Targets for the `file` rule: center, sector, year, target."""
    t = read_table(path, TARGETS, sheet, fast=fast)
    d = t.data
    require_cells(t, ("center", "sector", "year", "target"), d)
    d["year"] = whole_years(t)
    require_finite(t, ("target",), d)
    require_not_negative(t, d, "target", "måltallet kan ikke være negativt")
    codes, texts = coded(t, {"center", "sector"})  # not the year's: it is a number now
    refuse_case_clashes(t, d, codes, texts)
    refuse(
        t,
        d.duplicated(["center", "sector", "year"]),
        "enhed og år står mere end én gang",
        column="year",
        value=d["year"],
    )
    frame = d[["center", "sector", "year", "target"]]
    return Table(frame, t.path, t.sheet, t.rows, t.columns, t.warnings, codes, texts)
