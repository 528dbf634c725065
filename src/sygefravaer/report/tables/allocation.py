"""The allocation table: each center's and unit's weight, prior reduction, increments, reduction."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table

from ...core import models
from .labels import LABELS, bold, dot, kr, number


def allocation_table(res, name: str, lang: str = "da") -> Table:
    """Each unit's status, weight, prior reduction, yearly increments and cumulative reduction."""
    years = [y.year for y in res.years]
    t = _frame(res, name, years, lang)
    weight = _weight_format(res, lang)
    money = ["prior_reduction", *[f"increment_{y}" for y in years], "reduction"]
    units = res.units
    sector_level = res.level == "sector"
    for _, c in res.centers.iterrows():
        sub = units[units["center"] == c["center"]]
        status = "" if sector_level else dot(sub["status"].iloc[0], lang)
        center_weight = bold(weight(sub["weight"].sum()))
        t.add_row(bold(c["center"]), status, center_weight, *[bold(kr(c[k], lang)) for k in money])
        if sector_level:
            for _, r in sub.iterrows():
                cells = [weight(r["weight"]), *[kr(r[k], lang) for k in money]]
                t.add_row(f"  {r['sector']}", dot(r["status"], lang), *cells)
    t.add_section()
    tot = res.centers
    sums = [bold(kr(int(sum(tot[k])), lang)) for k in money]
    t.add_row(bold(LABELS[lang]["total"]), "", bold(weight(units["weight"].sum())), *sums)
    return t


def _frame(res, name: str, years: list[int], lang: str) -> Table:
    """The empty table: unit, status, weight, prior reduction, one increment a year, reduction."""
    L = LABELS[lang]
    model = models.get(res.model).label(lang)
    t = Table(
        title=L["allocate_title"].format(year=res.year, model=model, name=name),
        title_justify="left",
    )
    t.add_column(L["unit"])
    t.add_column(L["status"])
    t.add_column(L["weight"], justify="right")
    t.add_column(L["prior"], justify="right")
    for y in years:
        t.add_column(f"{L['increment']} {y}", justify="right")
    t.add_column(f"{L['reduction']} {res.year}", justify="right")
    return t


def _weight_format(res, lang: str) -> Callable[[object], str]:
    """Weights as days (excess days) or as kroner."""
    if models.get(res.model).weight_of(res.weight) == "excess_days":
        return lambda w: number(w, 1, lang)
    return lambda w: kr(w, lang)
