"""The targets table: each center (bold) with its sectors below, the municipality at the end."""

from __future__ import annotations

from rich.table import Table

from .labels import LABELS, bold, number


def targets_frame(title: str, years, lang: str) -> Table:
    """An empty targets table: the unit, its national average, one column per target year."""
    L = LABELS[lang]
    t = Table(title=title, title_justify="left")
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


def targets_table(tset, name: str, lang: str = "da") -> Table:
    """Targets per center (bold), its sectors below, and the municipality in a total row."""
    L = LABELS[lang]
    d, years = tset.decimals, tset.years
    t = targets_frame(L["targets_title"].format(name=name), years, lang)
    for center, crow, sectors in target_rows(tset):
        t.add_row(bold(center), "", *[bold(number(crow[y], d, lang)) for y in years])
        for sector, b, row in sectors:
            t.add_row(f"  {sector}", number(b, 2, lang), *[number(row[y], d, lang) for y in years])
    t.add_section()
    t.add_row(bold(L["total"]), "", *[bold(number(tset.municipality[y], d, lang)) for y in years])
    return t
