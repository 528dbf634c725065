"""The benchmark by staff mix (domain.md 4.2): the national averages a unit is held against.

For a unit and KRL year k: sum_g fte_g * N(g, k) / sum_g fte_g over its staff groups g in the
absence rows of the reference period, N being the national average. `benchmarks` is the rule;
`benchmarks_by_unit` the same figures grouped on the unit numbers of an AbsenceSums (issue 7).
Both are exact (4.5, exact): the rows' exact fte (absence.EXACT) and each national average's
decimal, summed as integers; `exact_benchmarks` gives them as rationals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..decimals import scaled
from ..errors import InputError, InputWarning
from ..names import KRL_TOTAL, KRL_TOTAL_KEY, group_key
from .absence import KEY
from .exact import Q, exact_ints, ints
from .fast import combined_sums, map_distinct
from .plausibility import listed, number, unit_name


def krl_years(national: pd.DataFrame | None) -> list[int]:
    """The years the national-average table has figures for."""
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


@dataclass(frozen=True)
class NationalYear:
    """One KRL year's national averages N(g, k) by group key (names.group_key), and the file
    they came from (for messages). `elsewhere`: the groups with no figure this year that have
    one in other years, with those years and the group's spelling in the file."""

    year: int
    by_group: dict[str, float]
    file: str | None
    elsewhere: dict[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict)

    @classmethod
    def of(cls, national: pd.DataFrame, krl_year: int, file: str | None = None) -> NationalYear:
        """The national table's figures for `krl_year`; an input error when it has none."""
        this = (national["year"] == krl_year).to_numpy()
        nat = national[this]
        if nat.empty:
            raise InputError(
                f"landsgennemsnittet for {krl_year} findes ikke",
                file=file,
                hint=f"Årene i filen er: {', '.join(map(str, krl_years(national)))}.",
            )
        by_group = dict(zip(nat["group_key"], nat["days_per_fte"], strict=True))
        other = national[~this & ~national["group_key"].isin(list(by_group))]
        elsewhere = {
            key: (str(g["staff_group"].iloc[0]), tuple(sorted(set(g["year"].tolist()))))
            for key, g in other.groupby("group_key", sort=True)
        }
        return cls(krl_year, by_group, file, elsewhere)


def row_averages(
    rows: pd.DataFrame,
    units: pd.DataFrame,
    nat: NationalYear,
    warnings: list[InputWarning] | None = None,
) -> pd.Series:
    """N(g, k) for each absence row (4.2): the national average of its staff group. A row
    without staff group takes the unit's staff_group from the units table; a group with no
    national figure, or no group at all, takes `Kommuner i alt`.

    `warnings`: where a group that has figures in other KRL years falls back for this one, a
    warning per group is appended (issue 9: the benchmark would jump between years).
    """
    group = map_distinct(rows["staff_group"], group_key)
    if group.eq("").any():  # only rows without a staff group look at the units table
        unit_group = units.set_index(KEY)["staff_group"]
        of_unit = unit_group.reindex(pd.MultiIndex.from_frame(rows[KEY])).to_numpy()
        from_units = map_distinct(pd.Series(of_unit, index=rows.index).fillna(""), group_key)
        group = group.where(group != "", from_units)
    n = group.map(nat.by_group)
    if n.isna().any():
        fallback = nat.by_group.get(KRL_TOTAL_KEY)
        if fallback is None:
            missing = sorted(set(group[n.isna()]) - {""})
            raise InputError(
                f"landsgennemsnittet for 'Kommuner i alt' i {nat.year} mangler, og det skal "
                f"bruges for personalegrupper uden eget tal "
                f"({', '.join(missing) or 'ingen gruppe'})",
                file=nat.file,
                hint="Tilføj en række med 'Kommuner i alt' for året.",
            )
        if warnings is not None and nat.elsewhere:
            warnings += fallback_warnings(rows, group[n.isna()], nat, fallback)
        n = n.fillna(fallback)
    return n


def fallback_warnings(
    rows: pd.DataFrame, fell_back: pd.Series, nat: NationalYear, fallback: float
) -> list[InputWarning]:
    """A warning per staff group in `fell_back` (the group key of each row that took
    `Kommuner i alt`) that has national figures in other years but none in `nat.year`, naming
    the units that use it, in group-key order."""
    groups = sorted(set(fell_back.unique().tolist()) & set(nat.elsewhere))
    name = Path(nat.file).name if nat.file else "landsgennemsnittet"
    out = []
    for key in groups:
        spelling, years = nat.elsewhere[key]
        where = fell_back.index[fell_back.to_numpy() == key]
        keys = rows.loc[where, KEY].drop_duplicates().sort_values(KEY)
        units = [unit_name(k) for k in keys.itertuples(index=False, name=None)]
        out.append(
            InputWarning(
                f"{name}: personalegruppen {spelling!r} har intet landsgennemsnit for "
                f"KRL-år {nat.year} (men for {', '.join(map(str, years))}); "
                f"'{KRL_TOTAL}' ({number(fallback)}) bruges i stedet for "
                f"{len(units)} {'enhed' if len(units) == 1 else 'enheder'}: "
                f"{listed(units)}. Tilføj gruppens tal for {nat.year}, hvis KRL har det.",
                file=nat.file,
            )
        )
    return out


def benchmarks(
    rows: pd.DataFrame,
    units: pd.DataFrame,
    national: pd.DataFrame,
    krl_year: int,
    file: str | None = None,
    warnings: list[InputWarning] | None = None,
) -> pd.Series:
    """Benchmark per unit (4.2): the fte-weighted mean of `row_averages` over the unit's rows.

    A unit with zero fte in the reference period takes the plain mean of its rows' averages.
    `warnings`: the KRL fallbacks of `row_averages` are appended here. A frame indexed by unit:
    `benchmark` (the exact value rounded to a float) and its exact parts (`exact_benchmarks`).
    """
    n = row_averages(rows, units, NationalYear.of(national, krl_year, file), warnings)
    df, scale = _weighted(rows, n)
    return _benchmark(df.groupby(KEY, sort=True), scale)


def benchmarks_by_unit(
    rows: pd.DataFrame,
    unit: np.ndarray,
    keys: pd.MultiIndex,
    units: pd.DataFrame,
    nat: NationalYear,
    warnings: list[InputWarning] | None = None,
) -> pd.Series:
    """`benchmarks` against the KRL year `nat`, grouped on each row's unit number (`unit`,
    into the sorted `keys`, as AbsenceSums numbers them) instead of hashing the text keys
    (issue 7): the same groups in the same order, so the same figures (and `warnings`)."""
    n = row_averages(rows, units, nat, warnings)
    df, scale = _weighted(rows, n)
    b = _benchmark(df[["n", "nf", "fte", "one"]].groupby(unit, sort=True), scale)
    return b.set_axis(keys[b.index.to_numpy()])


def benchmarks_by_codes(
    unit: np.ndarray,
    fte_n: np.ndarray,
    groups: tuple[np.ndarray, tuple[str, ...]],
    keys: pd.MultiIndex,
    units: pd.DataFrame,
    nat: NationalYear,
    warnings: list[InputWarning] | None = None,
) -> pd.DataFrame | None:
    """`benchmarks_by_unit` on arrays: per row its unit number (into `keys`), exact fte and
    staff-group code (`texts[codes]` is the staff_group column, `groups` = (codes, texts)).
    N(g, k) is looked up once per code (issue 14: no text per row); a row without a staff group
    takes its unit's from the units table (4.2). None where a group falls back to `Kommuner i
    alt` with a warning to give, or without one (`benchmarks_by_unit` then says so)."""
    codes, texts = groups
    key_of = [group_key(t) for t in texts]
    n_row = np.array([nat.by_group.get(k, np.nan) for k in key_of], dtype="float64")[codes]
    blank = np.array([k == "" for k in key_of], dtype=bool)[codes]
    unit_keys = None
    if blank.any():  # only rows without a staff group look at the units table
        unit_group = units.set_index(KEY)["staff_group"].reindex(keys).fillna("")
        unit_keys = map_distinct(unit_group.astype(object), group_key).to_numpy()
        of_unit = np.array([nat.by_group.get(k, np.nan) for k in unit_keys], dtype="float64")
        n_row = np.where(blank, of_unit[unit], n_row)
    missing = np.isnan(n_row)
    if missing.any():
        fallback = nat.by_group.get(KRL_TOTAL_KEY)
        fell = {key_of[c] for c in np.unique(codes[missing & ~blank]).tolist()}
        if unit_keys is not None:
            fell |= set(unit_keys[np.unique(unit[missing & blank])].tolist())
        if fallback is None or (warnings is not None and fell & set(nat.elsewhere)):
            return None
        n_row = np.where(missing, fallback, n_row)
    avg = scaled(n_row)
    f = np.asarray(fte_n)
    nf = _products(avg.ints, f)
    used, (s_nf, s_f, s_n, s_one) = combined_sums(
        unit, [nf, f, avg.ints, np.ones(len(unit), dtype=np.int64)], len(keys)
    )
    return _benchmark_frame(s_nf, s_f, s_n, s_one, avg.denominator, keys[used])


def exact_benchmarks(frame: pd.DataFrame) -> Q:
    """The exact benchmarks of a `benchmarks` frame (rows of a unit without any: 0)."""
    num = exact_ints(frame["b_num"].fillna(0).to_numpy())
    return Q(num, exact_ints(frame["b_den"].fillna(1).to_numpy()))


def _weighted(rows: pd.DataFrame, n: pd.Series) -> tuple[pd.DataFrame, int]:
    """The rows' key, exact fte f (absence.EXACT: integers over one scale), national average n
    as integers over one power of ten (returned), and n * f, exactly."""
    df = rows[KEY + ["staff_group"]].copy()
    avg = scaled(n.to_numpy())
    # The exact fte (AbsenceSums' rows), or the float fte read as their decimals.
    fte = rows["fte_n"] if "fte_n" in rows.columns else scaled(rows["fte"].to_numpy()).ints
    df["fte"] = np.asarray(fte)
    df["n"] = avg.ints
    df["nf"] = _products(df["n"].to_numpy(), df["fte"].to_numpy())
    df["one"] = 1
    return df, avg.denominator


def _products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a * b exactly: int64 where no product (or sum of them) can overflow, else Python ints."""
    if a.dtype != object and b.dtype != object and len(a):
        top = float(np.abs(a).max()) * float(np.abs(b).max()) * len(a)
        if top < 2.0**62:
            return a.astype(np.int64) * b.astype(np.int64)
    return ints(a) * ints(b)


def _benchmark(by_unit, scale: int) -> pd.DataFrame:
    """sum(n * fte) / sum(fte) per group, else the plain mean of n where the fte sum is 0;
    as a float (`benchmark`) and exactly (`b_num` / `b_den`)."""
    g = by_unit[["nf", "fte", "n", "one"]].sum()
    parts = (g[c].to_numpy() for c in ("nf", "fte", "n", "one"))
    return _benchmark_frame(*parts, scale, g.index)


def _benchmark_frame(nf, fte, n, one, scale: int, index: pd.Index) -> pd.DataFrame:
    """The `_benchmark` frame from the sums per unit of n * fte, fte, n and rows."""
    has = fte != 0
    num = np.where(has, ints(nf), ints(n))
    den = np.where(has, ints(fte), ints(one)) * scale
    q = Q(num, den)
    return pd.DataFrame({"benchmark": q.to_float(), "b_num": num, "b_den": den}, index=index)
