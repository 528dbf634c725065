"""Read the input tables (absence, units, national averages, targets) into validated DataFrames.

Every table may be CSV (`;` or `,`, UTF-8 with or without BOM, cp1252 fallback) or xlsx (read with
python-calamine). Headers match case-insensitively in English or Danish (domain.md section 2), the
header row may sit below title rows, and numbers may be Danish text (`12,5`, `1.234.567 kr.`).
Every problem is raised as an InputError naming file, sheet, row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning
from ..names import KRL_TOTAL, group_key  # noqa: F401 - re-exported for io modules
from ..periods import PERIOD, period_text

# Header aliases: normalised header text -> code name (domain.md section 2).
ALIASES: dict[str, str] = {}


def _alias(code: str, *names: str) -> None:
    for name in (code, *names):
        ALIASES[_norm_header(name)] = code


def _norm_header(text: object) -> str:
    s = str(text).replace("\ufeff", "").replace("\xa0", " ").strip().lower()
    s = re.sub(r"[_\-]+", " ", s)
    return re.sub(r"\s+", " ", s)


_alias("center", "centre", "centret")
_alias("sector", "sektor", "område")
_alias("staff_group", "personalegruppe", "staff group", "faggruppe")
_alias("period", "periode")
_alias("year", "år", "aar")
_alias("fte", "årsværk", "aarsvaerk", "fuldtidsbeskæftigede", "fuldtidsbeskaeftigede")
_alias("sick_days", "sygefraværsdage", "fraværsdagsværk", "sygedage", "sick days")
_alias("sick_hours", "sygefraværstimer", "sick hours")
_alias(
    "days_per_fte",
    "sygefravær pr. fuldtidsbeskæftiget",
    "sygefravær pr fuldtidsbeskæftiget",
    "dage pr. fuldtidsbeskæftiget",
    "landsgennemsnit",
    "days per fte",
)
_alias("payroll", "lønsum")
_alias("substitute_budget", "vikarbudget", "substitute budget")
_alias("prior_reduction", "tidligere reduktion", "prior reduction")
_alias("target", "måltal")
_alias("source", "kilde", "source_url", "source url")

# Danish display names for messages, per code name.
LABELS = {
    "center": "Center",
    "sector": "Sektor",
    "staff_group": "Personalegruppe",
    "period": "Periode",
    "year": "År",
    "fte": "Årsværk",
    "sick_days": "Sygefraværsdage",
    "sick_hours": "Sygefraværstimer",
    "days_per_fte": "Sygefravær pr. fuldtidsbeskæftiget",
    "payroll": "Lønsum",
    "substitute_budget": "Vikarbudget",
    "prior_reduction": "Tidligere reduktion",
    "target": "Måltal",
    "source": "Kilde",
}


# Largest uncompressed xlsx we will open: protects against zip bombs (issue 5). An HR export of
# 100,000 rows is about 60 MiB of sheet XML; calamine needs roughly 3 bytes of memory per byte.
MAX_XLSX_UNCOMPRESSED = 256 << 20
MAX_XLSX_RATIO = 200
MAX_XLSX_PARTS = 10_000
# Largest grid (rows x columns from A1) calamine may build: about 70 bytes of memory per cell.
MAX_XLSX_CELLS = 10_000_000
_CELL_ROW = re.compile(rb'<c\s[^>]*?r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_COL = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3})[0-9]')


def _dtd_pattern() -> re.Pattern[bytes]:
    """`<!DOCTYPE` or `<!ENTITY`, any case, in UTF-8 or UTF-16 (a NUL byte between characters)."""

    def word(w: str) -> bytes:
        return b"\x00?".join(b"[" + c.lower().encode() + c.upper().encode() + b"]" for c in w)

    return re.compile(b"<\x00?!\x00?(?:" + word("doctype") + b"|" + word("entity") + b")")


_DTD = _dtd_pattern()
# What zipfile raises on a damaged, truncated or tampered archive (a bad CRC, a bad seek, ...).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)


@dataclass(frozen=True)
class TableSpec:
    """What one kind of table must and may hold."""

    kind: str  # Danish name used in messages
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    numeric: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one column of each group
    # (code, serves as): e.g. an absence table's `År` is its period when it has no `Periode`.
    stand_in: tuple[tuple[str, str], ...] = ()


ABSENCE = TableSpec(
    kind="fraværstabel",
    required=("center", "sector", "period", "fte"),
    optional=("staff_group", "sick_days", "sick_hours"),
    numeric=("fte", "sick_days", "sick_hours"),
    one_of=(("sick_days", "sick_hours"),),
    stand_in=(("year", "period"),),  # domain.md section 2: period = Periode, År
)
UNITS = TableSpec(
    kind="enhedstabel",
    required=("center", "sector", "payroll"),
    optional=("substitute_budget", "prior_reduction", "staff_group"),
    numeric=("payroll", "substitute_budget", "prior_reduction"),
)
NATIONAL = TableSpec(
    kind="landsgennemsnit",
    required=("year", "staff_group", "days_per_fte"),
    optional=("source",),
    numeric=("days_per_fte",),
)
TARGETS = TableSpec(
    kind="måltalstabel",
    required=("center", "sector", "year", "target"),
    numeric=("target",),
)


@dataclass
class Table:
    """A validated table with where it came from; `rows` holds spreadsheet row numbers."""

    data: pd.DataFrame
    path: Path
    sheet: str | None
    rows: np.ndarray
    columns: dict[str, str] = field(default_factory=dict)  # code name -> header as written
    warnings: list[InputWarning] = field(default_factory=list)
    # Per text column, one integer per row of `data` (equal integers = equal text): fast key
    # checks on large tables (issue 7). Empty where a column could not be coded.
    codes: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    code_texts: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def sorted_units(self) -> tuple[np.ndarray, pd.MultiIndex] | None:
        """Per row the number of its (center, sector) among the table's units in sorted order,
        and those units: the numbering of `groupby(["center", "sector"], sort=True)`, made from
        the text codes (no hashing of a million texts, issue 7). None without both codes."""
        cached = self.__dict__.get("_units")
        if cached is None or cached[0] is not self.data:  # made for this very frame
            cached = self.__dict__["_units"] = (self.data, _sorted_units(self))
        return cached[1]

    def error(
        self,
        message: str,
        *,
        index: int | None = None,
        column: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> InputError:
        """An InputError pointing at a row (by position in `data`) and column of this table."""
        row = int(self.rows[index]) if index is not None else None
        col = self.columns.get(column, column) if column else None
        return InputError(
            message, file=self.path, sheet=self.sheet, row=row, column=col, value=value, hint=hint
        )


# --------------------------------------------------------------------------- raw cells


def _read_raw(path: Path, sheet: str | None) -> tuple[list[list[object]] | None, str | None, str]:
    """Read a file's cells: for xlsx a list of rows, for CSV None plus the decoded text."""
    rows, sheet_name, src = _read_source(path, sheet)
    return rows, sheet_name, "" if src is None else src.text()


_HEAD_BYTES = 1 << 20


class _CsvSource:
    """A CSV file's text, decoded in full only when it is needed.

    Of a UTF-8 file larger than a MiB only the first MiB is read and decoded, for the delimiter
    and the header; the fast path lets pandas read the file itself, and pandas' strict UTF-8
    decoding checks the rest (issue 7: reading and decoding the country's 86 MB into memory took
    0.3 s and 0.2 GiB). `text()` reads and decodes as before: UTF-8, else cp1252.
    """

    def __init__(
        self,
        head: str,
        whole: bool,
        *,
        path: Path | None = None,
        offset: int = 0,
        data: bytes | None = None,
        utf8: bool = False,
    ):
        self.head = head  # the first MiB or more of the text; all of it when `whole`
        self.whole = whole
        self.utf8 = utf8  # the text is the UTF-8 decoding of the file's bytes from `offset`
        self._path, self._offset, self._data = path, offset, data

    def stream(self) -> BinaryIO:
        """The file's UTF-8 bytes after any BOM, as a binary stream (for pandas)."""
        if self._data is not None:
            return io.BytesIO(self._data[self._offset :])
        try:
            fh = open(self._path, "rb")  # the caller closes it
        except OSError as exc:
            raise _unreadable(self._path, exc) from exc
        fh.seek(self._offset)
        return fh

    def text(self) -> str:
        """The whole text; a file that is not UTF-8 after all is read as cp1252 (utf8 False)."""
        if not self.whole:
            data = self._data if self._data is not None else _read_bytes(self._path)
            try:
                self.head = str(memoryview(data)[self._offset :], "utf-8")
            except UnicodeDecodeError:
                self.head = data.decode("cp1252", errors="replace")
                self.utf8 = False
            self.whole, self._data = True, None
        return self.head


def _read_source(
    path: Path, sheet: str | None
) -> tuple[list[list[object]] | None, str | None, _CsvSource | None]:
    """(rows, sheet name, None) for an xlsx file, (None, None, its text) for a CSV file."""
    if not path.exists():
        raise InputError(
            "filen findes ikke",
            file=path.resolve(),
            hint="Angiv stien i forhold til scenariefilen.",
        )
    if path.is_dir():
        raise InputError("stien er en mappe, ikke en fil", file=path)
    suffix = path.suffix.lower()
    head = _read_bytes(path, 8)
    is_zip = head.startswith(b"PK\x03\x04")
    if suffix in (".xlsx", ".xlsm") or is_zip:
        if not is_zip:
            if head.startswith(b"\xd0\xcf\x11\xe0"):
                raise InputError(
                    "filen er krypteret eller i det gamle .xls-format og kan ikke læses",
                    file=path,
                    hint="Gem den i Excel som .xlsx uden adgangskode, eller som CSV.",
                )
            raise InputError(
                "filen er ikke en gyldig xlsx-fil (indholdet er ikke et Excel-ark)",
                file=path,
                hint="Gem den som .xlsx eller .csv.",
            )
        rows, sheet_name = _read_xlsx(path, sheet)
        return rows, sheet_name, None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "filen er et Excel-dokument (gammelt .xls-format eller krypteret), ikke CSV",
            file=path,
            hint="Gem den som .xlsx uden adgangskode eller som CSV.",
        )
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    # A large file: its first MiB (and a BOM) only, until more is needed.
    data = _read_bytes(path) if size <= _HEAD_BYTES + 3 else _read_bytes(path, _HEAD_BYTES + 3)
    complete = len(data) == size or size < 0
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with BOM
        if not complete:
            data = _read_bytes(path)
        return None, None, _CsvSource(data.decode("utf-16", errors="replace"), True)
    if b"\x00" in data[:4096]:
        raise InputError(
            "filen er binær og ikke en CSV-tekstfil",
            file=path,
            hint="Brug .csv (semikolon- eller kommasepareret) eller .xlsx.",
        )
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    whole = complete and len(data) - offset <= _HEAD_BYTES
    try:
        # An incremental decoder: a character cut at the MiB boundary is not an error.
        head = data[offset : offset + _HEAD_BYTES]
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        if not complete:
            data = _read_bytes(path)
        return None, None, _CsvSource(data.decode("cp1252", errors="replace"), True)
    if whole:
        return None, None, _CsvSource(text, True, data=data, offset=offset, utf8=True)
    return None, None, _CsvSource(text, False, path=path, offset=offset, utf8=True)


def _read_bytes(path: Path, n: int = -1) -> bytes:
    """The file's first n bytes (all if n < 0), opened read-only; unreadable is an input error."""
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: OSError) -> InputError:
    """The input error for a file the operating system will not let us read."""
    return InputError(
        f"filen kan ikke læses ({exc.strerror or exc})",
        file=path,
        hint="Kontrollér, at du har adgang til filen, og at intet andet program låser den.",
    )


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(
            "xlsx-filen er beskadiget eller afkortet", file=path, hint="Gem filen igen fra Excel."
        ) from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_XLSX_UNCOMPRESSED or (total > (64 << 20) and total / packed > MAX_XLSX_RATIO):
        raise InputError(
            f"xlsx-filen pakker ud til {total:,} bytes og afvises (mulig zip-bombe)".replace(
                ",", "."
            ),
            file=path,
            hint=f"Højst {MAX_XLSX_UNCOMPRESSED >> 20} MiB udpakket (og højst "
            f"{MAX_XLSX_RATIO} gange den pakkede størrelse over 64 MiB); del data op eller gem "
            "som CSV.",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                "xlsx-filen er krypteret", file=path, hint="Fjern adgangskoden i Excel og gem igen."
            )
    if len(infos) > MAX_XLSX_PARTS:
        raise InputError(f"xlsx-filen har {len(infos):,} dele og afvises", file=path)
    _scan_xml_parts(path, infos)


def _scan_xml_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts with a DTD (entity bombs, external entities) before calamine sees them.

    Streams each part in 1 MiB chunks; zipfile stops at the declared size and checks the CRC, so
    a part that inflates past what the directory says is refused as damaged (issue 5).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            for info in infos:
                if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                sheet = "worksheets/" in info.filename.lower()
                tail, cells, max_row, max_col = b"", 0, 0, b""
                with zf.open(info) as part:
                    while chunk := part.read(1 << 20):
                        text = tail + chunk
                        if _DTD.search(text):
                            raise InputError(
                                "xlsx-filen indeholder en DOCTYPE/ENTITY-erklæring og afvises "
                                "(mulig XML-bombe)",
                                file=path,
                                value=info.filename,
                                hint="Excel skriver aldrig sådanne erklæringer; gem filen igen "
                                "fra Excel som .xlsx, eller brug CSV.",
                            )
                        if sheet:
                            cells += chunk.count(b"<c")
                            rows = _CELL_ROW.findall(text)
                            max_row = max(max_row, max(map(int, rows), default=0))
                            max_col = max({max_col, *_CELL_COL.findall(text)}, key=_col_key)
                        tail = chunk[-32:]
                if sheet:
                    _check_extent(path, info.filename, cells, max_row, max_col)
    except _ZIP_ERRORS as exc:
        raise InputError(
            "xlsx-filen er beskadiget eller afkortet", file=path, hint="Gem filen igen fra Excel."
        ) from exc


def _col_key(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


def _check_extent(path: Path, part: str, cells: int, max_row: int, max_col: bytes) -> None:
    """A sheet is read as a full grid from A1: one stray cell at XFD1048576 would need 17 billion
    cells (hundreds of GB), so the grid and the number of cells are bounded (issue 5)."""
    ncol = 0
    for ch in max_col:
        ncol = ncol * 26 + ch - 64
    if max(cells, max_row * ncol) > MAX_XLSX_CELLS:
        far = f"{max_col.decode()}{max_row}" if max_col and max_row else "?"
        raise InputError(
            f"arket går helt ud til celle {far} ({max_row:,} rækker × {ncol:,} kolonner) og "
            "afvises".replace(",", "."),
            file=path,
            value=part,
            hint="Slet indholdet i de fjerne celler (Ctrl+End viser arkets sidste celle) og gem "
            "igen, eller gem tabellen som CSV. Højst "
            + f"{MAX_XLSX_CELLS:,}".replace(",", ".")
            + " celler.",
        )


def _sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, for messages ([] if they cannot be read)."""
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - only used to improve a message
        return []


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[list[object]], str]:
    from python_calamine import CalamineWorkbook

    _check_zip(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise InputError(
            f"xlsx-filen kan ikke læses: {exc}",
            file=path,
            hint="Gem filen igen fra Excel som .xlsx.",
        ) from exc
    names = list(wb.sheet_names)
    if not names:
        raise InputError("xlsx-filen har ingen ark", file=path)
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise InputError(
            f"arket {sheet!r} findes ikke",
            file=path,
            hint=f"Arkene i filen er: {', '.join(names)}.",
        )
    try:
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(f"arket kan ikke læses: {exc}", file=path, sheet=sheet) from exc
    return rows, sheet


def _sniff_delimiter(lines: list[str]) -> str:
    semi = sum(line.count(";") for line in lines)
    comma = sum(line.count(",") for line in lines)
    tab = sum(line.count("\t") for line in lines)
    if tab > semi and tab > comma:
        return "\t"
    return ";" if semi >= comma and semi > 0 else ","


def _header_codes(cells: list[object], spec: TableSpec) -> list[str | None]:
    """Code name of each header cell (None if unknown), with the spec's stand-ins applied."""
    codes = [
        ALIASES.get(_norm_header(c)) if c is not None and str(c).strip() else None for c in cells
    ]
    for code, serves in spec.stand_in:
        if serves not in codes:
            codes = [serves if c == code else c for c in codes]
    return codes


def _find_header(rows: list[list[object]], spec: TableSpec) -> int | None:
    """Index of the first row that holds all required columns (title rows may precede it)."""
    best = None
    for i, row in enumerate(rows[:30]):
        codes = set(_header_codes(row, spec)) - {None}
        if all(r in codes for r in spec.required) and all(
            any(c in codes for c in group) for group in spec.one_of
        ):
            return i
        hits = len(codes & set(spec.required))
        if hits and (best is None or hits > best[1]):
            best = (i, hits)
    return None


def _missing_columns_error(
    rows: list[list[object]], spec: TableSpec, path: Path, sheet: str | None
) -> InputError:
    # Point at the row that looks most like a header.
    first = next((r for r in rows[:30] if any(c is not None and str(c).strip() for c in r)), [])
    found = [str(c).strip() for c in first if c is not None and str(c).strip()]
    codes = set(_header_codes(found, spec))
    missing = [c for c in spec.required if c not in codes]
    for group in spec.one_of:
        if not any(c in codes for c in group):
            missing.append(" eller ".join(group))
    accepted = "; ".join(
        f"{code}: "
        + ", ".join(
            sorted({k for k, v in ALIASES.items() if v == code or (v, code) in spec.stand_in})
        )
        for code in (*spec.required, *spec.optional)
    )
    return InputError(
        f"{spec.kind} mangler kolonne(r): {', '.join(missing)}; fundne overskrifter: "
        f"{', '.join(found) if found else '(ingen)'}",
        file=path,
        sheet=sheet,
        hint=f"Accepterede navne (store/små bogstaver er ligegyldige): {accepted}.",
    )


# --------------------------------------------------------------------------- numbers

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")


def _strip_cells(s: pd.Series) -> pd.Series:
    """Text cells with no-break spaces as spaces and stripped; the column is looked at once as
    one string, and only changed when some cell needs it (issue 7)."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") == len(s) - 1 and "\xa0" not in joined:
        if not _EDGE_SPACE.search(joined):
            return s
        return s.str.strip()
    return s.str.replace("\xa0", " ", regex=False).str.strip()


# A whole column of blanks and whole numbers of at most 15 digits, bare or with thousands dots
# (`1.234.567`, `116.000`, `500`), as payroll and budgets usually are: parse_numbers reads each as
# its digits, and below 10**15 every way of parsing them gives the same float.
_DA_NUMBER = r"(?:\d{1,3}(?:\.\d{3}){1,4}|\d{1,15})"
_DA_COLUMN = re.compile(rf"(?:{_DA_NUMBER})?(?:\x00(?:{_DA_NUMBER})?)*")


def _plain_danish(s: pd.Series) -> np.ndarray | None:
    """The values of a column of stripped text cells when each is blank or such a whole number
    (one regular expression over the whole column, issue 7), else None."""
    joined = "\x00".join(s.tolist())
    if joined.count("\x00") != len(s) - 1 or not _DA_COLUMN.fullmatch(joined):
        return None
    cells = joined.replace(".", "").split("\x00")
    return pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").to_numpy(dtype="float64")


def parse_numbers(values: pd.Series, danish: bool) -> tuple[np.ndarray, np.ndarray]:
    """Parse a column of cells to float64; returns (values, bad) where bad marks unparseable text.

    Blank cells become NaN and are not bad. `danish` says `1.234` means 1234 (a `;` CSV or an xlsx
    text cell); in a `,` CSV it means 1.234. `1.234.567`, `12,5`, `1.234,5` and `3.200.000 kr.` are
    read the Danish way everywhere.
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
    s = _strip_cells(s)
    if danish and not is_num.any():
        plain = _plain_danish(s)
        if plain is not None:
            return plain, bad
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
        t = s[need].str.replace(r"(?i)\s*(kr\.?|dkk)\s*$", "", regex=True)
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
        parsed = pd.to_numeric(t, errors="coerce")
        fast = fast.copy()
        fast[need] = parsed
    positions = np.flatnonzero(~is_num)
    vals = fast.to_numpy(dtype="float64")
    result[positions] = vals
    bad[positions] = np.isnan(vals) & ~blank.to_numpy()
    return result, bad


# --------------------------------------------------------------------------- tables


def read_table(
    path: Path, spec: TableSpec, sheet: str | None = None, coded: tuple[str, ...] = ()
) -> Table:
    """Read one table: find the header, map aliases, parse numbers, drop blank rows.

    `coded`: text columns the caller rebuilds from `Table.codes`; where the codes exist, their
    cells are left as read instead of being made text a million times (issue 7).
    """
    rows, sheet_name, src = _read_source(path, sheet)
    danish = True
    if src is not None:
        header, df, h, danish = _csv_frame(src, path, spec)
        src = None  # the file's bytes are not needed while the columns are built (peak memory)
        first_data_row = h + 2
    else:
        if not rows or all(all(c is None or str(c).strip() == "" for c in r) for r in rows):
            raise InputError(
                "arket er tomt",
                file=path,
                sheet=sheet_name,
                hint=f"En {spec.kind} skal have en overskriftsrække og data.",
            )
        h = _find_header(rows, spec)
        if h is None:
            err = _missing_columns_error(rows, spec, path, sheet_name)
            names = _sheet_names(path) if sheet is None else []
            if len(names) > 1:  # a cover sheet first is common in HR workbooks
                raise InputError(
                    err.message,
                    file=path,
                    sheet=sheet_name,
                    hint=f"{err.hint}\n  Tabellen læses fra det første ark; filens ark er: "
                    f"{', '.join(names)}. Flyt tabellen til det første ark eller gem den som CSV.",
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
        first_data_row = h + 2
    return _build(df, header, spec, path, sheet_name, first_data_row, danish, coded)


def _csv_frame(
    src: _CsvSource, path: Path, spec: TableSpec
) -> tuple[list[str], pd.DataFrame, int, bool]:
    """(header, body, header row index, danish) of a CSV table; the body's cells are text, or
    numbers where the fast path could read the numeric columns (issue 7)."""
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
        raise InputError(
            f"filen kan ikke læses som CSV ({exc})",
            file=path,
            hint="Kontrollér anførselstegn; gem tabellen igen som CSV eller .xlsx.",
        ) from exc
    h = _find_header(head_rows, spec)
    if h is None:
        raise _missing_columns_error(head_rows, spec, path, None)
    stream = src.stream if src.utf8 else None
    fast = _read_csv_fast_checked(text if src.whole else None, delim, h, spec, danish, stream)
    if fast is not None:
        return (*fast, h, danish)
    if not src.whole:
        src.text()
        if not src.utf8:  # not UTF-8 after all: the file is cp1252, start again on its text
            return _csv_frame(src, path, spec)
    text = src.head
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
    return header, df.iloc[1:].reset_index(drop=True), h, danish


def _head_lines(text: str, n: int, whole: bool = True) -> list[str] | None:
    """`text.splitlines()[:n]` without splitting a whole large file (issue 7). When `text` is only
    the start of the file (`whole` False), None if it may end inside one of those n lines."""
    size = 1 << 16
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > n + 1:  # line n is complete: the cut falls in a later line
            return lines[:n]
        size *= 4
    lines = text.splitlines()
    if not whole and len(lines) <= n:
        return None
    return lines[:n]


def _read_csv_fast_checked(
    text: str | None,
    delim: str,
    h: int,
    spec: TableSpec,
    danish: bool,
    stream: Callable[[], BinaryIO] | None = None,
):
    """_read_csv_fast, or None when pandas warns: a first data row longer than the header only
    gives a ParserWarning (on the user's stderr) and loses its extra cells; the text path then
    reports the row with its number (issue 5)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            return _read_csv_fast(text, delim, h, spec, danish, stream)
        except pd.errors.ParserWarning:
            return None


def _read_csv_fast(
    text: str | None,
    delim: str,
    h: int,
    spec: TableSpec,
    danish: bool,
    stream: Callable[[], BinaryIO] | None = None,
) -> tuple[list[str], pd.DataFrame] | None:
    """Header and body with the numeric columns parsed by pandas' C parser (issue 7).

    Only when every numeric cell is a plain number (`12,5` in a `;` CSV, `12.5` in a `,` CSV):
    pandas then gives the same float as parse_numbers. Anything else (thousands separators, `kr.`,
    bad cells, ragged rows, -0, columns of only 0 and 1 that may be TRUE/FALSE) gives None and the
    caller reads every cell as text, with the same results and messages as before.
    `stream`, when given, opens the file's own UTF-8 bytes (then `text` may be None).
    """
    if stream is None:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None

        def stream() -> BinaryIO:
            return io.BytesIO(data)

    opts = dict(
        sep=delim,
        header=None,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        encoding="utf-8",
    )
    try:
        with stream() as fh:
            head = pd.read_csv(fh, skiprows=h, nrows=1, dtype=object, **opts)
        header = [str(c) for c in head.iloc[0].tolist()]
        numeric = [i for i, c in enumerate(_header_codes(header, spec)) if c in spec.numeric]
        if not numeric:
            return None
        with stream() as fh:
            df = pd.read_csv(
                fh,
                skiprows=h + 1,
                names=list(range(len(header))),
                index_col=False,
                dtype={i: ("float64" if i in numeric else "category") for i in range(len(header))},
                na_values={i: [""] for i in numeric},
                decimal="," if danish else ".",
                **opts,
            )
    except (ValueError, TypeError, IndexError, pd.errors.ParserError):
        return None
    for i in numeric:
        v = df[i].to_numpy(dtype="float64")
        if (np.signbit(v) & (v == 0)).any():
            return None
        seen = v[~np.isnan(v)]
        if len(seen) and np.isin(seen, (0.0, 1.0)).all():
            return None
    return header, df


def _factorize_exact(values: pd.Series) -> tuple[np.ndarray, list] | None:
    """(codes, distinct values) where equal values are interchangeable, else None (issue 7).

    Float columns, pure-text columns and text categories (from the fast CSV path) qualify; code -1
    is a missing cell (NaN). Mixed columns (text and numbers from xlsx) are not factorized.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = values.cat.categories
        if pd.api.types.infer_dtype(cats, skipna=False) != "string":
            return None
        return values.cat.codes.to_numpy(), list(cats)
    kind = values.dtype.kind
    if kind == "f" or (kind == "O" and pd.api.types.infer_dtype(values, skipna=False) == "string"):
        codes, uniques = pd.factorize(values)
        return codes, (uniques.tolist() if kind == "f" else list(uniques))
    return None


def _map_unique(values: pd.Series, fn, fac=None) -> pd.Series:
    """`values.map(fn)` as an object column, with fn called once per distinct value (issue 7)."""
    fac = fac if fac is not None else _factorize_exact(values)
    if fac is None:
        return values.map(fn).astype(object)
    codes, uniques = fac
    out = np.empty(len(uniques) + 1, dtype=object)
    out[:-1] = [fn(u) for u in uniques]
    out[-1] = fn(float("nan"))  # code -1: a missing cell
    return pd.Series(out[codes], index=values.index, dtype=object, copy=False)  # a new array


def _blank_cells(v: pd.Series, fac=None) -> pd.Series:
    """Cells that are missing or text that strips to '', 'None' or 'nan' (blank-row detection)."""
    if v.dtype.kind in "fiub":  # a number is never blank text; NaN is missing
        return v.isna()
    fac = fac if fac is not None else _factorize_exact(v)
    if fac is not None:
        codes, uniques = fac
        ublank = np.array([str(u).strip() in ("", "None", "nan") for u in uniques] + [True])
        return pd.Series(ublank[codes], index=v.index)
    return v.isna() | v.astype(str).str.strip().isin(["", "None", "nan"])


def _build(
    df: pd.DataFrame,
    header: list[str],
    spec: TableSpec,
    path: Path,
    sheet: str | None,
    first_row: int,
    danish: bool,
    coded: tuple[str, ...] = (),
) -> Table:
    columns: dict[str, str] = {}
    keep: dict[str, int] = {}
    for i, (name, code) in enumerate(zip(header, _header_codes(header, spec), strict=True)):
        if code is None or code not in (*spec.required, *spec.optional):
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
        columns[code] = name.strip()
    # Columns by code name, as views of `df`; the table is built once at the end, so no column
    # of a million rows is copied or set into a frame on the way (issue 7).
    raw = {code: df.iloc[:, i] for code, i in keep.items()}
    rownums = np.arange(first_row, first_row + len(df))
    # Drop rows that are blank in every recognised column (blank lines, notes below the table).
    facs = {c: _factorize_exact(v) for c, v in raw.items() if c not in spec.numeric}
    blank = np.ones(len(df), dtype=bool)
    for col, v in raw.items():
        blank &= _blank_cells(v, facs.get(col)).to_numpy()
    if blank.any():
        kept = ~blank
        raw = {c: v[kept].reset_index(drop=True) for c, v in raw.items()}
        rownums = rownums[kept]
        facs = {c: f and (f[0][kept], f[1]) for c, f in facs.items()}
    n = len(rownums)
    table = Table(pd.DataFrame(index=pd.RangeIndex(n)), path, sheet, rownums, columns)
    if n == 0:
        raise InputError(
            f"{spec.kind} har en overskrift men ingen datarækker", file=path, sheet=sheet
        )
    out: dict[str, object] = {}
    index = pd.RangeIndex(n)
    for col, v in raw.items():
        if col in spec.numeric:
            vals, bad = parse_numbers(v, danish)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise table.error(
                    "cellen er ikke et tal",
                    index=i,
                    column=col,
                    value=v.iloc[i],
                    hint="Skriv tal som 12,5 eller 1.234.567 (eventuelt med 'kr.').",
                )
            out[col] = pd.Series(vals, index=index, dtype="float64", copy=False)
        elif col in coded and facs.get(col) is not None:
            table.codes[col], table.code_texts[col] = _text_codes(*facs[col])
            out[col] = v.reset_index(drop=True)  # as read: the caller rebuilds it from the codes
        else:
            # object, as before: the frame constructor would infer pandas' string dtype
            texts = _map_unique(v, _text, facs.get(col)).to_numpy()
            out[col] = pd.Series(texts, index=index, dtype=object, copy=False)
            if facs.get(col) is not None:
                table.codes[col], table.code_texts[col] = _text_codes(*facs[col])
    table.data = pd.DataFrame(out, index=index, columns=list(raw), copy=False)
    return table


def _text_codes(codes: np.ndarray, uniques) -> tuple[np.ndarray, np.ndarray]:
    """Row codes of the cells' `_text` (same text, same code) and the text of each code."""
    texts = np.array([_text(u) for u in uniques] + [_text(float("nan"))], dtype=object)
    tcodes, tuniques = pd.factorize(texts)
    k = len(uniques)
    if (len(codes) == 0 or codes.min() >= 0) and (tcodes[:k] == np.arange(k)).all():
        # Distinct texts and no missing cell: the row codes already are the text codes (issue 7:
        # no new array of a million codes).
        return codes, np.asarray(tuniques, dtype=object)
    return tcodes[codes], np.asarray(tuniques, dtype=object)


def _dense_ids(
    d: pd.DataFrame, key: list[str], codes: dict[str, np.ndarray], count_only: bool = False
) -> tuple[np.ndarray | None, int] | None:
    """Per row a number in [0, k) for its key (equal keys, equal numbers) and k, from the
    columns' row codes; None when they are not all known. `count_only`: k alone (ids None).

    Key columns are combined while the combinations fit a small table, and renumbered densely
    through it (a bincount, no hashing: issue 7); a hash factorization when even two columns'
    combinations would not fit.
    """
    n = len(d)
    if not all(k in codes and len(codes[k]) == n for k in key):
        return None
    limit = max(8 * n, 1 << 20)
    ids, k = None, 1
    for j, col in enumerate(key):
        c = codes[col]
        if n and c.min() < 0:
            return None
        m = int(c.max()) + 1 if n else 1
        if ids is None:
            ids = c.astype(np.int64)
        elif k * m <= limit:
            ids *= m
            ids += c
        else:
            ids, k = _renumber(ids, k, count_only=False)
            ids = ids.astype(np.int64)  # room for the next column's codes
            if k * m > limit:
                ids, uniques = pd.factorize(ids * m + c)
                k = len(uniques)
                continue
            ids *= m
            ids += c
        k *= m
        if j == len(key) - 1:
            return _renumber(ids, k, count_only)
    return (np.zeros(n, dtype=np.int64), 1) if ids is None else (ids, k)


def _renumber(ids: np.ndarray, size: int, count_only: bool) -> tuple[np.ndarray | None, int]:
    """Codes in [0, size) renumbered 0..k-1 in their order, through a table of `size` entries."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    if count_only:
        return None, int(np.count_nonzero(present))
    # int32 when it holds the numbers: half the memory to touch (issue 7)
    rank = np.cumsum(present, dtype=np.int32 if size < 2**31 else np.int64)
    k = int(rank[-1]) if size else 0
    rank -= 1
    return rank[ids], k


def _duplicated(d: pd.DataFrame, key: list[str], codes: dict[str, np.ndarray]) -> np.ndarray:
    """`d.duplicated(key, keep="first")` as an array, from the columns' row codes when known."""
    dense = _dense_ids(d, key, codes, count_only=True)
    if dense is None:
        return d.duplicated(key, keep="first").to_numpy()
    if dense[1] == len(d):  # every key once: the usual case, no hash table needed
        return np.zeros(len(d), dtype=bool)
    ids, _ = _dense_ids(d, key, codes)
    return pd.Series(ids).duplicated(keep="first").to_numpy()


def _sorted_units(table: Table) -> tuple[np.ndarray, pd.MultiIndex] | None:
    codes, texts, n = table.codes, table.code_texts, len(table.data)
    if n == 0 or not all(
        k in codes and k in texts and len(codes[k]) == n for k in ("center", "sector")
    ):
        return None
    (cc, ct), (sc, st) = (
        (codes[k], np.asarray(texts[k], dtype=object)) for k in ("center", "sector")
    )
    if cc.min() < 0 or sc.min() < 0 or len(ct) * len(st) > 1 << 24:
        return None
    # Rank the distinct texts in Python's str order, as groupby sorts object keys.
    corder = np.array(sorted(range(len(ct)), key=ct.__getitem__), dtype=np.int64)
    sorder = np.array(sorted(range(len(st)), key=st.__getitem__), dtype=np.int64)
    crank, srank = np.empty_like(corder), np.empty_like(sorder)
    crank[corder], srank[sorder] = np.arange(len(ct)), np.arange(len(st))
    ns = len(st)
    pair = crank[cc] * ns + srank[sc]
    present = np.zeros(len(ct) * ns, dtype=bool)
    present[pair] = True
    unit = (np.cumsum(present, dtype=np.int64) - 1)[pair]
    u = np.flatnonzero(present)
    keys = pd.MultiIndex.from_arrays(
        [ct[corder][u // ns], st[sorder][u % ns]], names=["center", "sector"]
    )
    return unit, keys


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        if v.is_integer():
            return str(int(v))
    return " ".join(str(v).split())


def _require_cells(table: Table, cols: tuple[str, ...]) -> None:
    for col in cols:
        if col not in table.data.columns:
            continue
        v = table.data[col]
        codes, texts = table.codes.get(col), table.code_texts.get(col)
        if v.dtype.kind == "f":
            blank = v.isna()
        elif codes is not None and texts is not None and len(codes) == len(v):
            blank = pd.Series((texts == "")[codes], index=v.index)  # per distinct text (issue 7)
        elif v.dtype == object and pd.api.types.infer_dtype(v, skipna=False) == "string":
            blank = v.eq("")  # text cells (issue 7: no conversion of a million cells)
        else:
            blank = v.astype(str).eq("")
        if blank.any():
            i = int(np.flatnonzero(blank.to_numpy())[0])
            hint = None
            if table.sheet is not None:  # calamine reads an error value (#DIV/0!) as blank
                hint = "En formel med en fejlværdi (#DIV/0!, #REF!, ...) læses også som tom."
            raise table.error("cellen er tom, men skal udfyldes", index=i, column=col, hint=hint)


def _require_finite(table: Table, cols: tuple[str, ...]) -> None:
    """Numbers must be finite: `inf` or `1e400` in a cell is no amount (issue 5)."""
    for col in cols:
        if col not in table.data.columns:
            continue
        bad = np.isinf(table.data[col].to_numpy(dtype="float64"))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise table.error(
                "cellen er ikke et endeligt tal",
                index=i,
                column=col,
                value=table.data[col].iloc[i],
                hint="Skriv tal som 12,5 eller 1.234.567 (eventuelt med 'kr.').",
            )


def read_absence(path: Path, hours_per_day: float = 7.4, sheet: str | None = None) -> Table:
    """Absence rows: center, sector, period (`2013` or `2018Q1`), staff_group, fte, sick_days.

    sick_hours are converted to days with hours_per_day (domain.md section 2).
    """
    t = read_table(path, ABSENCE, sheet, coded=("period",))
    d = t.data
    _require_cells(t, ("center", "sector", "period", "fte"))
    if "sick_days" not in d.columns or ("sick_hours" in d.columns and d["sick_days"].isna().all()):
        hours = d["sick_hours"]
        if hours.isna().any():
            i = int(np.flatnonzero(hours.isna().to_numpy())[0])
            raise t.error("cellen er tom, men skal udfyldes", index=i, column="sick_hours")
        d["sick_days"] = hours / hours_per_day
    elif "sick_hours" in d.columns:
        fill = d["sick_days"].isna() & d["sick_hours"].notna()
        d["sick_days"] = d["sick_days"].where(~fill, d["sick_hours"] / hours_per_day)
    _require_cells(t, ("sick_days",))
    if "staff_group" not in d.columns:
        d["staff_group"] = ""
    # One parse per distinct period text (issue 7), from the reader's codes when it has them.
    codes, uniques = t.codes.get("period"), t.code_texts.get("period")
    if codes is None or uniques is None or len(codes) != len(d):
        codes, uniques = pd.factorize(d["period"])
    found = [PERIOD.search(period_text(u)) for u in uniques]
    badp = np.array([m is None for m in found], dtype=bool)[codes]
    if badp.any():
        i = int(np.flatnonzero(badp)[0])
        raise t.error(
            "perioden er ikke et år eller et kvartal",
            index=i,
            column="period",
            value=uniques[codes[i]],
            hint="Skriv et kalenderår som 2013 eller et kvartal som 2018Q1.",
        )
    # A code no row has (the reader's code for a missing cell) gets year 0 and label ''.
    uyear = np.array([int(m.group(1)) if m else 0 for m in found], dtype="int64")
    uquarter = np.array([int(m.group(2) or 0) if m else 0 for m in found], dtype="int64")
    ulabel = [
        "" if m is None else (f"{y}Q{q}" if q > 0 else str(y))
        for m, y, q in zip(found, uyear, uquarter, strict=True)
    ]
    d["year"] = uyear[codes]
    d["quarter"] = uquarter[codes]
    d["period"] = pd.Series(pd.array(ulabel, dtype="str").take(codes), index=d.index)
    t.codes["period"], t.code_texts["period"] = _text_codes(codes, ulabel)
    _require_finite(t, ("fte", "sick_days"))
    neg_fte = d["fte"] < 0
    if neg_fte.any():
        i = int(np.flatnonzero(neg_fte.to_numpy())[0])
        raise t.error(
            "årsværk kan ikke være negativt", index=i, column="fte", value=d["fte"].iloc[i]
        )
    neg = d["sick_days"] < 0
    if neg.any():
        i = int(np.flatnonzero(neg.to_numpy())[0])
        col = "sick_days" if "sick_days" in t.columns else "sick_hours"
        raise t.error(
            "sygefravær kan ikke være negativt", index=i, column=col, value=d["sick_days"].iloc[i]
        )
    zero = (d["fte"] == 0) & (d["sick_days"] > 0)
    if zero.any():
        i = int(np.flatnonzero(zero.to_numpy())[0])
        raise t.error(
            "rækken har sygedage men 0 årsværk",
            index=i,
            column="fte",
            value=d["fte"].iloc[i],
            hint="Årsværk skal være større end 0, når der er sygefravær.",
        )
    key = ["center", "sector", "period", "staff_group"]
    if "staff_group" not in t.codes:  # no staff-group column: the same '' on every row
        t.codes["staff_group"], t.code_texts["staff_group"] = _text_codes(
            *pd.factorize(d["staff_group"])
        )
    dup = _duplicated(d, key, t.codes)
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise t.error(
            "enhed, periode og personalegruppe står mere end én gang",
            index=i,
            column="period",
            value=" / ".join(str(d[k].iloc[i]) for k in key if d[k].iloc[i]),
            hint="Hver kombination må kun have én række.",
        )
    t.data = d[["center", "sector", "period", "year", "quarter", "staff_group", "fte", "sick_days"]]
    return t


def read_units(path: Path, sheet: str | None = None) -> Table:
    """Units: center, sector, payroll, substitute_budget, prior_reduction, staff_group."""
    t = read_table(path, UNITS, sheet)
    d = t.data
    _require_cells(t, ("center", "sector", "payroll"))
    for col in ("substitute_budget", "prior_reduction"):
        if col not in d.columns:
            d[col] = 0.0
        d[col] = d[col].fillna(0.0)
    if "staff_group" not in d.columns:
        d["staff_group"] = ""
    _require_finite(t, ("payroll", "substitute_budget", "prior_reduction"))
    whole = d["prior_reduction"] == d["prior_reduction"].round()
    if not whole.all():  # money is whole kroner (domain.md 4.5)
        i = int(np.flatnonzero(~whole.to_numpy())[0])
        raise t.error(
            "tidligere reduktion skal være hele kroner",
            index=i,
            column="prior_reduction",
            value=d["prior_reduction"].iloc[i],
            hint="Skriv beløbet uden øre, fx 100.000.",
        )
    for col in ("payroll", "substitute_budget"):
        neg = d[col] < 0
        if neg.any():
            i = int(np.flatnonzero(neg.to_numpy())[0])
            raise t.error(
                "beløbet kan ikke være negativt", index=i, column=col, value=d[col].iloc[i]
            )
    dup = d.duplicated(["center", "sector"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise t.error(
            "enheden står mere end én gang",
            index=i,
            column="sector",
            value=f"{d['center'].iloc[i]} / {d['sector'].iloc[i]}",
            hint="Hver kombination af center og sektor må kun have én række.",
        )
    t.data = d[
        ["center", "sector", "staff_group", "payroll", "substitute_budget", "prior_reduction"]
    ]
    return t


def _years(t: Table) -> pd.Series:
    """The `year` column as whole years; text, fractions, inf and absurd years are input errors."""
    years = pd.to_numeric(t.data["year"], errors="coerce")
    bad = years.isna() | ~years.between(1900, 2200) | (years != years.round())
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise t.error(
            "året er ikke et helt tal (et årstal)",
            index=i,
            column="year",
            value=t.data["year"].iloc[i],
            hint="Skriv året som fx 2017.",
        )
    return years.astype(int)


def read_targets(path: Path, sheet: str | None = None) -> Table:
    """Targets for the `file` rule: center, sector, year, target."""
    t = read_table(path, TARGETS, sheet)
    d = t.data
    _require_cells(t, ("center", "sector", "year", "target"))
    d["year"] = _years(t)
    _require_finite(t, ("target",))
    neg = d["target"] < 0
    if neg.any():
        i = int(np.flatnonzero(neg.to_numpy())[0])
        raise t.error(
            "måltallet kan ikke være negativt", index=i, column="target", value=d["target"].iloc[i]
        )
    dup = d.duplicated(["center", "sector", "year"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise t.error(
            "enhed og år står mere end én gang", index=i, column="year", value=d["year"].iloc[i]
        )
    t.data = d[["center", "sector", "year", "target"]]
    return t
