"""One center's workbook from `run`: its sectors with the reasoning, every year, and the center
against the municipality. Absence figures of small units are hidden (domain.md 3, `min_fte`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...core import models
from ...core.run import RunResult
from ...core.suppression import COMPLEMENT, SMALL, hidden_reasons, is_small
from .assumptions import assumptions_sheet, run_extra
from .base import DAYS, FTE, GAP, INT, MONEY, Col, Sheet, Suppressed, is_missing
from .charts import bar_chart
from .explanation import explanation_sheet
from .labels import WORDS, columns, fte_text, kr_text, model_name, model_reason, weight_fmt
from .rows import STATUS_FIGURES, RunRows, YearRows, run_rows
from .save import write_sheets

# The figures that are hidden for a small unit: its absence and what follows from it.
_ABSENCE_KEYS = ("sick_days", "days_per_fte", "gap", "status", "excess_days", "potential", "cost")
_WEIGHT_KEYS = ("weight", "cap", "share")  # hidden too where the weights come from the absence
# The latest-year sheet's status columns, after the sector and before the weight.
_LATEST_FIELDS = (*STATUS_FIGURES, "day_cost", "potential")


@dataclass(frozen=True)
class _Privacy:
    """What a center's workbook hides: `keys` of small rows and their complements, labelled
    with the reason (`labels`: SMALL or COMPLEMENT -> the cell's text)."""

    min_fte: float
    keys: tuple[str, ...]
    labels: dict[str, Suppressed]

    def masked(self, row: dict, reason: str | None = None) -> dict:
        """`row` with its absence figures hidden for `reason` ('' shows them; by default they
        are hidden if the row is small: the center's own row)."""
        if reason is None:
            reason = SMALL if is_small(row.get("fte"), self.min_fte) else ""
        if not reason:
            return row
        label = self.labels[reason]
        return {k: (label if k in self.keys and not is_missing(v) else v) for k, v in row.items()}


def _labels(min_fte: float, lang: str) -> dict[str, Suppressed]:
    """The hidden cells' texts: why each is hidden."""
    w = WORDS[lang]
    return {
        SMALL: Suppressed(w["hidden_small"].format(min_fte=fte_text(min_fte, lang))),
        COMPLEMENT: Suppressed(w["hidden_complement"]),
    }


@dataclass(frozen=True)
class _Center:
    """One center's workbook in the making: the run, its rows, and what is hidden each year."""

    run: RunResult
    name: str
    rows: RunRows
    privacy: _Privacy
    hidden: dict[int, dict]  # year -> sector -> why it is hidden (see hidden_reasons)
    lang: str = "da"

    def center_row(self, yr: YearRows | None) -> dict:
        """The center's status row that year, hidden if the center itself is small."""
        row = yr.status_centers.get(self.name) if yr is not None else None
        return self.privacy.masked(row) if row is not None else {}


def center_workbook(
    run: RunResult,
    center: str,
    path,
    min_fte: float | None = None,
    rows: RunRows | None = None,
    lang: str = "da",
) -> Path:
    """One center's workbook: its sectors with the reasoning, the center against the municipality.

    Units (and the center) with fewer than `min_fte` full-time equivalents in the compared period
    show their absence figures as 'skjult': sickness figures for a handful of people identify them.
    `rows` are the run's tables as rows (`run_rows(run)`), shared by all the run's workbooks.
    """
    sc = run.scenario
    rows = run_rows(run) if rows is None else rows
    min_fte = sc.min_fte if min_fte is None else min_fte
    keys = _ABSENCE_KEYS + (_WEIGHT_KEYS if models.get(sc.reduction.model).only_red else ())
    privacy = _Privacy(min_fte, keys, _labels(min_fte, lang))
    hidden = {
        y: hidden_reasons(yr.status_by_center.get(center, []), min_fte)
        for y, yr in rows.by_year.items()
    }
    ctx = _Center(run, center, rows, privacy, hidden, lang)
    w = WORDS[lang]
    extra = [
        (w["center"], center),
        *run_extra(run, lang),
        (w["hide_under"], fte_text(min_fte, lang)),
    ]
    last = run.allocations.get(run.last) if run.last is not None else None
    krl = run.targets.krl_year
    a = assumptions_sheet(sc, run.inputs, krl, extra, run.warnings, last, lang, rows.sha256)
    sheets = [_latest_sheet(ctx), (_years_sheet(ctx), []), (_versus_sheet(ctx), []), (a, [])]
    if center in run.explanations(lang):  # the explain chain of each unit (issue 13)
        sheets.insert(3, (_explanation(ctx, center, lang), []))
    return write_sheets(sheets, path, sc, run.inputs, center=center, lang=lang)


def _explanation(ctx: _Center, center: str, lang: str) -> Sheet:
    """'Forklaring' from the run's explanations; a hidden unit (or small center) shows why."""
    run, labels = ctx.run, ctx.privacy.labels
    hidden = {sec: str(labels[why]) for sec, why in ctx.hidden.get(run.last, {}).items() if why}
    yr = ctx.rows.get(run.last)
    own = yr.status_centers.get(center, {}) if yr is not None else {}
    if is_small(own.get("fte"), ctx.privacy.min_fte):
        hidden[center] = str(labels[SMALL])
    return explanation_sheet(run.explanations(lang)[center], center, hidden, lang)


def _latest_columns(run: RunResult, period: str, lang: str) -> list[Col]:
    """The latest-year sheet: the sector, its status and reasoning, every year's increment."""
    w = WORDS[lang]
    y = run.last
    sc = run.scenario
    return [
        Col(w["sector"], wrap=22),
        Col(w["fte_period"].format(period=period), FTE),
        Col(w["sick_days"], FTE),
        Col(w["absence_period"].format(period=period), DAYS),
        Col(w["target_year"].format(year=y), DAYS),
        Col(w["benchmark"], DAYS),
        Col(w["gap"], GAP),
        Col(w["status"], kind="status"),
        Col(w["day_cost"], MONEY),
        Col(w["potential"], MONEY),
        Col(w["weight"], weight_fmt(sc.reduction.model, sc.reduction.weight)),
        Col(w["prior"], MONEY),
        *[Col(w["increment_year"].format(year=yy), MONEY) for yy in run.years],
        Col(w["reduction_total"].format(year=y) if y is not None else w["reduction"], MONEY),
    ]


def _latest_values(label: str, sr: dict, weight, ar: dict, years: list[int]) -> list:
    """One row of the latest-year sheet: status figures, the weight, prior and increments."""
    return [
        label,
        *[sr.get(k) for k in _LATEST_FIELDS],
        weight,
        ar.get("prior_reduction"),
        *[ar.get(f"increment_{yy}") for yy in years],
        ar.get("reduction"),
    ]


def _latest_sheet(ctx: _Center) -> tuple[Sheet, list]:
    """'Sektorer': the latest year, one row per sector, with the reasoning and every increment."""
    run, sc, y, lang = ctx.run, ctx.run.scenario, ctx.run.last, ctx.lang
    w = WORDS[lang]
    yr = ctx.rows.get(y)
    st = yr.status if yr is not None else None
    period = st.period if st is not None else "-"
    heading = [
        w["center_title"].format(center=ctx.name, year=y if y is not None else "").strip(),
        w["center_subtitle"].format(
            name=sc.name, period=period, year=y, model=model_name(sc, lang)
        ),
    ]
    columns = _latest_columns(run, period, lang)
    s = Sheet(w["center_sectors_sheet"], columns, heading=heading, lang=lang)
    if yr is not None:
        for (_, sec), sr, ar in yr.units(ctx.name):
            why = ctx.hidden[y].get(sec, "")
            sr, ar = ctx.privacy.masked(sr, why), ctx.privacy.masked(ar, why)
            s.add(_latest_values(sec, sr, ar.get("weight"), ar, run.years))
    ca = yr.allocation_centers.get(ctx.name, {}) if yr is not None else {}
    label = w["center_total"].format(center=ctx.name)
    total = _latest_values(label, ctx.center_row(yr), ca.get("weight"), ca, run.years)
    s.add(total, total=True)
    s.notes = _latest_notes(sc, ctx.privacy.min_fte, lang)
    allocated = run.allocations.get(y)
    if allocated is not None and allocated.level == "center" and ca.get("potential") is not None:
        # 4.4: at center level the center's own figures carry the allocation
        own = kr_text(round(ca["potential"]), lang)
        s.notes.append(w["center_own_note"].format(own=own))
    chart = None
    if st is not None:
        title = w["absence_chart_sectors"].format(period=period, year=y)
        chart = bar_chart(s, title, w["days_axis"], 1, [4, 5], DAYS)
    return s, [(chart, f"A{s.end_row + 2}")]


def _latest_notes(sc, min_fte: float, lang: str) -> list[str]:
    """How the day cost, potential and increment come about, and what is hidden and why."""
    w = WORDS[lang]
    notes = [w["cost_note"] + model_reason(sc, lang), w["increment_note"]]
    if min_fte > 0:
        notes.append(w["hidden_note"].format(min_fte=fte_text(min_fte, lang)))
    return notes


def _years_sheet(ctx: _Center) -> Sheet:
    """'Sektorer pr. år': every year, per sector."""
    sc, w = ctx.run.scenario, WORDS[ctx.lang]
    keys = ["target_years", "period", "sector", "fte", "absence", "target", "gap", "status"]
    keys += ["potential", "weight", "cap", "share", "increment", "reduction_cumulative"]
    cols = columns(ctx.lang, keys, weight_fmt(sc.reduction.model, sc.reduction.weight))
    heading = [w["center_years_title"].format(center=ctx.name), sc.name]
    sheet = w["center_years_sheet"]
    s = Sheet(sheet, cols, heading=heading, freeze_cols=3, lang=ctx.lang)
    status_keys = ("fte", "days_per_fte", "target", "gap", "status", "potential")
    allocation_keys = ("weight", "cap", "share", "increment", "reduction")
    for y in ctx.rows.years:
        yr = ctx.rows.by_year[y]
        for (_, sec), sr, ar in yr.units(ctx.name):
            why = ctx.hidden[y].get(sec, "")
            sr, ar = ctx.privacy.masked(sr, why), ctx.privacy.masked(ar, why)
            s.add(
                [y, yr.period, sec]
                + [sr.get(k) for k in status_keys]
                + [ar.get(k) for k in allocation_keys]
            )
    return s


def _versus_sheet(ctx: _Center) -> Sheet:
    """'Center og kommune': the center against the municipality, year by year."""
    w = WORDS[ctx.lang]
    cols = [
        Col(w["target_years"], INT),
        Col(w["period"]),
        Col(w["center_fte"], FTE),
        Col(w["center_absence"], DAYS),
        Col(w["center_target"], DAYS),
        Col(w["center_status"], kind="status"),
        Col(w["municipality_absence"], DAYS),
        Col(w["municipality_target"], DAYS),
        Col(w["municipality_status"], kind="status"),
        Col(w["center_reduction"], MONEY),
        Col(w["municipality_reduction"], MONEY),
    ]
    heading = [w["versus_title"].format(center=ctx.name), ctx.run.scenario.name]
    s = Sheet(w["versus_sheet"], cols, heading=heading, freeze_cols=2, lang=ctx.lang)
    for y in ctx.rows.years:
        yr = ctx.rows.by_year[y]
        cr = ctx.center_row(yr)
        mu = yr.municipality
        ca = yr.allocation_centers.get(ctx.name, {})
        total = int(yr.allocation.total) if yr.allocation is not None else None
        s.add(
            [y, yr.period]
            + [cr.get(k) for k in ("fte", "days_per_fte", "target", "status")]
            + [mu.get(k) for k in ("days_per_fte", "target", "status")]
            + [ca.get("reduction"), total]
        )
    return s
