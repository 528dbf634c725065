"""Reading printed rich tables back (issue 13's table tests): each table's title, headers, rows
(a name wrapped over several lines joined again) and the notes under it; amounts parsed back.

Written for the tables' house style (heavy head box): header lines start with '┃', body lines
with '│', a section line with '├' and the bottom with '└'; split tables are separated by a blank
line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from rich.cells import cell_len
from rich.console import Console

# A whole figure as the tables print it: '1.234,5', '-0,18', '983 kr.', 'DKK 1,234', '–',
# a status ('● grøn', '● på måltal', '● red', '● at target').
FIGURE = re.compile(
    r"-?\d{1,3}([.,]\d{3})*([.,]\d+)?( kr\.)?|DKK -?\d{1,3}(,\d{3})*|–|● [a-zæøå ]+"
)


@dataclass
class Part:
    """One printed table."""

    title: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: str = ""

    def column(self, header: str) -> list[str]:
        """The cells of the column headed `header` (its words joined by single spaces)."""
        return [r[self.headers.index(header)] for r in self.rows]


def printed(renderable, width: int) -> str:
    """What a console `width` columns wide prints for `renderable`, without colour."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def widest_line(text: str) -> int:
    """The widest line in terminal cells (an emoji takes two)."""
    return max(cell_len(line) for line in text.splitlines())


def _cells(line: str, bar: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split(bar)]


def parts(text: str) -> list[Part]:
    """Every table in `text`, with the text above each (its title) and below the last (notes)."""
    found: list[Part] = []
    pending: list[str] = []
    current: Part | None = None
    new_row = True
    for line in text.splitlines():
        head = line.strip()[:1]
        if head == "┏":
            current = _start(found, pending)
            pending = []
        elif head == "┃" and current is not None:
            cells = _cells(line, "┃")
            if not current.headers:
                current.headers = [""] * len(cells)
            current.headers = [
                f"{h} {c}".strip() for h, c in zip(current.headers, cells, strict=True)
            ]
        elif head == "│" and current is not None:
            cells = _cells(line, "│")
            if not new_row and not any(cells[1:]) and current.rows:
                current.rows[-1][0] = f"{current.rows[-1][0]} {cells[0]}".strip()
            else:
                current.rows.append(cells)
            new_row = False
        elif head in ("┡", "├", "└"):
            new_row = True
            if head == "└":
                current = None
        else:
            pending.append(line.rstrip())
    if found:
        found[-1].notes = " ".join(x.strip() for x in pending if x.strip())
    return found


def _start(found: list[Part], pending: list[str]) -> Part:
    """A new table: the lines since the last one are its title, after the last one's notes."""
    blank = [i for i, x in enumerate(pending) if not x.strip()]
    if found and blank:
        found[-1].notes = " ".join(x.strip() for x in pending[: blank[0]] if x.strip())
        pending = pending[blank[-1] + 1 :]
    found.append(Part(title=" ".join(x.strip() for x in pending if x.strip())))
    return found[-1]


def whole_figures(part: Part) -> list[str]:
    """The figure cells of a table that are not a whole figure (empty when all are)."""
    return [c for r in part.rows for c in r[1:] if c and not FIGURE.fullmatch(c)]


def amount(cell: str, lang: str = "da") -> Decimal:
    """'1.234 kr.' -> 1234, 'DKK -1,234' -> -1234, '5.812' -> 5812 (a printed amount)."""
    s = cell.removesuffix(" kr.").removeprefix("DKK ").strip()
    s = s.replace(".", "") if lang == "da" else s.replace(",", "")
    return Decimal(s.replace(",", "."))


def shown(x, thousands: bool) -> Decimal:
    """What a whole-kroner amount must read as: itself, or in 1.000 kr. rounded half up."""
    exact = Decimal(int(x))
    if not thousands:
        return exact
    return (exact / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def in_thousands(part: Part, lang: str = "da") -> bool:
    """The title says the amounts are in 1.000 kr."""
    return ("1.000 kr." if lang == "da" else "DKK 1,000") in part.title
