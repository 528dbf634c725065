"""One input table read into a validated, immutable Table (domain.md section 3).

A table may be CSV (`;`, `,` or tab) or xlsx; its header is found below any title rows, its
columns are named by the header aliases (headers.py), numbers are parsed (numbers.py), blank rows
are dropped. Every problem is an InputError naming file, sheet, row and column. A large CSV is
read by the fast path of fast_csv.py where it gives the same table; `fast=False` reads every
cell as text and codes nothing (the general path the fast paths are tested against).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from ..errors import InputError, InputNote, InputWarning, raise_all
from .codes import (
    Factorized,
    cell_text,
    code_texts,
    column_codes,
    factorize_exact,
    map_unique,
    own_texts,
    sorted_unit_codes,
    text_codes,
)
from .fast_csv import read_csv_fast
from .headers import (
    LABELS,
    TableSpec,
    did_you_mean,
    find_header,
    header_codes,
    missing_columns_error,
    resembles,
)
from .numbers import NUMBER_HINT, read_number_columns
from .rows import refuse_rows, total_rows
from .sources import CsvSource, SheetCells, XlsxSheet, excel_numbers, read_source, sheet_names


class Located:
    """Rows of an input file that errors point at: `path`, `sheet`, `rows` (the spreadsheet row
    of each row position) and `columns` (the header as written of each column's code name)."""

    path: Path
    sheet: str | None
    rows: np.ndarray
    columns: Mapping[str, str]

    def error(
        self,
        message: str,
        *,
        index: int | None = None,
        column: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> InputError:
        """An InputError pointing at a row (by position) and a column (by code name)."""
        row = int(self.rows[index]) if index is not None else None
        col = self.columns.get(column, column) if column else None
        return InputError(
            message, file=self.path, sheet=self.sheet, row=row, column=col, value=value, hint=hint
        )


@dataclass(frozen=True)
class Where(Located):
    """Where rows came from, for errors before there is a table."""

    path: Path
    sheet: str | None
    rows: np.ndarray
    columns: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Table(Located):
    """A validated table with where it came from; `rows` holds spreadsheet row numbers.

    Immutable: `data` gives a copy of the rows that shares memory with the table (pandas'
    copy-on-write), so changing it never changes the table; `with_data` makes a new table.
    `codes[col]` is, for a text column, one integer per row (equal integers = equal text) and
    `code_texts[col]` the text of each integer, so `code_texts[col][codes[col]]` is the column:
    fast key checks on large tables (issue 7). A column without codes is simply not in them.
    """

    _frame: pd.DataFrame = field(repr=False)
    path: Path
    sheet: str | None
    rows: np.ndarray = field(repr=False)
    columns: Mapping[str, str] = field(default_factory=dict)  # code name -> header as written
    warnings: tuple[InputWarning, ...] = ()
    codes: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)
    code_texts: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        frame = self._frame.copy(deep=False)  # the caller's later changes to it do not reach us
        n = len(frame)
        rows = _read_only(np.asarray(self.rows))
        codes = {c: _read_only(np.asarray(a)) for c, a in self.codes.items()}
        if len(rows) != n or any(len(a) != n or c not in frame for c, a in codes.items()):
            raise ValueError("a Table needs one row number and one code per row of its data")
        if not set(codes) <= set(self.code_texts):
            raise ValueError("a Table needs the texts of its codes")
        texts = {c: _read_only(np.asarray(self.code_texts[c], dtype=object)) for c in codes}
        for name, value in (
            ("_frame", frame),
            ("rows", rows),
            ("columns", MappingProxyType(dict(self.columns))),
            ("warnings", tuple(self.warnings)),
            ("codes", MappingProxyType(codes)),
            ("code_texts", MappingProxyType(texts)),
        ):
            object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple:
        """Pickled (and deep-copied) as the arguments that make it again."""
        codes, texts = dict(self.codes), dict(self.code_texts)
        args = (self._frame, self.path, self.sheet, self.rows, dict(self.columns), self.warnings)
        return Table, (*args, codes, texts)

    @property
    def data(self) -> pd.DataFrame:
        """The rows, by position 0..n-1; a copy (cheap: copy-on-write) that may be changed."""
        return self._frame.copy(deep=False)

    def with_data(self, frame: pd.DataFrame, rows: np.ndarray | None = None) -> Table:
        """A new table of `frame` (e.g. a changed copy of `data`), with its text codes made anew
        from its cells, so that the fast paths see the change; the reader's rules (domain.md 3)
        are not checked again.

        `rows`: the spreadsheet row of each row of `frame`; by default found from its index,
        which keeps the positions `data` numbers its rows by (a filtered or reordered copy).
        """
        if rows is None:
            labels = np.asarray(frame.index)
            n = len(self.rows)
            if labels.dtype.kind not in "iu" or (
                len(labels) and not 0 <= labels.min() <= labels.max() < n
            ):
                raise ValueError("with_data needs rows= for a frame not indexed as `data` is")
            rows = self.rows[labels]
        frame = frame.reset_index(drop=True)
        codes, texts = column_codes(frame)
        return Table(frame, self.path, self.sheet, rows, self.columns, self.warnings, codes, texts)

    def sorted_units(self) -> tuple[np.ndarray, pd.MultiIndex] | None:
        """Per row the number of its (center, sector) among the table's units in sorted order,
        and those units: the numbering of `groupby(["center", "sector"], sort=True)`, made from
        the text codes (no hashing of a million texts, issue 7). None without both codes."""
        return self._sorted_units

    @cached_property
    def _sorted_units(self) -> tuple[np.ndarray, pd.MultiIndex] | None:
        return sorted_unit_codes(self.codes, self.code_texts, len(self._frame))


def _read_only(a: np.ndarray) -> np.ndarray:
    view = a.view()
    view.flags.writeable = False
    return view


# --------------------------------------------------------------------------- reading


def read_table(
    path: Path,
    spec: TableSpec,
    sheet: str | None = None,
    *,
    raw: tuple[str, ...] = (),
    fast: bool = True,
) -> Table:
    """Read one table: find the header, map aliases, parse numbers, drop blank rows.

    `raw`: text columns left as read (not made text), for a reader that makes its own column of
    them; coded as read (`codes`, `code_texts` the cells' own values) where all are text.
    `fast` False: the general path (see the module's docstring).
    """
    # The source is not kept while the columns are built: a CSV's text may be large (memory).
    return _build(*_body(read_source(path, sheet), path, spec, fast), spec, path, raw, fast)


def table_from_source(
    source: XlsxSheet | CsvSource,
    path: Path,
    spec: TableSpec,
    *,
    raw: tuple[str, ...] = (),
    fast: bool = True,
) -> Table:
    """read_table on a file already read (sources.read_source)."""
    return _build(*_body(source, path, spec, fast), spec, path, raw, fast)


def _body(
    source: XlsxSheet | CsvSource, path: Path, spec: TableSpec, fast: bool
) -> tuple[
    pd.DataFrame, list[str], str | None, int, bool, SheetCells | None, dict[int, Factorized]
]:
    """(body, header, sheet, spreadsheet row of the first body row, danish, the sheet's cells
    as its XML describes them, the text columns' factorizations by position where the fast CSV
    path made them) of a table."""
    if isinstance(source, CsvSource):
        header, df, h, danish, coded = _csv_frame(source, path, spec, fast)
        return df, header, None, h + 2, danish, None, coded
    header, df, h = _sheet_frame(source, path, spec)
    return df, header, source.name, h + 2, True, source.cells, {}


def _sheet_frame(
    source: XlsxSheet, path: Path, spec: TableSpec
) -> tuple[list[str], pd.DataFrame, int]:
    """(header, body, header row index) of an xlsx sheet's table."""
    rows = source.rows
    if not rows or all(all(c is None or str(c).strip() == "" for c in r) for r in rows):
        raise InputError(
            "arket er tomt",
            file=path,
            sheet=source.name,
            hint=f"En {spec.kind} skal have en overskriftsrække og data.",
        )
    h = find_header(rows, spec)
    if h is None:
        err = missing_columns_error(rows, spec, path, source.name)
        names = sheet_names(path) if source.by_default else []
        if len(names) > 1:  # a cover sheet first is common in HR workbooks
            which = "det første ark" if names[0] == source.name else "det aktive ark"
            raise InputError(
                err.message,
                file=path,
                sheet=source.name,
                hint=f"{err.hint}\n  Tabellen læses fra {which}, der er synligt og aktivt; "
                f"filens ark er: {', '.join(names)}. Angiv arket under [sheets] i scenariet, "
                "eller gem tabellen som CSV.",
            )
        raise err
    header = ["" if c is None else str(c) for c in rows[h]]
    width = len(header)
    body = rows[h + 1 :]
    df = (
        pd.DataFrame.from_records(body, columns=range(width))
        if body
        else pd.DataFrame(columns=range(width))
    )
    return header, df, h


def _csv_frame(
    src: CsvSource, path: Path, spec: TableSpec, fast: bool
) -> tuple[list[str], pd.DataFrame, int, bool, dict[int, Factorized]]:
    """(header, body, header row index, danish, factorizations) of a CSV table; the body's cells
    are text, or numbers where the fast path could read the numeric columns (issue 7), and the
    fast path's text columns come with their factorizations (by position; issue 14)."""
    if not src.whole and (src.head.isspace() or _head_lines(src.head, 30, whole=False) is None):
        src.text()  # a first MiB of blanks, or under 30 lines: read like a small file
    text = src.head
    if not text or text.isspace():
        raise InputError(
            "filen er tom",
            file=path,
            hint=f"En {spec.kind} skal have en overskriftsrække og data.",
        )
    head_lines = _head_lines(text, 30, whole=src.whole)
    delim = _sniff_delimiter(head_lines)
    danish = delim != ","
    try:
        head_rows = list(csv.reader(head_lines, delimiter=delim))
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit (128 KiB)
        raise csv_error(path, exc) from exc
    h = find_header(head_rows, spec)
    if h is None:
        raise missing_columns_error(head_rows, spec, path, None)
    if fast:
        stream = src.stream if src.utf8 else None
        by_name = src.file_path() if src.utf8 else None
        found = read_csv_fast(
            text if src.whole else None, delim, h, spec, danish, stream, path=by_name
        )
        if found is not None:
            header, body, coded = found
            return header, body, h, danish, coded
    if not src.whole:
        src.text()
        if not src.utf8:  # not UTF-8 after all: the file is cp1252, start again on its text
            return _csv_frame(src, path, spec, fast)
    header, body = _csv_text_frame(src.head, delim, h, path, spec)
    return header, body, h, danish, {}


def csv_error(path: Path, exc: csv.Error) -> InputError:
    """The input error for text the csv module cannot parse."""
    return InputError(
        f"filen kan ikke læses som CSV ({exc})",
        file=path,
        hint="Kontrollér anførselstegn; gem tabellen igen som CSV eller .xlsx.",
    )


def _csv_text_frame(
    text: str, delim: str, h: int, path: Path, spec: TableSpec
) -> tuple[list[str], pd.DataFrame]:
    """Header and body of a CSV table from line `h` on, every cell as text."""
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delim,
            header=None,
            skiprows=h,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        line = int(m.group(1)) if m else None  # pandas counts the file's own lines
        raise InputError(
            "rækken har flere felter end overskriften",
            file=path,
            row=line,
            hint="Kontrollér skilletegn og anførselstegn i rækken.",
        ) from exc
    except pd.errors.EmptyDataError as exc:  # e.g. a lone CR before the header (pandas' lines)
        raise InputError(f"{spec.kind} har en overskrift men ingen datarækker", file=path) from exc
    header = [str(c) for c in df.iloc[0].tolist()]
    return header, df.iloc[1:].reset_index(drop=True)


def _sniff_delimiter(lines: list[str]) -> str:
    semi = sum(line.count(";") for line in lines)
    comma = sum(line.count(",") for line in lines)
    tab = sum(line.count("\t") for line in lines)
    if tab > semi and tab > comma:
        return "\t"
    return ";" if semi >= comma and semi > 0 else ","


def _head_lines(text: str, n: int, whole: bool = True) -> list[str] | None:
    """The first n lines of `text` without splitting a whole large file (issue 7). When `text` is
    only the start of the file (`whole` False), None if it may end inside one of those n lines."""
    size = 1 << 16
    while size < len(text):
        lines = split_lines(text[:size])
        if len(lines) > n + 1:  # line n is complete: the cut falls in a later line
            return lines[:n]
        size *= 4
    lines = split_lines(text)
    if not whole and len(lines) <= n:
        return None
    return lines[:n]


_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """`text.splitlines()` at the line ends pandas and the csv module know (CR LF, CR, LF) only:
    a form feed or vertical tab inside a line does not end it, so the header's line number is
    the one pandas skips to."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()  # the text ends with a line end (or is empty)
    return lines


# --------------------------------------------------------------------------- building


def _build(
    df: pd.DataFrame,
    header: list[str],
    sheet: str | None,
    first_row: int,
    danish: bool,
    cells: SheetCells | None,
    coded: dict[int, Factorized],
    spec: TableSpec,
    path: Path,
    raw: tuple[str, ...],
    fast: bool,
) -> Table:
    """The Table of a header and body: the recognised columns, blank rows dropped, numbers
    parsed, text cells as `cell_text`, with their codes (fast) where the cells could be coded
    (`coded`: the factorizations the fast CSV path made, by column position).
    A sheet's cells read as blank that are not are refused, and its numbers are taken at 15
    significant digits (sources.py)."""
    columns, keep, notes = _recognised(header, spec, path, sheet, first_row)
    found = cells.check(keep, columns, spec.numeric, first_row) if cells else ()
    # Columns by code name, as views of `df`; the table is built once at the end, so no column
    # of a million rows is copied or set into a frame on the way (issue 7).
    cols = {code: df.iloc[:, i] for code, i in keep.items()}
    end = first_row + len(df)  # int32 where it holds them: half the memory (issue 14)
    rownums = np.arange(first_row, end, dtype=np.int32 if end < 2**31 else np.int64)
    facs = {}
    if fast:
        given = {c: coded[i] for c, i in keep.items() if i in coded}
        facs = {
            c: given.get(c) or factorize_exact(v) for c, v in cols.items() if c not in spec.numeric
        }
    blank = _blank_rows(cols, facs, len(df)) if fast else _blank_rows_general(cols, len(df))
    if blank.any():  # blank in every recognised column: blank lines, notes below the table
        kept = ~blank
        cols = {c: v[kept].reset_index(drop=True) for c, v in cols.items()}
        rownums = rownums[kept]
        facs = {c: f and (f[0][kept], f[1]) for c, f in facs.items()}
    where = Where(path, sheet, rownums, columns)
    notes = (*notes, *found)  # the columns skipped, then the sheet's doubts
    return _columns_table(cols, facs, where, danish, spec, raw, fast, notes, cells is not None)


def _columns_table(
    cols: dict[str, pd.Series],
    facs: dict[str, Factorized | None],
    where: Where,
    danish: bool,
    spec: TableSpec,
    raw: tuple[str, ...],
    fast: bool,
    notes: tuple[InputWarning, ...] = (),
    spreadsheet: bool = False,
) -> Table:
    """The Table of the columns of the non-blank rows: numbers parsed (a spreadsheet's at 15
    significant digits), text as `cell_text`; `notes` (the columns skipped, the sheet's doubts)
    become its warnings."""
    n = len(where.rows)
    if n == 0:
        raise InputError(
            f"{spec.kind} har en overskrift men ingen datarækker",
            file=where.path,
            sheet=where.sheet,
        )
    out, codes, texts = {}, {}, {}
    index = pd.RangeIndex(n)
    numeric = {c: v for c, v in cols.items() if c in spec.numeric}
    # The text of each distinct cell, made once for the checks, the column and its codes (issue 14)
    made = {c: code_texts(f[1]) for c, f in facs.items() if f is not None and c not in raw}
    _refuse_named_totals(cols, facs, made, where)
    numbers = read_number_columns(numeric, where, danish=danish, fast=fast)  # per column
    for col, v in cols.items():
        if col in spec.numeric:
            vals, bad = numbers[col]
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise where.error(
                    "cellen er ikke et tal", index=i, column=col, value=v.iloc[i], hint=NUMBER_HINT
                )
            vals = excel_numbers(vals) if spreadsheet else vals
            out[col] = pd.Series(vals, index=index, dtype="float64", copy=False)
        elif col in raw:
            out[col] = v.reset_index(drop=True)  # as read: the caller makes its own column
            fac = facs.get(col)
            if fac is not None and all(type(u) is str for u in fac[1]):
                # coded as read, for the caller (issue 14: no second factorization)
                codes[col], texts[col] = fac[0], np.asarray(fac[1], dtype=object)
        else:
            fac = facs.get(col)
            out[col] = _text_column(v, fac, made.get(col), index, fast)
            if fac is not None:
                codes[col], texts[col] = text_codes(*fac, texts=made[col])
    frame = pd.DataFrame(out, index=index, columns=list(cols), copy=False)
    return Table(frame, where.path, where.sheet, where.rows, where.columns, notes, codes, texts)


def _refuse_named_totals(
    cols: dict[str, pd.Series],
    facs: dict[str, Factorized | None],
    made: dict[str, np.ndarray],
    where: Where,
) -> None:
    """Totals and subtotal rows by name (domain.md 3) are refused before the numbers are read:
    their sums can make a number column look as if it reads two ways, and the totals row is
    what the analyst must fix. The readers check the rest (blank staff groups beside groups).
    `made`: the code_texts of the factorized columns."""
    names = tuple(c for c in ("center", "sector", "staff_group") if c in cols)
    codes, texts = {}, {}
    for c in names:
        if facs.get(c) is not None:
            codes[c] = facs[c][0]
            texts[c] = made[c][:-1]  # the last is a missing cell's
    frame = pd.DataFrame({c: cols[c] for c in names}, copy=False)
    refuse_rows(total_rows(where, frame, names, codes, texts))


def _recognised(
    header: list[str], spec: TableSpec, path: Path, sheet: str | None, first_row: int
) -> tuple[dict[str, str], dict[str, int], tuple[InputWarning, ...]]:
    """The spec's columns in the header: (code -> header as written, code -> position, a note
    of the columns skipped). A column named twice is an input error; so is a header that nearly
    names a column the table lacks ("Tidligere reduktioner"), which would else silently vanish."""
    columns: dict[str, str] = {}
    keep: dict[str, int] = {}
    skipped: list[str] = []
    for i, (name, code) in enumerate(zip(header, header_codes(header, spec), strict=True)):
        if code is None or code not in (*spec.required, *spec.optional):
            if name.strip():
                skipped.append(_shown_header(name))
            continue
        if code in keep:
            raise InputError(
                f"kolonnen {code!r} står to gange ({columns[code]!r} og {name!r})",
                file=path,
                sheet=sheet,
                row=first_row - 1,
                column=name,
            )
        keep[code] = i
        columns[code] = _shown_header(name)
    absent = [c for c in (*spec.required, *spec.optional) if c not in keep]
    raise_all(
        [
            InputError(
                f"overskriften ligner en kendt kolonne, men er ikke den: {did_you_mean(code)}",
                file=path,
                sheet=sheet,
                row=first_row - 1,
                column=name,
                hint=f"Ret overskriften til {LABELS.get(code, code)!r} (eller et andet navn, "
                "hvis kolonnen ikke skal bruges).",
            )
            for name in skipped
            if (code := resembles(name, absent))
        ]
    )
    notes = (
        (
            InputNote(
                f"{path.name}: ukendte kolonner springes over: {', '.join(map(repr, skipped))}",
                file=path,
            ),
        )
        if skipped
        else ()
    )
    return columns, keep, notes


def _shown_header(name: str) -> str:
    """A header cell as messages show it: NFC, stripped."""
    return unicodedata.normalize("NFC", name).strip()


def _text_column(
    v: pd.Series,
    fac: Factorized | None,
    made: np.ndarray | None,
    index: pd.RangeIndex,
    fast: bool,
) -> pd.Series:
    """The cells as `cell_text`, an object column (as before: the frame constructor would infer
    pandas' string dtype); made once per distinct value when fast (`made`: the code_texts of
    `fac`, as map_unique makes them)."""
    if fast and fac is not None and made is not None:
        codes, uniques = fac
        if v.dtype == object and own_texts(uniques, made) and not (len(codes) and codes.min() < 0):
            # Every cell is already its text (no name to normalize): the column as read, no
            # new array of a million cells (issue 14).
            return pd.Series(v.to_numpy(), index=index, dtype=object, copy=False)
        return pd.Series(made[codes], index=index, dtype=object, copy=False)
    texts = map_unique(v, cell_text, fac) if fast else v.map(cell_text).astype(object)
    return pd.Series(texts.to_numpy(), index=index, dtype=object, copy=False)


def _blank_rows(
    cols: dict[str, pd.Series], facs: dict[str, Factorized | None], n: int
) -> np.ndarray:
    """Rows blank in every column (`_blank_rows_general`), each column looked at only on the
    rows still blank in the columns before it, the coded ones first (issue 14: the first text
    column usually leaves no row to look at)."""
    blank = np.ones(n, dtype=bool)
    at: np.ndarray | None = None  # the rows still blank; None: every row
    for col in sorted(cols, key=lambda c: facs.get(c) is None):
        v, fac = cols[col], facs.get(col)
        if at is None:
            blank &= _blank_cells(v, fac).to_numpy()
        else:
            sub = fac and (fac[0][at], fac[1])
            blank[at] = _blank_cells(v.iloc[at].reset_index(drop=True), sub).to_numpy()
        at = np.flatnonzero(blank)
        if not len(at):
            break
    return blank


def _blank_rows_general(cols: dict[str, pd.Series], n: int) -> np.ndarray:
    """Rows blank in every column, cell by cell (`_blank_cells_general`)."""
    blank = np.ones(n, dtype=bool)
    for v in cols.values():
        blank &= _blank_cells_general(v).to_numpy()
    return blank


def _blank_cells(v: pd.Series, fac: Factorized | None = None) -> pd.Series:
    """Cells that are missing or text that strips to '', 'None' or 'nan' (blank-row detection),
    looked at once per distinct value (issue 7)."""
    if v.dtype.kind in "fiub":  # a number is never blank text; NaN is missing
        return v.isna()
    fac = fac if fac is not None else factorize_exact(v)
    if fac is not None:
        codes, uniques = fac
        ublank = np.array([str(u).strip() in ("", "None", "nan") for u in uniques] + [True])
        if not ublank[:-1].any() and not (len(codes) and codes.min() < 0):
            return pd.Series(np.zeros(len(v), dtype=bool), index=v.index)  # issue 14: no gather
        return pd.Series(ublank[codes], index=v.index)
    return _blank_cells_general(v)


def _blank_cells_general(v: pd.Series) -> pd.Series:
    """_blank_cells cell by cell."""
    if v.dtype.kind in "fiub":
        return v.isna()
    return v.isna() | v.astype(str).str.strip().isin(["", "None", "nan"])
