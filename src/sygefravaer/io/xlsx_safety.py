"""Checks an xlsx file must pass before calamine opens it (issue 5), and what the same pass over
its XML finds that calamine does not tell (issue 9).

An xlsx file is a zip of XML parts: it can be a zip bomb, carry a DTD with entity bombs or
external entities, or name one far cell that makes calamine build a grid of billions of cells.
Each is refused as an InputError naming the file (and the part).

The pass also reads the workbook's sheets (name, hidden or not, the active one), so that the
table is read from the visible active sheet (domain.md 3), and, in the chosen sheet, the cells
calamine reads as blank though they are not (a formula without a stored value, an error value
such as #N/A) and the numbers formatted as percentages. The sheet XML is streamed once, a MiB
at a time, and looked at with numpy (issue 7: a 200,000-row sheet is 68 MB of XML).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import numpy as np

from ..errors import InputError

# Largest uncompressed xlsx we will open: protects against zip bombs (issue 5). An HR export of
# 100,000 rows is about 60 MiB of sheet XML; calamine needs roughly 3 bytes of memory per byte.
MAX_XLSX_UNCOMPRESSED = 256 << 20
MAX_XLSX_RATIO = 200
MAX_XLSX_PARTS = 10_000
# Largest grid (rows x columns from A1) calamine may build: about 70 bytes of memory per cell.
MAX_XLSX_CELLS = 10_000_000
_CHUNK = 1 << 20


def _dtd_pattern() -> re.Pattern[bytes]:
    """`<!DOCTYPE` or `<!ENTITY`, any case, in UTF-8 or UTF-16 (a NUL byte between characters)."""

    def word(w: str) -> bytes:
        return b"\x00?".join(b"[" + c.lower().encode() + c.upper().encode() + b"]" for c in w)

    return re.compile(b"<\x00?!\x00?(?:" + word("doctype") + b"|" + word("entity") + b")")


_DTD = _dtd_pattern()
# What zipfile raises on a damaged, truncated or tampered archive (a bad CRC, a bad seek, ...).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class MarkedCell:
    """A cell calamine reads as blank that is not: a formula without a stored value, or an error
    value (#N/A, #DIV/0!, ...). `row` as the spreadsheet numbers it, `col` from 0 (A)."""

    ref: str  # e.g. "E2"
    row: int
    col: int
    formula: str | None  # the formula of a cell without a stored value ("=C2*0+100000")
    error: str | None  # the error value ("#N/A")


@dataclass(frozen=True)
class CellMarks:
    """What the chosen sheet's XML says about its cells beyond their values: the marked cells,
    and the row and column (from 0) of each number formatted as a percentage."""

    cells: tuple[MarkedCell, ...] = ()
    percent_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    percent_cols: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


@dataclass(frozen=True)
class XlsxScan:
    """What check_xlsx read: the chosen sheet (None: not found, or the workbook's sheet list
    could not be read, e.g. an .ods; the caller then asks calamine), its marks, and for an .ods
    the name of its active sheet and whether it has formulas, errors or percentages."""

    chosen: str | None
    marks: CellMarks
    ods_active: str | None = None
    ods_marked: bool = False  # the .ods may have marks: ods_marks reads them for its sheet


def default_sheet(visible: Sequence[bool], active: int | None) -> int:
    """The sheet a table is read from when the scenario names none (domain.md 3): the active one
    if it is visible, else the first visible one (a hidden first sheet holds last year's
    figures), else the first."""
    if active is not None and 0 <= active < len(visible) and visible[active]:
        return active
    return next((i for i, v in enumerate(visible) if v), 0)


def _damaged(path: Path) -> InputError:
    return InputError(
        "xlsx-filen er beskadiget eller afkortet", file=path, hint="Gem filen igen fra Excel."
    )


def check_xlsx(path: Path, sheet: str | None = None) -> XlsxScan:
    """Refuse a zip bomb, an encrypted or oversized archive, a DTD or a far cell (issue 5); and
    choose the sheet (`sheet`, else the visible active one) and read its marks (issue 9)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(path) from exc
    _check_sizes(path, infos)
    try:
        with zipfile.ZipFile(path) as zf:
            return _scan_parts(path, zf, infos, sheet)
    except _ZIP_ERRORS as exc:
        raise _damaged(path) from exc


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive that unpacks too far, is encrypted or has too many parts (issue 5)."""
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


def _scan_parts(
    path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], sheet: str | None
) -> XlsxScan:
    """Every XML part streamed once: first the small ones (no DTD; then the workbook's sheet list
    and styles are parsed), then the worksheets, the chosen one with its marks."""
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels", ".vml"))]
    sheets = [i for i in xml if "worksheets/" in i.filename.lower()]
    scanned = {i.filename for i in xml} - {i.filename for i in sheets}
    for info in xml:
        if info.filename in scanned:
            _scan_part(path, zf, info)
    if _is_ods(zf, infos):
        active = _ods_active_sheet(_Parts(zf, scanned))
        return XlsxScan(None, CellMarks(), active, _ods_may_have_marks(zf, infos))
    book = _read_workbook(_Parts(zf, scanned))
    chosen = book.choose(sheet) if book else None
    marks = CellMarks()
    for info in sheets:
        wanted = chosen is not None and info.filename == chosen[1]
        found = _scan_part(path, zf, info, book.percent_styles if wanted else None)
        marks = found if wanted else marks
    return XlsxScan(chosen[0] if chosen else None, marks)


# --------------------------------------------------------------------------- workbook parts


@dataclass(frozen=True)
class _Workbook:
    """The workbook's sheets in order as (name, visible, part), its active sheet and the cell
    styles (indexes into cellXfs) whose number format shows a percentage."""

    sheets: list[tuple[str, bool, str | None]]
    active: int
    percent_styles: np.ndarray

    def choose(self, sheet: str | None) -> tuple[str, str | None] | None:
        """(name, part) of the named sheet (None if there is no such sheet), else the default."""
        if sheet is not None:
            return next(((n, p) for n, _, p in self.sheets if n == sheet), None)
        if not self.sheets:
            return None
        name, _, part = self.sheets[default_sheet([v for _, v, _ in self.sheets], self.active)]
        return name, part


class _Parts:
    """The parts of the archive that were scanned (no DTD), parsed as XML; a part that was not
    (a worksheet, or none) is a KeyError."""

    def __init__(self, zf: zipfile.ZipFile, scanned: set[str]) -> None:
        self.zf, self.scanned = zf, scanned

    def xml(self, name: str) -> ET.Element:
        if name not in self.scanned:
            raise KeyError(name)
        return ET.fromstring(self.zf.read(name))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: ET.Element, name: str) -> str | None:
    """An attribute by its local name (`r:id` is `{namespace}id`; strict OOXML has another)."""
    return next((v for k, v in el.attrib.items() if _local(k) == name), None)


def _relations(parts: _Parts, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, target part name)."""
    folder, name = posixpath.split(part)
    try:
        root = parts.xml(posixpath.join(folder, "_rels", name + ".rels"))
    except KeyError:
        return {}
    out = {}
    for rel in root.iter():
        target = rel.get("Target")
        if _local(rel.tag) == "Relationship" and target and rel.get("TargetMode") != "External":
            resolved = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
    return out


def _read_workbook(parts: _Parts) -> _Workbook | None:
    """The sheet list (xl/workbook.xml and its relationships) and the percent styles; None if
    the workbook cannot be read this way (calamine then decides, as before)."""
    try:
        main = next(
            (t for typ, t in _relations(parts, "").values() if typ.endswith("/officeDocument")),
            "xl/workbook.xml",
        )
        root = parts.xml(main)
        rels = _relations(parts, main)
        sheets, active = [], 0
        for el in root.iter():
            tag = _local(el.tag)
            if tag == "sheet":
                part = rels.get(_attr(el, "id") or "", ("", None))[1]
                sheets.append((el.get("name", ""), el.get("state", "visible") == "visible", part))
            elif tag == "workbookView" and active == 0:
                active = int(el.get("activeTab", "0"))
        styles = next((t for typ, t in rels.values() if typ.endswith("/styles")), None)
        percent = _percent_styles(parts.xml(styles)) if styles else []
    except (KeyError, ValueError, ET.ParseError):
        return None
    return _Workbook(sheets, active, np.array(percent, dtype=np.int64))


def _percent_styles(root: ET.Element) -> list[int]:
    """The cell styles whose number format is a percentage: built-in 9 (0%) and 10 (0.00%), or
    a format of the workbook's own with % outside quoted text."""
    percent = {9, 10}
    for el in root.iter():
        if _local(el.tag) == "numFmt":
            code = re.sub(r'"[^"]*"|\\.', "", el.get("formatCode", ""))
            if "%" in code:
                percent.add(int(el.get("numFmtId", "-1")))
    xfs = next((el for el in root.iter() if _local(el.tag) == "cellXfs"), None)
    if xfs is None:
        return []
    styles = [el for el in xfs if _local(el.tag) == "xf"]
    return [i for i, el in enumerate(styles) if int(el.get("numFmtId", "0")) in percent]


def _is_ods(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    if "mimetype" not in {i.filename for i in infos}:
        return False
    with zf.open("mimetype") as fh:
        return fh.read(len(_ODS) + 2).strip() == _ODS


def _ods_active_sheet(parts: _Parts) -> str | None:
    """The active sheet of an .ods (`ActiveTable` in settings.xml), if it was saved there."""
    try:
        root = parts.xml("settings.xml")
    except (KeyError, ET.ParseError):
        return None
    for el in root.iter():
        if _local(el.tag) == "config-item" and _attr(el, "name") == "ActiveTable":
            return el.text
    return None


_ODS_MARKS = re.compile(rb'table:formula=|calcext:value-type="error"|value-type="percentage"')
_ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
}


def _ods_may_have_marks(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """Whether content.xml has a formula, an error value or a percentage anywhere (rare: only
    then is it read cell by cell, by ods_marks)."""
    if "content.xml" not in {i.filename for i in infos}:
        return False
    tail = b""
    with zf.open("content.xml") as part:
        while chunk := part.read(_CHUNK):
            if _ODS_MARKS.search(tail + chunk):
                return True
            tail = chunk[-32:]
    return False


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_ODS_NS[prefix]}}}{local}"


def ods_marks(path: Path, sheet: str) -> CellMarks:
    """The marks of an .ods table, walking its cells (content.xml, after check_xlsx): formulas
    without a value (no office:value-type), error values (calcext:value-type "error", as
    LibreOffice writes #N/A) and percentages (office:value-type "percentage")."""
    walk = _OdsWalk()
    table = None
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as part:
        for event, el in ET.iterparse(part, events=("start", "end")):
            if el.tag == _q("table:table"):
                table, walk.row = (el.get(_q("table:name")) if event == "start" else None), 0
            elif table != sheet or event == "start":
                continue
            elif el.tag in (_q("table:table-cell"), _q("table:covered-table-cell")):
                walk.cell(el)
            elif el.tag == _q("table:table-row"):
                walk.end_row(int(el.get(_q("table:number-rows-repeated"), "1")))
                el.clear()
    rows, cols = np.array(walk.percent, np.int64).reshape(-1, 2).T
    return CellMarks(tuple(walk.marked), rows, cols)


class _OdsWalk:
    """The marks of an .ods table's cells, row by row (rows and cells may be repeated)."""

    def __init__(self) -> None:
        self.row, self.col = 0, 0  # the rows before this one; this cell's column from 0
        self.marked: list[MarkedCell] = []
        self.percent: list[tuple[int, int]] = []
        self._marked: list[tuple[int, str | None, str | None]] = []  # this row's
        self._percent: list[int] = []

    def cell(self, el: ET.Element) -> None:
        repeat = int(el.get(_q("table:number-columns-repeated"), "1"))
        span = range(self.col, self.col + min(repeat, _REPEATS))
        if (found := _ods_mark(el)) is not None:
            self._marked += [(c, *found) for c in span]
        if el.get(_q("office:value-type")) == "percentage":
            self._percent += span
        self.col += repeat
        el.clear()

    def end_row(self, repeat: int) -> None:
        if self._marked or self._percent:
            for r in range(self.row + 1, self.row + 1 + min(repeat, _REPEATS)):
                for c, formula, error in self._marked:
                    self.marked.append(
                        MarkedCell(f"{column_letters(c + 1)}{r}", r, c, formula, error)
                    )
                self.percent += [(r, c) for c in self._percent]
        self.row, self.col, self._marked, self._percent = self.row + repeat, 0, [], []


_REPEATS = 1024  # a repeated cell or row with a mark: its first 1024 copies are enough


def _ods_mark(el: ET.Element) -> tuple[str | None, str | None] | None:
    """(formula, error value) of an .ods cell that is an error or a formula without a value."""
    formula = el.get(_q("table:formula"))
    shown = "=" + re.sub(r"^[a-z]+:=?", "", formula) if formula else None
    if el.get(_q("calcext:value-type")) == "error":
        return shown, "".join(el.itertext()).strip() or "#?"
    if formula and el.get(_q("office:value-type")) is None:
        return shown, None
    return None


# --------------------------------------------------------------------------- streaming a part


def _scan_part(
    path: Path,
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    percent_styles: np.ndarray | None = None,
) -> CellMarks:
    """One part, streamed: no DTD; for a worksheet the extent of its cells (_check_extent), and
    with `percent_styles` given (the chosen sheet) its marks.

    zipfile stops at the declared size and checks the CRC, so a part that inflates past what the
    directory says is refused as damaged (issue 5). A worksheet's text is cut before its last
    cell (or tag), which is carried into the next MiB, so that each cell is looked at whole.
    """
    sheet = "worksheets/" in info.filename.lower()
    found = _Found(percent_styles)
    carry = b""
    with zf.open(info) as part:
        while True:
            chunk = part.read(_CHUNK)
            text = carry + chunk
            a = np.frombuffer(text, np.uint8)
            lt = np.flatnonzero(a == 60)  # "<": every tag
            nxt = a[np.minimum(lt + 1, len(a) - 1)]
            _refuse_dtd(path, info, text, nxt)
            if not sheet:
                carry = text[-32:]  # a declaration cut between two chunks
            elif text:
                carry = text[found.segment(text, a, lt, nxt, final=not chunk) :]
            if not chunk:
                break
    if sheet:
        _check_extent(path, info.filename, found.cells, found.max_row, found.max_col)
    return found.marks()


def _refuse_dtd(path: Path, info: zipfile.ZipInfo, text: bytes, nxt: np.ndarray) -> None:
    """A `<!` (or `<` NUL `!`, UTF-16) is rare; only then is the text searched for a DTD."""
    if ((nxt == 33) | (nxt == 0)).any() and _DTD.search(text):
        raise InputError(
            "xlsx-filen indeholder en DOCTYPE/ENTITY-erklæring og afvises (mulig XML-bombe)",
            file=path,
            value=info.filename,
            hint="Excel skriver aldrig sådanne erklæringer; gem filen igen "
            "fra Excel som .xlsx, eller brug CSV.",
        )


_WS = np.zeros(256, dtype=bool)
_WS[[9, 10, 13, 32]] = True
_NAME_END = _WS.copy()  # what may follow a tag's name: white space, "/" or ">"
_NAME_END[[47, 62]] = True
_NUMBER, _ERROR, _STRING, _OTHER = 0, 1, 2, 3  # a cell's type (its t attribute)
_LAST_CELL = 1 << 16  # a cell longer than this (never in Excel) is cut at a tag instead


class _Found:
    """What the segments of one worksheet held so far: cells, the far corner, the marks."""

    def __init__(self, percent_styles: np.ndarray | None) -> None:
        self.cells, self.max_row, self.max_col = 0, 0, 0
        self.want = percent_styles is not None  # the chosen sheet: its marks too
        self.percent_styles = percent_styles
        self.marked: list[MarkedCell] = []
        self.percent: list[tuple[np.ndarray, np.ndarray]] = []

    def marks(self) -> CellMarks:
        if not self.percent:
            return CellMarks(tuple(self.marked))
        rows, cols = (np.concatenate(x) for x in zip(*self.percent, strict=True))
        return CellMarks(tuple(self.marked), rows, cols)

    def segment(
        self, text: bytes, a: np.ndarray, lt: np.ndarray, nxt: np.ndarray, final: bool
    ) -> int:
        """Look at the text up to its last cell start (all of it when `final`); returns where
        the rest, carried into the next chunk, begins."""
        n = len(a)
        short = _NAME_END[a[np.minimum(lt + 2, n - 1)]]  # a one-letter tag name: <c <f <v
        starts = lt[(nxt == 99) & short]  # "<c" and white space, "/" or ">"
        cut, whole = n, True  # whole: the last cell ends in this segment
        if not final and len(starts) and n - starts[-1] <= _LAST_CELL:
            cut = int(starts[-1])
        elif not final and len(lt):
            cut, whole = int(lt[-1]), False
        keep = lt < cut
        tags = _Tags(lt[keep], nxt[keep], short[keep], a, cut)
        self.cells += len(tags.starts)
        cols, rows = _refs(a, tags.values("r"))
        if len(rows):
            self.max_row = max(self.max_row, int(rows.max()))
            self.max_col = max(self.max_col, int(cols.max()))
        if self.want and len(tags.starts):
            if not whole:
                cols[-1] = 0  # its <f> or <v> may be in the next segment
            self._marks(text, tags, rows, cols - 1)
        return cut

    def _marks(self, text: bytes, tags: _Tags, row: np.ndarray, col: np.ndarray) -> None:
        """The segment's formulas without a value, error cells and percent-formatted numbers.

        Formulas and error values are rare: cells that may be one (a formula and no value, a
        value starting with #) are looked at one by one."""
        a, ncell = tags.a, len(tags.starts)
        vtags = tags.at[tags.named("v")]
        vcell = np.searchsorted(tags.starts, vtags, side="right") - 1
        filled = _filled(text, a, vtags)
        has_v = _cells_with(vcell[filled], ncell)
        hash_v = _cells_with(vcell[filled & (a[np.minimum(vtags + 3, len(a) - 1)] == 35)], ncell)
        fcell = np.searchsorted(tags.starts, tags.at[tags.named("f")], side="right") - 1
        no_value = _cells_with(fcell, ncell) & ~has_v
        for i in np.flatnonzero((no_value | hash_v) & (col >= 0)):
            cell = _cell_text(text, int(tags.starts[i]))
            kind = _TYPE.search(cell[: cell.find(b">")])
            kind = kind.group(1) if kind else b"n"
            if kind == b"e" or (no_value[i] and kind != b"str"):  # str: the empty text
                self.marked.append(_marked(cell, int(row[i]), int(col[i]), kind == b"e"))
        if len(self.percent_styles):
            style = np.full(ncell, -1, np.int64)
            at = tags.values("s")
            style[at >= 0] = _digits(a, at[at >= 0])
            at = tags.values("t")
            kind = np.full(ncell, _NUMBER, np.int8)
            kind[at >= 0] = _cell_types(a, at[at >= 0])
            pct = np.isin(style, self.percent_styles) & has_v & (kind == _NUMBER) & (col >= 0)
            self.percent.append((row[pct], col[pct]))


class _Tags:
    """The tags of a segment of sheet XML up to `cut`: where each starts (`<`), the byte after
    it, whether a one-letter name ends there (`<c `, `<f>`, `<v/>`), and the cells' starts."""

    def __init__(self, at: np.ndarray, nxt: np.ndarray, short: np.ndarray, a, cut: int):
        self.at, self.nxt, self.short, self.a, self.cut = at, nxt, short, a, cut
        self.is_cell = (nxt == 99) & short
        self.starts = at[self.is_cell]
        self._attrs: dict[str, np.ndarray] | None = None

    def named(self, letter: str) -> np.ndarray:
        return (self.nxt == ord(letter)) & self.short

    def values(self, name: str) -> np.ndarray:
        """Per cell, where the value of its attribute `name` (r, t or s) starts; -1: none.

        Excel, LibreOffice and openpyxl write r first (`<c r="E2" ...`): found by position; a
        cell written otherwise has the attributes of all cells found (_cell_attributes)."""
        a, s = self.a, self.starts
        if name == "r":
            n = len(a)
            fast = _WS[a[np.minimum(s + 2, n - 1)]] & (a[np.minimum(s + 3, n - 1)] == 114)
            fast &= (a[np.minimum(s + 4, n - 1)] == 61) & (a[np.minimum(s + 5, n - 1)] == 34)
            if fast.all():
                return s + 6
        if self._attrs is None:
            self._attrs = _cell_attributes(a, self.at, self.is_cell, self.cut)
        return self._attrs[name]


def _cell_attributes(
    a: np.ndarray, at: np.ndarray, is_cell: np.ndarray, cut: int
) -> dict[str, np.ndarray]:
    """Per cell tag, where the values of its attributes r, t and s start (-1: none)."""
    eq = np.flatnonzero(a[:cut] == 61)  # "="
    eq = eq[(eq >= 2) & (a[np.minimum(eq + 1, len(a) - 1)] == 34)]  # '="'
    owner = np.searchsorted(at, eq, side="right") - 1  # the tag each attribute is in
    ok = owner >= 0
    ok[ok] = is_cell[owner[ok]]
    ok &= _WS[a[eq - 2]]  # a one-letter name: white space before it
    eq, cell = eq[ok], (np.cumsum(is_cell) - 1)[owner[ok]]
    name = a[eq - 1]
    out = {}
    for k in "rts":
        values = np.full(int(is_cell.sum()), -1, np.int64)
        values[cell[name == ord(k)]] = eq[name == ord(k)] + 2
        out[k] = values
    return out


def _refs(a: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column from 1, row) of the cell references (`E2`) starting at `at` (-1: none), read
    with numpy; a reference too long to be real gets a huge number, which _check_extent refuses."""
    at = np.where(at >= 0, at, len(a))  # no reference: nothing is read
    col, at, more = _run(a, at, b"AZ", 5, 10**9)  # six letters or more: no real column
    col[more] = 10**9
    row = _digits(a, at)
    return col, np.maximum(row, more)


def _digits(a: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The whole numbers written at `at` (0 where there is none; at most 10**10)."""
    return _run(a, at, b"09", 11, 10**10)[0]


def _run(
    a: np.ndarray, at: np.ndarray, span: bytes, steps: int, cap: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs of bytes in `span` (b"09": digits; b"AZ": column letters, A = 1, base 26) from
    `at`, read as numbers (at most `cap`), up to `steps` bytes: (numbers, where each run
    stopped, whether a run goes on past `steps`)."""
    n, lo, hi = len(a), span[0], span[1]
    zero, base = (lo, 10) if span == b"09" else (lo - 1, 26)

    def look(q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ch = a[np.minimum(q, n - 1)].astype(np.int64)
        return ch, (ch >= lo) & (ch <= hi) & (q < n)

    out, q = np.zeros(len(at), np.int64), at.copy()
    ch, inside = look(q)
    for _ in range(steps):
        if not inside.any():
            break
        out = np.where(inside, np.minimum(out * base + ch - zero, cap), out)
        q += inside
        ch, inside = look(q)
    return out, q, inside


def _cell_types(a: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Each t attribute's value (at `at`) as _NUMBER ("n"), _ERROR ("e"), _STRING ("str"),
    else _OTHER (s, b, d, inlineStr)."""
    n = len(a)
    b = [a[np.minimum(at + k, n - 1)] for k in range(4)]
    kind = np.full(len(at), _OTHER, np.int8)
    kind[(b[0] == ord("n")) & (b[1] == 34)] = _NUMBER
    kind[(b[0] == ord("e")) & (b[1] == 34)] = _ERROR
    kind[(b[0] == ord("s")) & (b[1] == ord("t")) & (b[2] == ord("r")) & (b[3] == 34)] = _STRING
    return kind


def _cells_with(cells: np.ndarray, ncell: int) -> np.ndarray:
    out = np.zeros(ncell, dtype=bool)
    out[cells[cells >= 0]] = True
    return out


def _filled(text: bytes, a: np.ndarray, vtags: np.ndarray) -> np.ndarray:
    """Which `<v` tags hold a value: `<v>` and text, not `<v></v>`, `<v/>` or `<v />`."""
    n = len(a)
    after = [a[np.minimum(vtags + k, n - 1)] for k in (2, 3)]
    plain = after[0] == 62  # <v>
    filled = plain & (after[1] != 60)
    empty = (after[0] == 47) | ((after[0] == 32) & (after[1] == 47))  # <v/>, <v /> (openpyxl)
    for i in np.flatnonzero(~plain & ~empty):  # <v xml:space="preserve">...: rare
        gt = text.find(b">", int(vtags[i]))
        filled[i] = gt > 0 and text[gt - 1] != 47 and text[gt + 1 : gt + 2] not in (b"<", b"")
    return filled


_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>([^<]*)</f>)")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_TYPE = re.compile(rb'\st="([^"]*)"')


def _cell_text(text: bytes, start: int) -> bytes:
    end = text.find(b"</c>", start)
    return text[start : end if end > 0 else len(text)]


def _marked(cell: bytes, row: int, col: int, error: bool) -> MarkedCell:
    """A marked cell from its XML: its formula (if written out), and its error value."""
    formula = _FORMULA.search(cell)
    shown = None
    if formula and formula.group(1):
        shown = "=" + unescape(formula.group(1).decode("utf-8", "replace"))
    value = _VALUE.search(cell) if error else None
    found = unescape(value.group(1).decode("utf-8", "replace")) if value else "#?"
    return MarkedCell(f"{column_letters(col + 1)}{row}", row, col, shown, found if error else None)


def column_letters(col: int) -> str:
    """The letters of a column numbered from 1 (1 = A, 27 = AA)."""
    letters = ""
    while col:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _check_extent(path: Path, part: str, cells: int, max_row: int, ncol: int) -> None:
    """A sheet is read as a full grid from A1: one stray cell at XFD1048576 would need 17 billion
    cells (hundreds of GB), so the grid and the number of cells are bounded (issue 5)."""
    if max(cells, max_row * ncol) > MAX_XLSX_CELLS:
        far = f"{column_letters(ncol)}{max_row}" if ncol and max_row else "?"
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
