"""Native Excel bar charts over a table sheet's data rows (total rows left out)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumFmt, StrRef
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

from .base import Sheet

# Absence in blue, the target in grey: red would read as "over target".
_SERIES_COLORS = ("2E75B6", "7F7F7F", "A5A5A5")
_TEXT_PT = 11  # chart text the size of the cells' text: it is printed at the sheet's scale


class _SheetRef:
    """Stands in for a worksheet in a chart Reference (only its title is used)."""

    def __init__(self, title: str) -> None:
        self.title = title


def bar_chart(
    sheet: Sheet,
    title: str,
    y_title: str | None,
    cats_col: int,
    value_cols: Sequence[int],
    fmt: str | None = None,
    horizontal: bool = True,
) -> BarChart | None:
    """A native bar chart over the non-total rows of `sheet` (columns are 1-based)."""
    first, last = sheet.data_range()
    if last < first:
        return None
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.style = 10
    chart.title = title
    chart.y_axis.title = y_title
    if fmt:
        chart.y_axis.numFmt = NumFmt(formatCode=fmt, sourceLinked=False)
    chart.gapWidth = 60
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0  # bars from 0: an axis from 11,6 exaggerates small gaps
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = _text(_TEXT_PT)
    _add_series(chart, sheet, cats_col, value_cols, first, last)
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row at the top
    n = last - first + 1
    chart.height = max(7.5, min(4 + 0.55 * n, 30))
    chart.width = 22
    if len(value_cols) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
        chart.legend.txPr = _text(_TEXT_PT)
    return chart


def _text(pt: float) -> RichText:
    """Chart text properties: `pt` points, the default font."""
    size = int(pt * 100)
    para = Paragraph(
        pPr=ParagraphProperties(defRPr=CharacterProperties(sz=size)),
        endParaRPr=CharacterProperties(sz=size),
    )
    return RichText(p=[para])


def _add_series(
    chart: BarChart, sheet: Sheet, cats_col: int, value_cols: Sequence[int], first: int, last: int
) -> None:
    """One coloured series per value column, titled by its header, with text category labels."""
    h = sheet.header_row
    for col in value_cols:
        data = Reference(None, min_col=col, min_row=h, max_row=last, max_col=col)
        data.worksheet = _SheetRef(sheet.title)
        chart.add_data(data, titles_from_data=True)
    for series, color in zip(chart.series, _SERIES_COLORS, strict=False):
        series.graphicalProperties.solidFill = color
        series.graphicalProperties.line.solidFill = color
    cats = Reference(None, min_col=cats_col, min_row=first, max_row=last)
    cats.worksheet = _SheetRef(sheet.title)
    for series in chart.series:  # text labels: a string reference, not openpyxl's numRef
        series.cat = AxDataSource(strRef=StrRef(f=str(cats)))


def rows_below(chart: BarChart) -> int:
    """How many sheet rows (15 pt each) a chart covers, and one more as a gap."""
    return math.ceil(chart.height / (15 / 72 * 2.54)) + 1
