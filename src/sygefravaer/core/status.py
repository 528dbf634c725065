"""Status (green/red) of units, centers and the municipality against a year's targets (4.4).

Pure functions over pandas tables. Columns of the unit, center and municipality tables:
center, sector (units only), fte, sick_days, days_per_fte, target, gap, status ('green'/'red'),
excess_days, payroll, substitute_budget, prior_reduction, day_cost, potential, cost, benchmark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..decimals import as_fraction, scaled
from ..errors import InputError, InputWarning
from ..periods import parse_period, period_label
from .absence import KEY, exact_levels
from .exact import Q
from .fast import AbsenceSums, exact_level_sums, level_codes, level_sums
from .jsonable import columns_of, dumps, json_object, json_rows, plain, records
from .plausibility import days_per_fte_warnings, unique_warnings
from .scenario import Scenario
from .tables import InputTable, InputTables
from .targets import TargetSet, center_targets, compute_targets, municipal_target

FIELDS = [
    "fte",
    "sick_days",
    "days_per_fte",
    "target",
    "gap",
    "status",
    "at_target",
    "excess_days",
    "potential",
    "benchmark",
    "payroll",
    "day_cost",
    "cost",
]


def resolve_period(year: int | None, period: str | None) -> tuple[int, str]:
    """Target year and compared period (4.4): absence of y-1 against y, or an explicit period.

    A quarter `2018Q1` (12 months ending then) is held against that year's target; a calendar year
    P against P+1, as in the default.
    """
    if period is None:
        if year is None:
            raise InputError("angiv --year eller --period")
        return year, str(year - 1)
    py, q = parse_period(period)
    label = period_label(py, q)
    if year is None:
        year = py if q else py + 1
    return year, label


@dataclass
class StatusResult:
    """Status for one target year and compared period at sector or center level.

    `centers` (one row per center) and `municipality` come from `totals` (StatusTotals).
    `warnings`: the inputs' and the target year's targets' warnings, then the doubts about the
    compared period's figures (domain.md 3), each once. `exact`: the exact figures of `units`'
    rows, in their order (what the allocation weighs with); `index`: their key, as an index.
    """

    target_year: int
    period: str
    level: str
    units: pd.DataFrame
    totals: StatusTotals = field(repr=False, compare=False)
    working_days: float
    warnings: list[InputWarning] = field(default_factory=list)
    exact: ExactFigures | None = field(default=None, repr=False, compare=False)
    index: pd.Index | None = field(default=None, repr=False, compare=False)

    @property
    def centers(self) -> pd.DataFrame:
        """One row per center: its figures from its units' (4.4), columns as `units`'."""
        return self.totals.centers

    @property
    def municipality(self) -> dict:
        """The municipality's figures from every unit's (4.4), as plain values."""
        return self.totals.municipality

    def unit_index(self, key: list[str]) -> pd.Index:
        """The key of `units`' rows as an index (center, sector; or center at center level)."""
        if self.index is not None:
            return self.index
        return self.units.set_index(key).index

    def to_dict(self) -> dict:
        """The `status --json` document (domain.md section 5); extra keys are documented above."""
        key = ["center"] if self.level == "center" else ["center", "sector"]
        cols = [*key, *FIELDS]
        muni = {k: plain(self.municipality.get(k)) for k in FIELDS}
        return {
            "target_year": self.target_year,
            "period": self.period,
            "level": self.level,
            "units": records(self.units, cols),
            "centers": records(self.centers, ["center", *FIELDS]),
            "municipality": muni,
        }

    def to_json(self) -> str:
        """`to_dict()` as compact JSON text (jsonable.dumps), written from the columns."""
        key = ["center"] if self.level == "center" else ["center", "sector"]
        texts = {k: dumps(getattr(self, k)) for k in ("target_year", "period", "level")}
        for name, frame, cols in (
            ("units", self.units, [*key, *FIELDS]),
            ("centers", self.centers, ["center", *FIELDS]),
        ):
            columns = columns_of(frame, cols)
            texts[name] = json_rows(columns) if columns else "[]"
        muni = {k: plain(self.municipality.get(k)) for k in FIELDS}
        return json_object(texts | {"municipality": dumps(muni)})

    def to_frame(self) -> pd.DataFrame:
        """The units as a table, one row per unit in (center, sector) order (centers at center
        level).

        Columns: center, sector (not at center level), then FIELDS: fte and sick_days (summed
        over the compared period), days_per_fte (their ratio, unrounded), target (rounded),
        gap (days_per_fte - target, 0 at the target), status ('green'/'red'), excess_days,
        potential (kr.), benchmark, payroll (kr.), day_cost (kr. per day) and cost (kr.).
        """
        key = ["center"] if self.level == "center" else ["center", "sector"]
        return self.units[[*key, *FIELDS]].reset_index(drop=True)


@dataclass(frozen=True)
class ExactFigures:
    """The status figures of a table's rows as exact rationals (4.4; 4.5, exact), in row order:
    what the allocation weighs and caps with. `red` is gap > 0, exactly."""

    fte: Q
    sick_days: Q
    payroll: Q
    target: Q
    gap: Q
    excess_days: Q
    potential: Q

    @property
    def red(self) -> np.ndarray:
        """Over target: actual > target, with no tolerance (4.4)."""
        return self.gap.positive()


def exact_figures(fte: Q, sick_days: Q, payroll: Q, target: Q, working_days) -> ExactFigures:
    """The status rule (4.4) exactly: gap = sick_days / fte - target (0 where there is no fte:
    no ratio, so at its target), excess_days = max(0, gap) * fte and potential = max(0, gap) *
    payroll / working_days (= excess_days * day_cost)."""
    has = fte.positive()
    gap = (sick_days.safe_div(fte, has) - target).where(has, 0)
    over = gap.max0()
    wd = as_fraction(working_days)
    return ExactFigures(fte, sick_days, payroll, target, gap, over * fte, over * payroll / wd)


def figures(df: pd.DataFrame, working_days, exact: ExactFigures) -> pd.DataFrame:
    """The status columns of `df` from its exact figures, each correctly rounded to a float:
    days_per_fte, gap, status (green if actual <= target, else red), excess_days, day_cost =
    payroll / (fte * working_days), potential and cost = sick_days * day_cost (4.4)."""
    e = exact
    has = e.fte.positive()
    nan = np.isnan(df["payroll"].to_numpy(dtype="float64"))  # a unit with no payroll
    wd = as_fraction(working_days)
    day_cost = e.payroll.safe_div(e.fte * wd, has)
    cost = (e.sick_days * day_cost).to_float()
    columns = {
        "days_per_fte": np.where(has, e.sick_days.safe_div(e.fte, has).to_float(), np.nan),
        "gap": e.gap.to_float(),
        "status": np.array(["green", "red"], dtype=object)[e.red.astype(np.intp)],
        "at_target": has & (e.gap.sign() == 0),  # 4.4: green, labelled "på måltal"
        "excess_days": e.excess_days.to_float(),
        "day_cost": np.where(has & ~nan, day_cost.to_float(), np.nan),
        "potential": np.where(nan, np.nan, e.potential.to_float()),
        "cost": np.where(nan, 0.0, cost),
    }
    for name, values in columns.items():
        df[name] = values
    return df


def shown_decimals(days_per_fte, target, red, minimum: int = 2) -> np.ndarray:
    """How many decimals each days-per-fte figure needs so that its status can be read from it
    (4.4): `minimum` (two), more while a red figure would show at or below its target or a green
    one above it (13.4046 against 13.4 shows as 13,405). At most 15 (a float's digits)."""
    x = np.asarray(days_per_fte, dtype="float64")
    t = np.asarray(target, dtype="float64")
    r = np.asarray(red, dtype=bool)
    out = np.full(len(x), minimum, dtype=np.int64)
    near = np.flatnonzero(np.isfinite(x) & np.isfinite(t) & (np.abs(x - t) < 10.0**-minimum))
    for i in near:  # few rows: the figure's text decides, as it is printed
        d = minimum
        while d < 15 and _misleads(float(x[i]), float(t[i]), bool(r[i]), d):
            d += 1
        out[i] = d
    return out


def _misleads(x: float, target: float, red: bool, decimals: int) -> bool:
    """Whether x printed with `decimals` decimals would hide its status against the target."""
    shown = float(f"{x:.{decimals}f}")
    return shown <= target if red else shown > target


def status_figures(df: pd.DataFrame, working_days: float) -> pd.DataFrame:
    """The status rule (4.4) on a table with float fte, sick_days, payroll and target, each read
    as the decimal it stands for (decimals.scaled); sets the status columns and returns `df`."""
    exact = exact_figures(*(_decimals(df[c]) for c in _INPUTS), working_days)
    return figures(df, working_days, exact)


_INPUTS = ["fte", "sick_days", "payroll", "target"]


def _decimals(column: pd.Series) -> Q:
    """A float column as the exact decimals its values stand for (NaN: 0)."""
    return Q.of(scaled(column.to_numpy(dtype="float64")))


def compute_status(
    scenario: Scenario,
    inputs: InputTables,
    *,
    year: int | None = None,
    period: str | None = None,
    level: str | None = None,
    targets: TargetSet | None = None,
    sums: AbsenceSums | None = None,
) -> StatusResult:
    """Status of every unit for target year `year` (absence y-1) or an explicit `period` (4.4).

    `targets`: a TargetSet already computed for these inputs (allocate computes all its years at
    once); used when it holds the target year. `sums`: the absence table's AbsenceSums, made
    here when missing.
    """
    level = level or scenario.level
    target_year, label = resolve_period(year, period)
    sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
    _check_period(sums, label, target_year, inputs)
    if targets is None or target_year not in targets.years:
        targets = compute_targets(scenario, inputs, [target_year], sums=sums)
    df = with_unit_columns(sums.period_levels(label), inputs.units, MONEY)
    df["target"] = targets.units[target_year].reindex(df.index)
    df["benchmark"] = targets.benchmark[target_year].reindex(df.index)
    _check_targets(df, target_year, inputs)
    # domain.md 3: days per fte outside what Danish municipalities have, with the figures.
    doubts = days_per_fte_warnings(df, label, inputs.absence.path, scenario.min_fte)
    fte, sick = exact_levels(df, sums.scales)
    pay, target = _decimals(df["payroll"]), _decimals(df["target"])
    exact = exact_figures(fte, sick, pay, target, scenario.working_days)
    df = figures(df, scenario.working_days, exact)
    totals = StatusTotals(df, exact, scenario, level)
    shown, shown_exact = (totals.shown, totals.center_exact) if level == "center" else (df, exact)
    return StatusResult(
        target_year,
        label,
        level,
        shown.reset_index(),
        totals,
        scenario.working_days,
        unique_warnings(targets.warnings_of([target_year]), doubts),
        shown_exact,
        shown.index,
    )


class StatusTotals:
    """A status's center rows and its municipality (4.4), worked out from its units' figures
    when first asked for (an allocation weighs the units only: issue 14). `units`: the units'
    status frame, indexed by (center, sector), and `exact` its exact figures."""

    def __init__(self, units: pd.DataFrame, exact: ExactFigures, scenario: Scenario, level: str):
        self._parts = (units, exact, scenario, level)
        self._done: tuple | None = None

    def _work(self) -> tuple:
        if self._done is None:
            df, exact, scenario, level = self._parts
            centers, center_exact = aggregate_figures(df, scenario, exact, by_center=True)
            muni, _ = aggregate_figures(df, scenario, exact, by_center=False)
            shown = centers.copy() if level == "center" else df
            # 4.4: the total rows' excess days and potential are the sums of the rows shown
            # above them.
            if level == "sector":
                summed_figures(centers, df, level_codes(df.index, "center")[0])
            summed_figures(muni, shown, np.zeros(len(shown), dtype=np.intp))
            municipality = {k: plain(v) for k, v in muni.iloc[0].items()}
            self._done = (centers.reset_index(), municipality, center_exact, shown)
        return self._done

    @property
    def centers(self) -> pd.DataFrame:
        """One row per center (aggregate_figures, with summed_figures at sector level)."""
        return self._work()[0]

    @property
    def municipality(self) -> dict:
        """The municipality's figures (aggregate_figures, summed over the rows shown)."""
        return self._work()[1]

    @property
    def center_exact(self) -> ExactFigures:
        """The centers' exact figures (what a center-level allocation weighs with)."""
        return self._work()[2]

    @property
    def shown(self) -> pd.DataFrame:
        """The rows a status at its level shows: the units, or the centers (indexed)."""
        return self._work()[3]


# The units table's columns each unit's status carries (4.4, 4.5).
MONEY = ["payroll", "substitute_budget", "prior_reduction"]


def with_unit_columns(df: pd.DataFrame, units: InputTable, columns: list[str]) -> pd.DataFrame:
    """`df` (indexed by center, sector) with the units table's `columns` beside it, NaN for a
    unit the table lacks: `df.join(units.data.set_index(KEY)[columns], how="left")`, found on
    the table's sorted unit numbers where it has them (issue 14: no index of texts per year)."""
    data, numbered = units.data, units.sorted_units()
    if numbered is None or len(numbered[1]) != len(data) or not len(data):
        return df.join(data.set_index(KEY).sort_index()[columns], how="left")
    unit, keys = numbered
    row = np.empty(len(keys), dtype=np.intp)
    row[unit] = np.arange(len(unit))  # the row of each unit number: one row per unit
    at = keys.get_indexer(df.index)
    found = at >= 0
    for c in columns:
        values = data[c].to_numpy()[row[at]]
        df[c] = values if found.all() else np.where(found, values, np.nan)
    return df


def _check_period(sums: AbsenceSums, label: str, target_year: int, inputs: InputTables) -> None:
    """The absence table has rows for the compared period."""
    if not sums.has_period(label):
        have = sorted(sums.data["period"].unique().tolist(), key=lambda p: (len(p), p))
        raise InputError(
            f"fraværstabellen har ingen tal for perioden {label} (sammenlignes med måltal "
            f"{target_year})",
            file=inputs.absence.path,
            hint=f"Perioderne i tabellen er: {', '.join(have)}.",
        )


def _check_targets(df: pd.DataFrame, target_year: int, inputs: InputTables) -> None:
    """Every unit with absence in the compared period has a target for the year."""
    missing = df["target"].isna()
    if missing.any():
        c, s = df.index[missing][0]
        raise InputError(
            f"enheden {c} / {s} har intet måltal for {target_year}",
            file=inputs.absence.path,
            hint="Glidebanen kræver fravær i et kalenderår; måltalsfilen skal have enheden med.",
        )


def summed_figures(totals: pd.DataFrame, parts: pd.DataFrame, groups) -> pd.DataFrame:
    """Sets a total row's excess days and potential to the sums of its parts' (4.4: at sector
    level a center's and the municipality's potential is its units' sum, so every total row adds
    up; its gap and status stay its own). Each sum is math.fsum of the parts' figures as stored
    (the correctly rounded sum of the floats shown and written). `groups`: each part's total
    row, as labels in the totals' sorted order."""
    codes = pd.factorize(np.asarray(groups), sort=True)[0]
    for name in ("excess_days", "potential"):
        totals[name] = group_fsum(parts[name].to_numpy(dtype="float64"), codes, len(totals))
    return totals


def group_fsum(values: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """math.fsum of the values per group code 0..groups-1, missing values (NaN) left out."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(groups + 1))
    v = values[order]
    v = np.where(np.isnan(v), 0.0, v).tolist()
    return np.array([math.fsum(v[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)])


# Summed from the units into their center's and the municipality's figures (4.4).
SUMMED = ["fte", "sick_days", "payroll", "substitute_budget", "prior_reduction"]


def center_figures(units: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Each center's figures from its units' (4.4), indexed by center (aggregate_figures)."""
    return aggregate_figures(units, scenario, None, by_center=True)[0]


def municipal_figures(units: pd.DataFrame, scenario: Scenario) -> dict:
    """The municipality's figures from every unit's, as center_figures gives a center's (4.4)."""
    out = aggregate_figures(units, scenario, None, by_center=False)[0]
    return {k: plain(v) for k, v in out.iloc[0].items()}


def aggregate_figures(
    units: pd.DataFrame, scenario: Scenario, exact: ExactFigures | None, *, by_center: bool
) -> tuple[pd.DataFrame, ExactFigures]:
    """Each center's (`by_center`) or the municipality's figures from its units' (4.4): fte,
    sick days and money summed exactly; days per fte the ratio of the sums (4.1); the target
    the fte-weighted mean of the units' targets, rounded (4.3); benchmark fte-weighted; gap,
    status, excess days and potential the aggregate's own; cost the sum of the units' (each
    unit's days at its own day cost). `units` is indexed by (center, sector), every unit with a
    target (as compute_status checks); `exact`: its exact figures (else read from its floats).
    """
    if exact is None:
        exact = exact_figures(*(_decimals(units[c]) for c in _INPUTS), scenario.working_days)
    parts = {"fte": exact.fte, "sick_days": exact.sick_days, "payroll": exact.payroll}
    # The exact figures' numerators (each over one denominator) are summed exactly, the floats
    # as pandas adds them.
    exact_cols = {f"_{k}": q.num for k, q in parts.items()}
    cols = {c: units[c].to_numpy(dtype="float64") for c in SUMMED}
    cols |= {"_bf": (units["benchmark"] * units["fte"]).to_numpy(), "_cost": units["cost"]}
    fte_n = pd.Series(exact.fte.num, index=units.index)
    decimals = scenario.targets.decimals
    if by_center:  # one grouping for every sum (issue 7)
        g = level_sums(units.index, "center", cols)
        e = exact_level_sums(units.index, "center", exact_cols)
        target = center_targets(units["target"], fte_n, decimals).reindex(g.index)
    else:
        g = pd.DataFrame({k: [_total(v)] for k, v in cols.items()})
        e = pd.DataFrame({k: [_total(v)] for k, v in exact_cols.items()}, dtype=object)
        target = pd.Series([municipal_target(units["target"], fte_n, decimals)])
    sums = {k: Q(e[f"_{k}"].to_numpy(), q.den) for k, q in parts.items()}
    agg = g[SUMMED].copy()
    for k, q in sums.items():
        agg[k] = q.to_float()
    agg["target"] = target.to_numpy()
    fte = agg["fte"].to_numpy()
    agg["benchmark"] = np.where(fte > 0, g["_bf"].to_numpy() / np.where(fte > 0, fte, 1), np.nan)
    own = exact_figures(*sums.values(), _decimals(agg["target"]), scenario.working_days)
    out = figures(agg, scenario.working_days, own)
    out["cost"] = g["_cost"].to_numpy()
    return out, own


def _total(values) -> object:
    """The sum of a column: exact for integers (a Python int), as pandas adds floats."""
    v = np.asarray(values)
    if v.dtype == object or v.dtype.kind in "iu":
        return sum(v.tolist())
    return pd.Series(v).sum()
