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
from .labels import fte_text, model_name, model_reason, weight_fmt
from .rows import STATUS_FIGURES, RunRows, YearRows, municipality_row, run_rows
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


def _labels(min_fte: float) -> dict[str, Suppressed]:
    """The hidden cells' texts: why each is hidden."""
    return {
        SMALL: Suppressed(f"skjult (< {fte_text(min_fte)} årsværk)"),
        COMPLEMENT: Suppressed("skjult (så en lille enhed ikke kan regnes ud)"),
    }


@dataclass(frozen=True)
class _Center:
    """One center's workbook in the making: the run, its rows, and what is hidden each year."""

    run: RunResult
    name: str
    rows: RunRows
    privacy: _Privacy
    hidden: dict[int, dict]  # year -> sector -> why it is hidden (see hidden_reasons)

    def center_row(self, yr: YearRows | None) -> dict:
        """The center's status row that year, hidden if the center itself is small."""
        row = yr.status_centers.get(self.name) if yr is not None else None
        return self.privacy.masked(row) if row is not None else {}


def center_workbook(
    run: RunResult, center: str, path, min_fte: float | None = None, rows: RunRows | None = None
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
    privacy = _Privacy(min_fte, keys, _labels(min_fte))
    hidden = {
        y: hidden_reasons(yr.status_by_center.get(center, []), min_fte)
        for y, yr in rows.by_year.items()
    }
    ctx = _Center(run, center, rows, privacy, hidden)
    extra = [
        ("Center", center),
        *run_extra(run),
        ("Skjul fravær under (årsværk)", fte_text(min_fte)),
    ]
    last = run.allocations.get(run.last) if run.last is not None else None
    a = assumptions_sheet(sc, run.inputs, run.targets.krl_year, extra, run.warnings, last)
    sheets = [_latest_sheet(ctx), (_years_sheet(ctx), []), (_versus_sheet(ctx), []), (a, [])]
    if center in run.explanations:  # the explain chain of each unit (issue 13)
        sheets.insert(3, (_explanation(ctx, center), []))
    return write_sheets(sheets, path, sc, run.inputs, center=center)


def _explanation(ctx: _Center, center: str) -> Sheet:
    """'Forklaring' from the run's explanations; a hidden unit (or small center) shows why."""
    run, labels = ctx.run, ctx.privacy.labels
    hidden = {sec: str(labels[why]) for sec, why in ctx.hidden.get(run.last, {}).items() if why}
    yr = ctx.rows.get(run.last)
    own = yr.status_centers.get(center, {}) if yr is not None else {}
    if is_small(own.get("fte"), ctx.privacy.min_fte):
        hidden[center] = str(labels[SMALL])
    return explanation_sheet(run.explanations[center], center, hidden)


def _latest_columns(run: RunResult, period: str) -> list[Col]:
    """The latest-year sheet: the sector, its status and reasoning, every year's increment."""
    y = run.last
    sc = run.scenario
    return [
        Col("Sektor", wrap=22),
        Col(f"Årsværk {period}", FTE),
        Col("Sygedage", FTE),
        Col(f"Fravær {period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {y}", DAYS),
        Col("Landsgennemsnit", DAYS),
        Col("Afvigelse (dage)", GAP),
        Col("Status", kind="status"),
        Col("Dagsværdi", MONEY),
        Col("Effektiviserings-potentiale", MONEY),
        Col("Vægt", weight_fmt(sc.reduction.model, sc.reduction.weight)),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {yy}", MONEY) for yy in run.years],
        Col(f"Reduktion {y} i alt" if y is not None else "Reduktion", MONEY),
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
    run, sc, y = ctx.run, ctx.run.scenario, ctx.run.last
    yr = ctx.rows.get(y)
    st = yr.status if yr is not None else None
    period = st.period if st is not None else "-"
    heading = [
        f"{ctx.name} – sygefravær og budgetreduktion {y if y is not None else ''}".strip(),
        f"{sc.name}. Fravær {period} mod måltal {y}; model: {model_name(sc)}.",
    ]
    s = Sheet("Sektorer", _latest_columns(run, period), heading=heading)
    if yr is not None:
        for (_, sec), sr, ar in yr.units(ctx.name):
            why = ctx.hidden[y].get(sec, "")
            sr, ar = ctx.privacy.masked(sr, why), ctx.privacy.masked(ar, why)
            s.add(_latest_values(sec, sr, ar.get("weight"), ar, run.years))
    ca = yr.allocation_centers.get(ctx.name, {}) if yr is not None else {}
    total = _latest_values(f"{ctx.name} i alt", ctx.center_row(yr), ca.get("weight"), ca, run.years)
    s.add(total, total=True)
    s.notes = _latest_notes(sc, ctx.privacy.min_fte)
    chart = None
    if st is not None:
        title = f"Fravær {period} mod måltal {y} pr. sektor"
        chart = bar_chart(s, title, "dage pr. årsværk", 1, [4, 5], DAYS)
    return s, [(chart, f"A{s.end_row + 2}")]


def _latest_notes(sc, min_fte: float) -> list[str]:
    """How the day cost, potential and increment come about, and what is hidden and why."""
    notes = [
        "Dagsværdi = lønsum / (årsværk × arbejdsdage). Effektiviseringspotentiale = dage over "
        "måltal × dagsværdi. " + model_reason(sc),
        "Stigning: årets ændring af reduktionen (første år: andel minus tidligere reduktion).",
    ]
    if min_fte > 0:
        notes.append(
            f"Fraværstal for enheder med under {fte_text(min_fte)} "
            "årsværk er skjult, da de kan udpege enkeltpersoner; er de skjulte enheder "
            "tilsammen for små, skjules også den mindste anden enhed, så centrets total "
            "ikke afslører dem."
        )
    return notes


def _years_sheet(ctx: _Center) -> Sheet:
    """'Sektorer pr. år': every year, per sector."""
    sc = ctx.run.scenario
    cols = [
        Col("Måltalsår", INT),
        Col("Periode"),
        Col("Sektor", wrap=22),
        Col("Årsværk", FTE),
        Col("Fravær (dage pr. årsværk)", DAYS),
        Col("Måltal", DAYS),
        Col("Afvigelse (dage)", GAP),
        Col("Status", kind="status"),
        Col("Effektiviserings-potentiale", MONEY),
        Col("Vægt", weight_fmt(sc.reduction.model, sc.reduction.weight)),
        Col("Loft", MONEY),
        Col("Andel", MONEY),
        Col("Stigning", MONEY),
        Col("Reduktion (kumulativ)", MONEY),
    ]
    heading = [f"{ctx.name} – sektorer pr. år", sc.name]
    s = Sheet("Sektorer pr. år", cols, heading=heading, freeze_cols=3)
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
    cols = [
        Col("Måltalsår", INT),
        Col("Periode"),
        Col("Centrets årsværk", FTE),
        Col("Centrets fravær", DAYS),
        Col("Centrets måltal", DAYS),
        Col("Centrets status", kind="status"),
        Col("Kommunens fravær", DAYS),
        Col("Kommunens måltal", DAYS),
        Col("Kommunens status", kind="status"),
        Col("Centrets reduktion (kumulativ)", MONEY),
        Col("Kommunens reduktion (kumulativ)", MONEY),
    ]
    heading = [f"{ctx.name} og kommunen", ctx.run.scenario.name]
    s = Sheet("Center og kommune", cols, heading=heading, freeze_cols=2)
    for y in ctx.rows.years:
        yr = ctx.rows.by_year[y]
        cr = ctx.center_row(yr)
        mu = municipality_row(yr.status)
        ca = yr.allocation_centers.get(ctx.name, {})
        total = int(yr.allocation.total) if yr.allocation is not None else None
        s.add(
            [y, yr.period]
            + [cr.get(k) for k in ("fte", "days_per_fte", "target", "status")]
            + [mu.get(k) for k in ("days_per_fte", "target", "status")]
            + [ca.get("reduction"), total]
        )
    return s
