"""The targets table: each center (bold) with its sectors below, the municipality at the end."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from .labels import LABELS, SHORT_LABELS, bold, number, plain
from .layout import Grid, fitted


def targets_frame(title: str | Text, years, lang: str) -> Table:
    """An empty targets table: the unit, its national average, one column per target year. A
    title given as text is printed as written (no markup)."""
    L = LABELS[lang]
    t = Table(title=title if isinstance(title, Text) else Text(title), title_justify="left")
    t.add_column(L["unit"])
    t.add_column(L["benchmark"], justify="right")
    for y in years:
        t.add_column(str(y), justify="right")
    return t


def target_rows(tset):
    """Per center: its name, its targets, and (sector, benchmark, targets) for each sector.

    The benchmark is the first target year's (the table has one benchmark column)."""
    first = tset.years[0]
    for center, crow in tset.centers.iterrows():
        sub = tset.units.xs(center, level="center")
        sectors = [(s, tset.benchmark.at[(center, s), first], row) for s, row in sub.iterrows()]
        yield center, crow, sectors


def targets_table(tset, name: str, lang: str = "da", width: int | None = None) -> RenderableType:
    """Targets per center (bold), its sectors below, and the municipality in a total row; laid
    out to fit `width` (None: natural widths)."""
    return fitted(lambda thousands: targets_grid(tset, name, lang), width)


def targets_grid(tset, name: str, lang: str) -> Grid:
    """The targets table's cells (no amounts: the same in every layout)."""
    L = LABELS[lang]
    d, years = tset.decimals, tset.years
    rows: list[tuple[Text, ...] | None] = []
    for center, crow, sectors in target_rows(tset):
        rows.append((bold(center), Text(""), *[bold(number(crow[y], d, lang)) for y in years]))
        for sector, b, row in sectors:
            cells = [number(b, 2, lang), *[number(row[y], d, lang) for y in years]]
            rows.append((plain(f"  {sector}"), *map(Text, cells)))
    total = [bold(number(tset.municipality[y], d, lang)) for y in years]
    rows += [None, (bold(L["total"]), Text(""), *total)]
    title = L["targets_title"].format(level=L["both_levels"], name=name)
    headers = (L["unit"], L["benchmark"], *map(str, years))
    short = (L["unit"], SHORT_LABELS[lang]["benchmark"], *map(str, years))
    return Grid(
        title=plain(title),
        headers=headers,
        short=short,
        right=(False, *[True] * (len(headers) - 1)),
        rows=tuple(rows),
        part=L["part"],
    )
