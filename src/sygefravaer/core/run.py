"""The multi-year run (domain.md 4.3-4.5): targets, each year's status and the three models."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from . import models
from .allocation import compare
from .explain import explain_basis, explain_unit
from .fast import AbsenceSums
from .plausibility import unique_warnings
from .status import compute_status
from .targets import compute_targets


@dataclass
class RunResult:
    """Everything `run` computed: targets for all years, status and allocation per year.

    `status[y]` is at sector level (None where a model needs no status and it is missing);
    `allocations[y]` at the scenario's level; `compare[y]` the three models for year y;
    `explanations(lang)[center]`: the `explain` chain of each of its units (the center itself
    at center level) in the last allocated year, worked out once per language when asked for.
    """

    scenario: object
    inputs: object
    targets: object
    years: list[int]
    status: dict
    allocations: dict
    compare: dict
    warnings: list = field(default_factory=list)
    sums: AbsenceSums | None = field(default=None, repr=False, compare=False)
    _explained: dict = field(default_factory=dict, repr=False, compare=False)

    def explanations(self, lang: str = "da") -> dict:
        """Every unit's `explain` chain in the last allocated year, by center, in `lang`."""
        if lang not in self._explained:
            self._explained[lang] = _explanations(
                self.scenario, self.inputs, self.allocations, self.targets, self.sums, lang
            )
        return self._explained[lang]

    @property
    def last(self) -> int | None:
        """The year the summary shows: the last allocated year, else the last with a status."""
        if self.years:
            return self.years[-1]
        return max((y for y, st in self.status.items() if st is not None), default=None)


def compute_run(scenario, inputs, sums: AbsenceSums | None = None) -> RunResult:
    """Every year of the scenario: targets, status (sector level) and the three models per year.

    `sums`: the absence table's sums per unit and period, made once for every year if not given.
    """
    sc = scenario
    sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
    tset = compute_targets(sc, inputs, sums=sums)
    years = sorted(sc.reduction.totals)
    statuses, allocations, compared = {}, {}, {}
    # Each year's status computed once, on the run's targets, for the run and for every model
    # and year of compare (issue 7); allocate reads it from `shared` by (year, level).
    shared: dict = {}
    for y in years or tset.years:
        try:
            statuses[y] = compute_status(
                sc, inputs, year=y, level="sector", targets=tset, sums=sums
            )
        except InputError as exc:
            if years and models.get(sc.reduction.model).needs_status:
                raise
            shared[y, "sector"] = exc  # allocate raises it where a model needs the status
            statuses[y] = None  # no absence for y-1, or a model that needs no status (4.5)
        else:
            shared[y, "sector"] = statuses[y]
    for y in years:
        compared[y] = compare(sc, inputs, y, statuses=shared, sums=sums)
        if sc.reduction.model in compared[y].errors:
            raise compared[y].errors[sc.reduction.model]
        chosen = compared[y].results[sc.reduction.model]
        allocations[y] = chosen
    # The targets', each year's status and the allocations' warnings, each once, in that order.
    warnings = unique_warnings(
        tset.warnings,
        *(st.warnings for st in statuses.values() if st is not None),
        *(a.warnings for a in allocations.values()),
    )
    return RunResult(sc, inputs, tset, years, statuses, allocations, compared, warnings, sums)


def _explanations(scenario, inputs, allocations: dict, targets, sums, lang: str) -> dict:
    """Every unit's `explain` chain in the last allocated year, by center (for the workbooks)."""
    if not allocations:
        return {}
    last = max(allocations)
    basis = explain_basis(
        scenario, inputs, last, allocation=allocations[last], targets=targets, sums=sums, lang=lang
    )
    out: dict = {}
    for key in basis.units():
        out.setdefault(key[0], []).append(explain_unit(basis, key))
    return out
