"""Why a unit got its target and its share (`explain`): the chain of domain.md 4.1-4.5 for one
unit, step by step, with the figures and the formula in words, as a center head checks it.

Nothing here is a rule of its own: each figure is read from what the rules computed (the status's
and the allocation's exact figures, the targets) or from the public functions that state them
(benchmarks, glide_value, mean_target, apportion_steps), so `explain` agrees with `status` and
`allocate` by construction, and the tests check that each step adds up to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import NoReturn

import numpy as np
import pandas as pd

from ..decimals import as_fraction, decimal_of
from ..errors import InputError
from ..names import KRL_TOTAL, group_key
from . import models
from .absence import exact_levels
from .allocation import AllocationResult, YearAllocation, allocate
from .benchmark import NationalYear, benchmarks, row_averages
from .exact import Q, sum_fractions
from .fast import AbsenceSums
from .plausibility import unique_warnings, unit_name
from .rounding import ShareSteps, apportion_steps, cap_units
from .scenario import Scenario
from .status import StatusResult, compute_status, resolve_period, shown_decimals
from .tables import InputTables
from .targets import TargetSet, compute_targets, glide_value, mean_target

__all__ = [
    "Explanation",
    "ExplainBasis",
    "Figure",
    "Step",
    "explain",
    "explain_basis",
    "explain_unit",
    "find_unit",
]

Key = tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """One figure of a step: its key, label, value and kind (how it reads: fte, days,
    days_per_fte, kr, count, year, text, remainder), the decimals it is shown with (enough to
    show it exactly where it has few) and `exact`, the value as a fraction where it matters."""

    key: str
    label: str
    value: object
    kind: str
    decimals: int = 0

    @property
    def exact(self) -> str | None:
        """'p/q' for a rational value that its shown decimals do not hold exactly."""
        v = self.value
        if isinstance(v, Fraction) and (v * 10**self.decimals).denominator != 1:
            return f"{v.numerator}/{v.denominator}"
        return None

    def plain(self) -> object:
        """The value for JSON: a float for a rational, else as it is."""
        v = self.value
        return float(v) if isinstance(v, Fraction) else v


@dataclass(frozen=True)
class Step:
    """One step of the chain: number, key, label, the formula in words, its figures, and rows
    (the absence rows, staff groups, sectors or years it sums over), each a tuple of figures."""

    step: int
    key: str
    label: str
    formula: str
    values: tuple[Figure, ...]
    rows: tuple[tuple[Figure, ...], ...] = ()
    note: str | None = None

    def value(self, key: str) -> object:
        """The value of figure `key` (KeyError when the step has none)."""
        for f in self.values:
            if f.key == key:
                return f.value
        raise KeyError(key)

    def to_dict(self) -> dict:
        """{"step", "key", "label", "formula", "values", "exact", "labels", "rows", "note"}."""
        exact = {f.key: f.exact for f in self.values if f.exact is not None}
        return {
            "step": self.step,
            "key": self.key,
            "label": self.label,
            "formula": self.formula,
            "values": {f.key: f.plain() for f in self.values},
            "exact": exact,
            "labels": {f.key: f.label for f in self.values},
            "rows": [{f.key: f.plain() for f in row} for row in self.rows],
            "rows_exact": [{f.key: f.exact for f in row if f.exact} for row in self.rows],
            "note": self.note,
        }


@dataclass(frozen=True)
class Explanation:
    """The chain for one unit (sector, or a center at center level) and one target year.

    `target`, `status`, `weight`, `share`, `increment` and `reduction` are the figures `status`
    and `allocate` give the unit (None where there is no status or no allocation that year).
    """

    center: str
    sector: str | None
    level: str
    year: int
    period: str
    model: str | None
    lang: str
    target: float | None
    days_per_fte: float | None
    status: str | None
    at_target: bool
    weight: float | None
    share: int | None
    increment: int | None
    prior_reduction: int | None
    reduction: int | None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    warnings: tuple = field(default_factory=tuple, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The unit as messages name it: center / sector, or the center."""
        return self.center if self.sector is None else f"{self.center} / {self.sector}"

    def step(self, key: str) -> Step:
        """The step with key `key` (KeyError when the chain has none)."""
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_dict(self) -> dict:
        """The `explain --json` document."""
        return {
            "center": self.center,
            "sector": self.sector,
            "level": self.level,
            "year": self.year,
            "period": self.period,
            "model": self.model,
            "lang": self.lang,
            "days_per_fte": self.days_per_fte,
            "target": self.target,
            "status": self.status,
            "at_target": self.at_target,
            "weight": self.weight,
            "share": self.share,
            "increment": self.increment,
            "prior_reduction": self.prior_reduction,
            "reduction": self.reduction,
            "steps": [s.to_dict() for s in self.steps],
        }

    def to_frame(self) -> pd.DataFrame:
        """The figures as a table, one row per figure: step, key, label (of the step), figure,
        figure_label, value (floats for rationals) and exact ('p/q' where it matters)."""
        rows = [
            (s.step, s.key, s.label, f.key, f.label, f.plain(), f.exact)
            for s in self.steps
            for f in s.values
        ]
        cols = ["step", "key", "label", "figure", "figure_label", "value", "exact"]
        return pd.DataFrame(rows, columns=cols)


# The words of the chain, per language: a step's label and its formula; a figure's label.
STEP_TEXT = {
    "da": {
        "absence": (
            "Fraværet {period} lagt sammen",
            "årsværk i alt = summen af rækkernes årsværk; sygedage i alt = summen af rækkernes "
            "sygedage{hours}",
        ),
        "days_per_fte": ("Fravær pr. årsværk", "dage pr. årsværk = sygedage i alt / årsværk i alt"),
        "base_level": (
            "Niveauet i basisåret {base}",
            "A = sygedage {base} / årsværk {base} (enhedens fravær pr. årsværk i basisåret)",
        ),
        "benchmark": (
            "Benchmark efter personalesammensætning (KRL {krl})",
            "B = Σ årsværk_g · N(g, {krl}) / Σ årsværk_g over personalegrupperne g i {ref}; "
            "N er landsgennemsnittet (en gruppe uden tal bruger Kommuner i alt)",
        ),
        "glide": (
            "Måltal {year} (glidebane {base}-{final})",
            "T = A − c·(A − B)·({year} − {base})/({final} − {base}), når A > B, ellers T = B; "
            "afrundet halvt op til {decimals} decimal(er)",
        ),
        "national": (
            "Måltal {year} (landsgennemsnittet)",
            "T = B, afrundet halvt op til {decimals} decimal(er)",
        ),
        "file": (
            "Måltal {year} (fra måltalsfilen)",
            "T = måltallet i filen, afrundet halvt op til {decimals} decimal(er)",
        ),
        "center_target": (
            "Centrets måltal {year}",
            "T = Σ (sektorens måltal × årsværk) / Σ årsværk, afrundet halvt op til "
            "{decimals} decimal(er)",
        ),
        "status": (
            "Status {period} mod måltal {year}",
            "afvigelse = fravær pr. årsværk − måltal; grøn, når fraværet er højst måltallet "
            "(på måltal, når de er lige store), ellers rød",
        ),
        "potential": (
            "Dagsværdi og effektiviseringspotentiale",
            "dagsværdi = lønsum / (årsværk × arbejdsdage); overskydende dage = max(0, "
            "afvigelse) × årsværk; potentiale = overskydende dage × dagsværdi",
        ),
        "weight": ("Vægt og andel ({model})", "{weight}; andel = vægt / summen af vægte × beløb"),
        "cap": (
            "Loft",
            "loft = potentialet rundet ned til hele {rounding} kr.; en enhed, hvis andel ville "
            "overstige loftet, får loftet, og resten fordeles på de andre, indtil ingen overstiger",
        ),
        "rounding": (
            "Afrunding (største rest)",
            "andelen rundes ned til hele {rounding} kr.; de resterende afrundingsenheder gives én "
            "til hver af de største rester (lige rester: størst vægt, så center og sektor)",
        ),
        "reduction": (
            "Reduktion {year}",
            "første års stigning = andel − tidligere reduktion; senere års stigning = andel; "
            "reduktion = tidligere reduktion + summen af stigningerne",
        ),
    },
    "en": {
        "absence": (
            "The absence of {period} summed",
            "total fte = the sum of the rows' fte; total sick days = the sum of the rows' sick "
            "days{hours}",
        ),
        "days_per_fte": ("Days per fte", "days per fte = total sick days / total fte"),
        "base_level": (
            "The level in the base year {base}",
            "A = sick days {base} / fte {base} (the unit's days per fte in the base year)",
        ),
        "benchmark": (
            "Benchmark by staff mix (KRL {krl})",
            "B = Σ fte_g · N(g, {krl}) / Σ fte_g over the staff groups g in {ref}; N is the "
            "national average (a group without a figure uses Kommuner i alt)",
        ),
        "glide": (
            "Target {year} (glide path {base}-{final})",
            "T = A − c·(A − B)·({year} − {base})/({final} − {base}) where A > B, else T = B; "
            "rounded half up to {decimals} decimal(s)",
        ),
        "national": (
            "Target {year} (the national average)",
            "T = B, rounded half up to {decimals} decimal(s)",
        ),
        "file": (
            "Target {year} (from the targets file)",
            "T = the file's target, rounded half up to {decimals} decimal(s)",
        ),
        "center_target": (
            "The center's target {year}",
            "T = Σ (sector target × fte) / Σ fte, rounded half up to {decimals} decimal(s)",
        ),
        "status": (
            "Status {period} against the {year} target",
            "gap = days per fte − target; green where the absence is at most the target (at "
            "target where they are equal), else red",
        ),
        "potential": (
            "Day value and efficiency potential",
            "day value = payroll / (fte × working days); excess days = max(0, gap) × fte; "
            "potential = excess days × day value",
        ),
        "weight": (
            "Weight and share ({model})",
            "{weight}; share = weight / sum of weights × amount",
        ),
        "cap": (
            "Cap",
            "cap = the potential floored to whole {rounding} kr.; a unit whose share would pass "
            "its cap gets the cap, and the rest is shared among the others until none passes",
        ),
        "rounding": (
            "Rounding (largest remainder)",
            "the share is floored to whole {rounding} kr.; the rounding units left go one each "
            "to the largest remainders (ties: larger weight, then center and sector)",
        ),
        "reduction": (
            "Reduction {year}",
            "first year's increment = share − prior reduction; a later year's increment = share; "
            "reduction = prior reduction + the sum of the increments",
        ),
    },
}

WEIGHT_TEXT = {
    "da": {
        "payroll": "vægt = lønsum (alle enheder i enhedstabellen)",
        "substitute_budget": "vægt = vikarbudget (enheder med et)",
        "potential": "vægt = effektiviseringspotentiale for enheder over måltal (andre: 0)",
        "excess_days": "vægt = overskydende dage for enheder over måltal (andre: 0)",
    },
    "en": {
        "payroll": "weight = payroll (every unit of the units table)",
        "substitute_budget": "weight = substitute budget (units that have one)",
        "potential": "weight = efficiency potential of the units over target (others: 0)",
        "excess_days": "weight = excess days of the units over target (others: 0)",
    },
}

FIGURE_TEXT = {
    "da": {
        "sector": "Sektor",
        "staff_group": "Personalegruppe",
        "krl_group": "KRL-gruppe",
        "fte": "Årsværk",
        "sick_days": "Sygedage",
        "sick_hours": "Sygetimer",
        "hours_per_day": "Timer pr. dag",
        "rows": "Rækker",
        "days_per_fte": "Dage pr. årsværk",
        "base_year": "Basisår",
        "a": "A (niveau i basisåret)",
        "has_a": "Fravær i basisåret",
        "reference": "Referenceperiode",
        "krl_year": "KRL-år",
        "national": "N (landsgennemsnit)",
        "fte_n": "Årsværk × N",
        "b": "B (benchmark)",
        "c": "c (andel af afstanden lukket)",
        "exact_target": "T før afrunding",
        "file_target": "Måltal i filen",
        "target": "Måltal (afrundet)",
        "decimals": "Decimaler",
        "gap": "Afvigelse",
        "status": "Status",
        "payroll": "Lønsum",
        "working_days": "Arbejdsdage",
        "day_cost": "Dagsværdi",
        "excess_days": "Overskydende dage",
        "potential": "Effektiviseringspotentiale",
        "weight": "Vægt",
        "weights": "Summen af vægte",
        "carriers": "Enheder med vægt",
        "amount": "Beløb, der fordeles",
        "pro_rata": "Forholdsmæssig andel",
        "cap": "Potentiale (loftets grundlag)",
        "cap_floor": "Loft (hele afrundingsenheder)",
        "capped": "Får loftet",
        "quota": "Andel efter loft",
        "rounding": "Afrundingsenhed",
        "floor": "Rundet ned",
        "remainder": "Rest (afrundingsenheder)",
        "place": "Plads blandt resterne",
        "ranked": "Enheder i rækkefølgen",
        "left": "Afrundingsenheder givet",
        "given": "Får én afrundingsenhed mere",
        "share": "Andel",
        "year": "År",
        "first_share": "Første års andel",
        "prior_reduction": "Tidligere reduktion",
        "increment": "Stigning",
        "increments": "Summen af stigningerne",
        "reduction": "Reduktion i alt",
        "green": "grøn",
        "red": "rød",
        "at_target": "på måltal",
        "yes": "ja",
        "no": "nej",
    },
    "en": {
        "sector": "Sector",
        "staff_group": "Staff group",
        "krl_group": "KRL group",
        "fte": "FTE",
        "sick_days": "Sick days",
        "sick_hours": "Sick hours",
        "hours_per_day": "Hours per day",
        "rows": "Rows",
        "days_per_fte": "Days per FTE",
        "base_year": "Base year",
        "a": "A (base-year level)",
        "has_a": "Absence in the base year",
        "reference": "Reference period",
        "krl_year": "KRL year",
        "national": "N (national average)",
        "fte_n": "FTE × N",
        "b": "B (benchmark)",
        "c": "c (share of the gap closed)",
        "exact_target": "T before rounding",
        "file_target": "Target in the file",
        "target": "Target (rounded)",
        "decimals": "Decimals",
        "gap": "Gap",
        "status": "Status",
        "payroll": "Payroll",
        "working_days": "Working days",
        "day_cost": "Day value",
        "excess_days": "Excess days",
        "potential": "Efficiency potential",
        "weight": "Weight",
        "weights": "Sum of weights",
        "carriers": "Units with a weight",
        "amount": "Amount distributed",
        "pro_rata": "Pro-rata share",
        "cap": "Potential (basis of the cap)",
        "cap_floor": "Cap (whole rounding units)",
        "capped": "Gets the cap",
        "quota": "Share after caps",
        "rounding": "Rounding unit",
        "floor": "Floored",
        "remainder": "Remainder (rounding units)",
        "place": "Place among the remainders",
        "ranked": "Units in the order",
        "left": "Rounding units handed out",
        "given": "Gets one more rounding unit",
        "share": "Share",
        "year": "Year",
        "first_share": "First year's share",
        "prior_reduction": "Prior reduction",
        "increment": "Increment",
        "increments": "Sum of the increments",
        "reduction": "Reduction in all",
        "green": "green",
        "red": "red",
        "at_target": "at target",
        "yes": "yes",
        "no": "no",
    },
}

NOTE_TEXT = {
    "da": {
        "no_base": "Enheden har intet fravær i basisåret {base}: måltallet er dens benchmark "
        "(T = B) efter personalesammensætningen i {ref}.",
        "no_status": "Enheden har intet fravær i {period}: ingen status og intet potentiale.",
        "no_allocation": "Scenariet har ingen reduktion for {year}.",
        "outside": "Enheden er ikke med i modellens fordeling i {year} (vægt 0).",
        "period": "Fordelingen {year} bygger på fraværet {basis}, ikke {period}.",
        "first": "Første år: beløbet er hele totalen, inklusive de tidligere reduktioner, som "
        "trækkes fra enhedernes andele.",
    },
    "en": {
        "no_base": "The unit has no absence in the base year {base}: its target is its "
        "benchmark (T = B) by the staff mix of {ref}.",
        "no_status": "The unit has no absence in {period}: no status and no potential.",
        "no_allocation": "The scenario has no reduction for {year}.",
        "outside": "The unit takes no part in the model's distribution in {year} (weight 0).",
        "period": "The allocation of {year} rests on the absence of {basis}, not {period}.",
        "first": "First year: the amount is the whole total, the prior reductions included, "
        "which are subtracted from the units' shares.",
    },
}


@dataclass(frozen=True)
class ExplainBasis:
    """What the explanations of one target year draw on, computed once for all its units: the
    status (at the explained level, and at sector level for a center's target), the targets,
    the allocation (None without a total that year) with the steps of its sharing, and the
    absence rows of each unit (positions in `sums.data`, by unit number)."""

    scenario: Scenario
    inputs: InputTables
    sums: AbsenceSums
    year: int
    period: str
    level: str
    lang: str
    status: StatusResult | None
    sectors: StatusResult | None
    targets: TargetSet | None
    allocation: AllocationResult | None
    sharing: tuple[dict[int, int], ShareSteps] | None
    weights_total: Fraction | None
    rows: dict[Key, np.ndarray]
    in_period: np.ndarray
    reference: np.ndarray | None
    bench: _Benchmarks | None
    status_rows: dict[Key, int]
    alloc_rows: dict[Key, int]

    @property
    def key(self) -> list[str]:
        """The unit key columns at the explained level."""
        return ["center"] if self.level == "center" else ["center", "sector"]

    def text(self, table: dict, key: str) -> str:
        """A word of `table` (STEP_TEXT, FIGURE_TEXT, ...) in the basis's language."""
        return table[self.lang][key]

    @property
    def warnings(self) -> list:
        """The inputs', the targets', the status's and the allocation's warnings, each once."""
        found = [r.warnings for r in (self.status, self.allocation) if r is not None]
        return unique_warnings(self.inputs.warnings, *found)

    def units(self) -> list[Key]:
        """Every unit that can be explained: with a status or in the allocation, sorted."""
        return sorted(set(self.status_rows) | set(self.alloc_rows))


def explain_basis(
    scenario: Scenario,
    inputs: InputTables,
    year: int,
    *,
    period: str | None = None,
    model: str | None = None,
    level: str | None = None,
    lang: str = "da",
    sums: AbsenceSums | None = None,
    statuses: dict | None = None,
    allocation: AllocationResult | None = None,
    targets: TargetSet | None = None,
) -> ExplainBasis:
    """The basis of every unit's explanation for target `year` (and compared `period`, default
    year-1): the status, targets and, where the scenario has a total for the year, the
    allocation under `model` (given, as `run` has it, or computed). Errors as status's and
    allocate's."""
    level = level or scenario.level
    sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
    statuses = {} if statuses is None else statuses
    target_year, label = resolve_period(year, period)
    if allocation is None and target_year in scenario.reduction.totals:
        allocation = allocate(
            scenario, inputs, target_year, model=model, level=level, statuses=statuses, sums=sums
        )
    status = _status(scenario, inputs, target_year, period, level, allocation, statuses, sums)
    sectors = status
    if status is not None and level == "center":
        sectors = _status(scenario, inputs, target_year, period, "sector", None, statuses, sums)
    if status is not None and (targets is None or target_year not in targets.years):
        targets = compute_targets(scenario, inputs, [target_year], sums=sums)
    sharing, total = _sharing(allocation)
    key = _key(level)
    reference = _reference_rows(scenario, sums, target_year)
    return ExplainBasis(
        scenario, inputs, sums, target_year, label, level, lang, status, sectors, targets,
        allocation, sharing, total, _rows_by_unit(sums), sums.period_rows(label), reference,
        _benchmarks(scenario, inputs, sums, targets, target_year, reference), _index(status, key),
        _index(allocation, key),
    )  # fmt: skip


def _status(scenario, inputs, year, period, level, allocation, statuses, sums):
    """The status the chain starts from: the allocation's own where it compares the same period,
    else computed (cached in `statuses` for the default period); None where a model that needs
    none allocated without one."""
    if allocation is not None and allocation.status is not None:
        if period is None or allocation.status.period == resolve_period(year, period)[1]:
            if allocation.status.level == level:
                return allocation.status
    cached = statuses.get((year, level)) if period is None else None
    if isinstance(cached, StatusResult):
        return cached
    try:
        return compute_status(scenario, inputs, year=year, period=period, level=level, sums=sums)
    except InputError:
        if allocation is None:
            raise
        return None


def _sharing(allocation: AllocationResult | None):
    """The year's sharing step by step (rounding.apportion_steps on the exact weights and caps
    the allocation used) and the exact sum of the weights; (None, None) without one."""
    if allocation is None:
        return None, None
    ya = allocation.years[-1]
    w, caps = ya.exact
    keys = [tuple(r) for r in ya.units[_key(allocation.level)].itertuples(index=False, name=None)]
    pos, steps = apportion_steps(ya.distributed, w, keys, allocation.rounding, caps)
    total = sum_fractions(w.num.tolist(), w.dens.tolist())
    return (None if steps is None else ({u: p for p, u in enumerate(pos)}, steps)), total


@dataclass(frozen=True)
class _Benchmarks:
    """Every unit's benchmark figures at once (4.2): the KRL year's averages, N per absence row
    of the reference period (NaN elsewhere), each unit's exact benchmark, its staff group in
    the units table, and its base-year sick days and fte (glide)."""

    national: NationalYear
    n: np.ndarray
    b: dict[Key, Fraction]
    unit_group: dict[Key, str]
    base: dict[Key, tuple[Fraction, Fraction]]


def _benchmarks(scenario, inputs, sums, targets, year: int, reference) -> _Benchmarks | None:
    """The benchmarks of every unit in one pass (benchmark.benchmarks on the reference rows)."""
    if reference is None or targets is None or inputs.national is None:
        return None
    k = targets.krl_year[year]
    national, file = inputs.national.data, str(inputs.national.path)
    rows = sums.data[reference][["center", "sector", "staff_group", "fte", "fte_n"]]
    nat = NationalYear.of(national, k, file)
    units = inputs.units.data
    n = np.full(len(sums.data), np.nan)
    n[reference] = row_averages(rows, units, nat)
    frame = benchmarks(rows, units, national, k, file)
    b = {
        tuple(key): Fraction(int(num), int(den))
        for key, num, den in zip(frame.index, frame["b_num"], frame["b_den"], strict=True)
    }
    groups = zip(units["center"], units["sector"], units["staff_group"], strict=True)
    unit_group = {(c, s_): g for c, s_, g in groups if isinstance(g, str)}
    base = {}
    if scenario.targets.rule == "glide":
        lv = sums.year_levels(scenario.targets.base_year)
        fte, sick = exact_levels(lv, sums.scales)
        base = {tuple(key): (_frac(sick, i), _frac(fte, i)) for i, key in enumerate(lv.index)}
    return _Benchmarks(nat, n, b, unit_group, base)


def _reference_rows(scenario: Scenario, sums: AbsenceSums, year: int) -> np.ndarray | None:
    """The rows each unit's benchmark weighs its staff groups with (4.2, 4.3): the glide
    reference period, or the national rule's latest calendar year before `year`."""
    cfg = scenario.targets
    if cfg.rule == "glide":
        return sums.glide_reference_mask(cfg.base_year)
    return sums.reference_mask(year) if cfg.rule == "national" else None


def _key(level: str) -> list[str]:
    return ["center"] if level == "center" else ["center", "sector"]


def _rows_by_unit(sums: AbsenceSums) -> dict[Key, np.ndarray]:
    """The absence rows of each (center, sector), as positions in `sums.data`, in row order."""
    unit = np.asarray(sums.unit)
    keep = np.flatnonzero(unit >= 0)
    order = keep[np.argsort(unit[keep], kind="stable")]
    codes, starts = np.unique(unit[order], return_index=True)
    parts = np.split(order, starts[1:])
    keys = [tuple(sums.keys[k]) for k in codes.tolist()]
    return dict(zip(keys, parts, strict=True))


def find_unit(basis: ExplainBasis, center: str, sector: str | None = None) -> Key:
    """The unit named `center` / `sector` (the center alone at center level); an unknown unit is
    an input error naming it and listing the nearest names (difflib)."""
    if basis.level != "center" and sector is None:
        if any(k[0] == center for k in basis.units()):
            raise InputError(
                f"{center!r} er et center, ikke en sektor",
                hint=f'Brug --center "{center}" for centerniveau, eller angiv også --sector.',
            )
        _unknown(basis, center)
    key = (center,) if basis.level == "center" else (center, sector)
    if key in basis.status_rows or key in basis.alloc_rows:
        return key
    _unknown(basis, unit_name(key if len(key) > 1 else key[0]))


def _unknown(basis: ExplainBasis, wanted: str) -> NoReturn:
    """An unknown unit: exit 2 naming it, with the nearest names of the level (difflib)."""
    from difflib import get_close_matches

    names = [unit_name(u if len(u) > 1 else u[0]) for u in basis.units()]
    near = get_close_matches(wanted, names, n=5, cutoff=0.4)
    level = "centre" if basis.level == "center" else "enheder"
    raise InputError(
        f"ukendt enhed: {wanted!r}",
        hint=("Nærmeste navne: " + "; ".join(near) + ".")
        if near
        else f"Se de {len(names)} {level} med `sygefravaer status`.",
    )


def parse_unit(basis: ExplainBasis, text: str) -> Key:
    """The unit written "CENTER / SEKTOR" (a center alone at center level): every split at a
    " / " is tried, so a name holding " / " is found where only one split names a unit."""
    if basis.level == "center":
        return find_unit(basis, text)
    parts = text.split(" / ")
    candidates = [(" / ".join(parts[:k]), " / ".join(parts[k:])) for k in range(1, len(parts))]
    known = set(basis.status_rows) | set(basis.alloc_rows)
    hits = [c for c in candidates if c in known]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise InputError(
            f"{text!r} kan læses som flere enheder: "
            + "; ".join(f"{c!r} / {s!r}" for c, s in hits),
            hint="Angiv dem med --center og --sector.",
        )
    if not candidates:
        return find_unit(basis, text)  # a center's name: says to use --center
    _unknown(basis, text)


def _frac(q: Q, i: int) -> Fraction:
    """Element i of an exact column as a Fraction."""
    return Fraction(int(q.num[i]), int(q.dens[i]))


def _places(x: Fraction, most: int = 4) -> int | None:
    """The decimals that show `x` exactly, if at most `most`, else None."""
    for k in range(most + 1):
        if (x * 10**k).denominator == 1:
            return k
    return None


# The decimals a figure of each kind is shown with when it has more than four.
_DEFAULT_PLACES = {"fte": 2, "days": 2, "days_per_fte": 4, "kr": 2, "remainder": 4}


def _dpf_places(dpf: Fraction, target: Fraction, red: bool) -> int:
    """The decimals days per fte are shown with so that the status reads from them (4.4:
    status.shown_decimals, two or more)."""
    return int(shown_decimals([float(dpf)], [float(target)], [red])[0])


class _Figures:
    """Builds a step's figures with the labels of one language."""

    def __init__(self, lang: str) -> None:
        self.labels = FIGURE_TEXT[lang]

    def __call__(self, key: str, value: object, kind: str, decimals: int | None = None) -> Figure:
        if decimals is None:
            decimals = 0
            if isinstance(value, Fraction):
                found = _places(value)
                decimals = found if found is not None else _DEFAULT_PLACES.get(kind, 2)
            elif isinstance(value, float):
                decimals = _DEFAULT_PLACES.get(kind, 2)
        return Figure(key, self.labels.get(key, key), value, kind, decimals)

    def word(self, key: str) -> str:
        return self.labels[key]


def explain_unit(basis: ExplainBasis, key: Key) -> Explanation:
    """The chain for unit `key` (find_unit) in the basis's year: absence, level, target, status,
    potential, weight and share, caps, rounding and the reduction (domain.md 4.1-4.5)."""
    chain = _Chain(basis, key)
    steps: list[tuple[str, str, tuple, tuple, str | None]] = []
    if chain.status_at is not None:
        steps += _absence_steps(chain) + _target_steps(chain) + _status_steps(chain)
    if basis.allocation is not None and chain.alloc_at is not None:
        steps += _allocation_steps(chain)
    numbered = tuple(Step(n, *s) for n, s in enumerate(steps, 1))
    return _result(chain, numbered)


def explain(
    scenario: Scenario,
    inputs: InputTables,
    year: int,
    center: str,
    sector: str | None = None,
    **options,
) -> Explanation:
    """The chain for one unit (`center` / `sector`, or `center` at center level) and target
    `year`; `options` as explain_basis takes them (period, model, level, lang, sums,
    statuses)."""
    basis = explain_basis(scenario, inputs, year, **options)
    return explain_unit(basis, find_unit(basis, center, sector))


class _Chain:
    """One unit's explanation in the making: where it sits in the status and the allocation."""

    def __init__(self, basis: ExplainBasis, key: Key) -> None:
        self.b, self.key, self.f = basis, key, _Figures(basis.lang)
        self.status_at = basis.status_rows.get(key)
        self.alloc_at = basis.alloc_rows.get(key)

    def step(self, name: str, values, rows=(), note=None, **words) -> tuple:
        """A step's parts: key, label and formula in words (filled with `words`), figures."""
        label, formula = STEP_TEXT[self.b.lang][name]
        fill = {"year": self.b.year, "period": self.b.period, **words}
        return (
            name,
            label.format(**fill),
            formula.format(**fill),
            tuple(values),
            tuple(rows),
            note,
        )

    def note(self, name: str, **words) -> str:
        return NOTE_TEXT[self.b.lang][name].format(year=self.b.year, period=self.b.period, **words)


def _index(result, key_cols: list[str]) -> dict[Key, int]:
    """Each unit's row in a result's units (a StatusResult's or an AllocationResult's)."""
    if result is None:
        return {}
    keys = result.units[key_cols].itertuples(index=False, name=None)
    return {tuple(k): i for i, k in enumerate(keys)}


_HOURS = {
    "da": "; en række i timer: sygedage = sygetimer / {h} timer pr. dag",
    "en": "; a row in hours: sick days = sick hours / {h} hours per day",
}


def _unit_rows(c: _Chain, mask: np.ndarray | None) -> np.ndarray:
    """The unit's absence rows (all its sectors' at center level) where `mask`, in row order."""
    if len(c.key) == 1:
        parts = [rows for key, rows in c.b.rows.items() if key[0] == c.key[0]]
    else:
        parts = [c.b.rows[c.key]] if c.key in c.b.rows else []
    idx = np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.intp)
    return idx[mask[idx]] if mask is not None else idx


def _absence_steps(c: _Chain) -> list[tuple]:
    """Steps 1-2 (4.1): the compared period's rows summed, and days per fte."""
    b, f, i = c.b, c.f, c.status_at
    e = b.status.exact
    data, scales = b.sums.data, b.sums.scales
    idx = _unit_rows(c, b.in_period)
    hours = data["sick_hours"].to_numpy()[idx] if "sick_hours" in data.columns else None
    rows = []
    for n, r in enumerate(idx.tolist()):
        row = [f("sector", data["sector"].iat[r], "text")] if b.level == "center" else []
        row += [
            f("staff_group", data["staff_group"].iat[r] or "", "text"),
            f("fte", Fraction(int(data["fte_n"].iat[r]), scales.fte), "fte"),
            f("sick_days", Fraction(int(data["sick_n"].iat[r]), scales.sick), "days"),
        ]
        if hours is not None and not np.isnan(hours[n]):
            row.append(f("sick_hours", decimal_of(hours[n]), "days"))
        rows.append(tuple(row))
    fte, sick = _frac(e.fte, i), _frac(e.sick_days, i)
    per_day = as_fraction(b.scenario.hours_per_day)
    in_hours = hours is not None and not np.isnan(hours).all()
    words = {"hours": _HOURS[b.lang].format(h=_shown(per_day)) if in_hours else ""}
    values = [f("rows", len(rows), "count"), f("fte", fte, "fte"), f("sick_days", sick, "days")]
    if in_hours:
        values.append(f("hours_per_day", per_day, "days"))
    first = c.step("absence", values, rows, **words)
    dpf = sick / fte if fte > 0 else None
    places = _dpf_places(dpf, _frac(e.target, i), bool(e.red[i])) if dpf is not None else 2
    second = [f("sick_days", sick, "days"), f("fte", fte, "fte")]
    second.append(f("days_per_fte", dpf, "days_per_fte", places))
    return [first, c.step("days_per_fte", second)]


def _shown(x: Fraction) -> str:
    """A scenario number as written (7,4 in Danish)."""
    return str(float(x)).removesuffix(".0").replace(".", ",")


def _target_steps(c: _Chain) -> list[tuple]:
    """Step 3 (4.2, 4.3): the target by the scenario's rule, or a center's from its sectors'."""
    if c.b.level == "center":
        return [_center_target_step(c)]
    rule = c.b.scenario.targets.rule
    if rule == "glide":
        level, has_a, a = _base_level_step(c)
        bench, b = _benchmark_step(c)
        return [level, bench, _glide_step(c, has_a, a, b)]
    if rule == "national":
        bench, b = _benchmark_step(c)
        return [bench, _rounded_step(c, "national", [c.f("b", b, "days_per_fte")])]
    return [_file_step(c)]


def _target(c: _Chain) -> Fraction:
    """The unit's published target (rounded), as the exact decimal it is."""
    return _frac(c.b.status.exact.target, c.status_at)


def _rounded_step(c: _Chain, name: str, values: list, note=None, rows=(), **words) -> tuple:
    """A target step ending in the rounding half up to `decimals` (4.3)."""
    decimals = c.b.scenario.targets.decimals
    values = values + [
        c.f("decimals", decimals, "count"),
        c.f("target", _target(c), "days_per_fte", decimals),
    ]
    return c.step(name, values, rows, note, decimals=decimals, **words)


def _base_level_step(c: _Chain) -> tuple[tuple, bool, Fraction | None]:
    """The glide rule's A (4.3): the unit's days per fte in the base year, if it has any."""
    f = c.f
    base = c.b.scenario.targets.base_year
    values = [f("base_year", base, "year")]
    a = None
    if c.key in c.b.bench.base:
        sick_a, fte_a = c.b.bench.base[c.key]
        values += [f("sick_days", sick_a, "days"), f("fte", fte_a, "fte")]
        a = sick_a / fte_a if fte_a > 0 else None
    values.append(f("a", a, "days_per_fte"))
    return c.step("base_level", values, base=base), a is not None, a


def _benchmark_step(c: _Chain) -> tuple[tuple, Fraction]:
    """B (4.2): the staff groups of the reference period, each fte with its KRL figure."""
    b, f, bench = c.b, c.f, c.b.bench
    k = bench.national.year
    idx = _unit_rows(c, b.reference)
    data = b.sums.data
    years = data["year"].to_numpy()[idx].tolist()
    written = data["staff_group"].to_numpy()[idx].tolist()
    groups = _staff_groups(c, written, data["fte_n"].to_numpy()[idx].tolist(), bench.n[idx])
    value = bench.b[c.key]
    ref = ", ".join(map(str, sorted(set(years))))
    fte = sum((g[2].value for g in groups), Fraction(0))
    weighted = sum((g[4].value for g in groups), Fraction(0))
    values = [f("krl_year", k, "year"), f("reference", ref, "text"), f("fte", fte, "fte")]
    values += [f("fte_n", weighted, "days"), f("b", value, "days_per_fte")]
    return c.step("benchmark", values, groups, krl=k, ref=ref), value


def _staff_groups(c: _Chain, written: list, fte_n: list, n: np.ndarray) -> list:
    """Each staff group of the reference rows (4.2): as written (a blank one: the unit's group
    from the units table), the KRL group whose N it takes (Kommuner i alt where the group has
    none), its fte summed, N(g, k) and fte × N, in the order the groups first appear."""
    fallback = c.b.bench.unit_group.get(c.key, "")
    by_group = c.b.bench.national.by_group
    found: dict[tuple, int] = {}
    for w, x, avg in zip(written, fte_n, n.tolist(), strict=True):
        name = w if isinstance(w, str) and w else fallback
        krl = name if name and group_key(name) in by_group else KRL_TOTAL
        found[(name, krl, avg)] = found.get((name, krl, avg), 0) + int(x)
    scale, f, out = c.b.sums.scales.fte, c.f, []
    for (name, krl, avg), total in found.items():
        fte, n_g = Fraction(total, scale), decimal_of(avg)
        out.append(
            (
                f("staff_group", name, "text"),
                f("krl_group", krl, "text"),
                f("fte", fte, "fte"),
                f("national", n_g, "days_per_fte"),
                f("fte_n", fte * n_g, "days"),
            )
        )
    return out


def _glide_step(c: _Chain, has_a: bool, a: Fraction | None, bench: Fraction) -> tuple:
    """T on the glide path (4.3, targets.glide_value), then rounded half up."""
    cfg = c.b.scenario.targets
    qa = Q([a.numerator if has_a else 0], [a.denominator if has_a else 1])
    qb = Q([bench.numerator], [bench.denominator])
    t = glide_value(qa, np.array([has_a]), qb, cfg, c.b.year)
    exact = Fraction(int(t.num[0]), int(t.dens[0]))
    f = c.f
    values = [f("a", a, "days_per_fte"), f("b", bench, "days_per_fte")]
    values += [f("c", as_fraction(cfg.gap_closure), "days")]
    values += [f("exact_target", exact, "days_per_fte")]
    note = None if has_a else c.note("no_base", base=cfg.base_year, ref=c.b.period)
    return _rounded_step(c, "glide", values, note, base=cfg.base_year, final=cfg.final_year)


def _file_step(c: _Chain) -> tuple:
    """The file rule (4.3): the target as the file gives it, rounded half up."""
    ft = c.b.inputs.targets.data
    hit = (ft["year"] == c.b.year) & (ft["center"] == c.key[0]) & (ft["sector"] == c.key[1])
    raw = decimal_of(float(ft.loc[hit, "target"].iloc[0])) if hit.any() else None
    return _rounded_step(c, "file", [c.f("file_target", raw, "days_per_fte")])


def _center_target_step(c: _Chain) -> tuple:
    """A center's target (4.3): its sectors' targets weighted by their fte, rounded half up."""
    sec = c.b.sectors
    at = np.flatnonzero((sec.units["center"] == c.key[0]).to_numpy())
    index = pd.MultiIndex.from_frame(sec.units.iloc[at][["center", "sector"]])
    targets = pd.Series(sec.units["target"].to_numpy()[at], index=index)
    fte = pd.Series(sec.exact.fte.num[at], index=index)
    mean = mean_target(targets, fte)
    f, rows = c.f, []
    for p, (_, sector) in zip(at.tolist(), index, strict=True):
        target = _frac(sec.exact.target, p)
        rows.append(
            (
                f("sector", sector, "text"),
                f("target", target, "days_per_fte"),
                f("fte", _frac(sec.exact.fte, p), "fte"),
            )
        )
    return _rounded_step(
        c, "center_target", [f("exact_target", mean, "days_per_fte", 4)], rows=rows
    )


def _status_steps(c: _Chain) -> list[tuple]:
    """Steps 4-5 (4.4): the status from the gap, then the day value and the potential."""
    b, f, i = c.b, c.f, c.status_at
    e = b.status.exact
    fte, sick, gap = _frac(e.fte, i), _frac(e.sick_days, i), _frac(e.gap, i)
    dpf = sick / fte if fte > 0 else None
    target = _target(c)
    red = bool(e.red[i])
    word = "red" if red else ("at_target" if gap == 0 else "green")
    places = _dpf_places(dpf, target, red) if dpf is not None else 2
    status = [f("days_per_fte", dpf, "days_per_fte", places), f("target", target, "days_per_fte")]
    status += [f("gap", gap, "days_per_fte", max(places, 4)), f("status", f.word(word), "text")]
    payroll = b.status.units["payroll"].iat[i]
    pay = None if pd.isna(payroll) else _frac(e.payroll, i)
    wd = as_fraction(b.scenario.working_days)
    day_cost = pay / (fte * wd) if pay is not None and fte > 0 else None
    money = [f("payroll", pay, "kr"), f("working_days", wd, "count"), f("fte", fte, "fte")]
    money += [f("day_cost", day_cost, "kr"), f("excess_days", _frac(e.excess_days, i), "days")]
    money += [f("potential", None if pay is None else _frac(e.potential, i), "kr")]
    return [c.step("status", status), c.step("potential", money)]


def _allocation_steps(c: _Chain) -> list[tuple]:
    """Steps 6-8 (4.5): the weight and share, the cap, the largest remainder, the reduction."""
    b = c.b
    a, j = b.allocation, c.alloc_at
    ya = a.years[-1]
    w_q, caps = ya.exact
    weight = _frac(w_q, j)
    steps = [_weight_step(c, ya, weight)]
    at = b.sharing[0].get(j) if b.sharing is not None else None
    if at is not None:
        sharing = b.sharing[1]
        if caps is not None:
            steps.append(_cap_step(c, _frac(caps, j), sharing, at))
        steps.append(_rounding_step(c, sharing, at))
    return steps + [_reduction_step(c)]


def _weight_kind(c: _Chain) -> str:
    a = c.b.allocation
    return "days" if models.get(a.model).weight_of(a.weight) == "excess_days" else "kr"


def _weight_step(c: _Chain, ya: YearAllocation, weight: Fraction) -> tuple:
    """The model's weight of the unit and its pro-rata share of the year's amount (4.5)."""
    a, f = c.b.allocation, c.f
    m = models.get(a.model)
    total = c.b.weights_total
    amount = ya.distributed
    kind = _weight_kind(c)
    values = [f("weight", weight, kind), f("weights", total, kind)]
    values += [f("carriers", len(c.b.sharing[0]) if c.b.sharing else 0, "count")]
    values += [f("amount", amount, "kr")]
    values += [f("pro_rata", amount * weight / total if total else Fraction(0), "kr")]
    notes = []
    if ya.year == min(c.b.scenario.reduction.totals):
        notes.append(c.note("first"))
    if weight == 0:
        notes.append(c.note("outside"))
    basis = a.status.period if a.status is not None else None
    if basis is not None and basis != c.b.period:
        notes.append(c.note("period", basis=basis))
    words = {"model": m.label(c.b.lang), "weight": WEIGHT_TEXT[c.b.lang][m.weight_of(a.weight)]}
    return c.step("weight", values, note=" ".join(notes) or None, **words)


def _cap_step(c: _Chain, cap: Fraction, sharing: ShareSteps, at: int) -> tuple:
    """The cap (4.5): the potential floored to the rounding unit; the quota after the caps."""
    f, rounding = c.f, c.b.allocation.rounding
    floor = cap_units(Q([cap.numerator], [cap.denominator]), rounding)[0] * rounding
    values = [f("cap", cap, "kr"), f("cap_floor", floor, "kr")]
    values += [f("capped", f.word("yes" if sharing.capped[at] else "no"), "text")]
    values += [f("quota", sharing.quota(at) * rounding, "kr")]
    return c.step("cap", values, rounding=_kroner(rounding))


def _rounding_step(c: _Chain, sharing: ShareSteps, at: int) -> tuple:
    """The largest-remainder step (4.5): floor, remainder, its place, one more unit or not."""
    f, rounding = c.f, c.b.allocation.rounding
    rest = sharing.remainder
    ranked = sum(p is not None for p in rest.place)
    given = rest.given[at]
    values = [f("quota", sharing.quota(at) * rounding, "kr"), f("rounding", rounding, "kr")]
    values += [f("floor", rest.floors[at] * rounding, "kr")]
    values += [f("remainder", Fraction(rest.remainders[at], rest.denominator), "remainder", 4)]
    values += [f("place", rest.place[at], "count"), f("ranked", ranked, "count")]
    values += [f("left", rest.left, "count"), f("given", f.word("yes" if given else "no"), "text")]
    values += [f("share", (rest.floors[at] + given) * rounding, "kr")]
    return c.step("rounding", values, rounding=_kroner(rounding))


def _kroner(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _reduction_step(c: _Chain) -> tuple:
    """Earlier increments, the prior reduction pooled into the first year, the reduction."""
    a, j, f = c.b.allocation, c.alloc_at, c.f
    rows = []
    for ya in a.years:
        share = int(ya.units["share"].iat[j])
        increment = int(a.units[f"increment_{ya.year}"].iat[j])
        rows.append(
            (f("year", ya.year, "year"), f("share", share, "kr"), f("increment", increment, "kr"))
        )
    prior = int(a.units["prior_reduction"].iat[j])
    values = [f("prior_reduction", prior, "kr"), f("first_share", rows[0][1].value, "kr")]
    values += [f("increments", sum(r[2].value for r in rows), "kr")]
    values += [f("reduction", int(a.units["reduction"].iat[j]), "kr")]
    return c.step("reduction", values, rows)


def _result(c: _Chain, steps: tuple[Step, ...]) -> Explanation:
    """The Explanation: the unit's figures as status and allocate give them, and the steps."""
    b, i, j = c.b, c.status_at, c.alloc_at
    st = b.status.units.iloc[i] if i is not None else None
    au = b.allocation.units.iloc[j] if j is not None else None
    gap = _frac(b.status.exact.gap, i) if i is not None else None
    money = (lambda k: int(au[k])) if au is not None else (lambda k: None)
    return Explanation(
        center=c.key[0],
        sector=c.key[1] if len(c.key) > 1 else None,
        level=b.level,
        year=b.year,
        period=b.period,
        model=b.allocation.model if b.allocation is not None else None,
        lang=b.lang,
        target=float(st["target"]) if st is not None else None,
        days_per_fte=float(st["days_per_fte"]) if st is not None else None,
        status=st["status"] if st is not None else None,
        at_target=gap == 0 if gap is not None else False,
        weight=float(au["weight"]) if au is not None else None,
        share=money("share"),
        increment=money("increment"),
        prior_reduction=money("prior_reduction"),
        reduction=money("reduction"),
        steps=steps,
        warnings=tuple(b.warnings),
    )
