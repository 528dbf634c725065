"""Numbers in input cells: number cells, and text the Danish way (`12,5`, `1.234.567 kr.`).

A cell such as `45.125` (or `45,125`) reads two ways: Danish thousands (45125) or a decimal
(45,125). Which one is decided per column from all its cells, never per cell (domain.md 3):
`scan_numbers` reads a column and says what each cell shows, `column_reading` decides, and
`read_number_columns` does it for a table's numeric columns, refusing a column that can be read
two ways. `scan_whole_numbers` is the fast path of a column of whole amounts (issue 7), tested
equal to `scan_text_numbers`, the general path.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from ..errors import InputError, raise_all

# What every "not a number" message suggests.
NUMBER_HINT = "Skriv tal som 12,5 eller 1.234.567 (eventuelt med 'kr.')."

# Columns in kroner (domain.md 2): an amount has at most two decimals (øre), so in them 45.125
# and 45,125 can only be thousands.
MONEY = frozenset({"payroll", "substitute_budget", "prior_reduction"})

# What a cell shows about its column (NumberScan.kinds).
NEUTRAL = 0  # the same in every reading: 12, -0, 0.000, 1e3, a number cell, blank or bad
DANISH = 1  # only the Danish form reads it: 1.234.567, 1.234,5, 12,5, 0,25
DECIMAL = 2  # only the dot-decimal form reads it: 12.5, 0.25, 1234.567, 1,234.5, 1,234,567
DOT = 3  # two readings: 45.125 is 45125 (Danish) or 45,125 (dot decimal)
COMMA = 4  # two readings: 45,125 is 45,125 (Danish) or 45125 (a thousands comma)

_AMB_DOT = r"[-+]?[1-9]\d{0,2}\.\d{3}"
_AMB_COMMA = r"[-+]?[1-9]\d{0,2},\d{3}"
_COMMA_GROUPS = r"[-+]?[1-9]\d{0,2}(?:,\d{3}){2,}"
_KRONER = r"(?i)\s*(?:kr\.?|dkk)\s*$"
_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")
# The ASCII characters that \s and str.strip take for whitespace.
_ASCII_SPACE = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"

# A whole column of blanks and whole numbers of at most 15 digits, bare or with thousands dots
# (`1.234.567`, `116.000`, `500`), as payroll and budgets usually are: read in one pass, and
# below 10**15 every way of parsing them gives the same float.
_SHAPES = str.maketrans("0123456789", "d" * 10)
_DA_SHAPE = re.compile(r"(?:d{1,3}(?:\.ddd){1,4}|d{1,15})?")


@dataclass(frozen=True)
class NumberScan:
    """A column's cells read: `values` (float64, NaN where blank or bad) with every cell of two
    readings (DOT, COMMA) read the Danish way, `other` its other reading (NaN elsewhere), `bad`
    (text that is no number), `kinds` (what each cell shows, see DANISH...) and `kroner` (a
    cell ends in 'kr.' or 'DKK')."""

    values: np.ndarray
    bad: np.ndarray
    kinds: np.ndarray
    other: np.ndarray
    kroner: bool = False
    numbers_only: bool = False  # number cells only: every kind NEUTRAL (issue 7: not looked at)

    def values_for(self, danish: bool) -> np.ndarray:
        """The column read the Danish way (`danish`) or with dot decimals and thousands commas."""
        if danish or not self.two_readings():
            return self.values
        two = self.kinds >= DOT
        out = self.values.copy()
        out[two] = self.other[two]
        return out

    def two_readings(self) -> bool:
        """Whether some cell reads two ways (45.125, 45,125)."""
        return not self.numbers_only and bool((self.kinds >= DOT).any())

    @property
    def ambiguous(self) -> np.ndarray:
        """Positions of the cells with two readings."""
        return np.flatnonzero(self.kinds >= DOT)


@dataclass(frozen=True)
class Shown:
    """What a column's cells show: the first cell (position) that shows the Danish form, and
    the first that shows dot decimals; None where none does."""

    danish: int | None
    decimals: int | None


def parse_numbers(
    values: pd.Series, danish: bool, *, fast: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Parse a column of cells to float64 whose reading is decided; returns (values, bad) where
    bad marks unparseable text. Blank cells become NaN and are not bad.

    A cell with one reading (`1.234.567`, `12,5`, `1.234,5`, `3.200.000 kr.`, `12.5`) is read
    so; `danish` says how a cell of two readings is read: `1.234` as 1234 and `1,234` as 1,234
    (True) or 1,234 and 1234 (False). A table's columns are decided by read_number_columns.
    """
    scan = scan_numbers(values, fast=fast)
    return scan.values_for(danish), scan.bad


def scan_numbers(values: pd.Series, *, fast: bool = True) -> NumberScan:
    """Read a column of cells (number cells and text); `fast` False skips the whole-number fast
    path (same result)."""
    n = len(values)
    if values.dtype.kind in "fiu":
        return _numbers_only(values.to_numpy(dtype="float64"))
    obj = values.astype(object)
    if pd.api.types.infer_dtype(obj, skipna=False) == "string":
        # Every cell is text (a CSV read as text): no number cells to pick out (issue 7).
        s = strip_cells(pd.Series(obj.to_numpy(), dtype=object))
        whole = scan_whole_numbers(s) if fast else None
        return whole if whole is not None else scan_text_numbers(s)
    is_num = obj.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).to_numpy()
    out = _numbers_only(np.full(n, np.nan), writable=True)
    out.values[is_num] = obj[is_num].astype("float64").to_numpy()
    if is_num.all():
        return _numbers_only(out.values)
    text = [("" if v is None else str(v)) for v in obj[~is_num].tolist()]
    scan = scan_text_numbers(strip_cells(pd.Series(text, dtype=object)))
    pos = np.flatnonzero(~is_num)
    for name in ("values", "bad", "kinds", "other"):
        getattr(out, name)[pos] = getattr(scan, name)
    return NumberScan(out.values, out.bad, out.kinds, out.other, scan.kroner)


def _numbers_only(v: np.ndarray, writable: bool = False) -> NumberScan:
    """The scan of number cells: each neutral (views of one value unless `writable`: a column
    of a million numbers costs no memory more)."""
    n = len(v)
    if writable:
        return NumberScan(v, np.zeros(n, bool), np.zeros(n, np.int8), np.full(n, np.nan))
    one = np.broadcast_to
    kinds = one(np.int8(NEUTRAL), (n,))
    return NumberScan(v, one(False, (n,)), kinds, one(np.nan, (n,)), numbers_only=True)


def strip_cells(s: pd.Series) -> pd.Series:
    """Text cells with no-break spaces as spaces and stripped; the column is looked at once as
    one string, and only changed when some cell needs it (issue 7)."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") == len(s) - 1 and "\xa0" not in joined:
        if not _edge_space(joined):
            return s
        return s.str.strip()
    return s.str.replace("\xa0", " ", regex=False).str.strip()


def _edge_space(joined: str) -> bool:
    """Whether a cell of cells joined by NUL starts or ends with whitespace. ASCII text without
    any whitespace character has none (issue 14: the regular expression alone took 5 ms a
    column of 58,800 amounts, each character a possible start of a match)."""
    if joined.isascii() and not any(c in joined for c in _ASCII_SPACE):
        return False
    return _EDGE_SPACE.search(joined) is not None


def scan_whole_numbers(s: pd.Series) -> NumberScan | None:
    """scan_text_numbers of a column of stripped text cells when each is blank or a whole number,
    bare or with thousands dots, else None. `116.000` has two readings (116000 or 116,000);
    `1.234.567` only the Danish one.

    The cells are checked by their shapes (each digit as `d`: a column of payroll has a handful
    of shapes), and parsed by `float`, exact for 15 digits (issue 14: a regular expression over
    the whole column and pandas' to_numeric took 0.05 s per column of 58,800 cells)."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") != len(s) - 1 or "d" in joined:
        return None
    shapes = set(joined.translate(_SHAPES).split("\x00"))
    if not all(_DA_SHAPE.fullmatch(x) for x in shapes):
        return None
    dots = _dots_per_cell(joined) if "." in joined else None
    if dots is not None and _dotted_with_leading_zero(joined, dots):
        return None  # 012.345 is no Danish form: the general path says what it is
    cells = joined.replace(".", "").split("\x00")
    values = np.array([float(c) if c else np.nan for c in cells], dtype=np.float64)
    n = len(values)
    kinds = np.zeros(n, dtype=np.int8)
    other = np.full(n, np.nan)
    if dots is not None:
        kinds[dots > 1] = DANISH
        kinds[dots == 1] = DOT
        other[dots == 1] = values[dots == 1] / 1000  # exact: the decimal 116.000 rounded once
    return NumberScan(values, np.zeros(n, dtype=bool), kinds, other)


def _dotted_with_leading_zero(joined: str, dots: np.ndarray) -> bool:
    """Whether a cell with thousands dots starts with 0 (cells joined by NUL, ASCII)."""
    b = np.frombuffer(joined.encode("ascii") + b"\x00", dtype=np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(b[:-1] == 0) + 1))
    return bool(((b[starts] == ord("0")) & (dots > 0)).any())


def _dots_per_cell(joined: str) -> np.ndarray:
    """The number of dots in each cell of cells joined by NUL (ASCII: digits and dots only)."""
    b = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    seen = np.concatenate(([0], np.cumsum(b == ord("."))))  # dots before each character
    ends = np.concatenate((np.flatnonzero(b == 0), [len(b)]))
    return np.diff(np.concatenate(([0], seen[ends])))


def scan_text_numbers(s: pd.Series) -> NumberScan:
    """The general path: stripped text cells read one by one, each as parse_numbers describes,
    with what each shows (`kinds`). A blank cell is NaN and not bad."""
    s = s.reset_index(drop=True)
    blank = s.eq("").to_numpy(dtype=bool)
    values = pd.to_numeric(s.where(~blank, None), errors="coerce").to_numpy("float64", copy=True)
    n = len(values)
    kinds = np.zeros(n, dtype=np.int8)
    other = np.full(n, np.nan)
    plain = ~np.isnan(values)
    dotted = np.flatnonzero(plain & s.str.contains(".", regex=False).to_numpy(dtype=bool))
    if len(dotted):  # 12.5 reads only as a decimal; 45.125 also as Danish thousands
        two = s.iloc[dotted].str.fullmatch(_AMB_DOT).to_numpy(dtype=bool)
        at = dotted[two]
        other[at] = values[at]
        values[at] = _digits(s.iloc[at])
        kinds[at] = DOT
        kinds[dotted[~two]] = DECIMAL
    need = np.flatnonzero(~plain & ~blank)
    kroner = False
    if len(need):
        t = s.iloc[need]
        kroner = bool(t.str.contains(_KRONER, regex=True).any())
        values[need], kinds[need], other[need] = _formatted(t)
    bad = np.isnan(values) & ~blank
    kinds[bad | (values == 0)] = NEUTRAL  # zero reads the same every way: 0.000, 0,0
    return NumberScan(values, bad, kinds, other, kroner)


def _digits(t: pd.Series) -> np.ndarray:
    """The number of a cell's digits and sign alone (45.125 -> 45125)."""
    return pd.to_numeric(t.str.replace(r"[.,]", "", regex=True), errors="coerce").to_numpy(
        "float64"
    )


def _formatted(t: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, kinds, other) of cells that are not plain numbers: `kr.`/DKK, spaces and `'`
    dropped; a comma is a thousands separator before a decimal dot (`1,234.5`) or in groups
    (`1,234,567`), else the decimal mark; dots are thousands where they must be."""
    t = t.str.replace(_KRONER, "", regex=True)
    t = t.str.replace(r"\s+", "", regex=True).str.replace("'", "", regex=False)
    n = len(t)
    values, kinds, other = np.full(n, np.nan), np.zeros(n, dtype=np.int8), np.full(n, np.nan)
    has_comma = t.str.contains(",", regex=False).to_numpy(dtype=bool)
    has_dot = t.str.contains(".", regex=False).to_numpy(dtype=bool)
    english = has_comma & has_dot & (t.str.rfind(".") > t.str.rfind(",")).to_numpy(dtype=bool)
    groups = has_comma & ~has_dot & t.str.fullmatch(_COMMA_GROUPS).to_numpy(dtype=bool)
    comma = has_comma & ~has_dot & t.str.fullmatch(_AMB_COMMA).to_numpy(dtype=bool)
    dot = ~has_comma & t.str.fullmatch(_AMB_DOT).to_numpy(dtype=bool)
    thousands = ~has_comma & has_dot & (t.str.count(r"\.") > 1).to_numpy()
    danish = has_comma & ~english & ~groups & ~comma
    decimal = ~has_comma & has_dot & ~dot & ~thousands

    def number(mask: np.ndarray, text: pd.Series) -> np.ndarray:
        return pd.to_numeric(text[mask], errors="coerce").to_numpy("float64")

    values[english | groups] = number(english | groups, t.str.replace(",", "", regex=False))
    no_dots = t.str.replace(".", "", regex=False)
    values[danish | comma] = number(danish | comma, no_dots.str.replace(",", ".", regex=False))
    values[dot | thousands] = number(dot | thousands, no_dots)
    plain = ~has_comma & ~has_dot
    values[plain | decimal] = number(plain | decimal, t)
    other[comma] = _digits(t[comma])
    other[dot] = values[dot] / 1000  # exact: the decimal 45.125 rounded once
    kinds[danish | thousands] = DANISH
    kinds[english | groups | decimal] = DECIMAL
    kinds[dot], kinds[comma] = DOT, COMMA
    return values, kinds, other


# --------------------------------------------------------------------------- deciding a column


def shown_forms(scan: NumberScan, *, money: bool, danish: bool) -> Shown:
    """What a column's cells show about its form. In kroner (`money`, or a cell with 'kr.') an
    amount has at most two decimals, so 45.125 and 45,125 show thousands; in a file whose
    separator is ';' (`danish`), the decimal comma is the locale's own, so 45,125 shows the
    Danish form (a `,` CSV quotes both a Danish 45,125 and an English 45,125)."""
    k = scan.kinds
    danish_form = k == DANISH
    decimals = k == DECIMAL
    if money or scan.kroner:
        danish_form = danish_form | (k == DOT)
        decimals = decimals | (k == COMMA)
    elif danish:
        danish_form = danish_form | (k == COMMA)
    return Shown(_first(danish_form), _first(decimals))


def _first(mask: np.ndarray) -> int | None:
    return int(np.argmax(mask)) if mask.any() else None


def column_reading(own: Shown, others: Collection[Shown] = ()) -> bool | None:
    """How a column with cells of two readings is read: True the Danish way, False with dot
    decimals, None when it cannot be told. Its own cells decide when they show one form only;
    when they show none, the other numeric columns of the file decide when together they show
    one form only (an export writes one locale's numbers: LibreOffice's Danish export writes all
    money with thousands dots)."""
    if (own.danish is None) != (own.decimals is None):
        return own.danish is not None
    if own.danish is not None:
        return None  # both forms in one column
    danish = any(o.danish is not None for o in others)
    decimals = any(o.decimals is not None for o in others)
    return danish if danish != decimals else None


class Locates(Protocol):
    """Where a table's cells are (tables.Located): header names, spreadsheet rows, errors."""

    columns: Mapping[str, str]
    rows: np.ndarray

    def error(self, message: str, **where: object) -> InputError: ...


def read_number_columns(
    columns: Mapping[str, pd.Series],
    where: Locates,
    *,
    danish: bool,
    fast: bool = True,
    money: Collection[str] = MONEY,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(values, bad) of each numeric column of a table, read as one export writes them: each
    column decided from all its cells (column_reading), never cell by cell. A column that can be
    read two ways is an InputError at its first such cell; every such column is reported.

    `danish`: the file is a `;` (or tab) CSV or a workbook (see shown_forms); `money`: the code
    names of the columns in kroner.
    """
    scans = {c: scan_numbers(v, fast=fast) for c, v in columns.items()}
    two = {c for c, s in scans.items() if s.two_readings()}
    if not two:  # every cell of one reading (issue 7: nothing more to look at)
        return {c: (s.values, s.bad) for c, s in scans.items()}
    shown = {c: shown_forms(s, money=c in money, danish=danish) for c, s in scans.items()}
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    errors = []
    for col, scan in scans.items():
        reading = True
        if col in two:
            reading = column_reading(shown[col], [shown[c] for c in scans if c != col])
        if reading is None:
            errors.append(_two_readings(where, col, columns[col], scan, shown[col]))
        else:
            out[col] = (scan.values_for(reading), scan.bad)
    raise_all(errors)
    return out


def _two_readings(
    where: Locates, col: str, cells: pd.Series, scan: NumberScan, shown: Shown
) -> InputError:
    """The error for a column that can be read two ways, at its first cell of two readings."""
    name = where.columns.get(col, col)
    two = scan.ambiguous
    i = int(two[0])

    def text(j: int) -> str:
        return " ".join(str(cells.iloc[j]).split())

    def row(j: int) -> str:
        return f"række {int(where.rows[j])}"

    a, b = sorted((abs(scan.values[i]), abs(scan.other[i])))
    sign = "-" if scan.values[i] < 0 else ""
    decimal, thousands = f"{sign}{a:.3f}".replace(".", ","), f"{sign}{b:.0f}"
    message = (
        f"kolonnen {name!r} kan læses på to måder: {text(i)} er enten {decimal} eller {thousands}"
    )
    if shown.danish is not None and shown.decimals is not None:
        d, e = text(shown.danish), text(shown.decimals)
        message += (
            f"; kolonnen har både {_mark(d, True)} ({d!r}, {row(shown.danish)}) og "
            f"{_mark(e, False)} ({e!r}, {row(shown.decimals)})"
        )
    more = [f"{text(j)} ({row(j)})" for j in two[1:6]]
    also = f"Også {', '.join(more)}{' ...' if len(two) > 6 else ''}. " if more else ""
    hint = (
        f"{also}Skriv decimaler med komma (fx {decimal}) i en fil med ';' som skilletegn, "
        f"eller fjern tusindtalsseparatorerne (fx {thousands})."
    )
    return where.error(message, index=i, column=col, value=text(i), hint=hint)


def _mark(text: str, danish: bool) -> str:
    """What a cell that shows a form uses its dot or comma for, in words."""
    comma = "," in text and (not danish or text.count(".") < 2)
    if danish:
        return "komma som decimaltegn" if comma else "punktum som tusindtalsseparator"
    return "komma som tusindtalsseparator" if comma else "punktum som decimaltegn"
