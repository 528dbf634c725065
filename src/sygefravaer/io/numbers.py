"""Numbers in input cells: number cells, and text the Danish way (`12,5`, `1.234.567 kr.`).

`parse_numbers` is the one rule; `whole_danish_numbers` is its fast path for a column of whole
amounts (issue 7), tested equal to `parse_text_numbers`, the general path.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# What every "not a number" message suggests.
NUMBER_HINT = "Skriv tal som 12,5 eller 1.234.567 (eventuelt med 'kr.')."

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")

# A whole column of blanks and whole numbers of at most 15 digits, bare or with thousands dots
# (`1.234.567`, `116.000`, `500`), as payroll and budgets usually are: parse_numbers reads each as
# its digits, and below 10**15 every way of parsing them gives the same float.
_DA_NUMBER = r"(?:\d{1,3}(?:\.\d{3}){1,4}|\d{1,15})"
_DA_COLUMN = re.compile(rf"(?:{_DA_NUMBER})?(?:\x00(?:{_DA_NUMBER})?)*")


def parse_numbers(
    values: pd.Series, danish: bool, *, fast: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Parse a column of cells to float64; returns (values, bad) where bad marks unparseable text.

    Blank cells become NaN and are not bad. `danish` says `1.234` means 1234 (a `;` CSV or an xlsx
    text cell); in a `,` CSV it means 1.234. `1.234.567`, `12,5`, `1.234,5` and `3.200.000 kr.` are
    read the Danish way everywhere. `fast` False skips the whole-number fast path (same result).
    """
    if values.dtype.kind in "fiu":
        out = values.to_numpy(dtype="float64")
        return out, np.zeros(len(out), dtype=bool)
    obj = values.astype(object)
    result = np.full(len(obj), np.nan)
    bad = np.zeros(len(obj), dtype=bool)
    if pd.api.types.infer_dtype(obj, skipna=False) == "string":
        # Every cell is text (a CSV read as text): no number cells to pick out (issue 7).
        is_num = np.zeros(len(obj), dtype=bool)
        s = pd.Series(obj.to_numpy(), dtype=object)
    else:
        is_num = obj.map(
            lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
        ).to_numpy()
        result[is_num] = obj[is_num].astype("float64").to_numpy()
        text = obj[~is_num]
        if text.empty:
            return result, bad
        s = pd.Series([("" if v is None else str(v)) for v in text.tolist()], dtype=object)
    s = strip_cells(s)
    if fast and danish and not is_num.any():
        whole = whole_danish_numbers(s)
        if whole is not None:
            return whole, bad
    positions = np.flatnonzero(~is_num)
    result[positions], bad[positions] = parse_text_numbers(s, danish)
    return result, bad


def strip_cells(s: pd.Series) -> pd.Series:
    """Text cells with no-break spaces as spaces and stripped; the column is looked at once as
    one string, and only changed when some cell needs it (issue 7)."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") == len(s) - 1 and "\xa0" not in joined:
        if not _EDGE_SPACE.search(joined):
            return s
        return s.str.strip()
    return s.str.replace("\xa0", " ", regex=False).str.strip()


def whole_danish_numbers(s: pd.Series) -> np.ndarray | None:
    """The values of a column of stripped text cells when each is blank or a whole number, bare
    or with thousands dots (one regular expression over the whole column, issue 7), else None."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") != len(s) - 1 or not _DA_COLUMN.fullmatch(joined):
        return None
    cells = joined.replace(".", "").split("\x00")
    return pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").to_numpy(dtype="float64")


def parse_text_numbers(s: pd.Series, danish: bool) -> tuple[np.ndarray, np.ndarray]:
    """(values, bad) of stripped text cells, each read as parse_numbers describes: the general
    path. A blank cell is NaN and not bad."""
    blank = s.eq("")
    fast = pd.to_numeric(s.where(~blank, None), errors="coerce")
    need = fast.isna() & ~blank
    grouped = None
    if danish:
        grouped = s.str.match(_THOUSANDS) & ~blank
        need |= grouped
    if grouped is not None and grouped.any():
        # A bare `1.234.567`: the steps below would only drop its dots (issue 7: skip them).
        fast = fast.copy()
        fast[grouped] = pd.to_numeric(s[grouped].str.replace(".", "", regex=False), errors="coerce")
        need &= ~grouped
    if need.any():
        fast = fast.copy()
        fast[need] = _danish_text(s[need])
    vals = fast.to_numpy(dtype="float64")
    return vals, np.isnan(vals) & ~blank.to_numpy()


def _danish_text(t: pd.Series) -> pd.Series:
    """Cells that are not plain numbers: `kr.`/DKK, spaces and `'` dropped, then a comma is the
    decimal mark unless a dot follows it (`1,234.5`), and dots are thousands where they must be."""
    t = t.str.replace(r"(?i)\s*(kr\.?|dkk)\s*$", "", regex=True)
    t = t.str.replace(r"\s+", "", regex=True).str.replace("'", "", regex=False)
    has_comma = t.str.contains(",", regex=False)
    dotted = t.str.contains(".", regex=False)
    english = has_comma & dotted & (t.str.rfind(".") > t.str.rfind(","))
    t = t.where(~english, t.str.replace(",", "", regex=False))
    danish_comma = has_comma & ~english
    t = t.where(
        ~danish_comma, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    thousands = ~has_comma & dotted & ((t.str.count(r"\.") > 1) | t.str.match(_THOUSANDS))
    t = t.where(~thousands, t.str.replace(".", "", regex=False))
    return pd.to_numeric(t, errors="coerce")
