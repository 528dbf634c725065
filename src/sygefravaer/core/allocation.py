"""Budget reduction (domain.md 4.5): the three models, yearly increments and exact kroner.

Money is whole kroner (Python ints) throughout the result. Weights and caps, which are floats
(payroll, efficiency potential), are turned into exact integers before anything is divided, so
remainders compare exactly and ties are real ties. The largest-remainder step lives in one small
integer-only function, `largest_remainder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning
from . import models
from .jsonable import records
from .status import StatusResult, compute_status
from .targets import compute_targets


class AllocationError(InputError):
    """A model cannot carry an increment (no units, caps too small): exit status 2."""


# --------------------------------------------------------------------------- integer core


def largest_remainder(
    units: int,
    numerators: Sequence[int],
    denominator: int,
    tie_rank: Sequence[int],
    limits: Sequence[int | None],
) -> list[int]:
    """Split `units` whole rounding units in proportion to numerators/denominator.

    The quotas must add up to `units` exactly. Each quota is floored; the units left go one each
    to the largest remainders, ties to the lower `tie_rank` (larger weight, then center/sector
    order); a share never passes its `limit` (a cap, in rounding units). Integer arithmetic only.
    """
    if sum(numerators) != units * denominator:
        raise ValueError("quotas do not add up to the units to distribute")
    floors = [n // denominator for n in numerators]
    left = units - sum(floors)
    order = sorted(
        (i for i in range(len(floors)) if limits[i] is None or floors[i] + 1 <= limits[i]),
        key=lambda i: (-(numerators[i] % denominator), tie_rank[i]),
    )
    if len(order) < left:
        raise ValueError("caps leave too little room for the rounding")
    for i in order[:left]:
        floors[i] += 1
    return floors


def _finite(values) -> np.ndarray:
    """`values` as float64; NaN or infinity is no weight or cap (ValueError)."""
    v = np.asarray(values, dtype="float64")
    if not np.isfinite(v).all():
        raise ValueError("weights and caps must be finite numbers")
    return v


def _exact(values: np.ndarray) -> tuple[list[int], int]:
    """Finite floats as exact integers over one common power-of-two scale: (ints, scale).

    Each float is mantissa * 2**exponent (`np.frexp`, 53-bit integer mantissas); the scale is the
    power of two that makes the smallest exponent 0. Only ratios and `x // scale` are used, so any
    exact common scale gives the same shares (issue 7: no Fraction or integer ratio per unit).
    Raises ValueError for NaN or infinity, as `float.as_integer_ratio` does.
    """
    v = _finite(values)
    if not len(v):
        return [], 1
    m, e = np.frexp(v)
    mant = np.ldexp(m, 53).astype(np.int64)  # exact: a float has 53 significant bits
    e = e.astype(np.int64) - 53
    nz = mant != 0
    low = int(e[nz].min()) if nz.any() else 0
    shift = np.where(nz, e - low, 0)  # >= 0
    scale_exp = -low
    if int(shift.max()) <= 9:  # 53 + 9 bits: the products stay in int64
        ints = (mant << shift).tolist()
    else:
        ints = [x << k for x, k in zip(mant.tolist(), shift.tolist(), strict=True)]
    if scale_exp >= 0:
        return ints, 1 << scale_exp
    return [x << -scale_exp for x in ints], 1  # every float an integer times a power of two


def cap_units(caps: np.ndarray, rounding: int) -> list[int]:
    """Each cap (kr., a float) as the whole rounding units it can hold: floor(cap / rounding).

    floor(c / r) == floor(floor(c) / r) for a whole r, and np.floor of a float is exact.
    """
    c = np.floor(_finite(np.clip(np.asarray(caps, dtype="float64"), 0.0, None)))
    if len(c) and c.max() < 2.0**62:
        return (c.astype(np.int64) // rounding).tolist()
    return [int(x) // rounding for x in c.tolist()]


def apportion(
    amount: int,
    weights: np.ndarray,
    keys: Sequence[tuple[str, ...]],
    rounding: int = 1,
    caps: np.ndarray | None = None,
) -> list[int]:
    """Distribute `amount` kr. pro rata on `weights`, in multiples of `rounding` (4.5).

    With `caps`, no share passes its cap: a unit whose pro-rata share would pass it gets the cap
    and the rest is shared among the others, repeated until none passes (water-filling), on caps
    floored to the rounding unit. Shares are then floored to the rounding unit and the units left
    go to the largest remainders.
    Raises ValueError when the caps cannot hold the amount.
    """
    n = len(weights)
    if amount % rounding:
        raise ValueError(f"amount {amount} is not a multiple of rounding {rounding}")
    if n == 0 or amount == 0:
        if amount:
            raise ValueError("no unit to carry the amount")
        return [0] * n
    wf = _finite(weights)
    if (wf < 0).any():
        raise ValueError("negative weight")
    # A unit of weight 0 has quota 0 and remainder 0, and the units left over are fewer than
    # the units with a remainder, so it gets nothing: only the positive weights are worked on.
    pos = np.flatnonzero(wf > 0)
    if not len(pos):
        raise ValueError("no unit to carry the amount")
    w, _ = _exact(wf[pos])
    k = len(pos)
    # Ties: larger weight first, then (center, sector) in code-point order. The floats order as
    # their exact integers do.
    by_key = sorted(range(k), key=[keys[i] for i in pos.tolist()].__getitem__)
    ranked = np.asarray(by_key, dtype=np.int64)[np.argsort(-wf[pos][by_key], kind="stable")]
    tie_rank = np.empty(k, dtype=np.int64)
    tie_rank[ranked] = np.arange(k)
    tie_rank = tie_rank.tolist()
    total_units = amount // rounding
    out = [0] * n
    if caps is None:
        wsum = sum(w)
        nums = [total_units * x for x in w]
        shares = largest_remainder(total_units, nums, wsum, tie_rank, [None] * k)
    else:
        # 4.5: no share passes its cap and money moves in whole rounding units, so the cap that
        # can bind is the cap floored to the rounding unit. Water-filling on those whole-unit caps
        # leaves every fraction with a unit that has room for one more (a capped quota is whole).
        lim = cap_units(np.asarray(caps, dtype="float64")[pos], rounding)
        if total_units > sum(lim):
            raise ValueError("caps too small")
        active = list(range(k))
        capped: list[int] = []
        rest, wsum = total_units, sum(w)
        while True:
            # share_i = rest * w_i / wsum passes lim_i  <=>  rest * w_i > lim_i * wsum
            over = [i for i in active if rest * w[i] > lim[i] * wsum]
            if not over:
                break
            capped.extend(over)
            gone = set(over)
            active = [i for i in active if i not in gone]
            rest -= sum(lim[i] for i in over)
            wsum -= sum(w[i] for i in over)
        nums = [0] * k
        for i in capped:
            nums[i] = lim[i] * wsum
        for i in active:
            nums[i] = rest * w[i]
        shares = largest_remainder(total_units, nums, wsum, tie_rank, lim)
    for i, s in zip(pos.tolist(), shares, strict=True):
        out[i] = s * rounding
    return out


# --------------------------------------------------------------------------- the models


def model_weights(status: pd.DataFrame, model: str, weight: str) -> pd.Series:
    """The model's weight per unit; units outside the model's set weigh 0 (4.5)."""
    m = models.get(model)
    w = status[m.weight_of(weight)]
    if m.only_red:
        w = w.where(status["status"].eq("red"), 0.0)
    return w.fillna(0.0).clip(lower=0.0).astype("float64")


@dataclass
class YearAllocation:
    """One year's distribution: amount distributed, the increment, and per-unit figures."""

    year: int
    total: int
    distributed: int
    increment: int
    units: pd.DataFrame  # key columns, status, weight, cap, share, increment


@dataclass
class AllocationResult:
    """Reduction for `year` with every earlier year applied.

    `units` columns: center, sector (sector level), status, weight, potential, cap,
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

    def to_dict(self) -> dict:
        """The `allocate --json` document (domain.md section 5) with a few documented extras."""
        key = ["center"] if self.level == "center" else ["center", "sector"]
        inc_cols = [f"increment_{y.year}" for y in self.years]
        units = records(
            self.units,
            [
                *key,
                "status",
                "weight",
                "increment",
                "reduction",
                "share",
                "prior_reduction",
                "potential",
                "cap",
            ],
        )
        labels = [c.removeprefix("increment_") for c in inc_cols]
        columns = [list(map(int, self.units[c].tolist())) for c in inc_cols]
        for u, vals in zip(units, zip(*columns, strict=True), strict=True):
            u["increments"] = dict(zip(labels, vals, strict=True))
        centers = records(self.centers, ["center", "increment", "reduction", "prior_reduction"])
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
            "units": units,
            "centers": centers,
        }


def _universe(scenario, inputs, level: str) -> pd.DataFrame:
    """Every unit that can carry a reduction: the units table, or its center sums."""
    u = inputs.units.data
    cols = ["payroll", "substitute_budget", "prior_reduction"]
    if level == "center":
        return u.groupby("center", sort=True)[cols].sum().reset_index()
    return u[["center", "sector", *cols]].sort_values(["center", "sector"]).reset_index(drop=True)


def allocate(
    scenario,
    inputs,
    year: int,
    model: str | None = None,
    level: str | None = None,
    weight: str | None = None,
    cap: bool | None = None,
    statuses: dict | None = None,
) -> AllocationResult:
    """Allocate the cumulative reduction up to `year`: each year's increment on that year's status.

    The first year distributes its whole total and pools the prior reductions: a unit's first
    increment is its share minus its prior reduction (4.5). `statuses`: a dict shared by calls on
    the same scenario and inputs (compare, run), so each year's status is computed once.
    """
    red = scenario.reduction
    model = model or red.model
    level = level or scenario.level
    weight = weight or red.weight
    cap = red.cap if cap is None else cap
    key = ["center"] if level == "center" else ["center", "sector"]
    totals = red.totals
    if year not in totals:
        raise InputError(
            f"reduction.totals har ingen total for {year}",
            file=scenario.path,
            hint="Årene med totaler er: " + (", ".join(map(str, sorted(totals))) or "ingen") + ".",
        )
    universe = _universe(scenario, inputs, level)
    keys = [tuple(r) for r in universe[key].itertuples(index=False, name=None)]
    prior = universe["prior_reduction"].round().astype("int64")
    if (universe["prior_reduction"] != prior).any():
        raise InputError("tidligere reduktion skal være hele kroner", file=inputs.units.path)
    years = sorted(y for y in totals if y <= year)
    first = min(totals)
    cumulative = pd.Series(0, index=universe.index, dtype=object)
    history: list[YearAllocation] = []
    last_status = None
    warnings = list(inputs.warnings)
    prev_total = 0
    statuses = {} if statuses is None else statuses
    need = any((y, level) not in statuses for y in years)
    tset = _targets_for(scenario, inputs, years) if need else None
    where = pd.MultiIndex.from_frame(universe[key]) if len(key) > 1 else universe[key[0]]
    for y in years:
        increment_total = totals[y] - prev_total
        prev_total = totals[y]
        status = _status_for(scenario, inputs, y, level, model, tset, statuses)
        frame = universe.copy()
        if status is not None:
            cols = ["status", "potential", "excess_days", "days_per_fte", "target", "gap", "fte"]
            st = status.units.set_index(key)[cols].reindex(where)
            for col in cols:
                frame[col] = st[col].to_numpy()
        else:
            for col in (
                "status",
                "potential",
                "excess_days",
                "days_per_fte",
                "target",
                "gap",
                "fte",
            ):
                frame[col] = np.nan
            frame["status"] = None
        w = model_weights(frame, model, weight)
        frame["weight"] = w
        # 4.5: the first year's total includes the prior reductions, so it is distributed whole.
        distributed = increment_total
        caps = None
        if models.get(model).capped and cap:
            caps = frame["potential"].fillna(0.0).where(w > 0, 0.0).to_numpy()
            frame["cap"] = caps
        else:
            frame["cap"] = np.nan
        shares = _distribute(
            distributed, w, keys, red.rounding, caps, model, y, scenario, inputs, frame
        )
        frame["share"] = pd.Series(shares, index=frame.index, dtype=object)
        inc = frame["share"] - (prior if y == first else 0)
        frame["increment"] = inc.astype(object)
        cumulative = cumulative + inc
        history.append(YearAllocation(y, totals[y], distributed, int(sum(inc)), frame))
        last_status = status
    last = history[-1].units
    units = last[key + ["status", "weight", "potential", "cap", "share"]].copy()
    if "fte" in last:
        units["fte"] = last["fte"]
    units["prior_reduction"] = prior.astype(object)
    units["increment"] = last["increment"]
    units["reduction"] = (prior + cumulative).astype(object)
    for ya in history:
        units[f"increment_{ya.year}"] = ya.units["increment"].to_numpy()
    centers = _center_sums(units, history)
    return AllocationResult(
        year,
        model,
        weight,
        cap,
        level,
        red.rounding,
        totals[year],
        history[-1].increment,
        units,
        centers,
        history,
        last_status,
        warnings,
    )


def _targets_for(scenario, inputs, years: list[int]):
    """Every year's targets in one pass (issue 7), or None to let each status compute its own
    (so that a problem is reported exactly as a single year's status reports it)."""
    try:
        return compute_targets(scenario, inputs, years)
    except InputError:
        return None


def _status_for(
    scenario, inputs, y: int, level: str, model: str, targets=None, cache=None
) -> StatusResult | None:
    """The status of year y (absence y-1 against target y); optional where the model needs none."""
    cache = {} if cache is None else cache
    if (y, level) not in cache:
        try:
            cache[y, level] = compute_status(scenario, inputs, year=y, level=level, targets=targets)
        except InputError as exc:
            cache[y, level] = exc
    found = cache[y, level]
    if isinstance(found, InputError):
        if models.get(model).needs_status:
            raise found
        return None
    return found


def _distribute(
    amount: int,
    w: pd.Series,
    keys,
    rounding: int,
    caps,
    model: str,
    y: int,
    scenario,
    inputs,
    frame: pd.DataFrame,
) -> list[int]:
    if amount == 0:
        return [0] * len(w)
    if (w > 0).sum() == 0:
        why = models.get(model).nobody_da
        raise AllocationError(
            f"modellen {model!r} kan ikke fordele {_kr(amount)} i {y}: {why}",
            file=scenario.path,
            hint="Vælg en anden model med --model.",
        )
    if caps is not None:
        # The most the units over target can carry: each potential floored to the rounding unit.
        room = sum(cap_units(caps[w.to_numpy() > 0], rounding)) * rounding
        if amount > room:
            whole = f" (i hele {_kr(rounding)})" if rounding > 1 else ""
            raise AllocationError(
                f"modellen 'over-target' med loft kan ikke fordele {_kr(amount)} i {y}: "
                f"enhederne over måltal har et samlet effektiviseringspotentiale på "
                f"{_kr(room)}{whole}, {_kr(amount - room)} for lidt",
                file=scenario.path,
                hint="Sæt cap = false, vælg en anden model, eller sænk totalen.",
            )
    try:
        return apportion(amount, w.to_numpy(), keys, rounding, caps)
    except ValueError as exc:
        raise AllocationError(
            f"{_kr(amount)} kan ikke fordeles i {y} i hele {_kr(rounding)} uden at en enhed "
            f"overskrider sit loft ({exc})",
            file=scenario.path,
            hint="Brug en mindre afrunding (reduction.rounding).",
        ) from exc


def _center_sums(units: pd.DataFrame, history: list[YearAllocation]) -> pd.DataFrame:
    cols = ["prior_reduction", "increment", "reduction"] + [f"increment_{y.year}" for y in history]
    try:
        ints = pd.DataFrame(
            {c: np.array(units[c].tolist(), dtype=np.int64) for c in cols}, index=units.index
        )
        bound = max(1, int(np.abs(ints.to_numpy()).max()) if len(ints) else 1) * max(1, len(ints))
    except OverflowError:  # an amount beyond int64
        bound = 2**62
    if bound < 2**62:  # int64 sums are exact here (issue 7: no Python sum per center)
        g = ints.groupby(units["center"], sort=True).sum()
    else:
        g = units.groupby("center", sort=True)[cols].agg(lambda s: int(sum(int(x) for x in s)))
    return g.reset_index()


def _kr(n: int) -> str:
    return f"{n:,} kr.".replace(",", ".")


@dataclass(frozen=True)
class CompareResult:
    """The three models side by side for one year (`compare`): each model's allocation, or the
    reason it cannot allocate."""

    year: int
    chosen: str
    results: dict[str, AllocationResult]
    errors: dict[str, InputError]

    @property
    def models(self) -> list[str]:
        """Every model, in the registry's order."""
        return [m for m in models.NAMES if m in self.results or m in self.errors]

    def to_dict(self) -> dict:
        """The `compare --json` document (domain.md section 5)."""
        docs = {
            m: self.results[m].to_dict() if m in self.results else {"error": self.errors[m].message}
            for m in self.models
        }
        return {"year": self.year, "chosen": self.chosen, "models": docs}

    def to_frame(self) -> pd.DataFrame:
        """Each center's reduction under each model (columns: center, one per model that could
        allocate)."""
        frame = None
        for m, r in self.results.items():
            part = r.centers[["center", "reduction"]].rename(columns={"reduction": m})
            frame = part if frame is None else frame.merge(part, on="center", how="outer")
        return frame if frame is not None else pd.DataFrame({"center": []})


def compare(
    scenario, inputs, year: int, level: str | None = None, statuses: dict | None = None
) -> CompareResult:
    """All three models for one year; a model that cannot allocate gives its error instead.

    The models share each year's status (`statuses`, see allocate)."""
    results: dict[str, AllocationResult] = {}
    errors: dict[str, InputError] = {}
    statuses = {} if statuses is None else statuses
    for model in models.NAMES:
        try:
            results[model] = allocate(
                scenario, inputs, year, model=model, level=level, statuses=statuses
            )
        except InputError as exc:
            errors[model] = exc
    return CompareResult(year, scenario.reduction.model, results, errors)
