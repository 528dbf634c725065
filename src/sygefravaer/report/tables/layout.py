"""Fitting a table to the width (issue 13, meeting layout): every cell is measured with rich, and
the first of these that fits is chosen:

1. amounts in kr., every column as wide as its widest cell;
2. amounts in 1.000 kr. (the title says so), natural widths;
3. the same with the names and the headers wrapped between words;
4. the same with short headers (their words break onto two lines);
5. the columns split over several tables, each repeating the name column.

No figure is ever cut or wrapped and no word of a name or header is split: a figure column is at
least as wide as its widest figure, a text column as its longest word. Only when a single figure
column beside the names is wider than the width are lines longer than the width (nothing is cut).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

# A table wider than this is not measured further (a terminal is never this wide).
_UNBOUNDED = 100_000


@dataclass(frozen=True)
class Grid:
    """A table before layout: its title, column headers (full and short), the rows of cells
    (None for a section line before a total) and the notes printed under it.

    Column 0 holds the names (it wraps between words); the others hold figures (never wrapped).
    `part` formats the title suffix of a split table, e.g. "del {i} af {n}"."""

    title: Text
    headers: tuple[str, ...]
    short: tuple[str, ...]
    right: tuple[bool, ...]
    rows: tuple[tuple[Text, ...] | None, ...]
    notes: tuple[Text, ...] = ()
    part: str = "{i}/{n}"


@dataclass(frozen=True)
class Layout:
    """How a grid is shown: amounts in 1.000 kr. or not, short headers or not, the column groups
    (one table each, every group starting with column 0) and each group's content widths (None:
    every column at its natural width)."""

    thousands: bool
    short: bool
    groups: tuple[tuple[int, ...], ...]
    widths: tuple[tuple[int, ...] | None, ...]


@dataclass(frozen=True)
class Sizes:
    """A grid's measured columns: the least width each needs (a figure whole, a name's or a
    header's longest word) and its natural width (every cell on one line)."""

    minimum: tuple[int, ...]
    natural: tuple[int, ...]


# The layouts tried in order: (amounts in 1.000 kr., short headers, names and headers wrap).
_STEPS = ((False, False, False), (True, False, False), (True, False, True), (True, True, True))


def fitted(build: Callable[[bool], Grid], width: int | None) -> RenderableType:
    """The table `build(thousands)` laid out to fit `width` (None: natural widths, in kr.);
    each grid is built once, for choosing the layout and for rendering it."""
    grids: dict[bool, Grid] = {}

    def once(thousands: bool) -> Grid:
        if thousands not in grids:
            grids[thousands] = build(thousands)
        return grids[thousands]

    layout = choose_layout(once, width)
    return render(once(layout.thousands), layout)


def choose_layout(build: Callable[[bool], Grid], width: int | None) -> Layout:
    """The first layout (see the module's docstring) whose measured widths fit `width`."""
    grids = {False: build(False)}
    everything = tuple(range(len(grids[False].headers)))
    if width is None:
        return Layout(False, False, (everything,), (None,))
    bodies: dict[bool, list[tuple[int, int]]] = {}
    for thousands, short, wrap in _STEPS:
        if thousands not in grids:
            grids[thousands] = build(thousands)
        if thousands not in bodies:
            bodies[thousands] = _body_sizes(grids[thousands])
        sizes = _with_headers(bodies[thousands], grids[thousands], short)
        widths = group_widths(sizes, everything, width, wrap)
        if widths is not False:
            return Layout(thousands, short, (everything,), (widths,))
    groups = split_columns(sizes, width)
    found = [group_widths(sizes, g, width, True) for g in groups]
    # A group that cannot fit (one figure column wider than the width) keeps its least widths.
    least = [tuple(sizes.minimum[i] for i in g) for g in groups]
    widths = tuple(w if w is not False else m for w, m in zip(found, least, strict=True))
    return Layout(True, True, groups, widths)


def measure(grid: Grid, short: bool) -> Sizes:
    """Each column's least and natural width, measured by rich on the cells as they print."""
    return _with_headers(_body_sizes(grid), grid, short)


def _body_sizes(grid: Grid) -> list[tuple[int, int]]:
    """Each column's (least, natural) width over the body cells: a name may break between
    words, a figure is never broken (its whole width is its least)."""
    console = Console(file=io.StringIO(), width=_UNBOUNDED)
    options = console.options
    sizes = []
    for i in range(len(grid.headers)):
        cells = [r[i] for r in grid.rows if r is not None]
        body = [Measurement.get(console, options, c) for c in cells]
        # a name's least width is its longest word after its indent (a sector's "  "): rich
        # keeps the indent on the first line and would cut the word after it
        pairs = zip(body, cells, strict=True)
        least = max((m.minimum + _indent(c) if i == 0 else m.maximum for m, c in pairs), default=0)
        sizes.append((least, max((m.maximum for m in body), default=0)))
    return sizes


def _indent(cell) -> int:
    """The spaces a cell's text starts with."""
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return len(text) - len(text.lstrip(" "))


def _with_headers(body: list[tuple[int, int]], grid: Grid, short: bool) -> Sizes:
    """The column sizes with the (full or short) headers, which break between words."""
    console = Console(file=io.StringIO(), width=_UNBOUNDED)
    headers = grid.short if short else grid.headers
    heads = [Measurement.get(console, console.options, Text(h)) for h in headers]
    minimum = tuple(max(b[0], h.minimum) for b, h in zip(body, heads, strict=True))
    natural = tuple(max(b[1], h.maximum) for b, h in zip(body, heads, strict=True))
    return Sizes(minimum, natural)


def overhead(columns: int) -> int:
    """The width of a table's borders and padding with this many columns (measured by rich)."""
    console = Console(file=io.StringIO(), width=_UNBOUNDED)
    frame = _frame(Text(""))
    for _ in range(columns):
        frame.add_column(width=1)
    return Measurement.get(console, console.options, frame).maximum - columns


def group_widths(
    sizes: Sizes, group: tuple[int, ...], width: int, wrap: bool
) -> tuple[int, ...] | None | bool:
    """The content widths of the columns `group` within `width`: None when every column fits at
    its natural width, else (with `wrap`) the least widths with the room left given to the names
    first and then to the headers from the left; False when the group does not fit."""
    room = width - overhead(len(group))
    natural = [sizes.natural[i] for i in group]
    if sum(natural) <= room:
        return None
    widths = [sizes.minimum[i] for i in group]
    if not wrap or sum(widths) > room:
        return False
    spare = room - sum(widths)
    for k in range(len(group)):
        more = min(spare, natural[k] - widths[k])
        widths[k] += more
        spare -= more
    return tuple(widths)


def split_columns(sizes: Sizes, width: int) -> tuple[tuple[int, ...], ...]:
    """The figure columns in order over as few tables as fit beside the names (column 0), as
    evenly as they fit: the fewest groups that greedy filling needs, balanced when that fits."""
    greedy: list[list[int]] = [[0]]
    for i in range(1, len(sizes.minimum)):
        trial = [*greedy[-1], i]
        if not _fits(sizes, trial, width) and len(greedy[-1]) > 1:
            greedy.append([0, i])
        else:
            greedy[-1] = trial
    figures, n = list(range(1, len(sizes.minimum))), len(greedy)
    step, extra = divmod(len(figures), n)
    balanced, start = [], 0
    for k in range(n):
        end = start + step + (k < extra)
        balanced.append([0, *figures[start:end]])
        start = end
    chosen = balanced if all(_fits(sizes, g, width) for g in balanced) else greedy
    return tuple(tuple(g) for g in chosen)


def _fits(sizes: Sizes, group: list[int], width: int) -> bool:
    """The columns `group` fit `width` at their least widths."""
    return sum(sizes.minimum[k] for k in group) + overhead(len(group)) <= width


def render(grid: Grid, layout: Layout) -> RenderableType:
    """The rich table(s) of a grid in a layout: one table, or a group of tables when split."""
    n = len(layout.groups)
    tables = []
    for k, (group, widths) in enumerate(zip(layout.groups, layout.widths, strict=True)):
        title = grid.title.copy()
        if n > 1:
            title.append(f" ({grid.part.format(i=k + 1, n=n)})")
        t = _frame(title, grid.notes if k == n - 1 else ())
        headers = grid.short if layout.short else grid.headers
        for j, i in enumerate(group):
            t.add_column(
                Text(headers[i]),
                justify="right" if grid.right[i] else "left",
                width=None if widths is None else widths[j],
            )
        for row in grid.rows:
            if row is None:
                t.add_section()
            else:
                t.add_row(*(row[i] for i in group))
        tables.append(t)
    if n == 1:
        return tables[0]
    spaced: list[RenderableType] = []
    for t in tables:
        spaced += [t, Text("")] if t is not tables[-1] else [t]
    return Group(*spaced)


def _frame(title: Text, notes: tuple[Text, ...] = ()) -> Table:
    """An empty table in the house style: a left-aligned title and the notes under it."""
    caption = Text("\n").join(notes) if notes else None
    return Table(title=title, title_justify="left", caption=caption, caption_justify="left")


def grid_of(table: Table) -> Grid:
    """A ready rich table as a Grid (its title, headers, cells, section lines and caption), so a
    table built cell by cell (the --diff tables) is fitted to the width like the others."""

    def text(x) -> Text:
        return x if isinstance(x, Text) else Text(str(x))

    columns = [list(c.cells) for c in table.columns]
    rows: list[tuple[Text, ...] | None] = []
    for i, row in enumerate(table.rows):
        rows.append(tuple(text(col[i]) for col in columns))
        if row.end_section and i < len(table.rows) - 1:
            rows.append(None)
    headers = tuple(text(c.header).plain for c in table.columns)
    return Grid(
        title=text(table.title or ""),
        headers=headers,
        short=headers,
        right=tuple(c.justify == "right" for c in table.columns),
        rows=tuple(rows),
        notes=(text(table.caption),) if table.caption else (),
    )


def fit_table(table: Table, width: int | None) -> RenderableType:
    """A ready rich table laid out to fit `width`: names and headers wrapped between words,
    then the columns split (its amounts stay as they are: there is no 1.000 kr. form)."""
    if width is None:
        return table
    grid = grid_of(table)
    return render(grid, choose_layout(lambda thousands: grid, width))
