"""Cell checks the table readers share: required cells filled, numbers finite, years whole."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import InputError
from .numbers import NUMBER_HINT
from .tables import Table


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
            blank = pd.Series((texts == "")[codes], index=v.index)  # per distinct text (issue 7)
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
