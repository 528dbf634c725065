"""The 'Forudsætninger' sheet: every setting, input file and warning behind a workbook's figures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ... import __version__
from ...core import models
from .base import Col, Sheet
from .labels import ROLE_NAMES, RULE_NAMES, fte_text, kr_text
from .save import input_files, sha256


def assumptions_sheet(
    scenario,
    inputs,
    krl_years: dict[int, int | None] | None = None,
    extra: Sequence[tuple[str, object]] = (),
    warnings: Sequence = (),
    allocation=None,
) -> Sheet:
    """'Forudsætninger': every setting, input file and warning, so any figure can be traced.

    `allocation` (the last year's AllocationResult) gives the increments as distributed: the
    first year's after the pooled prior reductions, as the overview shows them (4.5).
    """
    s = Sheet(
        "Forudsætninger",
        [Col("Forudsætning"), Col("Værdi"), Col("Detalje")],
        heading=[f"Forudsætninger – {scenario.name}", "Indstillinger, inddatafiler og advarsler"],
    )
    s.add(["Scenarie", scenario.name])
    _target_rows(s, scenario.targets, krl_years or {})
    s.add(["Arbejdsdage pr. årsværk", scenario.working_days])
    s.add(["Timer pr. dag", scenario.hours_per_day, "sygefraværstimer omregnes til dage"])
    s.add(["Fordelingsniveau", {"sector": "sektor", "center": "center"}[scenario.level]])
    _reduction_rows(s, scenario, allocation)
    s.add(["Mindste antal årsværk", fte_text(scenario.min_fte)])
    for label, value in extra:
        s.add([label, value])
    for role, path in input_files(scenario, inputs).items():
        s.add([f"Fil: {ROLE_NAMES.get(role, role)}", Path(path).name, f"SHA-256 {sha256(path)}"])
    s.add(["Program", f"sygefravaer {__version__}"])
    _warning_rows(s, [*inputs.warnings, *warnings])
    return s


def _target_rows(s: Sheet, t, krl_years: dict[int, int | None]) -> None:
    """The target rule and its settings, and the KRL year behind each target year."""
    s.add(["Måltalsregel", t.rule, RULE_NAMES.get(t.rule, "")])
    if t.rule == "glide":
        s.add(["Basisår", t.base_year, "fraværet dette år er glidebanens udgangspunkt"])
        s.add(["Slutår", t.final_year, "året, hvor målet er nået"])
        s.add(["Andel af afstanden, der lukkes", t.gap_closure])
    if t.years:
        s.add(["Måltalsår", ", ".join(map(str, t.years))])
    s.add(
        [
            "Landsgennemsnittets år (KRL)",
            t.benchmark_year if t.benchmark_year is not None else "seneste før måltalsåret",
        ]
    )
    for year, k in sorted(krl_years.items()):
        s.add([f"KRL-år brugt for måltal {year}", k if k is not None else "intet"])
    s.add(["Decimaler i måltal", t.decimals, "afrundet halvt op"])


def _reduction_rows(s: Sheet, scenario, allocation) -> None:
    """The model and its settings, the rounding, and the reduction and increment per year."""
    r = scenario.reduction
    s.add(["Model", r.model, models.get(r.model).label_da])
    if models.get(r.model).only_red:
        s.add(["Vægt", r.weight, "potentiale i kr." if r.weight == "value" else "dage over måltal"])
        s.add(["Loft (effektiviseringspotentiale)", "ja" if r.cap else "nej"])
    s.add(["Afrunding", kr_text(r.rounding), "største rest får de resterende enheder"])
    for year, total in sorted(r.totals.items()):
        s.add([f"Reduktion i alt {year} (kumulativ)", kr_text(total)])
    if allocation is None:
        for year, inc in sorted(scenario.increments().items()):
            s.add([f"Stigning {year}", kr_text(inc)])
        return
    prior = allocation.municipality["prior_reduction"]
    for i, ya in enumerate(allocation.years):
        s.add([f"Stigning {ya.year} (årets reduktion)", kr_text(ya.distributed)])
        if i == 0 and prior:
            s.add(
                [
                    f"Stigning {ya.year} fordelt",
                    kr_text(ya.increment),
                    f"årets {kr_text(ya.distributed)} minus de tidligere reduktioner på "
                    f"{kr_text(prior)}, som lægges sammen med det første år: hver enheds første "
                    "stigning er dens andel af årets reduktion minus dens tidligere reduktion",
                ]
            )


def _warning_rows(s: Sheet, warnings: Sequence) -> None:
    """Each distinct warning once, in order; 'ingen' when there are none."""
    seen = set()
    for w in warnings:
        msg = str(w)
        if msg not in seen:
            seen.add(msg)
            s.add(["Advarsel", msg])
    if not seen:
        s.add(["Advarsler", "ingen"])


def run_extra(run) -> list[tuple[str, object]]:
    """The run's own assumptions: the years allocated and the period compared for each."""
    out: list[tuple[str, object]] = []
    if run.years:
        out.append(("Fordelte år", ", ".join(map(str, run.years))))
    for y in run.years:
        st = run.status.get(y)
        if st is not None:
            out.append((f"Fravær sammenlignet med måltal {y}", st.period))
    return out
