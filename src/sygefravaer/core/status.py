"""Status (green/red) of units, centers and the municipality against a year's targets (4.4).

Pure functions over pandas tables. Columns of the unit, center and municipality tables:
center, sector (units only), fte, sick_days, days_per_fte, target, gap, status ('green'/'red'),
excess_days, payroll, substitute_budget, prior_reduction, day_cost, potential, cost, benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning
from ..periods import parse_period, period_label
from .absence import KEY
from .fast import AbsenceSums, level_sums
from .jsonable import plain, records
from .plausibility import days_per_fte_warnings, unique_warnings
from .scenario import Scenario
from .tables import InputTables
from .targets import TargetSet, compute_targets, municipal_target, weighted_mean

# |gap| below this is float noise from the ratio: the unit is exactly at its target.
EPS = 1e-9
FIELDS = [
    "fte",
    "sick_days",
    "days_per_fte",
    "target",
    "gap",
    "status",
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

    `warnings`: the inputs' and the target year's targets' warnings, then the doubts about the
    compared period's figures (domain.md 3), each once.
    """

    target_year: int
    period: str
    level: str
    units: pd.DataFrame
    centers: pd.DataFrame
    municipality: dict
    working_days: float
    warnings: list[InputWarning] = field(default_factory=list)

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


def status_figures(df: pd.DataFrame, working_days: float) -> pd.DataFrame:
    """The status rule (4.4) on a table with fte, sick_days, payroll and target: days_per_fte,
    gap = actual - target, status (green if actual <= target, else red), excess_days =
    max(0, gap) * fte, day_cost = payroll / (fte * working_days), potential = excess_days *
    day_cost and cost = sick_days * day_cost. Sets the columns on `df` and returns it."""
    # On numpy arrays, the columns set at the end (issue 7: one pandas call per column).
    fte = df["fte"].to_numpy(dtype="float64")
    sick = df["sick_days"].to_numpy(dtype="float64")
    payroll = df["payroll"].to_numpy(dtype="float64")
    fte_pos = np.where(fte > 0, fte, np.nan)
    with np.errstate(all="ignore"):  # NaN and inf as pandas gives them, without warnings
        days_per_fte = sick / fte_pos
        gap = days_per_fte - df["target"].to_numpy(dtype="float64")
        # Below EPS, and where there is no ratio (no fte), the unit is at its target: gap 0, so
        # no gap is NaN and every unit is green or red.
        gap = np.where(np.abs(gap) >= EPS, gap, 0.0)
        status = np.array(["green", "red"], dtype=object)[(gap > 0).astype(np.intp)]
        over = np.maximum(gap, 0.0)
        day_cost = payroll / (fte_pos * working_days)
        columns = {
            "days_per_fte": days_per_fte,
            "gap": gap,
            "status": status,
            "excess_days": over * fte,
            "day_cost": day_cost,
            # potential = excess_days * day_cost = max(0, gap) * payroll / working_days
            "potential": over * payroll / working_days,
            "cost": sick * np.where(np.isnan(day_cost), 0.0, day_cost),
        }
    for name, values in columns.items():
        df[name] = values
    return df


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
    sums = AbsenceSums.of(inputs.absence) if sums is None else sums
    _check_period(sums, label, target_year, inputs)
    if targets is None or target_year not in targets.years:
        targets = compute_targets(scenario, inputs, [target_year], sums=sums)
    units = inputs.units.data.set_index(KEY).sort_index()
    df = sums.period_levels(label)
    df = df.join(units[["payroll", "substitute_budget", "prior_reduction"]], how="left")
    df["target"] = targets.units[target_year].reindex(df.index)
    df["benchmark"] = targets.benchmark[target_year].reindex(df.index)
    _check_targets(df, target_year, inputs)
    # domain.md 3: days per fte outside what Danish municipalities have, with the figures.
    doubts = days_per_fte_warnings(df, label, inputs.absence.path, scenario.min_fte)
    df = status_figures(df, scenario.working_days)
    centers = center_figures(df, scenario)
    shown = centers.copy() if level == "center" else df
    return StatusResult(
        target_year,
        label,
        level,
        shown.reset_index(),
        centers.reset_index(),
        municipal_figures(df, scenario),
        scenario.working_days,
        unique_warnings(targets.warnings_of([target_year]), doubts),
    )


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


# Summed from the units into their center's and the municipality's figures (4.4).
SUMMED = ["fte", "sick_days", "payroll", "substitute_budget", "prior_reduction"]


def center_figures(units: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Each center's figures from its units' (4.4), indexed by center: fte, sick days and money
    summed; days per fte the ratio of the sums (4.1); the target the fte-weighted mean of the
    units' targets, rounded (4.3); benchmark fte-weighted; gap, status, excess days and potential
    the center's own; cost the sum of the units' (each unit's days at its own day cost).

    `units` is indexed by (center, sector), every unit with a target (as compute_status checks).
    """
    f = units["fte"].fillna(0.0).to_numpy(dtype="float64")
    sums = {c: units[c].to_numpy(dtype="float64") for c in SUMMED}
    sums |= {"_tf": units["target"].to_numpy(dtype="float64") * f, "_f": f}
    sums |= {
        "_bf": (units["benchmark"] * units["fte"]).to_numpy(),
        "_cost": units["cost"].to_numpy(dtype="float64"),
    }
    g = level_sums(units.index, "center", sums)  # one grouping for every sum (issue 7)
    agg = g[SUMMED].copy()
    agg["target"] = weighted_mean(g["_tf"], g["_f"], scenario.targets.decimals)
    agg["benchmark"] = g["_bf"] / agg["fte"].where(agg["fte"] > 0)
    out = status_figures(agg, scenario.working_days)
    out["cost"] = g["_cost"]
    return out


def municipal_figures(units: pd.DataFrame, scenario: Scenario) -> dict:
    """The municipality's figures from every unit's, as center_figures gives a center's (4.4)."""
    agg = pd.DataFrame([units[SUMMED].sum()])
    agg["target"] = municipal_target(units["target"], units["fte"], scenario.targets.decimals)
    fte = units["fte"].sum()  # 0 when every unit is empty: no benchmark, and no numpy warning
    agg["benchmark"] = (units["benchmark"] * units["fte"]).sum() / fte if fte > 0 else np.nan
    out = status_figures(agg, scenario.working_days)
    # Cost of absence adds up: each unit's sick days at its own day cost (4.4), summed.
    out["cost"] = units["cost"].sum()
    return {k: plain(v) for k, v in out.iloc[0].items()}
