"""Targets (måltal) per unit, center and municipality (domain.md 4.3).

The rules: glide, national and file; targets published rounded half up; a center's and the
municipality's target the fte-weighted mean of their units' targets. The absence level is 4.1
(core/absence.py), the benchmark 4.2 (core/benchmark.py); sums over the absence rows come from
an AbsenceSums (core/fast.py), made once per inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from ..decimals import as_fraction, scaled
from ..errors import InputError, InputWarning
from .absence import KEY, calendar_years, exact_levels, levels
from .benchmark import (
    NationalYear,
    benchmarks,
    benchmarks_by_codes,
    benchmarks_by_unit,
    exact_benchmarks,
    krl_years,
    latest_krl_year,
)
from .exact import Q, choose, exact_ints, mul
from .fast import AbsenceSums, exact_level_sums, same_index
from .jsonable import columns_of, dumps, json_object, json_rows, plain, rows_of
from .plausibility import LISTED, days_per_fte_warnings, listed, number, unique_warnings, unit_name
from .scenario import Scenario, TargetsConfig
from .tables import InputTables


def round_half_up(x: ArrayLike, decimals: int) -> np.ndarray:
    """Round half up (12.45 -> 12.5), as targets are published (4.3): each float read as the
    decimal it stands for (decimals.scaled: 12.45 is 1245/100), rounded exactly; NaN stays."""
    v = np.atleast_1d(np.asarray(x, dtype="float64"))
    out = Q.of(scaled(v)).half_up(decimals).to_float()
    out[np.isnan(v)] = np.nan
    return out if np.ndim(x) else out[0]


def _fte_ints(fte: pd.Series) -> np.ndarray:
    """fte as exact integers over one scale (a common scale cancels in a weighted mean): the
    exact sums themselves, or float fte read as their decimals; NaN is 0. int64 where every
    value fits, else Python ints (exact.exact_ints)."""
    v = fte.to_numpy()
    if v.dtype == object:
        return exact_ints(np.where(pd.isna(v), 0, v))
    if v.dtype.kind in "iu":
        return exact_ints(v)
    return exact_ints(scaled(v).ints)


def _with_weights(targets: pd.Series, fte: pd.Series):
    """The units with a target: their index, exact fte f (0 where unknown), target * f with
    the target as integers over a power of ten, and that power of ten."""
    if not same_index(fte.index, targets.index):
        fte = fte.reindex(targets.index)
    keep = ~np.isnan(targets.to_numpy(dtype="float64"))
    f = _fte_ints(fte)
    t = scaled(targets.to_numpy(dtype="float64"))
    tf = mul(t.ints, f)
    if keep.all():
        return targets.index, f, tf, t.denominator
    return targets.index[keep], f[keep], tf[keep], t.denominator


def weighted_mean(tf: ArrayLike, f: ArrayLike, scale: int) -> Q:
    """sum(target * fte) / sum(fte) from those exact sums (targets as integers over `scale`),
    unrounded (4.3); 0 where the fte sum is 0."""
    tf, f = exact_ints(np.atleast_1d(tf)), exact_ints(np.atleast_1d(f))
    has = f > 0
    return Q(choose(has, tf, 0), mul(choose(has, f, 1), scale))


def weighted_target(tf: ArrayLike, f: ArrayLike, decimals: int, scale: int) -> np.ndarray:
    """`weighted_mean` rounded half up; NaN where the fte sum is 0 (4.3). One formula for every
    center and municipal target."""
    has = exact_ints(np.atleast_1d(f)) > 0
    mean = weighted_mean(tf, f, scale).half_up(decimals)
    return np.where(has, mean.to_float(), np.nan)


def mean_target(targets: pd.Series, fte: pd.Series) -> Fraction:
    """The fte-weighted mean of `targets` (indexed like `fte` by unit), unrounded (4.3): what a
    center's or the municipality's target is the rounding of (0 without fte)."""
    _, f, tf, scale = _with_weights(targets, fte)
    mean = weighted_mean(sum(tf.tolist()), sum(f.tolist()), scale)
    return Fraction(int(mean.num[0]), int(mean.dens[0]))


def center_targets(targets: pd.Series, fte: pd.Series, decimals: int) -> pd.Series:
    """Each center's target (4.3): the fte-weighted mean of its units' targets, rounded half up.

    `targets` and `fte` are indexed by (center, sector); units without a target are left out.
    """
    return _center_means(*_with_weights(targets, fte), decimals)


def municipal_target(targets: pd.Series, fte: pd.Series, decimals: int) -> float:
    """The municipality's target (4.3): the fte-weighted mean of every unit's target, rounded
    half up; NaN when no unit with a target has fte."""
    return _municipal_mean(*_with_weights(targets, fte), decimals)


def _center_means(index: pd.Index, f, tf, scale: int, decimals: int) -> pd.Series:
    """`weighted_target` per center of the units at `index` (`_with_weights`' parts)."""
    g = exact_level_sums(index, "center", {"tf": tf, "f": f})
    return pd.Series(weighted_target(g["tf"], g["f"], decimals, scale), index=g.index)


def _municipal_mean(index: pd.Index, f, tf, scale: int, decimals: int) -> float:
    """`weighted_target` of every unit at `index` (`_with_weights`' parts)."""
    return float(weighted_target(sum(tf.tolist()), sum(f.tolist()), decimals, scale)[0])


def glide_value(a: Q, has_a: np.ndarray, b: Q, cfg: TargetsConfig, y: int) -> Q:
    """The glide rule (4.3) for year y, unrounded: with A the unit's days per fte in base_year,
    B its benchmark and c = gap_closure, T = A - c*(A - B)*(y - base_year)/(final_year -
    base_year) where A > B, else T = B (also where the unit has no A), exactly."""
    c = as_fraction(cfg.gap_closure)
    span = cfg.final_year - cfg.base_year
    above = has_a & (a - b).positive()
    # A - c*(A - B)*t with c*t = p/q is (A*(q - p) + B*p) / q: the same value, in integers
    # small enough for int64 (exact.Q)
    share = c * Fraction(y - cfg.base_year, span)
    p, q = share.numerator, share.denominator
    glide = (a * (q - p) + b * p) / q
    return glide.where(above, b)


def glide_targets(
    a: Q, has_a: np.ndarray, b: Q, index: pd.Index, cfg: TargetsConfig, years: list[int]
) -> dict[int, pd.Series]:
    """The glide targets per year (`glide_value` rounded half up to `decimals`, exactly);
    `a`, `has_a` and `b` are aligned with `index`."""
    out = {}
    for y in years:
        t = glide_value(a, has_a, b, cfg, y).half_up(cfg.decimals)
        out[y] = pd.Series(t.to_float(), index=index)
    return out


@dataclass
class TargetSet:
    """Targets for a set of years: `units` has one column per year, indexed by center, sector.

    `benchmark` per unit and year (NaN where a rule has none), `krl_year` per year, and `weights`
    (the exact fte used for the center and municipal means, integers over one scale) per year;
    `centers` (one column per year, indexed by center) and `municipality` (per year) are their
    fte-weighted targets (4.3).
    `warnings`: the inputs' warnings (`input_warnings`), then the doubts found computing the
    targets (`year_warnings`, per target year), each once.
    """

    rule: str
    years: list[int]
    units: pd.DataFrame
    benchmark: pd.DataFrame
    krl_year: dict[int, int | None]
    weights: pd.DataFrame
    decimals: int
    year_warnings: dict[int, list[InputWarning]] = field(default_factory=dict)
    input_warnings: list[InputWarning] = field(default_factory=list)
    centers: pd.DataFrame = field(init=False)
    municipality: dict[int, float] = field(init=False)
    warnings: list[InputWarning] = field(init=False)

    def __post_init__(self) -> None:
        centers, muni = {}, {}
        for y in self.years:
            # center_targets and municipal_target, from one reading of the weights
            parts = _with_weights(self.units[y], self.weights[y])
            centers[y] = _center_means(*parts, self.decimals)
            muni[y] = _municipal_mean(*parts, self.decimals)
        self.centers = pd.DataFrame(centers)
        self.municipality = muni
        self.warnings = self.warnings_of(self.years)

    def warnings_of(self, years: list[int]) -> list[InputWarning]:
        """The inputs' warnings and those of the targets of `years`, each once, in order."""
        return unique_warnings(self.input_warnings, *(self.year_warnings.get(y, []) for y in years))

    def to_dict(self) -> dict:
        """The `targets --json` document (domain.md section 5)."""
        doc = self._head()
        doc["units"] = rows_of(self._unit_columns())
        doc["centers"] = rows_of(self._center_columns())
        return doc | {"municipality": self._municipality()}

    def to_json(self) -> str:
        """`to_dict()` as compact JSON text (jsonable.dumps), written from the columns."""
        texts = {k: dumps(v) for k, v in self._head().items()}
        for name, cols in (("units", self._unit_columns()), ("centers", self._center_columns())):
            texts[name] = json_rows(cols) if _rows(cols) else "[]"
        return json_object(texts | {"municipality": dumps(self._municipality())})

    def _head(self) -> dict:
        return {
            "rule": self.rule,
            "years": list(self.years),
            "krl_years": {str(y): self.krl_year[y] for y in self.years},
        }

    def _unit_columns(self) -> dict:
        """Per unit: center, sector, the first year's benchmark, and per year its target and
        benchmark (plain values, in the document's order)."""
        first = self.years[0] if self.years else None
        index = self.units.index
        cols = {
            "center": list(index.get_level_values("center")),
            "sector": list(index.get_level_values("sector")),
            "benchmark": (
                columns_of(self.benchmark, [first])[first] if first else [None] * len(index)
            ),
        }
        cols["targets"] = {str(y): _plain_values(self.units[y]) for y in self.years}
        cols["benchmarks"] = {str(y): _plain_values(self.benchmark[y]) for y in self.years}
        return cols

    def _center_columns(self) -> dict:
        cols = {"center": list(self.centers.index)}
        cols["targets"] = {str(y): _plain_values(self.centers[y]) for y in self.years}
        return cols

    def _municipality(self) -> dict:
        return {"targets": {str(y): plain(self.municipality[y]) for y in self.years}}

    def to_frame(self) -> pd.DataFrame:
        """The units as a table, one row per unit in (center, sector) order.

        Columns: center, sector, benchmark (the first year's, as in the JSON document; NaN where
        the rule has none) and target_<year> for each year (the published target, rounded half
        up; NaN where the unit has none that year). Every year's benchmark is in `benchmark`.
        """
        frame = self.units.index.to_frame(index=False)
        first = self.years[0] if self.years else None
        frame["benchmark"] = self.benchmark[first].to_numpy() if first is not None else np.nan
        for y in self.years:
            frame[f"target_{y}"] = self.units[y].to_numpy()
        return frame


def _plain_values(column: pd.Series) -> list:
    """A column's values as `plain` gives them (floats, NaN as None)."""
    return [plain(v) for v in column.to_numpy(dtype="float64").tolist()]


def _rows(columns: dict) -> int:
    return len(next(iter(columns.values())))


def glide_years(cfg: TargetsConfig) -> list[int]:
    """The years the glide rule has targets for: base_year+1..final_year (4.3)."""
    return list(range(cfg.base_year + 1, cfg.final_year + 1))


def target_years(
    scenario: Scenario,
    absence: pd.DataFrame,
    national: pd.DataFrame | None,
    file_targets: pd.DataFrame | None,
) -> list[int]:
    """The years a scenario sets targets for, by rule (glide: base_year+1..final_year)."""
    cfg = scenario.targets
    if cfg.rule == "glide":
        return glide_years(cfg)
    if cfg.years:
        return sorted(cfg.years)
    if cfg.rule == "file" and file_targets is not None:
        return sorted(file_targets["year"].unique().tolist())
    if scenario.reduction.totals:
        return sorted(scenario.reduction.totals)
    years = calendar_years(absence)
    if not years:  # only quarters: no calendar year to set the next year's target from
        raise InputError(
            "scenariet angiver ingen måltalsår, og fraværstabellen har intet kalenderår at "
            "sætte det næste års måltal ud fra",
            file=scenario.path,
            hint="Angiv targets.years = [2018] eller reduction.totals i scenariet.",
        )
    return [years[-1] + 1]


def compute_targets(
    scenario: Scenario,
    inputs: InputTables,
    years: list[int] | None = None,
    *,
    sums: AbsenceSums | None = None,
) -> TargetSet:
    """Targets for every unit and the given years (default: the scenario's years), by its rule.

    `sums`: the absence table's AbsenceSums, made here when missing (pass it when computing
    several results from the same inputs).
    """
    cfg = scenario.targets
    check_rule_inputs(scenario, inputs, sums)  # first: target_years needs the glide years set
    sums = AbsenceSums.of(inputs.absence, scenario.hours_per_day) if sums is None else sums
    if years is None:
        national = inputs.national.data if inputs.national is not None else None
        ftargets = inputs.targets.data if inputs.targets is not None else None
        years = target_years(scenario, sums.data, national, ftargets)
    if cfg.rule == "glide":
        _check_glide_years(scenario, years)
    rule = {"glide": _glide, "national": _national, "file": _file}[cfg.rule]
    found = rule(scenario, inputs, sums, years)
    table = pd.DataFrame(found.targets)
    table.index.names = KEY
    table = table.sort_index()
    bench_df = pd.DataFrame(found.benchmark).reindex(table.index)
    weights = {y: _weights(sums, y, table.index, found.fte) for y in years}
    return TargetSet(
        cfg.rule,
        list(years),
        table,
        bench_df,
        found.krl_year,
        pd.DataFrame(weights),
        cfg.decimals,
        found.warnings,
        list(inputs.warnings),
    )


@dataclass
class _Found:
    """What a rule finds: targets, benchmarks, KRL year and warnings per target year; `fte`:
    the fte of the glide units without a base year, over their reference period."""

    targets: dict[int, pd.Series]
    benchmark: dict[int, pd.Series]
    krl_year: dict[int, int | None]
    warnings: dict[int, list[InputWarning]]
    fte: pd.Series | None = None


def _weights(sums: AbsenceSums, y: int, index: pd.Index, fte: pd.Series | None) -> pd.Series:
    """The fte a unit's target for year y weighs with in its center's and the municipality's
    (4.3): its latest calendar year before y; a glide unit without a base year and without a
    year before y, the fte of its reference period (its earliest calendar year)."""
    weights = sums.reference_fte(y)
    if same_index(weights.index, index):  # every unit has a year before y: int64 as summed
        return weights
    weights = weights.astype(object).reindex(index)  # Python ints beside the NaN of a unit
    if fte is not None and weights.isna().any():
        weights = weights.where(weights.notna(), fte.astype(object).reindex(index))
    return weights


def _check_glide_years(scenario: Scenario, years: list[int]) -> None:
    """A year outside base_year+1..final_year has no glide target: asking for one is an error."""
    cfg = scenario.targets
    allowed = glide_years(cfg)
    bad = [y for y in years if y not in allowed]
    if bad:
        raise InputError(
            f"glidebanen har intet måltal for {', '.join(map(str, bad))}",
            file=scenario.path,
            hint=f"Glidebanen ({cfg.base_year}-{cfg.final_year}) har måltal for "
            f"{', '.join(map(str, allowed))}.",
        )


def _glide(scenario: Scenario, inputs: InputTables, sums: AbsenceSums, years: list[int]):
    """Glide targets (4.3): base-year level against the benchmark of the base year's staff mix;
    a unit without absence in the base year gets its benchmark (reference period its earliest
    calendar year), with a warning."""
    cfg = scenario.targets
    national, nat_file = inputs.national.data, str(inputs.national.path)
    k = cfg.benchmark_year or latest_krl_year(national, cfg.base_year + 1, nat_file)
    ref = sums.glide_reference_mask(cfg.base_year)
    found: list[InputWarning] = []
    bf = _reference_benchmarks(sums, ref, inputs, k, found)
    b = bf["benchmark"]
    base = sums.year_levels(cfg.base_year)
    # A: the base-year level; a unit without one (no rows or no fte) gets T = B.
    pos = base.index.get_indexer(b.index)
    fte_a, sick_a = (q.take(pos) for q in exact_levels(base, sums.scales))
    has_a = (pos >= 0) & fte_a.positive()
    a = sick_a.safe_div(fte_a, has_a)
    targets = glide_targets(a, has_a, exact_benchmarks(bf), b.index, cfg, years)
    path, fte = inputs.absence.path, None
    if len(b) > len(base) and years:  # units without absence in the base year
        other = sums.data[ref & (sums.data["year"] != cfg.base_year).to_numpy()]
        fte, missing = _without_base_year(
            other, sums.scales, targets[years[0]], cfg.base_year, k, path
        )
        found.insert(0, missing)
    found += days_per_fte_warnings(base, str(cfg.base_year), path, scenario.min_fte)
    per_year = {y: list(found) for y in years}
    return _Found(targets, dict.fromkeys(years, b), dict.fromkeys(years, k), per_year, fte)


def _reference_benchmarks(
    sums: AbsenceSums, ref: np.ndarray, inputs: InputTables, k: int, found: list | None
) -> pd.DataFrame:
    """`benchmarks` (4.2) of each unit's reference rows `ref` (a row mask) against KRL year k:
    on the staff-group codes (issue 14), else on the unit numbers (issue 7), else by key.
    `found`: the KRL fallback warnings are appended here (None: not looked for)."""
    national, nat_file = inputs.national.data, str(inputs.national.path)
    unit = sums.unit[ref]
    if len(unit) and unit.min() >= 0:
        nat = NationalYear.of(national, k, nat_file)
        if sums.groups is not None:
            codes, texts = sums.groups
            fte = sums.data["fte_n"].to_numpy()[ref]
            bf = benchmarks_by_codes(
                unit, fte, (codes[ref], texts), sums.keys, inputs.units.data, nat, found
            )
            if bf is not None:
                return bf
        rows = sums.data.loc[ref, KEY + ["staff_group", "fte", "fte_n"]]
        return benchmarks_by_unit(rows, unit, sums.keys, inputs.units.data, nat, found)
    rows = sums.data.loc[ref, KEY + ["staff_group", "fte", "fte_n"]]
    return benchmarks(rows, inputs.units.data, national, k, nat_file, found)


def _without_base_year(
    rows: pd.DataFrame, scales, target: pd.Series, base_year: int, krl_year: int, file
) -> tuple[pd.Series, InputWarning]:
    """The exact fte of the units without a base year over their reference period (`rows`:
    their earliest calendar year), and the warning naming them with their targets (4.3)."""
    lv = levels(rows, KEY, scales)
    first = rows.groupby(KEY, sort=True)["year"].min()
    items = [
        f"{unit_name(key)}: måltal {number(target.get(key, np.nan))} ({first[key]})"
        for key in lv.index[:LISTED]
    ]
    n = len(lv)
    warning = InputWarning(
        f"{Path(file).name}: {n} {'enhed' if n == 1 else 'enheder'} har intet fravær i "
        f"glidebanens basisår {base_year}; måltallet er enhedens benchmark (KRL {krl_year}) "
        f"efter personalesammensætningen i dens første kalenderår: {listed(items, n)}",
        file=file,
    )
    return lv["fte_n"], warning


def _national(scenario: Scenario, inputs: InputTables, sums: AbsenceSums, years: list[int]):
    """National targets (4.3): T = B, the benchmark of the unit's latest calendar year before y
    against the latest KRL year before y (or benchmark_year)."""
    cfg = scenario.targets
    national, nat_file = inputs.national.data, str(inputs.national.path)
    cols, bench, krl, warnings = {}, {}, {}, {}
    for y in years:
        k = cfg.benchmark_year or latest_krl_year(national, y, nat_file)
        ref = sums.reference_mask(y)
        if not ref.any():
            raise InputError(
                f"ingen fravær fra et kalenderår før {y}",
                file=inputs.absence.path,
                hint="Den nationale regel vægter personalegrupper med "
                "enhedens seneste år før måltalsåret.",
            )
        warnings[y] = []  # 4.2: a group's fallback to Kommuner i alt in KRL year k
        bf = _reference_benchmarks(sums, ref, inputs, k, warnings[y])
        exact = exact_benchmarks(bf).half_up(cfg.decimals)  # T = B, rounded exactly
        cols[y] = pd.Series(exact.to_float(), index=bf.index)
        bench[y] = bf["benchmark"]
        krl[y] = k
    return _Found(cols, bench, krl, warnings)


def _file(scenario: Scenario, inputs: InputTables, sums: AbsenceSums, years: list[int]):
    """File targets (4.3), rounded half up; benchmarks as the national rule's, for reference,
    where the national file has a KRL year before y."""
    cfg = scenario.targets
    national = inputs.national.data if inputs.national is not None else None
    nat_file = str(inputs.national.path) if inputs.national is not None else None
    ft = inputs.targets.data.set_index(["year"] + KEY)["target"]
    cols, bench, krl = {}, {}, {}
    for y in years:
        if y not in ft.index.get_level_values(0):
            raise InputError(
                f"måltalsfilen har ingen måltal for {y}",
                file=inputs.targets.path,
                hint="Årene i filen er: "
                + ", ".join(map(str, sorted(set(ft.index.get_level_values(0)))))
                + ".",
            )
        t = ft.xs(y, level="year").sort_index()
        cols[y] = pd.Series(round_half_up(t, cfg.decimals), index=t.index)
        bench[y], krl[y] = pd.Series(dtype=float), None
        if national is not None and any(k < y for k in krl_years(national)):
            krl[y] = cfg.benchmark_year or latest_krl_year(national, y, nat_file)
            ref = sums.reference_mask(y)
            if ref.any():
                bench[y] = _reference_benchmarks(sums, ref, inputs, krl[y], None)["benchmark"]
    return _Found(cols, bench, krl, {})


def check_rule_inputs(
    scenario: Scenario, inputs: InputTables, sums: AbsenceSums | None = None
) -> None:
    """The rule's settings and data exist: base and benchmark years, national file, target file.
    `sums`: the absence table's AbsenceSums, if made (its calendar years, without a pass over
    the rows)."""
    cfg = scenario.targets
    path = scenario.path
    absence = inputs.absence.data
    national = inputs.national.data if inputs.national is not None else None
    if cfg.rule in ("glide", "national") and national is None:
        raise InputError(
            f"reglen {cfg.rule!r} kræver landsgennemsnit, men scenariet angiver "
            "ingen 'national'-fil",
            file=path,
            hint='Tilføj national = "national.csv" eller brug --national FIL.',
        )
    if cfg.rule == "glide":
        if cfg.base_year is None or cfg.final_year is None:
            raise InputError(
                "glide-reglen kræver targets.base_year og targets.final_year", file=path
            )
        if cfg.final_year <= cfg.base_year:
            raise InputError(
                "targets.final_year skal ligge efter targets.base_year",
                file=path,
                value=cfg.final_year,
            )
        years = calendar_years(absence) if sums is None else sums.calendar_years()
        if cfg.base_year not in years:
            raise InputError(
                f"basisåret {cfg.base_year} findes ikke i fraværstabellen",
                file=inputs.absence.path,
                hint=f"Kalenderårene i tabellen er: {', '.join(map(str, years))}.",
            )
    if cfg.benchmark_year is not None and national is not None:
        if cfg.benchmark_year not in krl_years(national):
            raise InputError(
                f"targets.benchmark_year {cfg.benchmark_year} findes ikke i landsgennemsnittene",
                file=inputs.national.path,
                hint=f"Årene i filen er: {', '.join(map(str, krl_years(national)))}.",
            )
    if cfg.rule == "file" and inputs.targets is None:
        raise InputError("reglen 'file' kræver targets.file (en måltalstabel)", file=path)
