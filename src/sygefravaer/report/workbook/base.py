"""Cells and table sheets: number formats, styles, formula-looking text kept as text.

A `Sheet` collects title lines, a header, data rows and total rows, and lays them out in one go
when written, in openpyxl's write-only mode (rows stream to disk), or with its rows written as
XML for the saver to put in (sheetxml.py: the same bytes, faster).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .layout import PADDING, Page, TextMeasure, set_up_page, word_width, wrapped_lines
from .sheetxml import cell_xml, row_xml, writes_as_xml

MONEY = '#,##0 "kr."'
DAYS = "0.0"
GAP = "0.00"  # a gap of 0,02 days is not shown as 0,0
FTE = "#,##0.0"
INT = "0"
PCT = "0.0%"

# A status as shown: "at_target" is green exactly at the target (domain.md 4.4).
STATUS_TEXT = {
    "da": {"green": "grøn", "red": "rød", "at_target": "på måltal"},
    "en": {"green": "green", "red": "red", "at_target": "at target"},
}
_STATUS_COLOUR = {"green": "green", "at_target": "green", "red": "red"}

_FILL = {
    "green": PatternFill("solid", fgColor="C6EFCE"),
    "red": PatternFill("solid", fgColor="FFC7CE"),
    "header": PatternFill("solid", fgColor="1F4E78"),
    "total": PatternFill("solid", fgColor="D9E1F2"),
    "muted": PatternFill("solid", fgColor="EDEDED"),
}
_FONT_NAME = "Calibri"
_FONT = {
    "green": Font(name=_FONT_NAME, color="006100"),
    "red": Font(name=_FONT_NAME, color="9C0006"),
    "header": Font(name=_FONT_NAME, bold=True, color="FFFFFF"),
    "title": Font(name=_FONT_NAME, bold=True, size=14, color="1F4E78"),
    "subtitle": Font(name=_FONT_NAME, italic=True, color="595959"),
    "bold": Font(name=_FONT_NAME, bold=True),
    "muted": Font(name=_FONT_NAME, italic=True, color="595959"),
}
# A status's text: bold or not, in its colour's font.
_STATUS_FONT = {
    (colour, bold): Font(name=_FONT_NAME, bold=bold, color=_FONT[colour].color)
    for colour in ("green", "red")
    for bold in (False, True)
}
_CENTER = Alignment(horizontal="center")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_ALIGN = {"center": _CENTER, "header": _HEADER_ALIGN, "wrap": _WRAP}
_LINE_PT = 15  # the height of one line of 11 pt text
_FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Col:
    """A column: its label (in the sheet's language), number format, and how its values are
    styled ('status')."""

    label: str
    fmt: str | None = None
    kind: str | None = None
    wrap: float | None = None  # a name column: text wraps at this width (row heights follow)


class Suppressed(str):
    """An absence figure hidden for privacy in a per-center workbook (units under min fte)."""


@dataclass(frozen=True)
class Shown:
    """A number with its own number format: days per fte with the digits its status needs."""

    value: float | None
    fmt: str


def days_format(decimals: int) -> str:
    """The number format of days per fte shown with `decimals` digits ('0.00', '0.000')."""
    return "0." + "0" * decimals if decimals > 0 else "0"


def is_missing(v) -> bool:
    """No value: None or NaN (an empty cell)."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def _plain(v):
    """Cell values: numpy scalars unwrapped, NaN as empty, text cleaned of illegal characters."""
    kind = type(v)  # the common plain types first, each as the checks below treat it
    if kind is str:
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    if kind is int or kind is bool or v is None:
        return v
    if kind is float:
        return None if math.isnan(v) else v
    if isinstance(v, Shown):
        v = v.value
    if is_missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    if isinstance(v, Suppressed):
        return v
    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def text_cell(ws, value: str, **style) -> WriteOnlyCell:
    """A text cell that is never a formula: `=SUM(A1)` or `-Administration` stays text.

    Control characters that XML cannot hold (from an HR export, say) are dropped.
    """
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    _style(cell, **style)
    return cell


def _style(cell, font=None, fill=None, fmt=None, align=None) -> None:
    """Set the given font, fill, number format and alignment; leave the others as they are."""
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if fmt is not None:
        cell.number_format = fmt
    if align is not None:
        cell.alignment = align


class _Cells:
    """The cells of one sheet. Each combination of styles is set once, on a first cell,
    and later cells start from a copy of its styles: openpyxl looks every style object it is
    given up by its hash, which costs more than the rest of a cell. The styles reach the
    workbook in the same order as when every cell is styled on its own.

    With `xml`, a cell is the XML `sheetxml.cell_xml` writes for it, and each combination's
    cell style is registered when its first cell is made, as openpyxl registers it when it
    writes that cell (the cells are made in the order they are written)."""

    def __init__(self, ws, xml: bool = False) -> None:
        self.ws = ws
        self.xml = xml
        self._styles: dict[tuple, object] = {}
        self._ids: dict[tuple, int | None] = {}

    def make(self, value, font=None, fill=None, fmt=None, align=None, wrap=False, quote=False):
        """A cell of `value` with the named font, fill and alignment (_FONT or _STATUS_FONT,
        _FILL, _ALIGN), number format, wrapped text (its alignment then `_WRAP`) and quote
        prefix (and typed as text); without any of them the value itself (a text never
        starts with "=" here: `text` quotes it)."""
        key = (font, fill, fmt, align, wrap, quote)
        if key not in self._styles:
            first = WriteOnlyCell(self.ws)
            if quote:
                first.quotePrefix = True
            font_style = _STATUS_FONT[font] if isinstance(font, tuple) else _FONT.get(font)
            _style(first, font=font_style, fill=_FILL.get(fill), fmt=fmt, align=_ALIGN.get(align))
            if wrap:
                first.alignment = _WRAP
            self._styles[key] = first._style  # the style ids set above (None: no style)
            if self.xml:
                self._ids[key] = first.style_id if first.has_style else None
        if self.xml:
            return cell_xml(value, self._ids[key], text=quote)
        style = self._styles[key]
        if style is None:  # openpyxl writes a plain value as it writes an unstyled cell of it
            return value
        cell = Cell(self.ws, row=1, column=1, value=value, style_array=style)
        if quote:
            cell.data_type = "s"
        return cell

    def text(self, value: str, font=None, fill=None, align=None, wrap=False):
        """A text cell that is never a formula (as `text_cell`)."""
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        quote = value.startswith(_FORMULA_START)
        return self.make(value, font, fill, None, align, wrap, quote)


class _Rows:
    """Where a sheet's rows go, one after the other: appended to the openpyxl sheet, or
    (`xml`) written as its XML, each with its height from `heights` (row -> points)."""

    def __init__(self, ws, heights: dict[int, float], xml: bool) -> None:
        self.ws, self.heights, self.xml = ws, heights, xml
        self.parts: list[str] = []
        self.row = 0

    def add(self, cells: list) -> None:
        """The next row's cells (those of `_Cells`)."""
        self.row += 1
        if self.xml:
            self.parts.append(row_xml(self.ws, self.row, cells, self.heights.get(self.row)))
        else:
            self.ws.append(cells)


def _cell(cells: _Cells, raw, value, col: Col, bold: bool, fill, lang: str, wrap: bool):
    """One body cell (`value`: `raw` as `_plain` gives it): a status as coloured text in the
    sheet's language, hidden figures muted, numbers formatted; None for an empty cell."""
    fmt = raw.fmt if isinstance(raw, Shown) else col.fmt
    font = "bold" if bold else None
    if value is None:
        return None if fill is None else cells.make(None, fill=fill)
    if col.kind == "status" and value in _STATUS_COLOUR:
        colour = _STATUS_COLOUR[value]
        font = (colour, bold)
        return cells.text(STATUS_TEXT[lang][value], font, colour, "center", wrap)
    if isinstance(value, Suppressed):
        return cells.text(str(value), "muted", fill, wrap=wrap)
    if isinstance(value, str):
        return cells.text(value, font, fill, wrap=wrap)
    return cells.make(value, font, fill, fmt if not isinstance(value, bool) else None, wrap=wrap)


@dataclass
class Sheet:
    """A table sheet: title lines, one header row, data rows and total rows, laid out on close."""

    title: str
    columns: list[Col]
    heading: list[str] = field(default_factory=list)
    rows: list[tuple[list, bool]] = field(default_factory=list)  # (values, is_total)
    notes: list[str] = field(default_factory=list)
    freeze_cols: int = 1
    lang: str = "da"

    def add(self, values: Sequence, total: bool = False) -> None:
        """Add a row; total rows are written after every data row, outside the filter."""
        self.rows.append((list(values), total))

    @property
    def header_row(self) -> int:
        """The header's spreadsheet row: after the title lines and a blank line."""
        return len(self.heading) + 1 + (1 if self.heading else 0)

    @property
    def end_row(self) -> int:
        """The last row the sheet writes (notes included)."""
        return self.header_row + len(self.rows) + (1 + len(self.notes) if self.notes else 0)

    def data_range(self) -> tuple[int, int]:
        """First and last spreadsheet row of the non-total rows (for charts)."""
        first = self.header_row + 1
        n = sum(1 for _, total in self.rows if not total)
        return first, first + n - 1

    def ordered(self) -> list[tuple[list, bool]]:
        """The rows in the order they are written: data rows, then total rows."""
        return [r for r in self.rows if not r[1]] + [r for r in self.rows if r[1]]

    def write(
        self,
        wb: Workbook,
        charts: Iterable = (),
        page: Page | None = None,
        rows: dict[str, str] | None = None,
    ) -> None:
        """Add the sheet to `wb`: layout first, then title lines, header, data, totals, notes.

        Each cell's value is made plain and its text measured once, for the row heights and
        the cell's wrapping alike. With `rows`, a sheet of text, numbers and empty cells
        leaves its rows there as XML under its title, for `save_workbook` to put in (the same
        bytes as streaming them through openpyxl, faster); any other sheet streams them."""
        ws = wb.create_sheet(self.title)
        measure = TextMeasure()
        widths = self.widths(measure)
        ordered = self.ordered()
        plain = [[_plain(v) for v in values] for values, _ in ordered]
        lines = [[_lines(v, w, measure) for v, w in zip(p, widths, strict=False)] for p in plain]
        xml = rows is not None and all(writes_as_xml(v) for p in plain for v in p)
        heights = self._heights(widths, lines)
        self._layout(ws, widths, page, {} if xml else heights)
        for chart, anchor in charts:
            ws.add_chart(chart, anchor)
        cells, out = _Cells(ws, xml), _Rows(ws, heights, xml)
        for i, line in enumerate(self.heading):
            out.add([cells.text(line, "title" if i == 0 else "subtitle")])
        if self.heading:
            out.add([])
        out.add([cells.text(c.label, "header", "header", "header") for c in self.columns])
        for (values, total), p, n in zip(ordered, plain, lines, strict=True):
            out.add(self._row(cells, values, p, total, n))
        if self.notes:
            out.add([])
            for note in self.notes:
                out.add([cells.text(note, "muted", align="wrap")])
        if xml:
            rows[ws.title] = "".join(out.parts)  # openpyxl's title: unique in the workbook

    def _layout(self, ws, widths: list[float], page: Page | None, heights: dict) -> None:
        """Column widths, row heights (`heights`, row -> points), frozen header, the print
        setup, the notes' merged cells and the filter range."""
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        h = self.header_row
        last_col = get_column_letter(max(len(self.columns), 1))
        ws.freeze_panes = f"{get_column_letter(self.freeze_cols + 1)}{h + 1}"
        for r, height in heights.items():
            ws.row_dimensions[r].height = height
        for r in range(self.end_row - len(self.notes) + 1, self.end_row + 1):
            ws.merged_cells.add(f"A{r}:{last_col}{r}")  # a note spans the table's width
        set_up_page(ws, widths, h, self.freeze_cols, page)
        n_data = sum(1 for _, total in self.rows if not total)
        if n_data:
            # Total rows sit below the filter range, so sorting never moves them.
            ws.auto_filter.ref = f"A{h}:{last_col}{h + n_data}"

    def _heights(self, widths: list[float], lines: list[list[int]]) -> dict[int, float]:
        """Row heights (row -> points) for wrapped text: the header's words, long names, notes
        over the table. `lines`: how many lines each cell of each row (in written order)
        takes.

        A note spans the table's width (merged cells), so it wraps there instead of running off
        the printed page.
        """
        h = self.header_row
        head = [
            len(wrapped_lines(c.label, w - PADDING, bold=True))
            for c, w in zip(self.columns, widths, strict=True)
        ]
        heights = {h: max(head, default=1) * _LINE_PT + 4}
        for r, row_lines in enumerate(lines, h + 1):
            n = max(row_lines, default=1)
            if n > 1:
                heights[r] = n * _LINE_PT
        for r, note in enumerate(self.notes, self.end_row - len(self.notes) + 1):
            heights[r] = len(wrapped_lines(note, sum(widths) - PADDING)) * _LINE_PT
        return heights

    def _row(self, cells: _Cells, values: list, plain: list, total: bool, lines: list[int]) -> list:
        """The cells of one row; total rows bold on a fill (a status keeps its own colour), text
        of more than one line wrapped."""
        fill = "total" if total else None
        out = []
        for v, p, c, n in zip(values, plain, self.columns, lines, strict=False):
            own = fill if c.kind != "status" or is_missing(v) else None
            out.append(_cell(cells, v, p, c, total, own, self.lang, n > 1))
        return out

    def widths(self, measure: TextMeasure | None = None) -> list[float]:
        """Column widths (characters): every header word whole, the first 2000 rows' figures
        whole; long text wraps at the column's `wrap` width (48 by default). Each distinct
        text shown is measured once (`measure`)."""
        measure = TextMeasure() if measure is None else measure
        first = self.rows[:2000]
        widths = []
        for i, col in enumerate(self.columns):
            head = word_width(col.label, bold=True) + PADDING
            shown = {(_shown(v[i], col, self.lang), bool(t)) for v, t in first if i < len(v)}
            body = max((measure.width(text, bold) + PADDING for text, bold in shown), default=0.0)
            widths.append(round(max(head, min(body, col.wrap or _MAX_WIDTH), 6.0), 1))
        return widths


_MAX_WIDTH = 48.0


def _lines(v, width: float, measure: TextMeasure) -> int:
    """How many lines a cell's plain value takes at `width` (numbers never wrap)."""
    if not isinstance(v, str) or measure.width(v) + PADDING <= width:
        return 1
    return measure.lines(v, width - PADDING)


def _shown(v, col: Col, lang: str = "da") -> str:
    """About the text Excel shows for `v` in `col` (for the column width)."""
    fmt = v.fmt if isinstance(v, Shown) else col.fmt
    v = _plain(v)
    if v is None:
        return ""
    if col.kind == "status" and v in _STATUS_COLOUR:
        return STATUS_TEXT[lang][v]
    if isinstance(v, str) or isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if fmt == MONEY:
        return f"{v:,.0f} kr."
    if fmt in (DAYS, FTE) or (fmt or "").startswith("0."):
        decimals = len(fmt.split(".")[1]) if "." in fmt else 0
        return f"{v:,.{decimals}f}"
    return str(v)
