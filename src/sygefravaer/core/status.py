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
from .jsonable import plain, records
from .targets import (
    absence_data,
    compute_targets,
    level_sums,
    period_levels,
    period_rows,
    units_by_key,
    weighted_mean,
    weighted_target,
)

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
    """Status for one target year and compared period at sector or center level."""

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


def _finish(df: pd.DataFrame, working_days: float) -> pd.DataFrame:
    """Gap, status, excess days, day cost, potential and cost of absence from fte/sick/target."""
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
    scenario,
    inputs,
    year: int | None = None,
    period: str | None = None,
    level: str | None = None,
    targets=None,
) -> StatusResult:
    """Status of every unit for target year `year` (absence y-1) or an explicit `period`.

    `targets`: a TargetSet already computed for these inputs (allocate computes all its years at
    once); used when it holds the target year.
    """
    level = level or scenario.level
    target_year, label = resolve_period(year, period)
    absence = absence_data(inputs.absence)
    in_period = period_rows(absence, label)
    if not in_period.any():
        have = sorted(absence["period"].unique().tolist(), key=lambda p: (len(p), p))
        raise InputError(
            f"fraværstabellen har ingen tal for perioden {label} (sammenlignes med måltal "
            f"{target_year})",
            file=inputs.absence.path,
            hint=f"Perioderne i tabellen er: {', '.join(have)}.",
        )
    if targets is not None and target_year in targets.years:
        tset = targets
    else:
        tset = compute_targets(scenario, inputs, [target_year])
    units_tbl = units_by_key(inputs.units.data)
    lv = period_levels(absence, label, in_period)
    df = lv.join(units_tbl[["payroll", "substitute_budget", "prior_reduction"]], how="left")
    df["target"] = tset.units[target_year].reindex(df.index)
    df["benchmark"] = tset.benchmark[target_year].reindex(df.index)
    missing = df["target"].isna()
    if missing.any():
        c, s = df.index[missing][0]
        raise InputError(
            f"enheden {c} / {s} har intet måltal for {target_year}",
            file=inputs.absence.path,
            hint="Glidebanen kræver fravær i basisåret; måltalsfilen skal have enheden med.",
        )
    df = _finish(df, scenario.working_days)
    centers = _aggregate(df, ["center"], scenario)
    muni = _aggregate(df, None, scenario)
    if level == "center":
        units = centers.copy()
    else:
        units = df
    return StatusResult(
        target_year,
        label,
        level,
        units.reset_index(),
        centers.reset_index(),
        muni,
        scenario.working_days,
        list(inputs.warnings),
    )


def _aggregate(df: pd.DataFrame, by: list[str] | None, scenario) -> pd.DataFrame | dict:
    """Center or municipal figures: ratio of sums (4.1) and fte-weighted targets (4.3)."""
    cols = ["fte", "sick_days", "payroll", "substitute_budget", "prior_reduction"]
    decimals = scenario.targets.decimals
    if by is None:
        agg = pd.DataFrame([df[cols].sum()])
        agg["target"] = weighted_target(df["target"], df["fte"], None, decimals)
        fte = df["fte"].sum()  # 0 when every unit is empty: no benchmark, and no numpy warning
        bench = (df["benchmark"] * df["fte"]).sum() / fte if fte > 0 else float("nan")
        agg["benchmark"] = bench
        out = _finish(agg, scenario.working_days)
        # Cost of absence adds up: each unit's sick days at its own day cost (4.4), summed.
        out["cost"] = df["cost"].sum()
        return {k: plain(v) for k, v in out.iloc[0].items()}
    bf = df["benchmark"] * df["fte"]
    g = None
    if by == ["center"] and not df["target"].isna().any():
        # One grouping for every sum (issue 7); a target is the fte-weighted mean (4.3).
        f = df["fte"].fillna(0.0).to_numpy(dtype="float64")
        sums = {c: df[c].to_numpy(dtype="float64") for c in cols}
        sums |= {"_tf": df["target"].to_numpy(dtype="float64") * f, "_f": f}
        sums |= {"_bf": bf.to_numpy(), "_cost": df["cost"].to_numpy(dtype="float64")}
        g = level_sums(df.index, "center", sums)
    if g is not None:
        agg = g[cols].copy()
        agg["target"] = weighted_mean(g["_tf"], g["_f"], decimals)
        agg["benchmark"] = g["_bf"] / agg["fte"].where(agg["fte"] > 0)
        out = _finish(agg, scenario.working_days)
        out["cost"] = g["_cost"]
        return out
    agg = df.groupby(level=by, sort=True)[cols].sum()
    agg["target"] = weighted_target(df["target"], df["fte"], by, decimals)
    bf = bf.groupby(level=by, sort=True).sum()
    agg["benchmark"] = bf / agg["fte"].where(agg["fte"] > 0)
    out = _finish(agg, scenario.working_days)
    out["cost"] = df["cost"].groupby(level=by, sort=True).sum()
    return out
