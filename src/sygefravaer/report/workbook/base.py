"""Cells and table sheets: number formats, styles, formula-looking text kept as text.

A `Sheet` collects title lines, a header, data rows and total rows, and lays them out in one go
when written, in openpyxl's write-only mode (rows stream to disk).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MONEY = '#,##0 "kr."'
DAYS = "0.0"
FTE = "#,##0.0"
INT = "0"
PCT = "0.0%"

STATUS_TEXT = {"green": "grøn", "red": "rød"}

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
_CENTER = Alignment(horizontal="center")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Col:
    """A column: Danish label, number format, and how its values are styled ('status')."""

    label: str
    fmt: str | None = None
    kind: str | None = None


class Suppressed(str):
    """An absence figure hidden for privacy in a per-center workbook (units under min fte)."""


def is_missing(v) -> bool:
    """No value: None or NaN (an empty cell)."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def _plain(v):
    """Cell values: numpy scalars unwrapped, NaN as empty, text cleaned of illegal characters."""
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


def _cell(ws, value, col: Col, bold: bool = False, fill=None):
    """One body cell: a status as coloured Danish text, hidden figures muted, numbers formatted."""
    value = _plain(value)
    font = _FONT["bold"] if bold else None
    if value is None:
        if fill is None:
            return None
        cell = WriteOnlyCell(ws, value=None)
        _style(cell, fill=fill)
        return cell
    if col.kind == "status" and value in STATUS_TEXT:
        return text_cell(
            ws,
            STATUS_TEXT[value],
            font=Font(name=_FONT_NAME, bold=bold, color=_FONT[value].color),
            fill=_FILL[value],
            align=_CENTER,
        )
    if isinstance(value, str):
        if isinstance(value, Suppressed):
            return text_cell(ws, str(value), font=_FONT["muted"], fill=fill)
        return text_cell(ws, value, font=font, fill=fill)
    cell = WriteOnlyCell(ws, value=value)
    _style(cell, font=font, fill=fill, fmt=col.fmt if not isinstance(value, bool) else None)
    return cell


@dataclass
class Sheet:
    """A table sheet: title lines, one header row, data rows and total rows, laid out on close."""

    title: str
    columns: list[Col]
    heading: list[str] = field(default_factory=list)
    rows: list[tuple[list, bool]] = field(default_factory=list)  # (values, is_total)
    notes: list[str] = field(default_factory=list)
    freeze_cols: int = 1

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

    def write(self, wb: Workbook, charts: Iterable = ()) -> None:
        """Add the sheet to `wb`: layout first, then title lines, header, data, totals, notes."""
        ws = wb.create_sheet(self.title)
        data = [v for v, total in self.rows if not total]
        self._layout(ws, len(data))
        for chart, anchor in charts:
            ws.add_chart(chart, anchor)
        for i, line in enumerate(self.heading):
            ws.append([text_cell(ws, line, font=_FONT["title" if i == 0 else "subtitle"])])
        if self.heading:
            ws.append([])
        header = {"font": _FONT["header"], "fill": _FILL["header"], "align": _HEADER_ALIGN}
        ws.append([text_cell(ws, c.label, **header) for c in self.columns])
        totals = [v for v, t in self.rows if t]
        for values in data:
            ws.append(self._row(ws, values, False))
        for values in totals:
            ws.append(self._row(ws, values, True))
        if self.notes:
            ws.append([])
            for note in self.notes:
                ws.append([text_cell(ws, note, font=_FONT["muted"])])

    def _layout(self, ws, n_data: int) -> None:
        """Column widths, frozen header, A4 landscape print setup and the filter range."""
        for i, width in enumerate(self.widths(), 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        h = self.header_row
        last_col = get_column_letter(max(len(self.columns), 1))
        ws.freeze_panes = f"{get_column_letter(self.freeze_cols + 1)}{h + 1}"
        ws.row_dimensions[h].height = 32  # two lines of header text
        ws.print_title_rows = f"{h}:{h}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if n_data:
            # Total rows sit below the filter range, so sorting never moves them.
            ws.auto_filter.ref = f"A{h}:{last_col}{h + n_data}"

    def _row(self, ws, values: list, total: bool) -> list:
        """The cells of one row; total rows bold on a fill (a status keeps its own colour)."""
        fill = _FILL["total"] if total else None
        return [
            _cell(ws, v, c, bold=total, fill=fill if c.kind != "status" or is_missing(v) else None)
            for v, c in zip(values, self.columns, strict=False)
        ]

    def widths(self) -> list[float]:
        """Column widths (characters) fitted to the header words and the first 2000 rows."""
        widths = []
        for i, col in enumerate(self.columns):
            longest = max((len(w) for w in col.label.split()), default=4)
            head = min(max(math.ceil(len(col.label) / 2) + 1, longest), 22)
            body = 0
            for values, _ in self.rows[:2000]:
                if i < len(values):
                    body = max(body, _shown_len(values[i], col))
            widths.append(float(min(max(head, body, 6) + 2, 48)))
        return widths


def _shown_len(v, col: Col) -> int:
    """About how many characters Excel shows for `v` in `col` (for the column width)."""
    v = _plain(v)
    if v is None:
        return 0
    if col.kind == "status" and v in STATUS_TEXT:
        return 5
    if isinstance(v, str):
        return len(v)
    if isinstance(v, (int, float)) and col.fmt == MONEY:
        return len(f"{abs(v):,.0f}") + 5
    if isinstance(v, (int, float)) and col.fmt in (DAYS, FTE):
        return len(f"{v:,.1f}") + 1
    return len(str(v))
