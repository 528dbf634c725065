"""Budget reduction (domain.md 4.5): the three models, yearly increments and exact kroner.

Money is whole kroner (Python ints) throughout the result. The shares of each year's increment
are worked out in integers by core/rounding.py (largest remainder, water-filling on the caps).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..decimals import scaled
from ..errors import AllocationError, InputError, InputWarning
from . import models
from .exact import Q, magnitude
from .fast import AbsenceSums
from .fast_shares import key_ranks
from .jsonable import (
    columns_of,
    dumps,
    json_object,
    json_rows,
    plain,
    records,
    rows_of,
)
from .plausibility import kroner, unique_warnings
from .rounding import apportion, cap_units, largest_remainder
from .scenario import Scenario
from .status import ExactFigures, StatusResult, compute_status, group_fsum
from .tables import InputTables
from .targets import compute_targets

__all__ = [
    "AllocationError",
    "AllocationResult",
    "CompareResult",
    "YearAllocation",
    "allocate",
    "apportion",
    "cap_units",
    "center_sums",
    "compare",
    "exact_weights",
    "largest_remainder",
]

# Status columns a year's allocation carries per unit (NaN where the model needs no status).
STATUS_COLUMNS = ["status", "potential", "excess_days", "days_per_fte", "target", "gap", "fte"]


def exact_weights(
    frame: pd.DataFrame, exact: ExactFigures | None, at: np.ndarray, model: str, weight: str
) -> Q:
    """The model's weight per unit of `frame`, exactly (4.5): payroll or substitute budget as
    the decimals of the units table, potential or excess days from the status's exact figures
    (`exact`, its rows at positions `at`; -1: no status); 0 outside the model's set. The
    frame's `weight` column shows these as floats."""
    m = models.get(model)
    column = m.weight_of(weight)
    if column in ("potential", "excess_days"):
        if exact is None:
            return Q.zeros(len(frame))
        w = getattr(exact, column).take(at)
    else:
        w = Q.of(scaled(frame[column].to_numpy(dtype="float64")))
    if m.only_red:
        red = np.zeros(len(frame), dtype=bool) if exact is None else exact.red[at] & (at >= 0)
        w = w.where(red, 0)
    return w.max0()


@dataclass
class YearAllocation:
    """One year's distribution: amount distributed, the increment, and per-unit figures."""

    year: int
    total: int
    distributed: int
    increment: int
    units: pd.DataFrame  # key columns, payroll..., STATUS_COLUMNS, weight, cap, share, increment
    # The exact weights and caps (None without a cap) the shares were worked out on (explain).
    exact: tuple[Q, Q | None] | None = field(default=None, repr=False, compare=False)


@dataclass
class AllocationResult:
    """Reduction for `year` with every earlier year applied.

    `units` columns: center, sector (sector level), status, weight, potential, cap, share, fte,
    prior_reduction, increment, reduction, and one column `increment_<year>` per year so far.
    """

    year: int
    model: str
    weight: str
    cap: bool
    level: str
    rounding: int
    total: int
    increment: int
    units: pd.DataFrame
    centers: pd.DataFrame
    years: list[YearAllocation]
    status: StatusResult | None
    warnings: list[InputWarning] = field(default_factory=list)
    municipality: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The `allocate --json` document (domain.md section 5) with a few documented extras."""
        doc = self._head()
        doc["units"] = rows_of(self._unit_columns())
        return doc | self._tail()

    def to_json(self) -> str:
        """`to_dict()` as compact JSON text (jsonable.dumps), written from the units' columns
        (issue 14: no dict per unit)."""
        texts = {k: dumps(v) for k, v in self._head().items()}
        texts["units"] = json_rows(self._unit_columns())
        centers = columns_of(self.centers, ["center", *TOTALLED])
        texts["centers"] = json_rows(centers) if centers else "[]"
        texts["municipality"] = dumps(self._municipality())
        return json_object(texts)

    def _head(self) -> dict:
        """The document's keys before "units"."""
        return {
            "year": self.year,
            "model": self.model,
            "weight": self.weight,
            "cap": self.cap,
            "level": self.level,
            "rounding": self.rounding,
            "total": int(self.total),
            "increment": int(self.increment),
            "increments": {str(y.year): int(y.increment) for y in self.years},
        }

    def _unit_columns(self) -> dict:
        """The units' values per key of the document, in its order; "increments" a column per
        year (plain values)."""
        key = ["center"] if self.level == "center" else ["center", "sector"]
        names = [*key, "status", "weight", "increment", "reduction", "share"]
        cols = columns_of(self.units, [*names, "prior_reduction", "potential", "cap"])
        cols["increments"] = {
            str(y.year): list(map(int, self.units[f"increment_{y.year}"].tolist()))
            for y in self.years
        }
        return cols

    def _tail(self) -> dict:
        """The document's keys after "units"."""
        return {
            "centers": records(self.centers, ["center", *TOTALLED]),
            "municipality": self._municipality(),
        }

    def _municipality(self) -> dict:
        return {k: plain(self.municipality.get(k)) for k in TOTALLED}

    def to_frame(self) -> pd.DataFrame:
        """The units as a table, one row per unit in (center, sector) order.

        Columns: center, sector (not at center level), status ('green'/'red', None where the
        model needed no status), weight (the model's weight, 0 outside its set), increment (this
        year's), reduction (in all, prior included), prior_reduction, potential, cap (NaN without
        a cap), share (of this year's distributed amount), and increment_<year> for every year
        so far. Money columns are whole kroner: int64, or Python ints where an amount does not
        fit in int64.
        """
        key = ["center"] if self.level == "center" else ["center", "sector"]
        money = ["increment", "reduction", "prior_reduction", "share"]
        money += [f"increment_{y.year}" for y in self.years]
        cols = [*key, "status", "weight", "increment", "reduction", "prior_reduction"]
        cols += ["potential", "cap", "share", *money[4:]]
        frame = self.units[cols].reset_index(drop=True)
        for c in money:
            frame[c] = _whole_kroner(frame[c])
        return frame


def _whole_kroner(column: pd.Series) -> pd.Series:
    """A column of Python ints as int64 when every amount fits, else unchanged (exact)."""
    values = column.tolist()
    if all(-(2**63) <= v < 2**63 for v in values):
        return pd.Series(values, index=column.index, dtype="int64")
    return column


@dataclass(frozen=True)
class _Policy:
    """How a run distributes: the scenario's reduction settings with the command's overrides."""

    model: str
    weight: str
    cap: bool
    level: str
    rounding: int

    @classmethod
    def of(
        cls,
        scenario: Scenario,
        model: str | None,
        weight: str | None,
        cap: bool | None,
        level: str | None,
    ) -> _Policy:
        """The scenario's settings where the command gives none (None)."""
        red = scenario.reduction
        return cls(
            model or red.model,
            weight or red.weight,
            red.cap if cap is None else cap,
            level or scenario.level,
            red.rounding,
        )

    @property
    def key(self) -> list[str]:
        """The unit key: (center, sector), or center at center level."""
        return ["center"] if self.level == "center" else ["center", "sector"]

    @property
    def capped(self) -> bool:
        """No unit's share passes its cap (4.5: over-target with `cap = true`)."""
        return models.get(self.model).capped and self.cap


def allocate(
    scenario: Scenario,
    inputs: InputTables,
    year: int,
    *,
    model: str | None = None,
    level: str | None = None,
    weight: str | None = None,
    cap: bool | None = None,
    statuses: dict[tuple[int, str], StatusResult | InputError] | None = None,
    sums: AbsenceSums | None = None,
) -> AllocationResult:
    """Allocate the cumulative reduction up to `year`: each year's increment on that year's status.

    The first year distributes its whole total and pools the prior reductions: a unit's first
    increment is its share minus its prior reduction (4.5). `statuses`: a dict shared by calls on
    the same scenario and inputs (compare, run), so each year's status is computed once. `sums`:
    the absence table's AbsenceSums (made here when missing), shared the same way. An InputError
    raised once the years are being allocated carries the warnings found so far (`warnings`).
    """
    totals = scenario.reduction.totals
    policy = _Policy.of(scenario, model, weight, cap, level)
    _check_year(scenario, year)
    universe = _Universe.of(inputs, policy)
    prior = _prior_reductions(universe.frame, inputs)
    years = sorted(y for y in totals if y <= year)
    statuses = {} if statuses is None else statuses
    tset = None
    if any((y, policy.level) not in statuses for y in years):
        sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
        tset = _targets_for(scenario, inputs, years, sums)
    history: list[YearAllocation] = []
    status, doubts = None, [inputs.warnings]
    try:
        for y in years:
            status = _status_for(scenario, inputs, y, policy, tset, statuses, sums)
            doubts.append(status.warnings if status is not None else [])
            # 4.5: the totals are cumulative; the first year's total includes the prior
            # reductions, so it is distributed whole and each unit's prior is subtracted.
            amount = totals[y] - (totals[history[-1].year] if history else 0)
            share_of = prior if y == min(totals) else 0
            parts = _year_frame(universe, status, policy)
            history.append(_allocate_year(scenario, y, amount, parts, universe, share_of, policy))
    except InputError as exc:
        # The doubts found so far go with the error, for the caller to show before it (issue 9:
        # percentages read as days leave no unit over target).
        exc.warnings = unique_warnings(*doubts, _first_total_below_prior(scenario, inputs, prior))
        raise
    doubts.append(_first_total_below_prior(scenario, inputs, prior))
    return _result(year, policy, history, prior, status, unique_warnings(*doubts))


def _first_total_below_prior(
    scenario: Scenario, inputs: InputTables, prior: pd.Series
) -> list[InputWarning]:
    """A warning when the first year's total is below the prior reductions it pools (4.5):
    the units would be handed money back, as when the totals are typed in thousands."""
    totals = scenario.reduction.totals
    first, pooled = min(totals), int(prior.sum())
    if totals[first] >= pooled:
        return []
    units = Path(inputs.units.path).name
    return [
        InputWarning(
            f"{Path(scenario.path).name if scenario.path else 'scenariet'}: reduction.totals "
            f"for {first} er {kroner(totals[first])}, mindre end de tidligere reduktioner, "
            f"den omfatter ({kroner(pooled)} i alt i {units}): enhederne får "
            f"{kroner(pooled - totals[first])} tilbage i {first}. Totalerne er kumulative i "
            "hele kroner og omfatter de tidligere reduktioner; er de skrevet i tusinder kr.?",
            file=scenario.path,
        )
    ]


# A center's and the municipality's figures in an allocation: the sums of their units' (4.4:
# every total row adds up). Money exactly in whole kroner; the weight and potential as floats.
TOTALLED = ["increment", "reduction", "prior_reduction", "share", "weight", "potential"]


def totals_of(units: pd.DataFrame, years: list[int]) -> tuple[pd.DataFrame, dict]:
    """Each center's and the municipality's sums of the units' money, weight and potential."""
    money = ["prior_reduction", "increment", "reduction", "share"]
    money += [f"increment_{y}" for y in years]
    codes, names = pd.factorize(units["center"].to_numpy(), sort=True)
    centers = _center_sums(units, money, codes, names)
    # int64 center sums are within 2**62 in all (center_sums), so their int64 total is exact
    total = {
        c: int(centers[c].sum()) if centers[c].dtype == np.int64 else sum(map(int, centers[c]))
        for c in money
    }
    for c in ("weight", "potential"):  # fsum: the correctly rounded sum of the stored floats
        values = units[c].to_numpy(dtype="float64")
        centers[c] = group_fsum(values, codes, len(centers))
        total[c] = group_fsum(values, np.zeros(len(units), dtype=np.intp), 1)[0]
    return centers, total


def _result(
    year: int,
    policy: _Policy,
    history: list[YearAllocation],
    prior: pd.Series,
    status: StatusResult | None,
    warnings: list[InputWarning],
) -> AllocationResult:
    """The AllocationResult of the years in `history`: each unit's reduction, center sums."""
    units = _units(history, prior, policy)
    centers, municipality = totals_of(units, [ya.year for ya in history])
    return AllocationResult(
        year,
        policy.model,
        policy.weight,
        policy.cap,
        policy.level,
        policy.rounding,
        history[-1].total,
        history[-1].increment,
        units,
        centers,
        history,
        status,
        warnings,
        municipality,
    )


def _check_year(scenario: Scenario, year: int) -> None:
    """The year has a total in the scenario."""
    totals = scenario.reduction.totals
    if year not in totals:
        raise InputError(
            f"reduction.totals har ingen total for {year}",
            file=scenario.path,
            hint="Årene med totaler er: " + (", ".join(map(str, sorted(totals))) or "ingen") + ".",
        )


def _universe(inputs: InputTables, level: str) -> pd.DataFrame:
    """Every unit that can carry a reduction: the units table, or its center sums."""
    u = inputs.units.data
    cols = ["payroll", "substitute_budget", "prior_reduction"]
    if level == "center":
        return u.groupby("center", sort=True)[cols].sum().reset_index()
    return u[["center", "sector", *cols]].sort_values(["center", "sector"]).reset_index(drop=True)


@dataclass(frozen=True)
class _Universe:
    """An allocation's units (`_universe`), the same every year: their frame, their key as an
    index (to find each year's status rows), as tuples, and each key's place in code-point
    order (the tie rule's, 4.5), made once per allocation (issue 14)."""

    frame: pd.DataFrame
    index: pd.Index
    keys: list[tuple]
    ranks: np.ndarray

    @classmethod
    def of(cls, inputs: InputTables, policy: _Policy) -> _Universe:
        frame, index = _sorted_units(inputs.units) if policy.level == "sector" else (None, None)
        if frame is None:
            frame = _universe(inputs, policy.level)
            if policy.level == "center":
                index = pd.Index(frame["center"])
            else:
                index = pd.MultiIndex.from_frame(frame[policy.key])
        keys = list(zip(*(frame[c].tolist() for c in policy.key), strict=True))
        return cls(frame, index, keys, key_ranks(keys))


def _sorted_units(units) -> tuple[pd.DataFrame | None, pd.MultiIndex | None]:
    """`_universe` at sector level and its key index, from the table's sorted unit numbers
    (no sorting or indexing of texts, issue 14); (None, None) without them."""
    data, numbered = units.data, units.sorted_units()
    if numbered is None or len(numbered[1]) != len(data) or not len(data):
        return None, None
    unit, keys = numbered
    order = np.empty(len(unit), dtype=np.intp)
    order[unit] = np.arange(len(unit))  # the row of each unit, in key order
    cols = ["center", "sector", "payroll", "substitute_budget", "prior_reduction"]
    return data[cols].take(order).reset_index(drop=True), keys


def _prior_reductions(universe: pd.DataFrame, inputs: InputTables) -> pd.Series:
    """Each unit's reduction imposed before the first year, in whole kroner (4.5)."""
    prior = universe["prior_reduction"].round().astype("int64")
    if (universe["prior_reduction"] != prior).any():
        raise InputError("tidligere reduktion skal være hele kroner", file=inputs.units.path)
    return prior


def _year_frame(
    universe: _Universe, status: StatusResult | None, policy: _Policy
) -> tuple[pd.DataFrame, Q, Q | None]:
    """The units with the year's status figures (NaN, and no status, where there is none), the
    model's weights and caps (4.5) for display, and the exact weights and caps."""
    frame = universe.frame.copy()
    at = np.full(len(frame), -1, dtype=np.intp)
    if status is not None:
        at = status.unit_index(policy.key).get_indexer(universe.index)
        found = at >= 0
        for col in STATUS_COLUMNS:
            values = status.units[col].to_numpy()
            if found.all():
                frame[col] = values[at]
            else:  # no status row: NaN, as a reindex gives
                frame[col] = np.where(found, values[at] if len(values) else np.nan, np.nan)
    else:
        for col in STATUS_COLUMNS:
            frame[col] = np.nan
        frame["status"] = None
    exact = status.exact if status is not None else None
    w = exact_weights(frame, exact, at, policy.model, policy.weight)
    frame["weight"] = w.to_float()
    caps = None
    if policy.capped:  # 4.5: with a cap, no unit's share passes its efficiency potential
        caps = exact.potential.take(at).where(w.positive(), 0) if exact else Q.zeros(len(frame))
    frame["cap"] = caps.to_float() if caps is not None else np.nan
    return frame, w, caps


def _allocate_year(
    scenario, y: int, amount: int, parts: tuple, universe: _Universe, prior, policy: _Policy
) -> YearAllocation:
    """Year y's amount shared on the exact weights (the units of `universe`); a unit's
    increment is its share minus `prior`, its prior reduction in the first year (4.5)."""
    frame, w, caps = parts
    shares = _distribute(amount, w, universe, caps, y, scenario, policy)
    frame["share"] = pd.Series(shares, index=frame.index, dtype=object)
    inc = frame["share"] - prior
    frame["increment"] = inc.astype(object)
    total = scenario.reduction.totals[y]
    # the increments' sum: the shares' less the priors' (exact integers; no pass per unit)
    pooled = sum(prior.tolist()) if isinstance(prior, pd.Series) else prior
    return YearAllocation(y, total, amount, sum(shares) - pooled, frame, (w, caps))


def _units(history: list[YearAllocation], prior: pd.Series, policy: _Policy) -> pd.DataFrame:
    """The result's units: the last year's figures, the reduction so far and every increment."""
    cumulative = pd.Series(0, index=prior.index, dtype=object)
    for ya in history:
        cumulative = cumulative + ya.units["increment"]
    last = history[-1].units
    units = last[policy.key + ["status", "weight", "potential", "cap", "share"]].copy()
    units["fte"] = last["fte"]
    units["prior_reduction"] = prior.astype(object)
    units["increment"] = last["increment"]
    units["reduction"] = (prior + cumulative).astype(object)
    for ya in history:
        units[f"increment_{ya.year}"] = ya.units["increment"].to_numpy()
    return units


def _targets_for(scenario, inputs, years: list[int], sums: AbsenceSums):
    """Every year's targets in one pass (issue 7), or None to let each status compute its own
    (so that a problem is reported exactly as a single year's status reports it)."""
    try:
        return compute_targets(scenario, inputs, years, sums=sums)
    except InputError:
        return None


def _status_for(
    scenario, inputs, y: int, policy: _Policy, targets, cache: dict, sums: AbsenceSums | None
) -> StatusResult | None:
    """The status of year y (absence y-1 against target y); optional where the model needs none."""
    if (y, policy.level) not in cache:
        try:
            cache[y, policy.level] = compute_status(
                scenario, inputs, year=y, level=policy.level, targets=targets, sums=sums
            )
        except InputError as exc:
            cache[y, policy.level] = exc
    found = cache[y, policy.level]
    if isinstance(found, InputError):
        if models.get(policy.model).needs_status:
            raise found
        return None
    return found


def _distribute(
    amount: int, w: Q, universe: _Universe, caps: Q | None, y: int, scenario, policy: _Policy
) -> list[int]:
    """`apportion`, with the errors a user can act on: nobody to carry it, caps too small."""
    if amount == 0:
        return [0] * len(w)
    rounding = policy.rounding
    if not w.positive().any():
        why = models.get(policy.model).nobody_da
        raise AllocationError(
            f"modellen {policy.model!r} kan ikke fordele {kroner(amount)} i {y}: {why}",
            file=scenario.path,
            hint="Vælg en anden model med --model.",
        )
    if caps is not None:
        # The most the units over target can carry: each potential floored to the rounding unit.
        room = sum(cap_units(caps.take(np.flatnonzero(w.positive())), rounding)) * rounding
        if amount > room:
            whole = f" (i hele {kroner(rounding)})" if rounding > 1 else ""
            raise AllocationError(
                f"modellen 'over-target' med loft kan ikke fordele {kroner(amount)} i {y}: "
                f"enhederne over måltal har et samlet effektiviseringspotentiale på "
                f"{kroner(room)}{whole}, {kroner(amount - room)} for lidt",
                file=scenario.path,
                hint="Sæt cap = false, vælg en anden model, eller sænk totalen.",
            )
    try:
        return apportion(amount, w, universe.keys, rounding, caps, ranks=universe.ranks)
    except ValueError as exc:
        raise AllocationError(
            f"{kroner(amount)} kan ikke fordeles i {y} i hele {kroner(rounding)} uden at en enhed "
            f"overskrider sit loft ({exc})",
            file=scenario.path,
            hint="Brug en mindre afrunding (reduction.rounding).",
        ) from exc


def center_sums(units: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Each center's sums of whole-kroner columns (Python ints), exactly, in center order.

    int64 sums where no sum can overflow (issue 7: no Python sum per center), else Python ints.
    """
    codes, names = pd.factorize(units["center"].to_numpy(), sort=True)
    return _center_sums(units, columns, codes, names)


def _center_sums(units: pd.DataFrame, columns: list[str], codes, names) -> pd.DataFrame:
    """center_sums on the centers' sorted codes and names (`pd.factorize(sort=True)`): int64
    sums on the codes (issue 14: no grouping of the texts again), else Python ints by groupby."""
    try:
        ints = {c: units[c].to_numpy().astype(np.int64) for c in columns}
        top = max(map(magnitude, ints.values()), default=1)
        bound = max(1, top) * max(1, len(units))
    except OverflowError:  # an amount beyond int64
        bound = 2**62
    if bound >= 2**62 or (len(codes) and codes.min() < 0):  # int64 sums could overflow
        g = units.groupby("center", sort=True)[columns].agg(lambda s: int(sum(int(x) for x in s)))
        return g.reset_index()
    out = {"center": pd.Index(names, name="center")}
    for c, v in ints.items():
        out[c] = np.zeros(len(names), dtype=np.int64)
        np.add.at(out[c], codes, v)
    return pd.DataFrame(out)


@dataclass(frozen=True)
class CompareResult:
    """The three models side by side for one year (`compare`): each model's allocation, or the
    reason it cannot allocate; `warnings`: the inputs' and every allocation's, each once."""

    year: int
    chosen: str
    results: dict[str, AllocationResult]
    errors: dict[str, InputError]
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def models(self) -> list[str]:
        """Every model, in the registry's order."""
        return [m for m in models.NAMES if m in self.results or m in self.errors]

    @property
    def level(self) -> str:
        """The level the models allocated at (sector when none could)."""
        return next(iter(self.results.values())).level if self.results else "sector"

    def to_dict(self) -> dict:
        """The `compare --json` document (domain.md section 5)."""
        docs = {
            m: self.results[m].to_dict() if m in self.results else self._error(m)
            for m in self.models
        }
        return {"year": self.year, "chosen": self.chosen, "models": docs}

    def to_json(self) -> str:
        """`to_dict()` as compact JSON text (jsonable.dumps), each model's by its to_json."""
        docs = {
            m: self.results[m].to_json() if m in self.results else dumps(self._error(m))
            for m in self.models
        }
        items = {"year": dumps(self.year), "chosen": dumps(self.chosen)}
        return json_object(items | {"models": json_object(docs)})

    def _error(self, model: str) -> dict:
        return {"error": self.errors[model].message}

    def reductions(self) -> tuple[pd.DataFrame, dict[str, int]]:
        """Each center's reduction under each model that could allocate (0 where a model gives
        the center nothing) and `<model> - chosen` beside it (what the center pays beyond the
        chosen model), in center order; and the same per column for the municipality (the sums
        of the centers'). Whole kroner as Python ints."""
        centers = sorted({c for r in self.results.values() for c in r.centers["center"]})
        frame = pd.DataFrame({"center": centers})
        for m, r in self.results.items():
            got = dict(zip(r.centers["center"], r.centers["reduction"], strict=True))
            frame[m] = pd.Series([int(got.get(c, 0)) for c in centers], dtype=object)
        if self.chosen in self.results:
            for m in self.results:
                if m != self.chosen:
                    frame[f"{m} - chosen"] = frame[m] - frame[self.chosen]
        total = {c: int(sum(frame[c])) for c in frame.columns if c != "center"}
        return frame, total

    def to_frame(self) -> pd.DataFrame:
        """Each center's reduction under each model (columns: center, one per model that could
        allocate)."""
        frame = None
        for m, r in self.results.items():
            part = r.centers[["center", "reduction"]].rename(columns={"reduction": m})
            frame = part if frame is None else frame.merge(part, on="center", how="outer")
        return frame if frame is not None else pd.DataFrame({"center": []})


def compare(
    scenario: Scenario,
    inputs: InputTables,
    year: int,
    level: str | None = None,
    statuses: dict[tuple[int, str], StatusResult | InputError] | None = None,
    *,
    sums: AbsenceSums | None = None,
) -> CompareResult:
    """All three models for one year; a model that cannot allocate gives its error instead.

    The models share each year's status (`statuses`) and the absence sums (`sums`, see
    allocate)."""
    results: dict[str, AllocationResult] = {}
    errors: dict[str, InputError] = {}
    statuses = {} if statuses is None else statuses
    sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
    for model in models.NAMES:
        try:
            results[model] = allocate(
                scenario, inputs, year, model=model, level=level, statuses=statuses, sums=sums
            )
        except InputError as exc:
            errors[model] = exc
    warnings = unique_warnings(inputs.warnings, *(r.warnings for r in results.values()))
    return CompareResult(year, scenario.reduction.model, results, errors, warnings)
