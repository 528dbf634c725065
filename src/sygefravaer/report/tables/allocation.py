"""The allocation table: each center's and unit's weight, prior reduction, increments, reduction.

Every figure of a center row and of the total row is the core's (AllocationResult.centers and
.municipality: the sums of the rows above), so the totals add up by construction.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text

from ...core import models
from ...core.allocation_rows import allocation_rows
from .labels import LABELS, SHORT_LABELS, bold, dot, level_label, money, number, plain
from .layout import Grid, fitted


def allocation_table(res, name: str, lang: str = "da", width: int | None = None) -> RenderableType:
    """Each unit's status, weight, prior reduction, yearly increments and cumulative reduction;
    laid out to fit `width` (None: natural widths)."""
    units = _units_by_center(res)  # once for the table in kr. and in 1.000 kr.
    return fitted(lambda thousands: _grid(res, units, name, lang, thousands), width)


def allocation_grid(res, name: str, lang: str, thousands: bool) -> Grid:
    """The allocation table's cells, amounts in kr. or (`thousands`) in 1.000 kr."""
    return _grid(res, _units_by_center(res), name, lang, thousands)


def _units_by_center(res) -> dict[str, list[dict]]:
    """Each center's units (rows of `allocation_rows`: with their status figures, at_target
    among them), in table order."""
    out: dict[str, list[dict]] = {}
    for r in allocation_rows(res).to_dict("records"):
        out.setdefault(r["center"], []).append(r)
    return out


def _grid(res, units: dict[str, list[dict]], name: str, lang: str, thousands: bool) -> Grid:
    """The allocation table's cells from the units of each center (`_units_by_center`)."""
    L = LABELS[lang]
    years = [y.year for y in res.years]
    money_keys = ["prior_reduction", *[f"increment_{y}" for y in years], "reduction"]
    weight = _weight_format(res, lang, thousands)

    def cells(r, strong: bool) -> tuple[Text, ...]:
        """A row's weight and amounts (bold for a center or the total)."""
        figures = [weight(r["weight"]), *[money(r[k], lang, thousands) for k in money_keys]]
        return tuple(Text(v, style="bold" if strong else "") for v in figures)

    rows: list[tuple[Text, ...] | None] = []
    sector_level = res.level == "sector"
    for c in res.centers.to_dict("records"):
        sub = units.get(c["center"], [])
        status = dot(sub[0]["status"], lang, bool(sub[0]["at_target"]))
        rows.append((bold(c["center"]), Text("") if sector_level else status, *cells(c, True)))
        if sector_level:
            for r in sub:
                status = dot(r["status"], lang, bool(r["at_target"]))
                rows.append((plain(f"  {r['sector']}"), status, *cells(r, False)))
    rows += [None, (bold(L["total"]), Text(""), *cells(res.municipality, True))]
    return Grid(
        title=plain(_title(res, name, lang, thousands)),
        headers=_headers(L, years, res.year),
        short=_headers(L | SHORT_LABELS[lang], years, res.year),
        right=(False, False, *[True] * (len(money_keys) + 1)),
        rows=tuple(rows),
        notes=_notes(res, lang),
        part=L["part"],
    )


def _title(res, name: str, lang: str, thousands: bool) -> str:
    """'Budgetreduktion 2015 – <model> – sektorniveau – <name>' (+ 'beløb i 1.000 kr.')."""
    L = LABELS[lang]
    model = models.get(res.model).label(lang)
    level = level_label(res.level, lang)
    title = L["allocate_title"].format(year=res.year, model=model, level=level, name=name)
    return title + (f" ({L['thousands']})" if thousands else "")


def _headers(labels: dict, years: list[int], year: int) -> tuple[str, ...]:
    """Unit, status, weight, prior reduction, one increment a year, the year's reduction."""
    increments = [f"{labels['increment']} {y}" for y in years]
    fixed = (labels["unit"], labels["status"], labels["weight"], labels["prior"])
    return (*fixed, *increments, f"{labels['reduction']} {year}")


def _notes(res, lang: str) -> tuple[Text, ...]:
    """Under a model that weighs only the units over target: that a green unit with a reduction
    pays for earlier years' increments (a reduction is permanent, domain.md 4.5)."""
    if not models.get(res.model).only_red:
        return ()
    u = res.units
    if not ((u["status"] == "green") & (u["reduction"] != 0)).any():
        return ()
    return (plain(LABELS[lang]["green_pays"], style="dim"),)


def _weight_format(res, lang: str, thousands: bool) -> Callable[[object], str]:
    """Weights as days (excess days) or as kroner (in 1.000 kr. in a narrow table)."""
    if models.get(res.model).weight_of(res.weight) == "excess_days":
        return lambda w: number(w, 1, lang)
    return lambda w: money(w, lang, thousands)
