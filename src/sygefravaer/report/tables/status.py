"""The status table: each center with a coloured dot, its sectors below, the municipality.

The shown figures let a reader see the status (domain.md 4.4): days per fte and the gap with two
decimals, more where a red unit would look equal to its target (core.status.shown_decimals), the
target with the scenario's decimals, and a unit exactly at its target says "på måltal".
"""

from __future__ import annotations

import numpy as np
from rich.console import RenderableType
from rich.text import Text

from ...core.status import shown_decimals
from .labels import LABELS, SHORT_LABELS, bold, dot, level_label, money, number, plain
from .layout import Grid, fitted

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
_FIGURES = ("fte", "days_per_fte", "target", "gap", "excess_days", "potential", "cost")
_FIGURES += ("status", "at_target")


def status_table(
    res, name: str, lang: str = "da", decimals: int = 1, width: int | None = None
) -> RenderableType:
    """Status grouped by center with a coloured dot, sectors under their center, a total row;
    laid out to fit `width` (None: natural widths)."""
    return fitted(lambda thousands: status_grid(res, name, lang, decimals, thousands), width)


def status_grid(res, name: str, lang: str, decimals: int, thousands: bool) -> Grid:
    """The status table's cells, amounts in kr. or (`thousands`) in 1.000 kr."""
    L = LABELS[lang]
    level = level_label(res.level, lang)
    title = L["status_title"].format(
        period=res.period, year=res.target_year, level=level, name=name
    )
    title += f" ({L['thousands']})" if thousands else ""
    fmt = (lang, decimals, thousands)
    sectors: dict[str, list[tuple[Text, ...]]] = {}
    if res.level == "sector":
        units = res.units
        for c, s, cells in zip(units["center"], units["sector"], _cells(units, *fmt), strict=True):
            sectors.setdefault(c, []).append((plain(f"  {s}"), *cells))
    rows: list[tuple[Text, ...] | None] = []
    for c, cells in zip(res.centers["center"], _cells(res.centers, *fmt, True), strict=True):
        rows += [(bold(c), *cells), *sectors.get(c, [])]
    municipality = {k: [res.municipality[k]] for k in _FIGURES}
    rows += [None, (bold(L["total"]), *_cells(municipality, *fmt, True)[0])]
    note = L["status_note_sector" if res.level == "sector" else "status_note_center"]
    return Grid(
        title=plain(title),
        headers=tuple(L[k] for k in _COLUMNS),
        short=tuple(SHORT_LABELS[lang].get(k, L[k]) for k in _COLUMNS),
        right=tuple(k not in ("unit", "status") for k in _COLUMNS),
        rows=tuple(rows),
        notes=(plain(note, style="dim"),),
        part=L["part"],
    )


def _cells(table, lang: str, decimals: int, thousands: bool, strong: bool = False) -> list:
    """Each row's cells from the status to the cost of absence (bold for a center or the
    total); `table` is a frame or a dict of columns."""
    col = {k: np.asarray(table[k]) for k in _FIGURES}
    shown = shown_decimals(col["days_per_fte"], col["target"], col["status"] == "red")
    style = "bold" if strong else ""
    out = []
    for k in range(len(col["fte"])):
        d = int(shown[k])
        figures = [
            number(col["fte"][k], 1, lang),
            number(col["days_per_fte"][k], d, lang),
            number(col["target"][k], decimals, lang),
            number(col["gap"][k], d, lang),
            number(col["excess_days"][k], 1, lang),
            money(col["potential"][k], lang, thousands),
            money(col["cost"][k], lang, thousands),
        ]
        status = dot(col["status"][k], lang, bool(col["at_target"][k]))
        out.append((status, *(Text(v, style=style) for v in figures)))
    return out
