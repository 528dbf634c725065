"""The directorate's workbook from `run`: summary, sectors per year, targets, models, inputs."""

from __future__ import annotations

from pathlib import Path

from ...core import models
from ...core.run import RunResult
from .assumptions import assumptions_sheet, run_extra
from .base import DAYS, FTE, GAP, INT, MONEY, Col, Sheet
from .charts import bar_chart, rows_below
from .labels import RULE_NAMES, model_name, weight_fmt
from .rows import STATUS_FIGURES, RunRows, YearRows, municipality_row, records, run_rows
from .save import write_sheets

_SUMMARY_NOTES = [
    "Fravær = sygefraværsdage pr. årsværk (summen af dage / summen af årsværk). "
    "Centrets og kommunens måltal er enhedernes måltal vægtet med årsværk.",
    "Stigning: årets ændring af reduktionen (første år: andel minus tidligere reduktion). "
    "Reduktionerne er varige og lægges sammen.",
]
# The sector sheet's figures from the status and from the allocation, in the sheet's order.
_SECTOR_STATUS = (*STATUS_FIGURES, "excess_days", "day_cost", "potential")
_SECTOR_ALLOCATION = ("weight", "increment", "reduction")


def overview_workbook(run: RunResult, path, rows: RunRows | None = None) -> Path:
    """The directorate's workbook: summary, sectors, targets, models, assumptions.

    `rows` are the run's tables as rows (`run_rows(run)`), shared with the center workbooks.
    """
    rows = run_rows(run) if rows is None else rows
    sc = run.scenario
    last = run.allocations.get(run.last) if run.last is not None else None
    assumptions = assumptions_sheet(
        sc, run.inputs, run.targets.krl_year, run_extra(run), run.warnings, last
    )
    sheets = [
        _summary_sheet(run, rows.get(run.last)),
        (_sector_sheet(run, rows), []),
        (_targets_sheet(run), []),
        (_models_sheet(run), []),
        (assumptions, []),
    ]
    return write_sheets(sheets, path, sc, run.inputs)


def status_columns(period: str, target_year) -> list[Col]:
    """Fte and absence in `period`, the target of `target_year`, and the status."""
    return [
        Col(f"Årsværk {period}", FTE),
        Col(f"Fravær {period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {target_year}", DAYS),
        Col("Status", kind="status"),
    ]


def _summary_sheet(run: RunResult, yr: YearRows | None) -> tuple[Sheet, list]:
    """'Oversigt': the latest year per center and for the municipality, with two charts."""
    sc, y = run.scenario, run.last
    st = yr.status if yr is not None else None
    alloc = yr.allocation if yr is not None else None
    period = st.period if st is not None else "-"
    cols = [
        Col("Center"),
        *status_columns(period, y if y is not None else ""),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {yy}", MONEY) for yy in run.years],
        Col(f"Reduktion {y} i alt" if y is not None else "Reduktion", MONEY),
    ]
    heading = [
        f"Sygefravær og budgetreduktion – {sc.name}",
        f"Fravær {period} mod måltal {y}; model: {model_name(sc)}."
        if y is not None
        else "Ingen reduktion i scenariet.",
    ]
    s = Sheet("Oversigt", cols, heading=heading)
    status_by = yr.status_centers if yr is not None else {}
    alloc_by = yr.allocation_centers if yr is not None else {}
    for center in sorted(set(status_by) | set(alloc_by)):
        sr, ar = status_by.get(center, {}), alloc_by.get(center, {})
        s.add(
            [center, *[sr.get(k) for k in ("fte", "days_per_fte", "target", "status")]]
            + [ar.get("prior_reduction"), *[ar.get(f"increment_{yy}") for yy in run.years]]
            + [ar.get("reduction")]
        )
    s.add(_municipality_row(st, alloc, run.years), total=True)
    s.notes = list(_SUMMARY_NOTES)
    return s, _summary_charts(s, y, period, st is not None, alloc is not None)


def _municipality_row(st, alloc, years) -> list:
    """The total row: the municipality's status, and its reduction (core's sums, 4.4)."""
    m = municipality_row(st)
    row = ["Kommunen i alt", *[m.get(k) for k in ("fte", "days_per_fte", "target", "status")]]
    if alloc is None:
        return [*row, None, None]
    mu = alloc.municipality
    return [*row, mu["prior_reduction"], *[mu[f"increment_{y}"] for y in years], mu["reduction"]]


def _summary_charts(s: Sheet, y, period: str, status: bool, allocated: bool) -> list:
    """The reduction per center and, below it, absence against target per center (one above
    the other, so the printed page is no wider than the table)."""
    charts = []
    row = s.end_row + 2
    if allocated:
        title = f"Budgetreduktion {y} pr. center"
        chart = bar_chart(s, title, None, 1, [len(s.columns)], MONEY)
        charts.append((chart, f"A{row}"))
        if chart is not None:
            row += rows_below(chart)
    if status:
        title = f"Fravær {period} mod måltal {y} pr. center"
        chart = bar_chart(s, title, "dage pr. årsværk", 1, [3, 4], DAYS)
        charts.append((chart, f"A{row}"))
    return charts


def _sector_sheet(run: RunResult, rows: RunRows) -> Sheet:
    """'Sektorer': every year and unit with its status and allocation (nothing hidden)."""
    sc = run.scenario
    cols = [
        Col("Måltalsår", INT),
        Col("Periode"),
        Col("Center", wrap=24),
        Col("Sektor", wrap=22),
        Col("Årsværk", FTE),
        Col("Sygedage", FTE),
        Col("Fravær (dage pr. årsværk)", DAYS),
        Col("Måltal", DAYS),
        Col("Landsgennemsnit", DAYS),
        Col("Afvigelse (dage)", GAP),
        Col("Status", kind="status"),
        Col("Dage over måltal", FTE),
        Col("Dagsværdi", MONEY),
        Col("Effektiviserings-potentiale", MONEY),
        Col("Vægt", weight_fmt(sc.reduction.model, sc.reduction.weight)),
        Col("Stigning", MONEY),
        Col("Reduktion (kumulativ)", MONEY),
    ]
    heading = [f"Sektorer pr. år – {sc.name}", f"Model: {model_name(sc)}"]
    s = Sheet("Sektorer", cols, heading=heading, freeze_cols=4)
    for y in rows.years:
        yr = rows.by_year[y]
        for (center, sector), sr, ar in yr.units():
            s.add(
                [y, yr.period, center, sector]
                + [sr.get(k) for k in _SECTOR_STATUS]
                + [ar.get(k) for k in _SECTOR_ALLOCATION]
            )
    if run.allocations and next(iter(run.allocations.values())).level == "center":
        s.notes = ["Reduktionen fordeles på centerniveau; se arket Oversigt."]
    return s


def _targets_sheet(run: RunResult) -> Sheet:
    """'Måltal': each unit's and center's target per year and the municipality's, with the
    national averages (one column when every year compares with the same)."""
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
        return f"Landsgennemsnit (KRL {k})" if same else f"Landsgennemsnit {y} (KRL {k})"

    cols = [Col("Niveau"), Col("Center"), Col("Sektor")]
    cols += [Col(f"Måltal {y}", DAYS) for y in years]
    cols += [Col(bench_label(y), DAYS) for y in bench_years]
    heading = [
        f"Måltal pr. år – {run.scenario.name}",
        f"Regel: {RULE_NAMES.get(ts.rule, ts.rule)}",
    ]
    s = Sheet("Måltal", cols, heading=heading, freeze_cols=3)
    for (c, sec), row in ts.units.iterrows():
        bench = [ts.benchmark.at[(c, sec), y] for y in bench_years]
        s.add(["Sektor", c, sec, *[row[y] for y in years], *bench])
    for c, row in ts.centers.iterrows():
        s.add(["Center", c, None, *[row[y] for y in years]])
    s.add(["Kommunen", "Kommunen i alt", None, *[ts.municipality[y] for y in years]], total=True)
    return s


def _models_sheet(run: RunResult) -> Sheet:
    """'Modeller': each center's reduction under each model, per year, and each model's total."""
    chosen = run.scenario.reduction.model
    names = models.NAMES
    cols = [Col("År", INT), Col("Center")] + [
        Col(models.get(m).label_da + (" – valgt" if m == chosen else ""), MONEY) for m in names
    ]
    heading = [
        f"De tre modeller side om side – {run.scenario.name}",
        "Reduktion i alt pr. center (kumulativ) det år, under hver model.",
    ]
    s = Sheet("Modeller", cols, heading=heading, freeze_cols=2)
    notes = []
    for y in run.years:
        cmp = run.compare[y]
        notes += [
            f"{y}, {models.get(m).label_da}: kan ikke fordele: {cmp.errors[m].message}"
            for m in names
            if m in cmp.errors
        ]
        by = {m: _reductions(cmp.results[m]) for m in names if m in cmp.results}
        centers = sorted(set().union(*[set(v) for v in by.values()])) if by else []
        for c in centers:
            s.add([y, c, *[by.get(m, {}).get(c) for m in names]])
    for y in run.years:
        res = run.compare[y].results
        totals = [int(res[m].total) if m in res else "kan ikke fordele" for m in names]
        s.add([y, "I alt", *totals], total=True)
    s.notes = notes
    return s


def _reductions(result) -> dict:
    """center -> reduction of one model's allocation."""
    return {r["center"]: r["reduction"] for r in records(result.centers, ["center", "reduction"])}
