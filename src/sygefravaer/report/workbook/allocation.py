"""`allocate --output`: one year's allocation per unit and per center, a chart, the assumptions."""

from __future__ import annotations

from pathlib import Path

from ...core import models
from ...core.allocation_rows import allocation_rows
from .assumptions import assumptions_sheet
from .base import DAYS, FTE, GAP, MONEY, Col, Sheet
from .charts import bar_chart
from .labels import WORDS, kr_text, weight_fmt
from .rows import records, shown_rows
from .save import write_sheets

# The unit columns after the key, in the sheet's order (the increments and reduction follow).
_UNIT_FIELDS = ["status", "fte", "days_per_fte", "target", "gap", "potential", "weight", "cap"]


def write_allocation_workbook(path, scenario, inputs, result, targets=None, lang="da") -> Path:
    """`allocate --output`: the year's allocation per unit and center, a chart, the assumptions
    (in Danish, or English with `lang="en"`)."""
    w = WORDS[lang]
    st = result.status
    period = st.period if st is not None else str(result.year - 1)
    totals = _totals(result)
    units = _units_sheet(scenario, result, period, totals, lang)
    centers = _centers_sheet(scenario, result, totals, lang)
    title = w["reduction_chart"].format(year=result.year)
    chart = bar_chart(centers, title, None, 1, [len(result.years) + 3], MONEY)
    krl = targets.krl_year if targets is not None else None
    extra = [(w["year_allocated"], result.year), (w["period_compared"], period)]
    a = assumptions_sheet(scenario, inputs, krl, extra, result.warnings, result, lang)
    anchor = f"A{centers.end_row + 2}"
    sheets = [(units, []), (centers, [(chart, anchor)]), (a, [])]
    return write_sheets(sheets, path, scenario, inputs, lang=lang)


def _key(result) -> list[str]:
    """The unit key columns: center and sector, or center alone."""
    return ["center", "sector"] if result.level != "center" else ["center"]


def _unit_columns(result, period: str, lang: str) -> list[Col]:
    """The allocation sheet: the key, the status the weights come from, the weights, the
    reduction."""
    w = WORDS[lang]
    year = result.year
    weight = models.get(result.model).long_label(lang).split(" (")[0].lower()
    cols = [Col(w["center"])] + ([Col(w["sector"])] if result.level != "center" else [])
    return cols + [
        Col(w["status"], kind="status"),
        Col(w["fte_period"].format(period=period), FTE),
        Col(w["absence_period"].format(period=period), DAYS),
        Col(w["target_year"].format(year=year), DAYS),
        Col(w["gap"], GAP),
        Col(w["potential"], MONEY),
        Col(w["weight_of"].format(weight=weight), weight_fmt(result.model, result.weight)),
        Col(w["cap"], MONEY),
        Col(w["share_year"].format(year=year), MONEY),
        Col(w["prior"], MONEY),
        *[Col(w["increment_year"].format(year=y.year), MONEY) for y in result.years],
        Col(w["reduction_total"].format(year=year), MONEY),
    ]


def _units_sheet(scenario, result, period: str, totals: list[int], lang: str) -> Sheet:
    """One row per unit (the absence figures of the year's own status, joined by key in core),
    then the total row."""
    w = WORDS[lang]
    year, key = result.year, _key(result)
    incs = [f"increment_{y.year}" for y in result.years]
    units = allocation_rows(result)
    heading = [
        w["allocation_title"].format(
            year=year, model=models.get(result.model).long_label(lang), name=scenario.name
        ),
        w["allocation_subtitle"].format(
            period=period,
            year=year,
            total=kr_text(result.total, lang),
            increment=kr_text(result.increment, lang),
        ),
    ]
    s = Sheet(
        w["allocation_sheet"],
        _unit_columns(result, period, lang),
        heading=heading,
        freeze_cols=len(key),
        lang=lang,
    )
    cols = [*key, *_UNIT_FIELDS, "at_target", "share", "prior_reduction", *incs, "reduction"]
    for r in shown_rows(units[[c for c in cols if c in units.columns]]):
        s.add(
            [r[k] for k in key]
            + [r.get(k) for k in (*_UNIT_FIELDS, "share")]
            + [r["prior_reduction"], *[r[c] for c in incs], r["reduction"]]
        )
    mu = result.municipality
    sums = {"potential": mu["potential"], "weight": mu["weight"], "share": mu["share"]}
    total = [sums.get(k) for k in (*_UNIT_FIELDS, "share")]
    s.add([w["total"], *[None] * (len(key) - 1), *total, *totals], total=True)
    s.notes = [w["allocation_note"]]
    return s


def _totals(result) -> list[int]:
    """The total row's amounts: core's sums of the prior reductions, increments and reductions."""
    mu = result.municipality
    return [
        mu["prior_reduction"],
        *[mu[f"increment_{y.year}"] for y in result.years],
        mu["reduction"],
    ]


def _centers_sheet(scenario, result, totals: list[int], lang: str) -> Sheet:
    """The centers sheet: each center's prior reduction, increments and reduction, the total."""
    w = WORDS[lang]
    year = result.year
    incs = [f"increment_{y.year}" for y in result.years]
    c = Sheet(
        w["centers_sheet"],
        [
            Col(w["center"]),
            Col(w["prior"], MONEY),
            *[Col(w["increment_year"].format(year=y.year), MONEY) for y in result.years],
            Col(w["reduction_total"].format(year=year), MONEY),
        ],
        heading=[
            w["centers_title"].format(year=year, name=scenario.name),
            models.get(result.model).long_label(lang),
        ],
        lang=lang,
    )
    for r in records(result.centers, ["center", "prior_reduction", *incs, "reduction"]):
        c.add([r["center"], r["prior_reduction"], *[r[k] for k in incs], r["reduction"]])
    c.add([w["total"], *totals], total=True)
    return c
