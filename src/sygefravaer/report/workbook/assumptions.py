"""The assumptions sheet ('Forudsætninger'): every setting, input file and warning behind a
workbook's figures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ... import __version__
from ...core import models
from .base import Col, Sheet
from .labels import ROLE_NAMES, RULE_NAMES, WORDS, fte_text, kr_text
from .save import input_files, sha256


def assumptions_sheet(
    scenario,
    inputs,
    krl_years: dict[int, int | None] | None = None,
    extra: Sequence[tuple[str, object]] = (),
    warnings: Sequence = (),
    allocation=None,
    lang: str = "da",
    hashes: dict[str, str] | None = None,
) -> Sheet:
    """The assumptions sheet: every setting, input file and warning, so any figure can be traced.

    `allocation` (the last year's AllocationResult) gives the increments as distributed: the
    first year's after the pooled prior reductions, as the overview shows them (4.5).
    `hashes`: the input files' SHA-256 by role, where a run has them (`RunRows.sha256`);
    a file not in it is read here.
    """
    hashes = hashes or {}
    w = WORDS[lang]
    s = Sheet(
        w["assumptions_sheet"],
        [Col(w["assumption"]), Col(w["value"]), Col(w["detail"])],
        heading=[w["assumptions_title"].format(name=scenario.name), w["assumptions_subtitle"]],
        lang=lang,
    )
    s.add([w["scenario"], scenario.name])
    _target_rows(s, scenario.targets, krl_years or {}, lang)
    s.add([w["working_days"], scenario.working_days])
    s.add([w["hours_per_day"], scenario.hours_per_day, w["hours_detail"]])
    s.add([w["allocation_level"], w["levels"][scenario.level]])
    _reduction_rows(s, scenario, allocation, lang)
    s.add([w["min_fte"], fte_text(scenario.min_fte, lang)])
    for label, value in extra:
        s.add([label, value])
    roles = ROLE_NAMES[lang]
    for role, path in input_files(scenario, inputs).items():
        name = w["file"].format(role=roles.get(role, role))
        digest = hashes[role] if role in hashes else sha256(path)
        s.add([name, Path(path).name, f"SHA-256 {digest}"])
    s.add([w["program"], f"sygefravaer {__version__}"])
    _warning_rows(s, [*inputs.warnings, *warnings], lang)
    return s


def _target_rows(s: Sheet, t, krl_years: dict[int, int | None], lang: str) -> None:
    """The target rule and its settings, and the KRL year behind each target year."""
    w = WORDS[lang]
    s.add([w["rule"], t.rule, RULE_NAMES[lang].get(t.rule, "")])
    if t.rule == "glide":
        s.add([w["base_year"], t.base_year, w["base_year_detail"]])
        s.add([w["final_year"], t.final_year, w["final_year_detail"]])
        s.add([w["gap_closure"], t.gap_closure])
    if t.years:
        s.add([w["target_years_list"], ", ".join(map(str, t.years))])
    bench = t.benchmark_year if t.benchmark_year is not None else w["latest_before"]
    s.add([w["benchmark_year"], bench])
    for year, k in sorted(krl_years.items()):
        s.add([w["krl_used"].format(year=year), k if k is not None else w["no_krl"]])
    s.add([w["decimals"], t.decimals, w["half_up"]])


def _reduction_rows(s: Sheet, scenario, allocation, lang: str) -> None:
    """The model and its settings, the rounding, and the reduction and increment per year."""
    w = WORDS[lang]
    r = scenario.reduction
    s.add([w["model"], r.model, models.get(r.model).long_label(lang)])
    if models.get(r.model).only_red:
        detail = w["weight_detail_value" if r.weight == "value" else "weight_detail_days"]
        s.add([w["weight"], r.weight, detail])
        s.add([w["cap_row"], w["yes" if r.cap else "no"]])
    s.add([w["rounding"], kr_text(r.rounding, lang), w["rounding_detail"]])
    for year, total in sorted(r.totals.items()):
        s.add([w["reduction_cumulative_year"].format(year=year), kr_text(total, lang)])
    if allocation is None:
        for year, inc in sorted(scenario.increments().items()):
            s.add([w["increment_year"].format(year=year), kr_text(inc, lang)])
        return
    prior = allocation.municipality["prior_reduction"]
    for i, ya in enumerate(allocation.years):
        distributed = kr_text(ya.distributed, lang)
        s.add([w["increment_distributed"].format(year=ya.year), distributed])
        if i == 0 and prior:
            detail = w["pooled_detail"].format(distributed=distributed, prior=kr_text(prior, lang))
            s.add([w["increment_pooled"].format(year=ya.year), kr_text(ya.increment, lang), detail])


def _warning_rows(s: Sheet, warnings: Sequence, lang: str) -> None:
    """Each distinct warning once, in order; 'ingen' when there are none."""
    w = WORDS[lang]
    seen = set()
    for warning in warnings:
        msg = str(warning)
        if msg not in seen:
            seen.add(msg)
            s.add([w["warning"], msg])
    if not seen:
        s.add([w["warnings"], w["none"]])


def run_extra(run, lang: str = "da") -> list[tuple[str, object]]:
    """The run's own assumptions: the years allocated and the period compared for each."""
    w = WORDS[lang]
    out: list[tuple[str, object]] = []
    if run.years:
        out.append((w["years_allocated"], ", ".join(map(str, run.years))))
    for y in run.years:
        st = run.status.get(y)
        if st is not None:
            out.append((w["absence_compared"].format(year=y), st.period))
    return out
