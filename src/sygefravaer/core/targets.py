"""Targets (måltal) per unit, center and municipality: pure functions over pandas tables.

Rules in domain.md 4.1 (absence level), 4.2 (benchmark by staff mix) and 4.3 (glide, national,
file; half-up rounding; fte-weighted center and municipal targets).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from ..names import KRL_TOTAL_KEY, group_key
from ..periods import PERIOD
from .jsonable import plain

KEY = ["center", "sector"]


def round_half_up(x, decimals: int):
    """Round half up (12.45 -> 12.5), as targets are published; tolerant of float noise."""
    factor = 10.0**decimals
    return np.floor(np.asarray(x, dtype="float64") * factor + 0.5 + 1e-9) / factor


def levels(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """fte, sick_days and days_per_fte per group: always the ratio of the sums (4.1)."""
    return with_ratio(rows.groupby(by, sort=True)[["fte", "sick_days"]].sum())


def with_ratio(g: pd.DataFrame) -> pd.DataFrame:
    """`g` (fte and sick_days sums per group) with days_per_fte, the ratio of the sums (4.1)."""
    g["days_per_fte"] = g["sick_days"] / g["fte"].where(g["fte"] > 0)
    return g


def weighted_mean(tf, f, decimals: int) -> np.ndarray:
    """sum(target * fte) / sum(fte) from those sums, rounded half up; NaN where the fte sum is 0
    (4.3). One formula for the center and municipal targets of targets and status."""
    tf, f = np.asarray(tf, dtype="float64"), np.asarray(f, dtype="float64")
    with np.errstate(all="ignore"):
        return round_half_up(np.where(f > 0, tf / f, np.nan), decimals)


def weighted_target(
    targets: pd.Series, fte: pd.Series, by: list[str] | None, decimals: int
) -> pd.Series | float:
    """fte-weighted mean of unit targets for a center (by=['center']) or all (by=None) (4.3)."""
    g = None
    if (
        by == ["center"]
        and isinstance(targets.index, pd.MultiIndex)
        and targets.index.equals(fte.index)
        and not targets.isna().any()
    ):  # one pass over the center level's codes (issue 7)
        t = targets.to_numpy(dtype="float64")
        f = fte.fillna(0.0).to_numpy(dtype="float64")
        g = level_sums(targets.index, "center", {"tf": t * f, "f": f})
    if g is None:
        df = pd.DataFrame({"t": targets, "f": fte}).dropna(subset=["t"])
        df["f"] = df["f"].fillna(0.0)
        df["tf"] = df["t"] * df["f"]
        if by is None:
            f = df["f"].sum()
            return float(weighted_mean(df["tf"].sum(), f, decimals)) if f > 0 else float("nan")
        g = df.groupby(level=by, sort=True)[["tf", "f"]].sum()
    return pd.Series(weighted_mean(g["tf"], g["f"], decimals), index=g.index)


def level_sums(index: pd.MultiIndex, level: str, columns: dict) -> pd.DataFrame | None:
    """Sums of equal-length columns per value of one index level, in sorted order, as
    `frame.groupby(level=level, sort=True).sum()` gives them, grouped on the level's codes in one
    pass (issue 7). None when the level's values are not sorted or a code is missing."""
    i = index.names.index(level)
    values, codes = index.levels[i], index.codes[i]
    if not values.is_monotonic_increasing or (len(codes) and codes.min() < 0):
        return None
    g = pd.DataFrame(columns, copy=False).groupby(codes, sort=True).sum()
    return g.set_axis(pd.Index(values[g.index.to_numpy()], name=level))


def calendar_years(absence: pd.DataFrame) -> list[int]:
    """The calendar years (not quarters) present in the absence table."""
    return sorted(absence.loc[absence["quarter"] == 0, "year"].unique().tolist())


def krl_years(national: pd.DataFrame | None) -> list[int]:
    return [] if national is None else sorted(national["year"].unique().tolist())


def latest_krl_year(national: pd.DataFrame, before: int, file: str | None = None) -> int:
    """The latest KRL year published before target year `before` (domain.md 4.3, national)."""
    years = [k for k in krl_years(national) if k < before]
    if not years:
        raise InputError(
            f"ingen landsgennemsnit fra før {before}",
            file=file,
            hint=f"Årene i filen er: {', '.join(map(str, krl_years(national)))}.",
        )
    return years[-1]


def reference_rows(absence: pd.DataFrame, before: int) -> pd.DataFrame:
    """Each unit's rows from its latest calendar year before `before` (national rule's period)."""
    return absence[_reference_mask(absence, before)]


def _reference_mask(absence: pd.DataFrame, before: int) -> np.ndarray:
    cal = ((absence["quarter"] == 0) & (absence["year"] < before)).to_numpy()
    year = absence["year"].to_numpy()
    # Same rows as `cal.groupby(KEY)["year"].transform("max") == year`, grouped on cached unit
    # codes instead of hashing the text keys again for every year (issue 7).
    if not cal.any():
        return cal
    unit = _unit_codes(absence)
    keep = cal & (unit >= 0)  # -1: a blank key, as groupby drops
    y0, y1 = (int(year[keep].min()), int(year[keep].max())) if keep.any() else (0, 0)
    if keep.any() and y1 - y0 < 1000:
        # Per unit and year: has rows? The latest such year per unit, without a hash grouping.
        seen = np.zeros((int(unit.max()) + 1, y1 - y0 + 1), dtype=bool)
        seen[unit[keep], year[keep] - y0] = True
        latest = y1 - np.argmax(seen[:, ::-1], axis=1)
        keep[keep] = year[keep] == latest[unit[keep]]
        return keep
    latest = pd.Series(year[cal]).groupby(unit[cal], sort=False).transform("max").to_numpy()
    keep = cal.copy()
    keep[cal] = (year[cal] == latest) & (unit[cal] >= 0)
    return keep


def _unit_sums(absence: pd.DataFrame, mask: np.ndarray, column: str) -> pd.Series:
    """`absence[mask].groupby(KEY, sort=True)[column].sum()`, grouped on the cached unit codes.

    The same cython sum over the same rows in the same order, so the same floats (issue 7).
    """
    codes, keys = _cached(absence, "sorted units", _sorted_units)
    sums = pd.Series(absence[column].to_numpy()[mask]).groupby(codes[mask], sort=True).sum()
    sums = sums[sums.index >= 0]  # -1: a blank key, as groupby drops
    return pd.Series(sums.to_numpy(), index=keys[sums.index.to_numpy()], name=column)


def unit_levels(absence: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """`levels(absence[mask], KEY)` from the cached unit codes (issue 7)."""
    return with_ratio(
        pd.DataFrame(
            {
                "fte": _unit_sums(absence, mask, "fte"),
                "sick_days": _unit_sums(absence, mask, "sick_days"),
            }
        )
    )


@dataclass
class _PeriodSums:
    """fte and sick_days summed per unit and period, one grouping of the whole table (issue 7).

    Entries are sorted by unit code, then period code. A group sums the same values in the same
    order as grouping only that period's rows; pandas (3.1) may add a run of sorted groups with
    numpy's reduceat and other groups with its compensated sum, so the two can differ in the
    last bit (1e-16 relative), far below any rounding the rules apply (4.3, 4.4).
    `year` and `quarter` per period code are None unless every row of a code has the same ones and
    no two codes share them (then a year's rows are one period's rows).
    """

    unit: np.ndarray
    period: np.ndarray
    fte: np.ndarray
    sick_days: np.ndarray
    labels: list
    year: np.ndarray | None
    quarter: np.ndarray | None


def _period_sums(absence: pd.DataFrame) -> _PeriodSums | None:
    unit = _unit_codes(absence)
    pcodes, labels, canonical = _period_codes(absence)
    pcodes = np.asarray(pcodes)
    k, n = len(labels), len(absence)
    if n == 0 or k == 0 or pcodes.min() < 0:
        return None
    fte, sick = absence["fte"].to_numpy(), absence["sick_days"].to_numpy()
    combined = np.multiply(unit, k, dtype=np.int64)
    combined += pcodes
    ok = unit >= 0  # -1: a blank key, as groupby drops
    if not ok.all():
        combined, fte, sick = combined[ok], fte[ok], sick[ok]
    frame = pd.DataFrame({"fte": fte, "sick_days": sick}, copy=False)
    g = frame.groupby(combined, sort=True).sum()
    comb = g.index.to_numpy()
    if canonical:  # the reader's labels: '2013' is (2013, 0), '2018Q1' (2018, 1), '' unused
        parsed = [PERIOD.match(str(x)) for x in labels]
        py = np.array([int(m.group(1)) if m else -1 for m in parsed], dtype=np.int64)
        pq = np.array([int(m.group(2) or 0) if m else -1 for m in parsed], dtype=np.int64)
    else:  # any table: check that the rows of each code share their year and quarter
        year, quarter = absence["year"].to_numpy(), absence["quarter"].to_numpy()
        rep = np.full(k, -1, dtype=np.int64)
        rep[pcodes] = np.arange(n)  # a row of each period code
        used = rep >= 0
        py, pq = np.where(used, year[rep], -1), np.where(used, quarter[rep], -1)
        yq = py[used] * 10 + pq[used]
        if not (
            (py[pcodes] == year).all()
            and (pq[pcodes] == quarter).all()
            and len(np.unique(yq)) == len(yq)
        ):
            py = pq = None
    return _PeriodSums(
        comb // k, comb % k, g["fte"].to_numpy(), g["sick_days"].to_numpy(), list(labels), py, pq
    )


def _entry_levels(absence: pd.DataFrame, ps: _PeriodSums, sel: np.ndarray) -> pd.DataFrame:
    """unit_levels over the selected entries, one per unit."""
    keys = _cached(absence, "sorted units", _sorted_units)[1]
    idx = keys[ps.unit[sel]]
    return with_ratio(pd.DataFrame({"fte": ps.fte[sel], "sick_days": ps.sick_days[sel]}, index=idx))


def period_levels(absence: pd.DataFrame, label: str, rows: np.ndarray) -> pd.DataFrame:
    """`unit_levels(absence, rows)` where `rows` are the rows of period `label`."""
    ps = _cached(absence, "period sums", _period_sums)
    if ps is None:
        return unit_levels(absence, rows)
    hits = [i for i, u in enumerate(ps.labels) if u == label]
    sel = ps.period == hits[0] if hits else np.zeros(len(ps.period), dtype=bool)
    return _entry_levels(absence, ps, sel)


def year_levels(absence: pd.DataFrame, year: int) -> pd.DataFrame:
    """`unit_levels` over the rows of calendar year `year`."""
    ps = _cached(absence, "period sums", _period_sums)
    if ps is None or ps.year is None:
        mask = ((absence["quarter"] == 0) & (absence["year"] == year)).to_numpy()
        return unit_levels(absence, mask)
    return _entry_levels(absence, ps, (ps.year[ps.period] == year) & (ps.quarter[ps.period] == 0))


def reference_fte(absence: pd.DataFrame, before: int) -> pd.Series:
    """fte per unit over its latest calendar year before `before` (the rows of reference_rows)."""
    ps = _cached(absence, "period sums", _period_sums)
    if ps is None or ps.year is None:
        return _unit_sums(absence, _reference_mask(absence, before), "fte")
    ey, eq = ps.year[ps.period], ps.quarter[ps.period]
    cand = np.flatnonzero((eq == 0) & (ey < before))
    cand = cand[np.lexsort((ey[cand], ps.unit[cand]))]  # by unit, then year
    u = ps.unit[cand]
    last = np.ones(len(cand), dtype=bool)
    last[:-1] = u[1:] != u[:-1]  # each unit's latest year
    sel = np.zeros(len(ps.period), dtype=bool)
    sel[cand[last]] = True
    return _entry_levels(absence, ps, sel)["fte"]


def _sorted_units(absence: pd.DataFrame) -> tuple[np.ndarray, pd.MultiIndex]:
    g = absence.groupby(KEY, sort=True)
    return g.ngroup().to_numpy(), g.size().index


def absence_data(table) -> pd.DataFrame:
    """`table.data`, with its sorted unit codes (and period codes) made from the reader's codes of
    the center and sector texts when it has them: the same numbers as `_sorted_units` without
    hashing a million texts again (issue 7)."""
    absence = table.data
    codes, texts = getattr(table, "codes", {}), getattr(table, "code_texts", {})
    n = len(absence)
    probe = np.linspace(0, n - 1, 64).astype("int64")  # the codes belong to these rows

    def known(k: str) -> bool:
        if k not in codes or k not in texts or len(codes[k]) != n or n == 0:
            return False
        c, t = codes[k], np.asarray(texts[k], dtype=object)
        return c.min() >= 0 and t[c[probe]].tolist() == absence[k].to_numpy()[probe].tolist()

    if not _cached_has(absence, "period") and known("period"):
        # period_rows compares the distinct labels only; any numbering of them will do.
        # The reader's labels are canonical ('2013', '2018Q1'), one per (year, quarter).
        value = (codes["period"], list(texts["period"]), True)
        _CODES.insert(0, (absence, "period", value))
        del _CODES[16:]
    if _cached_has(absence, "sorted units") or not all(known(k) for k in KEY):
        return absence
    units = table.sorted_units() if hasattr(table, "sorted_units") else None
    if units is not None:
        _CODES.insert(0, (absence, "sorted units", units))
        del _CODES[16:]
    return absence


_CODES: list[tuple[pd.DataFrame, str, object]] = []


def _cached(absence: pd.DataFrame, what: str, make):
    """make(absence), remembered for the last few absence tables (they are not modified)."""
    for df, name, value in _CODES:
        if df is absence and name == what:
            return value
    value = make(absence)
    _CODES.insert(0, (absence, what, value))
    del _CODES[16:]
    return value


def _cached_has(absence: pd.DataFrame, what: str) -> bool:
    return any(df is absence and name == what for df, name, _ in _CODES)


def _unit_codes(absence: pd.DataFrame) -> np.ndarray:
    """One integer per row for its (center, sector), in sorted key order; -1: a blank key."""
    return _cached(absence, "sorted units", _sorted_units)[0]


def _period_codes(absence: pd.DataFrame) -> tuple[np.ndarray, list, bool]:
    """(row codes, label per code, labels canonical) of the period column, cached."""
    return _cached(absence, "period", lambda a: (*pd.factorize(a["period"]), False))


def units_by_key(units: pd.DataFrame) -> pd.DataFrame:
    """The units table indexed by (center, sector) and sorted, made once per table (issue 7);
    callers select from it and do not change it."""
    return _cached(units, "units by key", lambda u: u.set_index(KEY).sort_index())


def period_rows(absence: pd.DataFrame, label: str) -> np.ndarray:
    """`absence["period"] == label` as a boolean array, from the period codes (issue 7)."""
    codes, uniques, _ = _period_codes(absence)
    hits = [i for i, u in enumerate(uniques) if u == label]
    return codes == hits[0] if hits else np.zeros(len(codes), dtype=bool)


def benchmarks(
    rows: pd.DataFrame,
    units: pd.DataFrame,
    national: pd.DataFrame,
    krl_year: int,
    file: str | None = None,
    sorted_units: tuple[np.ndarray, pd.MultiIndex] | None = None,
) -> pd.Series:
    """Benchmark per unit: fte-weighted national average over its staff groups (4.2).

    A row without staff group takes the unit's staff_group from the units table; a group with no
    national figure, or no group at all, takes `Kommuner i alt`. `sorted_units`: per row of
    `rows` its unit's number in sorted order, and the units (group on them, issue 7).
    """
    nat = national[national["year"] == krl_year]
    if nat.empty:
        raise InputError(
            f"landsgennemsnittet for {krl_year} findes ikke",
            file=file,
            hint=f"Årene i filen er: {', '.join(map(str, krl_years(national)))}.",
        )
    by_group = dict(zip(nat["group_key"], nat["days_per_fte"], strict=True))
    fallback = by_group.get(KRL_TOTAL_KEY)
    unit_group = units.set_index(KEY)["staff_group"]
    df = rows[KEY + ["staff_group", "fte"]].copy()
    own = _map_distinct(df["staff_group"], group_key)
    group = own
    if own.eq("").any():  # only rows without a staff group look at the units table
        from_units = _map_distinct(
            pd.Series(
                unit_group.reindex(pd.MultiIndex.from_frame(df[KEY])).to_numpy(), index=df.index
            ).fillna(""),
            group_key,
        )
        group = own.where(own != "", from_units)
    n = group.map(by_group)
    if n.isna().any():
        if fallback is None:
            missing = sorted(set(group[n.isna()]) - {""})
            raise InputError(
                f"landsgennemsnittet for 'Kommuner i alt' i {krl_year} mangler, og det skal "
                f"bruges for personalegrupper uden eget tal "
                f"({', '.join(missing) or 'ingen gruppe'})",
                file=file,
                hint="Tilføj en række med 'Kommuner i alt' for året.",
            )
        n = n.fillna(fallback)
    df["n"] = n
    df["nf"] = df["n"] * df["fte"]
    if sorted_units is not None:  # the same groups in the same order as grouping by KEY
        ids, keys = sorted_units
        by_unit = df[["n", "nf", "fte"]].groupby(ids, sort=True)
        g = by_unit[["nf", "fte"]].sum()
        plain = by_unit["n"].mean()
        index = keys[g.index.to_numpy()]
        g, plain = g.set_axis(index), plain.set_axis(index)
    else:
        by_unit = df.groupby(KEY, sort=True)  # one grouping for both sums
        g = by_unit[["nf", "fte"]].sum()
        plain = by_unit["n"].mean()
    # A unit with zero fte in the reference period: plain mean of its groups' averages.
    return (g["nf"] / g["fte"].where(g["fte"] > 0)).fillna(plain).rename("benchmark")


def _map_distinct(values: pd.Series, fn) -> pd.Series:
    """`values.map(fn)` with fn called once per distinct text (issue 7: no loop over rows)."""
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
        codes, uniques = pd.factorize(values)
        out = np.array([fn(u) for u in uniques], dtype=object)
        return pd.Series(out[codes], index=values.index, dtype=object)
    return values.map(fn)


@dataclass
class TargetSet:
    """Targets for a set of years: `units` has one column per year, indexed by center, sector.

    `benchmark` per unit and year (NaN where a rule has none), `krl_year` per year, and `weights`
    (fte used for the center and municipal means) per year.
    """

    rule: str
    years: list[int]
    units: pd.DataFrame
    benchmark: pd.DataFrame
    krl_year: dict[int, int | None]
    weights: pd.DataFrame
    decimals: int
    centers: pd.DataFrame = field(init=False)
    municipality: dict[int, float] = field(init=False)

    def __post_init__(self) -> None:
        centers = {}
        muni = {}
        for y in self.years:
            centers[y] = weighted_target(self.units[y], self.weights[y], ["center"], self.decimals)
            muni[y] = weighted_target(self.units[y], self.weights[y], None, self.decimals)
        self.centers = pd.DataFrame(centers)
        self.municipality = muni

    def to_dict(self) -> dict:
        """The `targets --json` document (domain.md section 5)."""
        first = self.years[0] if self.years else None
        units = []
        for (c, s), row in self.units.iterrows():
            units.append(
                {
                    "center": c,
                    "sector": s,
                    "benchmark": plain(self.benchmark.at[(c, s), first]) if first else None,
                    "targets": {str(y): plain(row[y]) for y in self.years},
                    "benchmarks": {str(y): plain(self.benchmark.at[(c, s), y]) for y in self.years},
                }
            )
        centers = [
            {"center": c, "targets": {str(y): plain(row[y]) for y in self.years}}
            for c, row in self.centers.iterrows()
        ]
        return {
            "rule": self.rule,
            "years": list(self.years),
            "krl_years": {str(y): self.krl_year[y] for y in self.years},
            "units": units,
            "centers": centers,
            "municipality": {"targets": {str(y): plain(self.municipality[y]) for y in self.years}},
        }


def glide_years(cfg) -> list[int]:
    return list(range(cfg.base_year + 1, cfg.final_year + 1))


def target_years(
    scenario,
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


def compute_targets(scenario, inputs, years: list[int] | None = None) -> TargetSet:
    """Targets for every unit and the given years (default: the scenario's years), by its rule."""
    cfg = scenario.targets
    absence = absence_data(inputs.absence)
    units = inputs.units.data
    national = inputs.national.data if inputs.national is not None else None
    nat_file = str(inputs.national.path) if inputs.national is not None else None
    ftargets = inputs.targets.data if inputs.targets is not None else None
    check_rule_inputs(scenario, inputs)  # first: target_years needs the glide years set
    if years is None:
        years = target_years(scenario, absence, national, ftargets)
    if cfg.rule == "glide":
        allowed = glide_years(cfg)
        bad = [y for y in years if y not in allowed]
        if bad:
            raise InputError(
                f"glidebanen har intet måltal for {', '.join(map(str, bad))}",
                file=scenario.path,
                hint=f"Glidebanen ({cfg.base_year}-{cfg.final_year}) har måltal for "
                f"{', '.join(map(str, allowed))}.",
            )
    cols, bench, weights, krl = {}, {}, {}, {}
    if cfg.rule == "glide":
        base = ((absence["quarter"] == 0) & (absence["year"] == cfg.base_year)).to_numpy()
        base_rows = absence.loc[base, KEY + ["staff_group", "fte"]]
        a = year_levels(absence, cfg.base_year)["days_per_fte"]
        k = cfg.benchmark_year or latest_krl_year(national, cfg.base_year + 1, nat_file)
        ids, keys = _cached(absence, "sorted units", _sorted_units)
        ids = ids[base]
        units_of_rows = (ids, keys) if len(ids) and ids.min() >= 0 else None
        b = benchmarks(base_rows, units, national, k, nat_file, units_of_rows)
        b = b.reindex(a.index)
        c = cfg.gap_closure
        span = cfg.final_year - cfg.base_year
        for y in years:
            t = np.where(a > b, a - c * (a - b) * (y - cfg.base_year) / span, b)
            cols[y] = pd.Series(round_half_up(t, cfg.decimals), index=a.index)
            bench[y] = b
            krl[y] = k
    elif cfg.rule == "national":
        for y in years:
            k = cfg.benchmark_year or latest_krl_year(national, y, nat_file)
            rows = reference_rows(absence, y)
            if rows.empty:
                raise InputError(
                    f"ingen fravær fra et kalenderår før {y}",
                    file=inputs.absence.path,
                    hint="Den nationale regel vægter personalegrupper med "
                    "enhedens seneste år før måltalsåret.",
                )
            b = benchmarks(rows, units, national, k, nat_file)
            cols[y] = pd.Series(round_half_up(b, cfg.decimals), index=b.index)
            bench[y] = b
            krl[y] = k
    else:  # file
        ft = ftargets.set_index(["year"] + KEY)["target"]
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
            if national is not None and any(k < y for k in krl_years(national)):
                k = cfg.benchmark_year or latest_krl_year(national, y, nat_file)
                rows = reference_rows(absence, y)
                bench[y] = (
                    benchmarks(rows, units, national, k, nat_file)
                    if not rows.empty
                    else pd.Series(dtype=float)
                )
                krl[y] = k
            else:
                bench[y] = pd.Series(dtype=float)
                krl[y] = None
    table = pd.DataFrame(cols)
    table.index.names = KEY
    table = table.sort_index()
    bench_df = pd.DataFrame(bench).reindex(table.index)
    for y in years:
        w = reference_fte(absence, y)
        weights[y] = w.reindex(table.index)
    return TargetSet(
        cfg.rule, list(years), table, bench_df, krl, pd.DataFrame(weights), cfg.decimals
    )


def check_rule_inputs(scenario, inputs) -> None:
    """The rule's settings and data exist: base and benchmark years, national file, target file."""
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
        years = calendar_years(absence)
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
