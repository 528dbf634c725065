"""A file's content as read: an xlsx or ods sheet's cells, or a CSV file's text.

CSV may be UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") or cp1252 (the
fallback when nothing in the file is UTF-8); a UTF-8 file with a line in another encoding is
refused, naming the line. xlsx and ods are read with python-calamine after the checks of
xlsx_safety.py, from the sheet the scenario names, else the visible active one (domain.md 3);
the sheet knows which of its cells calamine reads as blank though they are not (formulas without
a value, error values) and which numbers are formatted as percentages, for the table reader to
check in the columns it uses (issue 9). A file that is missing, a folder, unreadable, binary,
encrypted or an old .xls is an InputError naming it.
"""

from __future__ import annotations

import codecs
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ..errors import InputError, InputWarning, raise_all
from .xlsx_safety import (
    CellMarks,
    MarkedCell,
    check_xlsx,
    column_letters,
    default_sheet,
    ods_marks,
)

# Of a large UTF-8 CSV only this much is read into memory for its delimiter and header (issue 7).
HEAD_BYTES = 1 << 20
_OLE = b"\xd0\xcf\x11\xe0"  # an old .xls, or an encrypted workbook


# More marked cells than this in one table are summed up in one last error.
MAX_CELLS_REPORTED = 50


@dataclass(frozen=True)
class SheetCells:
    """What a sheet's XML says about its cells beyond the values calamine reads (issue 9): the
    cells it reads as blank though they are not, and the numbers formatted as percentages."""

    path: Path
    sheet: str
    marks: CellMarks = field(default_factory=CellMarks)

    def check(
        self,
        positions: Mapping[str, int],
        headers: Mapping[str, str],
        numeric: Collection[str],
        first_row: int,
    ) -> tuple[InputWarning, ...]:
        """Refuse every formula without a value and every error value in the table's columns
        (by code name: `positions` from 0, `headers` as written) from `first_row` (spreadsheet
        row) down; then a warning for each `numeric` column with cells formatted as percent."""
        columns = {i: headers[code] for code, i in positions.items()}
        marked = [c for c in self.marks.cells if c.col in columns and c.row >= first_row]
        errors, hinted = [], set()
        for c in marked[:MAX_CELLS_REPORTED]:
            kind = c.error is None  # a formula without a value, or an error value
            errors.append(self._error(c, columns[c.col], hint=kind not in hinted))
            hinted.add(kind)  # each kind's hint once
        if len(marked) > MAX_CELLS_REPORTED:
            rest = len(marked) - MAX_CELLS_REPORTED
            errors.append(
                InputError(
                    f"og {rest} celler mere med formler uden gemt værdi eller fejlværdier",
                    file=self.path,
                    sheet=self.sheet,
                )
            )
        raise_all(errors)
        numbers = sorted(i for code, i in positions.items() if code in numeric)
        return tuple(w for i in numbers if (w := self._percent(i, columns[i], first_row)))

    def _error(self, cell: MarkedCell, header: str, hint: bool) -> InputError:
        where = dict(file=self.path, sheet=self.sheet, row=cell.row, column=header)
        if cell.error is not None:
            what, value = f"fejlværdien {cell.error}", cell.error
            advice = "Ret formlen (fx et opslag, der ikke finder noget), eller skriv tallet i "
            advice += "cellen, og gem filen igen."
        else:
            what, value = "en formel uden gemt værdi", cell.formula
            advice = "Filen er skrevet af et program og aldrig åbnet i et regneark, så "
            advice += "formlernes resultater er ikke gemt i den. Åbn den i Excel eller "
            advice += "LibreOffice og gem den, så værdierne gemmes."
        return InputError(
            f"celle {cell.ref} indeholder {what} og ville blive læst som tom",
            **where,
            value=value,
            hint=advice if hint else None,
        )

    def _percent(self, col: int, header: str, first_row: int) -> InputWarning | None:
        """A numeric column with numbers shown as percentages (sick days as absence rates?)."""
        rows = self.marks.percent_rows[
            (self.marks.percent_cols == col) & (self.marks.percent_rows >= first_row)
        ]
        if not len(rows):
            return None
        ref = f"{column_letters(col + 1)}{int(rows.min())}"
        return InputWarning(
            f"fil {self.path}, ark {self.sheet!r}, kolonne {header!r}: {len(rows)} "
            f"{'celle er' if len(rows) == 1 else 'celler er'} formateret som procent (fx celle "
            f"{ref}); tallene læses som de er gemt (4,5 % som 0,045). Er det procenter i stedet "
            "for tallene selv (dage, årsværk eller kroner)?",
            file=self.path,
        )


@dataclass(frozen=True)
class XlsxSheet:
    """The cells of one sheet of an xlsx or ods file, row by row from A1."""

    rows: list[list[object]]
    name: str
    by_default: bool  # no sheet was asked for: this is the visible active sheet
    cells: SheetCells | None = None


class CsvSource:
    """A CSV file's text, decoded in full only when it is needed.

    Of a UTF-8 file larger than a MiB only the first MiB is read and decoded, for the delimiter
    and the header; the fast path lets pandas read the file itself, and pandas' strict UTF-8
    decoding checks the rest (issue 7: reading and decoding the country's 86 MB into memory took
    0.3 s and 0.2 GiB). `text()` reads and decodes it all (decode_csv): UTF-8, else cp1252,
    and a file mixing the two is refused.
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
            raise unreadable(self._path, exc) from exc
        fh.seek(self._offset)
        return fh

    def file_path(self) -> Path | None:
        """The file's path where pandas may read the file itself by name (no BOM to skip, not
        in memory): its C parser reads a path faster than a Python stream (issue 14: the
        country's text columns 0.27 s against 0.33 s)."""
        return self._path if self._data is None and self._offset == 0 else None

    def text(self) -> str:
        """The whole text; a file that is not UTF-8 after all is read as cp1252 (utf8 False),
        and one that is UTF-8 but for some lines is refused (decode_csv)."""
        if not self.whole:
            data = self._data if self._data is not None else read_bytes(self._path)
            self.head, self.utf8 = decode_csv(data, self._offset, self._path)
            self.whole, self._data = True, None
        return self.head


def read_source(path: Path, sheet: str | None = None) -> XlsxSheet | CsvSource:
    """The file's cells (xlsx, by content or suffix) or its text (CSV); the sheet is xlsx's."""
    if not path.exists():
        raise InputError(
            "filen findes ikke",
            file=path.resolve(),
            hint="Angiv stien i forhold til scenariefilen.",
        )
    if path.is_dir():
        raise InputError("stien er en mappe, ikke en fil", file=path)
    head = read_bytes(path, 8)
    is_zip = head.startswith(b"PK\x03\x04")
    if path.suffix.lower() in (".xlsx", ".xlsm") or is_zip:
        if not is_zip:
            if head.startswith(_OLE):
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
        return read_xlsx(path, sheet)
    if head.startswith(_OLE):
        raise InputError(
            "filen er et Excel-dokument (gammelt .xls-format eller krypteret), ikke CSV",
            file=path,
            hint="Gem den som .xlsx uden adgangskode eller som CSV.",
        )
    return _csv_source(path)


def _csv_source(path: Path) -> CsvSource:
    """The text of a CSV file: UTF-16 by its BOM, else UTF-8 (BOM dropped), else cp1252."""
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    # A large file: its first MiB (and a BOM) only, until more is needed.
    data = read_bytes(path) if size <= HEAD_BYTES + 3 else read_bytes(path, HEAD_BYTES + 3)
    complete = len(data) == size or size < 0
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with BOM
        if not complete:
            data = read_bytes(path)
        return CsvSource(data.decode("utf-16", errors="replace"), True)
    if b"\x00" in data[:4096]:
        raise InputError(
            "filen er binær og ikke en CSV-tekstfil",
            file=path,
            hint="Brug .csv (semikolon- eller kommasepareret) eller .xlsx.",
        )
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    whole = complete and len(data) - offset <= HEAD_BYTES
    try:
        # An incremental decoder: a character cut at the MiB boundary is not an error.
        head = data[offset : offset + HEAD_BYTES]
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        if not complete:
            data = read_bytes(path)
        return CsvSource(decode_csv(data, offset, path)[0], True)  # cp1252, or refused
    if whole:
        return CsvSource(text, True, data=data, offset=offset, utf8=True)
    return CsvSource(text, False, path=path, offset=offset, utf8=True)


def decode_csv(data: bytes, offset: int, path: Path | None) -> tuple[str, bool]:
    """(text, utf8) of a CSV file's bytes from `offset` (after a BOM): UTF-8, else cp1252 when
    nothing in the file is UTF-8 (domain.md 3). A file with UTF-8 characters (or a UTF-8 BOM)
    and bytes that are not UTF-8 is two encodings pasted together: read as cp1252 it would turn
    every other 'ø' into 'Ã¸', so it is refused, naming the first line that is not UTF-8."""
    try:
        return str(memoryview(data)[offset:], "utf-8"), True
    except UnicodeDecodeError as exc:
        bad = offset + exc.start
    if offset or _utf8_characters(data):
        raise _mixed_encoding(data, bad, path)
    return data.decode("cp1252", errors="replace"), False


_ASCII = bytes(range(128))


def _utf8_characters(data: bytes) -> bool:
    """Whether the bytes hold a valid UTF-8 character beyond ASCII (counted without a loop: the
    characters decoded that are neither ASCII nor a replacement for a bad byte)."""
    text = data.decode("utf-8", errors="replace")
    ascii_chars = len(data) - len(data.translate(None, _ASCII))
    return len(text) - ascii_chars - text.count("\ufffd") > 0


_LINE_ENDS = re.compile(rb"\r\n|\r|\n")


def _mixed_encoding(data: bytes, bad: int, path: Path | None) -> InputError:
    """The error for a UTF-8 file whose byte `bad` is not UTF-8: its line (as pandas and a
    spreadsheet count lines: CR LF, CR or LF) and that line as cp1252 shows it."""
    line = len(_LINE_ENDS.findall(data, 0, bad)) + 1
    end = _LINE_ENDS.search(data, bad)
    start = max(data.rfind(b"\n", 0, bad), data.rfind(b"\r", 0, bad)) + 1
    shown = data[start : end.start() if end else len(data)].decode("cp1252", errors="replace")
    return InputError(
        f"filen er UTF-8, men linje {line} er ikke UTF-8 (byte 0x{data[bad]:02X}): den blander "
        "to tegnsæt, måske to eksporter sat sammen",
        file=path,
        value=shown if len(shown) <= 80 else shown[:77] + "...",
        hint="Gem filen som UTF-8 (i Excel: 'CSV UTF-8'), eller ret linjen, så alle linjer har "
        "samme tegnsæt.",
    )


def read_bytes(path: Path, n: int = -1) -> bytes:
    """The file's first n bytes (all if n < 0), opened read-only; unreadable is an input error."""
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise unreadable(path, exc) from exc


def unreadable(path: Path, exc: OSError) -> InputError:
    """The input error for a file the operating system will not let us read."""
    return InputError(
        f"filen kan ikke læses ({exc.strerror or exc})",
        file=path,
        hint="Kontrollér, at du har adgang til filen, og at intet andet program låser den.",
    )


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, for messages ([] if they cannot be read)."""
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - only used to improve a message
        return []


def read_xlsx(path: Path, sheet: str | None) -> XlsxSheet:
    """The cells of the named sheet (default: the visible active one), after the safety checks,
    with what the sheet's XML says of them (SheetCells)."""
    from python_calamine import CalamineWorkbook

    scan = check_xlsx(path, sheet)
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
        name = scan.chosen if scan.chosen in names else names[_default_sheet(wb, scan)]
    elif sheet in names:
        name = sheet  # a hidden sheet too: the analyst asked for it
    else:
        raise InputError(
            f"arket {sheet!r} findes ikke",
            file=path,
            hint=f"Arkene i filen er: {', '.join(names)}.",
        )
    try:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(f"arket kan ikke læses: {exc}", file=path, sheet=name) from exc
    marks = scan.marks if name == scan.chosen else CellMarks()
    if scan.ods_marked:
        try:
            marks = ods_marks(path, name)
        except (ET.ParseError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise InputError("ods-filen kan ikke læses", file=path, sheet=name) from exc
    return XlsxSheet(rows, name, by_default=sheet is None, cells=SheetCells(path, name, marks))


def _default_sheet(wb, scan) -> int:
    """The visible active sheet by calamine's sheet list (an .ods: the active sheet is the one
    settings.xml names), where check_xlsx could not tell."""
    from python_calamine import SheetVisibleEnum

    meta = wb.sheets_metadata
    names = [m.name for m in meta]
    active = names.index(scan.ods_active) if scan.ods_active in names else None
    return default_sheet([m.visible == SheetVisibleEnum.Visible for m in meta], active)


_POW10 = np.array([float(10**i) for i in range(23)])  # exact: every power of ten up to 10**22
_POW10_ANY = 10.0 ** np.arange(-340, 309)  # to find a number's power of ten


def excel_number(x: float) -> float:
    """A number as a spreadsheet holds it: at 15 significant digits (domain.md 3), so that a
    cell stored as 0.30000000000000004 (a sum of 0.1 and 0.2) is 0.3."""
    return float(f"{x:.15g}")


def excel_numbers(values: np.ndarray) -> np.ndarray:
    """excel_number of every value, with numpy (issue 7): each scaled by a power of ten to a
    whole number of 15 digits, rounded and scaled back (exact operations for powers up to
    10**22, so the result is the double nearest the 15-digit decimal, as float() gives it).
    Values close to a rounding tie, or out of that range (under 1e-8, from 1e15), go through
    excel_number."""
    x = np.asarray(values, dtype=np.float64)
    ax = np.abs(x)
    ok = np.isfinite(x) & (ax != 0)
    with np.errstate(all="ignore"):
        e = np.clip(np.floor(np.log10(np.where(ok, ax, 1.0))), -340, 308).astype(np.int64)
        power = _POW10_ANY[e + 340]
        e -= ax < power  # log10 may be one off next to a power of ten
        e += ax >= power * 10
        k = 14 - e  # decimals kept: ax * 10**k has 15 digits before the point
        scale = _POW10[np.clip(k, 0, 22)]
        y = ax * scale
        m = np.rint(y)
        tie = np.abs(y - m) >= 0.5 - y * 2.0**-51  # within 2 units in the last place of a tie
        fast = ok & (k >= 0) & (k <= 22) & ~tie
        out = np.where(fast, np.copysign(m / scale, x), x)
    for i in np.flatnonzero(ok & ~fast):
        out[i] = excel_number(float(x[i]))
    return out
