"""Print layout: how wide text is in Calibri, how headers wrap, and the A4 page every sheet gets.

The sheets print on A4 landscape, scaled to the page width (fit to width). The scale shrinks
every font, so the layout keeps it high enough that 11 pt text stays at least 7 pt on paper
(`MIN_SCALE`); a sheet too wide for that prints over several pages side by side, its key
columns repeated on each.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

# Advance widths of Calibri (and its metric twin Carlito, what LibreOffice prints with) in
# 1/2048 em; a digit is 1038. Other characters count as a lower-case letter of middle width.
_NARROW = dict.fromkeys("ijlI.,:;'!|", 480) | dict.fromkeys("ft()[]-", 640) | {" ": 463}
_MIDDLE = dict.fromkeys("rsz", 760) | dict.fromkeys("cejkvxyJ", 900) | dict.fromkeys("EFLST", 960)
_WIDE = dict.fromkeys("mæMWw", 1600) | dict.fromkeys("ABCDGHKNOPQRUVXYZøåÅØÆ", 1200)
_DIGIT = 1038
_OTHER = 1060
_WIDTHS = _NARROW | _MIDDLE | _WIDE | dict.fromkeys("0123456789", _DIGIT)
_BOLD = 1.06  # bold Calibri is about 6 % wider

# A4 landscape is 842 x 595 pt; the margins in inches (openpyxl's unit).
PAGE_WIDTH_PT = 842
MARGIN_IN = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}
PRINTABLE_PT = PAGE_WIDTH_PT - 72 * (MARGIN_IN["left"] + MARGIN_IN["right"])
BODY_PT = 11  # the size of every cell's text
MIN_PRINTED_PT = 7
MIN_SCALE = 0.66  # 11 pt x 0.66 = 7.3 pt: a margin above 7 pt for the estimated text widths


def text_width(text: str, bold: bool = False) -> float:
    """About how many column-width units (Excel's digit widths) `text` takes in 11 pt Calibri."""
    get = _WIDTHS.get
    units = sum([get(ch, _OTHER) for ch in text])
    return units / _DIGIT * (_BOLD if bold else 1.0)


def _pieces(text: str) -> list[tuple[str, str]]:
    """(piece, what joins it to the next) where a line may break: at spaces, after a hyphen
    inside a word ('Effektiviserings-potentiale'), as Excel and LibreOffice wrap."""
    out = []
    for word in text.split():
        parts = re.findall(r"[^-]+-(?=[^-])|.+?$", word) or [word]
        out += [(p, "") for p in parts[:-1]] + [(parts[-1], " ")]
    return out


def wrapped_lines(text: str, width: float, bold: bool = False) -> list[str]:
    """`text` wrapped into lines that fit `width` (a piece longer than it stays whole)."""
    lines: list[str] = []
    joint, used = "", 0.0  # the width of the last line so far (widths add up per character)
    for piece, after in _pieces(text):
        more = text_width(joint + piece, bold)
        if lines and used + more <= width:
            lines[-1] += joint + piece
            used += more
        else:
            lines.append(piece)
            used = text_width(piece, bold)
        joint = after
    return lines or [""]


class TextMeasure:
    """`text_width` and `wrapped_lines`' line count, each worked out once per distinct text: a
    sheet repeats its names, statuses and figures in many cells. One per sheet being written."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, bool], float] = {}
        self._lines: dict[tuple[str, float], int] = {}

    def width(self, text: str, bold: bool = False) -> float:
        """`text_width(text, bold)`."""
        key = (text, bold)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = text_width(text, bold)
        return found

    def lines(self, text: str, width: float) -> int:
        """`len(wrapped_lines(text, width))`."""
        key = (text, width)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = len(wrapped_lines(text, width))
        return found


def word_width(text: str, bold: bool = False) -> float:
    """The width of the widest unbreakable piece of `text`: a column narrower than that would
    break a word."""
    return max((text_width(p, bold) for p, _ in _pieces(text)), default=0.0)


PADDING = 1.6  # a cell's inner margins, in column-width units


def column_pt(width: float) -> float:
    """A column of `width` units in points: Excel's pixels (width x 7 + 5) at 96 dpi."""
    return int(width * 7 + 5) * 0.75


def pages_wide(widths: Sequence[float]) -> int:
    """How many pages side by side a sheet of these column widths needs to print at MIN_SCALE."""
    total = sum(column_pt(w) for w in widths)
    return max(1, math.ceil(total * MIN_SCALE / PRINTABLE_PT))


def print_scale(widths: Sequence[float]) -> float:
    """The scale fit to width prints a sheet of these column widths at (1 page wide)."""
    total = sum(column_pt(w) for w in widths)
    return min(1.0, PRINTABLE_PT / total) if total else 1.0


@dataclass(frozen=True)
class Page:
    """What every printed page of a workbook says: the municipality, the center (a center's
    workbook), the run date, and the language of 'page x of y'."""

    municipality: str
    run_date: str
    center: str | None = None
    lang: str = "da"

    def header(self) -> tuple[str, str, str]:
        """Left, centre and right of the page header: municipality, center, run date."""
        return _escape(self.municipality), _escape(self.center or ""), self.run_date

    def footer(self) -> str:
        """The page footer: 'Side 1 af 3' (Excel's codes &P and &N)."""
        return "Page &P of &N" if self.lang == "en" else "Side &P af &N"


def _escape(text: str) -> str:
    """A name as header text: '&' starts Excel's header codes, so it is doubled."""
    return text.replace("&", "&&")


def set_up_page(ws, widths: Sequence[float], header_row: int, key_cols: int, page) -> None:
    """A4 landscape, fit to width, the header row on every page, margins, header and footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    pages = pages_wide(widths)
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    if pages > 1 and key_cols:  # printed side by side: each page starts with the key columns
        ws.print_title_cols = f"A:{get_column_letter(key_cols)}"
    for side, inches in MARGIN_IN.items():
        setattr(ws.page_margins, side, inches)
    if page is None:
        return
    ws.HeaderFooter.scaleWithDoc = False  # the header's 10 pt is not shrunk with the sheet
    parts = (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right)
    for part, text in zip(parts, page.header(), strict=True):
        if text:
            part.text = text
            part.size = 10
    ws.oddFooter.center.text = page.footer()
    ws.oddFooter.center.size = 10
    ws.oddFooter.left.text = "&A"  # the sheet's name
    ws.oddFooter.left.size = 10
