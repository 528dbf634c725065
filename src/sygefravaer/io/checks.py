"""Cell checks the table readers share: required cells filled, numbers finite, years whole;
no totals or subtotal rows, no two names that differ only in letter case (domain.md 3)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from ..names import group_key
from .codes import cell_text, dense_ids
from .numbers import NUMBER_HINT
from .rows import (
    CASE_HINT,
    TOTALS_HINT,
    Coded,
    RowCheck,
    column_codes_of,
)
from .tables import Located, Table


def first(mask: np.ndarray | pd.Series) -> int | None:
    """Position of the first True, or None."""
    hits = np.flatnonzero(np.asarray(mask))
    return int(hits[0]) if len(hits) else None


def require_cells(table: Table, cols: tuple[str, ...], data: pd.DataFrame | None = None) -> None:
    """No blank cell in `cols` of `data` (default: the table's own); the first is an error."""
    d = table.data if data is None else data
    for col in cols:
        if col not in d.columns:
            continue
        v = d[col]
        codes, texts = table.codes.get(col), table.code_texts.get(col)
        if v.dtype.kind == "f":
            blank = v.isna()
        elif codes is not None and texts is not None and len(codes) == len(v):
            empty = texts == ""  # per distinct text (issue 7)
            if not empty.any():
                continue  # no text is blank, so no cell is (issue 14: no pass over the rows)
            blank = pd.Series(empty[codes], index=v.index)
        elif v.dtype == object and pd.api.types.infer_dtype(v, skipna=False) == "string":
            blank = v.eq("")  # text cells (issue 7: no conversion of a million cells)
        else:
            blank = v.astype(str).eq("")
        i = first(blank)
        if i is not None:
            raise blank_error(table, i, col)


def blank_error(table: Table, index: int, col: str) -> InputError:
    """The error for a blank cell that must be filled."""
    hint = None
    if table.sheet is not None:  # calamine reads an error value (#DIV/0!) as blank
        hint = "En formel med en fejlværdi (#DIV/0!, #REF!, ...) læses også som tom."
    return table.error("cellen er tom, men skal udfyldes", index=index, column=col, hint=hint)


def require_finite(table: Table, cols: tuple[str, ...], data: pd.DataFrame | None = None) -> None:
    """Numbers must be finite: `inf` or `1e400` in a cell is no amount (issue 5)."""
    d = table.data if data is None else data
    for col in cols:
        if col not in d.columns:
            continue
        i = first(np.isinf(d[col].to_numpy(dtype="float64")))
        if i is not None:
            raise table.error(
                "cellen er ikke et endeligt tal",
                index=i,
                column=col,
                value=d[col].iloc[i],
                hint=NUMBER_HINT,
            )


def refuse(
    table: Table,
    mask: np.ndarray | pd.Series,
    message: str,
    *,
    column: str,
    value: pd.Series | Callable[[int], object] | None = None,
    hint: str | None = None,
) -> None:
    """An input error `message` at the first row where `mask` holds, if one does; the value
    shown is that row's cell of `value` (a column), or `value(row)`."""
    i = first(mask)
    if i is None:
        return
    shown = value.iloc[i] if isinstance(value, pd.Series) else value(i) if value else None
    raise table.error(message, index=i, column=column, value=shown, hint=hint)


def require_not_negative(table: Table, data: pd.DataFrame, col: str, message: str) -> None:
    """No negative number in `col`; the first is an error with `message`."""
    refuse(table, data[col] < 0, message, column=col, value=data[col])


def whole_years(table: Table) -> pd.Series:
    """The `year` column as whole years; text, fractions, inf and absurd years are input errors."""
    raw = table.data["year"]
    years = pd.to_numeric(raw, errors="coerce")
    i = first(years.isna() | ~years.between(1900, 2200) | (years != years.round()))
    if i is not None:
        raise table.error(
            "året er ikke et helt tal (et årstal)",
            index=i,
            column="year",
            value=raw.iloc[i],
            hint="Skriv året som fx 2017.",
        )
    return years.astype(int)


def coded(table: Table, names: set[str]) -> tuple[dict, dict]:
    """The table's codes and code texts of the columns in `names` (for a table made from it)."""
    keep = [c for c in table.codes if c in names]
    return {c: table.codes[c] for c in keep}, {c: table.code_texts[c] for c in keep}


# --------------------------------------------------------------------------- totals and names


# Of many totals rows or case clashes the first ones are reported, then how many more.
def blank_group_rows(
    table: Located, d: pd.DataFrame, unit_period: list[Coded], group: Coded
) -> list[RowCheck]:
    """The rows with a blank staff group beside rows with staff groups for the same unit and
    period (`unit_period`: center, sector and period, each as (codes, texts)): subtotals
    without a totals label (domain.md 3)."""
    gcodes, gtexts = group
    empty = np.asarray(gtexts, dtype=object) == ""
    if not empty.any():
        return []  # no blank staff group at all (issue 14: no pass over the rows)
    blank = empty[gcodes]
    if not blank.any() or blank.all():
        return []
    ids, k = unit_ids([c for c, _ in unit_period], len(d))
    grouped = np.bincount(ids[~blank], minlength=k) > 0

    def error(i: int) -> InputError:
        return table.error(
            "personalegruppen er tom, men enheden har rækker med personalegrupper i samme "
            "periode: rækken ligner en subtotal",
            index=i,
            column="staff_group",
            value=" / ".join(cell_text(t[c[i]]) for c, t in unit_period),
            hint=TOTALS_HINT + " Hver række skal have sin personalegruppe.",
        )

    return [(blank & grouped[ids], error)]


def unit_ids(columns: list[np.ndarray], n: int) -> tuple[np.ndarray, int]:
    """Per row a number in [0, k) for its key (one code array per key column), and k."""
    dense = dense_ids(columns, n)
    if dense is not None:
        return dense
    ids, uniques = pd.factorize(pd.MultiIndex.from_arrays(columns))
    return ids, len(uniques)


def case_clashes(
    table: Located,
    d: pd.DataFrame,
    col: str,
    within: list[str],
    codes: Mapping[str, np.ndarray],
    texts: Mapping[str, np.ndarray],
    message: str,
) -> list[RowCheck]:
    """The rows, each with an error `message`, where two spellings of `col` that differ only in
    letter case (names.group_key) meet in the same `within` key (e.g. the staff groups of one
    unit and period), showing each spelling and its first row; domain.md 3.

    Judged per distinct text; only rows of clashing texts are looked at row by row."""
    c, t = column_codes_of(d, col, codes, texts)
    kcodes, kuniq = pd.factorize(np.array([group_key(x) for x in t], dtype=object))
    if len(kuniq) == len(t):
        return []  # every spelling its own key: the usual case
    shared = np.bincount(kcodes, minlength=len(kuniq)) > 1
    rows = np.flatnonzero(shared[kcodes][c])
    keys = {w: column_codes_of(d, w, codes, texts)[0][rows] for w in within}
    frame = pd.DataFrame({**keys, "_key": kcodes[c[rows]], "_text": c[rows], "_row": rows})
    firsts = frame.drop_duplicates([*within, "_key", "_text"])  # each spelling's first row
    groups = firsts.groupby([*within, "_key"], sort=False)
    clash = firsts.assign(_group=groups.ngroup())[groups["_row"].transform("size") > 1]
    second = clash.groupby("_group", sort=False)["_row"].nth(1)  # where a clash is reported
    mask = np.zeros(len(d), dtype=bool)
    mask[second.to_numpy()] = True
    group_at = dict(zip(second.to_numpy().tolist(), clash.loc[second.index, "_group"], strict=True))

    def error(i: int) -> InputError:
        spellings = clash[clash["_group"] == group_at[i]]
        shown = " og ".join(
            f"{t[x]!r} (række {int(table.rows[r])})"
            for x, r in zip(spellings["_text"], spellings["_row"], strict=True)
        )
        return table.error(
            f"{message}: {shown}", index=i, column=col, value=t[c[i]], hint=CASE_HINT
        )

    return [(mask, error)]
