"""A file's content as read: an xlsx sheet's cells, or a CSV file's text.

CSV may be UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") or cp1252 (the
fallback); xlsx is read with python-calamine after the checks of xlsx_safety.py. A file that is
missing, a folder, unreadable, binary, encrypted or an old .xls is an InputError naming it.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .xlsx_safety import check_xlsx

# Of a large UTF-8 CSV only this much is read into memory for its delimiter and header (issue 7).
HEAD_BYTES = 1 << 20
_OLE = b"\xd0\xcf\x11\xe0"  # an old .xls, or an encrypted workbook


@dataclass(frozen=True)
class XlsxSheet:
    """The cells of one sheet of an xlsx file, row by row."""

    rows: list[list[object]]
    name: str
    first_by_default: bool  # no sheet was asked for: this is the workbook's first sheet


class CsvSource:
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
            raise unreadable(self._path, exc) from exc
        fh.seek(self._offset)
        return fh

    def text(self) -> str:
        """The whole text; a file that is not UTF-8 after all is read as cp1252 (utf8 False)."""
        if not self.whole:
            data = self._data if self._data is not None else read_bytes(self._path)
            try:
                self.head = str(memoryview(data)[self._offset :], "utf-8")
            except UnicodeDecodeError:
                self.head = data.decode("cp1252", errors="replace")
                self.utf8 = False
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
        return CsvSource(data.decode("cp1252", errors="replace"), True)
    if whole:
        return CsvSource(text, True, data=data, offset=offset, utf8=True)
    return CsvSource(text, False, path=path, offset=offset, utf8=True)


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
    """The cells of the named sheet (default: the first), after the safety checks."""
    from python_calamine import CalamineWorkbook

    check_xlsx(path)
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
    name = names[0] if sheet is None else sheet
    if name not in names:
        raise InputError(
            f"arket {sheet!r} findes ikke",
            file=path,
            hint=f"Arkene i filen er: {', '.join(names)}.",
        )
    try:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(f"arket kan ikke læses: {exc}", file=path, sheet=name) from exc
    return XlsxSheet(rows, name, first_by_default=sheet is None)
