"""The directorate's workbook from `run`: summary, sectors per year, targets, models, inputs."""

from __future__ import annotations

from pathlib import Path

from ...core import models
from ...core.run import RunResult
from .assumptions import assumptions_sheet, run_extra
from .base import DAYS, FTE, INT, MONEY, Col, Sheet
from .charts import bar_chart, rows_below
from .labels import RULE_NAMES, WORDS, columns, model_name, weight_fmt
from .rows import STATUS_FIGURES, RunRows, YearRows, municipality_row, records, run_rows
from .save import write_sheets

# The sector sheet's figures from the status and from the allocation, in the sheet's order.
_SECTOR_STATUS = (*STATUS_FIGURES, "excess_days", "day_cost", "potential")
_SECTOR_ALLOCATION = ("weight", "increment", "reduction")


def overview_workbook(run: RunResult, path, rows: RunRows | None = None, lang: str = "da") -> Path:
    """The directorate's workbook: summary, sectors, targets, models, assumptions.

    `rows` are the run's tables as rows (`run_rows(run)`), shared with the center workbooks.
    """
    rows = run_rows(run) if rows is None else rows
    sc = run.scenario
    last = run.allocations.get(run.last) if run.last is not None else None
    extra = run_extra(run, lang)
    assumptions = assumptions_sheet(
        sc, run.inputs, run.targets.krl_year, extra, run.warnings, last, lang, rows.sha256
    )
    sheets = [
        _summary_sheet(run, rows.get(run.last), lang),
        (_sector_sheet(run, rows, lang), []),
        (_targets_sheet(run, lang), []),
        (_models_sheet(run, lang), []),
        (assumptions, []),
    ]
    return write_sheets(sheets, path, sc, run.inputs, lang=lang)


def status_columns(period: str, target_year, lang: str = "da") -> list[Col]:
    """Fte and absence in `period`, the target of `target_year`, and the status."""
    w = WORDS[lang]
    return [
        Col(w["fte_period"].format(period=period), FTE),
        Col(w["absence_period"].format(period=period), DAYS),
        Col(w["target_year"].format(year=target_year), DAYS),
        Col(w["status"], kind="status"),
    ]


def _summary_sheet(run: RunResult, yr: YearRows | None, lang: str) -> tuple[Sheet, list]:
    """The summary sheet: the latest year per center and for the municipality, two charts."""
    w = WORDS[lang]
    sc, y = run.scenario, run.last
    st = yr.status if yr is not None else None
    alloc = yr.allocation if yr is not None else None
    period = st.period if st is not None else "-"
    cols = [
        Col(w["center"]),
        *status_columns(period, y if y is not None else "", lang),
        Col(w["prior"], MONEY),
        *[Col(w["increment_year"].format(year=yy), MONEY) for yy in run.years],
        Col(w["reduction_total"].format(year=y) if y is not None else w["reduction"], MONEY),
    ]
    heading = [
        w["summary_title"].format(name=sc.name),
        w["summary_subtitle"].format(period=period, year=y, model=model_name(sc, lang))
        if y is not None
        else w["no_reduction"],
    ]
    s = Sheet(w["summary_sheet"], cols, heading=heading, lang=lang)
    status_by = yr.status_centers if yr is not None else {}
    alloc_by = yr.allocation_centers if yr is not None else {}
    for center in sorted(set(status_by) | set(alloc_by)):
        sr, ar = status_by.get(center, {}), alloc_by.get(center, {})
        s.add(
            [center, *[sr.get(k) for k in ("fte", "days_per_fte", "target", "status")]]
            + [ar.get("prior_reduction"), *[ar.get(f"increment_{yy}") for yy in run.years]]
            + [ar.get("reduction")]
        )
    s.add(_municipality_row(st, alloc, run.years, w["municipality_total"]), total=True)
    s.notes = list(w["summary_notes"])
    return s, _summary_charts(s, y, period, st is not None, alloc is not None)


def _municipality_row(st, alloc, years, label: str) -> list:
    """The total row: the municipality's status, and its reduction (core's sums, 4.4)."""
    m = municipality_row(st)
    row = [label, *[m.get(k) for k in ("fte", "days_per_fte", "target", "status")]]
    if alloc is None:
        return [*row, None, None]
    mu = alloc.municipality
    return [*row, mu["prior_reduction"], *[mu[f"increment_{y}"] for y in years], mu["reduction"]]


def _summary_charts(s: Sheet, y, period: str, status: bool, allocated: bool) -> list:
    """The reduction per center and, below it, absence against target per center (one above
    the other, so the printed page is no wider than the table)."""
    w = WORDS[s.lang]
    charts = []
    row = s.end_row + 2
    if allocated:
        title = w["reduction_chart"].format(year=y)
        chart = bar_chart(s, title, None, 1, [len(s.columns)], MONEY)
        charts.append((chart, f"A{row}"))
        if chart is not None:
            row += rows_below(chart)
    if status:
        title = w["absence_chart_centers"].format(period=period, year=y)
        chart = bar_chart(s, title, w["days_axis"], 1, [3, 4], DAYS)
        charts.append((chart, f"A{row}"))
    return charts


def _sector_sheet(run: RunResult, rows: RunRows, lang: str) -> Sheet:
    """The sectors sheet: every year and unit with its status and allocation (nothing hidden)."""
    w = WORDS[lang]
    sc = run.scenario
    keys = ["target_years", "period", "center", "sector", "fte", "sick_days", "absence"]
    keys += ["target", "benchmark", "gap", "status", "excess_days", "day_cost", "potential"]
    keys += ["weight", "increment", "reduction_cumulative"]
    cols = columns(lang, keys, weight_fmt(sc.reduction.model, sc.reduction.weight))
    heading = [
        w["sectors_title"].format(name=sc.name),
        w["model_line"].format(model=model_name(sc, lang)),
    ]
    s = Sheet(w["sectors_sheet"], cols, heading=heading, freeze_cols=4, lang=lang)
    for y in rows.years:
        yr = rows.by_year[y]
        for (center, sector), sr, ar in yr.units():
            s.add(
                [y, yr.period, center, sector]
                + [sr.get(k) for k in _SECTOR_STATUS]
                + [ar.get(k) for k in _SECTOR_ALLOCATION]
            )
    if run.allocations and next(iter(run.allocations.values())).level == "center":
        s.notes = [w["center_level_note"]]
    return s


def _targets_sheet(run: RunResult, lang: str) -> Sheet:
    """The targets sheet: each unit's and center's target per year and the municipality's, with
    the national averages (one column when every year compares with the same)."""
    w = WORDS[lang]
    ts = run.targets
    years = list(ts.years)
    krl = ts.krl_year
    same = len({krl.get(y) for y in years}) <= 1 and all(
        ts.benchmark[y].equals(ts.benchmark[years[0]]) for y in years
    )
    bench_years = years[:1] if same else years

    def bench_label(y):
        """The benchmark column's header: its KRL year, and the target year when they differ."""
        k = krl.get(y)
        return (
            w["benchmark_krl"].format(krl=k)
            if same
            else w["benchmark_year_krl"].format(year=y, krl=k)
        )

    cols = [Col(w["level"]), Col(w["center"]), Col(w["sector"])]
    cols += [Col(w["target_year"].format(year=y), DAYS) for y in years]
    cols += [Col(bench_label(y), DAYS) for y in bench_years]
    rule = RULE_NAMES[lang].get(ts.rule, ts.rule)
    heading = [w["targets_title"].format(name=run.scenario.name), w["rule_line"].format(rule=rule)]
    s = Sheet(w["targets_sheet"], cols, heading=heading, freeze_cols=3, lang=lang)
    for (c, sec), row in ts.units.iterrows():
        bench = [ts.benchmark.at[(c, sec), y] for y in bench_years]
        s.add([w["sector"], c, sec, *[row[y] for y in years], *bench])
    for c, row in ts.centers.iterrows():
        s.add([w["center"], c, None, *[row[y] for y in years]])
    municipality = [ts.municipality[y] for y in years]
    s.add([w["municipality"], w["municipality_total"], None, *municipality], total=True)
    return s


def _models_sheet(run: RunResult, lang: str) -> Sheet:
    """The models sheet: each center's reduction under each model, per year, each model's total."""
    w = WORDS[lang]
    chosen = run.scenario.reduction.model
    names = models.NAMES
    cols = [Col(w["year"], INT), Col(w["center"])] + [
        Col(models.get(m).long_label(lang) + (w["chosen"] if m == chosen else ""), MONEY)
        for m in names
    ]
    heading = [w["models_title"].format(name=run.scenario.name), w["models_subtitle"]]
    s = Sheet(w["models_sheet"], cols, heading=heading, freeze_cols=2, lang=lang)
    notes = []
    for y in run.years:
        cmp = run.compare[y]
        notes += [
            w["cannot_note"].format(
                year=y, model=models.get(m).long_label(lang), message=cmp.errors[m].message
            )
            for m in names
            if m in cmp.errors
        ]
        by = {m: _reductions(cmp.results[m]) for m in names if m in cmp.results}
        centers = sorted(set().union(*[set(v) for v in by.values()])) if by else []
        for c in centers:
            s.add([y, c, *[by.get(m, {}).get(c) for m in names]])
    for y in run.years:
        res = run.compare[y].results
        totals = [int(res[m].total) if m in res else w["cannot"] for m in names]
        s.add([y, w["total"], *totals], total=True)
    s.notes = notes
    return s


def _reductions(result) -> dict:
    """center -> reduction of one model's allocation."""
    return {r["center"]: r["reduction"] for r in records(result.centers, ["center", "reduction"])}
