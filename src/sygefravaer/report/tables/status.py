"""The status table: each center with a coloured dot, its sectors below, the municipality."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from .labels import LABELS, bold, dot, kr, number

_COLUMNS = (
    "unit",
    "status",
    "fte",
    "days_per_fte",
    "target",
    "gap",
    "excess_days",
    "potential",
    "cost",
)


def status_table(res, name: str, lang: str = "da", decimals: int = 1) -> Table:
    """Status grouped by center with a coloured dot, sectors under their center, a total row."""
    L = LABELS[lang]
    t = Table(
        title=L["status_title"].format(period=res.period, year=res.target_year, name=name),
        title_justify="left",
    )
    for key in _COLUMNS:
        t.add_column(L[key], justify="left" if key in ("unit", "status") else "right")
    units = res.units
    for _, c in res.centers.iterrows():
        t.add_row(bold(c["center"]), dot(c["status"], lang), *_cells(c, lang, decimals, True))
        if res.level == "sector":
            for _, r in units[units["center"] == c["center"]].iterrows():
                t.add_row(f"  {r['sector']}", dot(r["status"], lang), *_cells(r, lang, decimals))
    t.add_section()
    m = res.municipality
    t.add_row(bold(L["total"]), dot(m["status"], lang), *_cells(m, lang, decimals, True))
    return t


def _cells(r, lang: str, decimals: int, bold: bool = False) -> list[Text]:
    """A row's figures, from fte to the cost of absence (bold for a center or the total)."""
    style = "bold" if bold else ""
    vals = [
        number(r["fte"], 1, lang),
        number(r["days_per_fte"], 2, lang),
        number(r["target"], decimals, lang),
        number(r["gap"], 2, lang),
        number(r["excess_days"], 1, lang),
        kr(r["potential"], lang),
        kr(r["cost"], lang),
    ]
    return [Text(v, style=style) for v in vals]
