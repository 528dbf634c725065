"""The speed-ups of issue 7 give what the rules give (no timings here).

AbsenceSums (core/fast.py) against the absence rules of core/absence.py (4.1), the benchmark on
unit numbers against grouping by key (4.2), level_sums against grouping by the index level (the
center targets of 4.3 and the center figures of 4.4), map_distinct against Series.map, and the
exact integers of core/rounding.py against fractions (4.5).
"""

import math
from dataclasses import FrozenInstanceError
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sygefravaer.api import load_scenario
from sygefravaer.core.absence import (
    KEY,
    calendar_rows,
    calendar_years,
    glide_reference_mask,
    levels,
    reference_mask,
    reference_rows,
    with_columns,
)
from sygefravaer.core.benchmark import (
    NationalYear,
    benchmarks,
    benchmarks_by_codes,
    benchmarks_by_unit,
)
from sygefravaer.core.fast import AbsenceSums, level_sums, map_distinct
from sygefravaer.core.rounding import exact_integers
from sygefravaer.core.status import compute_status
from sygefravaer.core.targets import center_targets
from sygefravaer.decimals import decimal_of
from sygefravaer.errors import InputError
from sygefravaer.io import readers
from sygefravaer.io.inputs import load_inputs

HEADER = "Center;Sektor;Personalegruppe;Periode;Årsværk;Sygefraværsdage\n"
PERIODS = ["2012", "2013", "2013Q2", "2014", "2014Q1"]
# Sums of the same values in the same order, but pandas may add sorted runs of groups with
# numpy's reduceat and others with its compensated sum: the last bit may differ. Relative 1e-12
# is a billion times finer than any rounding the rules apply (4.3, 4.4).
CLOSE = {"check_exact": True}


def _write(tmp_path: Path, rows: list[str], name: str = "a.csv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def _frame(rows) -> pd.DataFrame:
    """An absence frame as the reader makes it, from (center, sector, period, fte, sick_days)."""
    a = pd.DataFrame(rows, columns=["center", "sector", "period", "fte", "sick_days"])
    a["year"] = a["period"].str[:4].astype("int64")
    a["quarter"] = a["period"].str[5:].replace("", "0").astype("int64")
    a["staff_group"] = ""
    return a


absence_rows = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "Æ", "a"]),
        st.sampled_from(["x", "y"]),
        st.sampled_from(PERIODS),
        st.floats(0, 50, allow_nan=False),
        st.floats(0, 500, allow_nan=False),
    ),
    min_size=1,
    max_size=25,
)


def _assert_sums_follow_the_rules(sums: AbsenceSums, a: pd.DataFrame) -> None:
    """Every AbsenceSums method against the rule it stands for, on the frame `a`."""

    def same(got, want):
        if want.empty:  # no rows: no unit (the empty index's type is pandas' guess)
            assert got.empty
        elif isinstance(want, pd.Series):
            pd.testing.assert_series_equal(got, want, **CLOSE)
        else:
            pd.testing.assert_frame_equal(got, want, **CLOSE)

    # The rules on the rows with their exact columns (absence.with_exact), summed by groupby.
    ex, scales = sums.data, sums.scales
    assert ex[["fte", "sick_days"]].equals(a[["fte", "sick_days"]])
    for label in [*PERIODS, "2015"]:
        rows = (a["period"] == label).to_numpy()
        assert sums.period_rows(label).tolist() == rows.tolist()
        assert sums.has_period(label) == bool(rows.any())
        same(sums.period_levels(label), levels(ex[rows], KEY, scales))
    for year in (2012, 2013, 2014, 2015):
        same(sums.year_levels(year), levels(ex[calendar_rows(a, year)], KEY, scales))
    for before in (2012, 2013, 2014, 2015, 3020):
        assert sums.reference_mask(before).tolist() == reference_mask(a, before).tolist()
        want = levels(reference_rows(ex, before), KEY, scales)["fte_n"]
        same(sums.reference_fte(before).astype(object), want.astype(object))
    for base in (2012, 2013, 2014, 2015):  # units without the base year: their earliest year
        assert sums.glide_reference_mask(base).tolist() == glide_reference_mask(a, base).tolist()
    assert sums.calendar_years() == calendar_years(a)  # from the period codes (issue 14)
    if sums.groups is not None:  # the staff-group codes: texts[codes] is the column
        codes, texts = sums.groups
        assert [texts[c] for c in codes.tolist()] == a["staff_group"].tolist()


@settings(max_examples=100, deadline=None)
@given(absence_rows, st.booleans(), st.booleans())
def test_absence_sums_equal_the_rules(rows, odd_label, far_year):
    """period_levels, year_levels and reference_fte take their sums from one grouping by unit
    and period; reference_mask finds each unit's latest year on the unit numbers. Each equals
    its rule in core/absence.py (4.1, 4.3)."""
    a = _frame(rows)
    if odd_label:  # two labels for one year: the year-based sums must fall back to the rows
        a.loc[a.index[0], "period"] = a["period"].iloc[0] + " "
    if far_year:  # years 1000 apart: the reference rows are found by the rule itself
        a.loc[a.index[-1], ["period", "year", "quarter"]] = ["3012", 3012, 0]
    _assert_sums_follow_the_rules(AbsenceSums.from_frame(a), a)


def test_absence_sums_from_the_readers_codes(tmp_path):
    """From a read table, AbsenceSums numbers units from the reader's text codes and periods
    from its canonical labels: the numbers and keys of groupby(center, sector, sort=True), rows
    out of order, Danish letters (code-point order: 'Å' after 'Ø' after 'Æ' after 'Z'), upper
    before lower case ('Z' < 'y'; not 'z': the readers refuse two names that differ
    only in case, domain.md 3), a unit on one row only; and the sums of the rules."""
    units = [("Ø", "b"), ("Æ", "a"), ("A", "Z"), ("A", "y"), ("Å", "a"), ("A", "Z"), ("Z", "æ")]
    periods = ["2012", "2013", "2013Q2", "2014", "2013", "2012", "2014Q1"]
    rows = [
        f"{c};{s};G{i};{p};{1 + i * 0.1:.1f}".replace(".", ",")
        + f";{3 + i * 0.7:.1f}".replace(".", ",")
        for i, ((c, s), p) in enumerate(zip(units * 3, periods * 3, strict=True))
    ]
    table = readers.read_absence(_write(tmp_path, rows))
    a = table.data
    sums = AbsenceSums.of(table)
    plain = AbsenceSums.from_frame(a.copy())  # groupby and factorize on a plain frame
    assert sums.unit.tolist() == plain.unit.tolist()
    assert sums.keys.equals(plain.keys) and sums.keys.names == plain.keys.names
    assert [k.dtype for k in sums.keys.levels] == [k.dtype for k in plain.keys.levels]
    assert list(sums.keys) == sorted(set(units))  # the order groupby gives: Python's str order
    assert set(sums.labels) - {""} == set(periods)  # the reader's labels ('' if unused)
    _assert_sums_follow_the_rules(sums, a)


def test_absence_sums_is_an_immutable_value(core_dir):
    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    sums = AbsenceSums.of(load_inputs(sc).absence)
    with pytest.raises(FrozenInstanceError):
        sums.unit = np.zeros(3)
    for arr in (sums.unit, sums.period, sums.sums.fte_n, sums.sums.sick_n):
        assert not arr.flags.writeable
        with pytest.raises(ValueError):
            arr[0] = 1


def test_changed_table_gives_its_own_figures(core_dir):
    """Nothing is remembered between calls: a second absence table with the same units and
    periods but other sick days gives its own status, before and after the first one again."""
    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    inputs = load_inputs(sc)
    table = inputs.absence

    def with_absence(data: pd.DataFrame) -> SimpleNamespace:
        absence = SimpleNamespace(
            data=data,
            path=table.path,
            codes=table.codes,
            code_texts=table.code_texts,
            sorted_units=lambda: None,  # a table without the reader's unit numbers
        )
        return SimpleNamespace(
            absence=absence,
            units=inputs.units,
            national=inputs.national,
            targets=inputs.targets,
            warnings=[],
        )

    def skoler(inp) -> float:
        st_ = compute_status(sc, inp, year=2015)  # 2014 absence
        row = st_.units.set_index(KEY).loc[("Børn og Unge", "Skoler")]
        return float(row["days_per_fte"])

    doubled = table.data.copy()
    doubled["sick_days"] = doubled["sick_days"] * 2
    # Skoler 2014: 500 days / 40 fte = 12.5; doubled: 25.0
    assert skoler(with_absence(table.data.copy())) == pytest.approx(12.5)
    assert skoler(with_absence(doubled)) == pytest.approx(25.0)
    assert skoler(inputs) == pytest.approx(12.5)


# --------------------------------------------------------------------------- 4.2 benchmark

staff_rows = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "Æ"]),
        st.sampled_from(["x", "y"]),
        st.sampled_from(["", "Lærere", "pædagoger ", "Ukendt"]),
        st.floats(0, 40, allow_nan=False),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=100, deadline=None)
@given(staff_rows, st.sampled_from(["", "Lærere", "Ukendt"]))
def test_benchmarks_by_unit_equal_benchmarks(rows, unit_group):
    """Grouped on the unit numbers, the benchmarks are those of grouping by key, to the bit
    (4.2): own staff group, else the units table's, else Kommuner i alt."""
    df = pd.DataFrame(rows, columns=["center", "sector", "staff_group", "fte"])
    keys = sorted(set(zip(df["center"], df["sector"], strict=True)))
    units = pd.DataFrame(keys, columns=KEY).assign(staff_group=unit_group)
    national = pd.DataFrame(
        {
            "year": [2012, 2012, 2012, 2013],
            "staff_group": ["Kommuner i alt", "Lærere", "Pædagoger", "Ukendt"],
            "group_key": ["kommuner i alt", "lærere", "pædagoger", "ukendt"],
            "days_per_fte": [12.0, 10.25, 14.5, 9.0],
        }
    )
    sums = AbsenceSums.from_frame(df.assign(period="2013", year=2013, quarter=0, sick_days=0.0))
    fast_warnings, slow_warnings = [], []  # 'Ukendt' has a 2013 figure, none for 2012
    nat = NationalYear.of(national, 2012)
    fast = benchmarks_by_unit(df, sums.unit, sums.keys, units, nat, fast_warnings)
    slow = benchmarks(df, units, national, 2012, None, slow_warnings)
    pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_exact=True)
    assert fast_warnings == slow_warnings
    uses_ukendt = df["staff_group"].eq("Ukendt").any() or (
        unit_group == "Ukendt" and df["staff_group"].eq("").any()
    )
    assert len(fast_warnings) == int(uses_ukendt)
    # On the staff-group codes (issue 14): the same frame, or None where a fallback warning is
    # to be given (benchmarks_by_unit words it); without warnings wanted, always the frame.
    fte = sums.data["fte_n"].to_numpy()
    for wanted in ([], None):
        coded = benchmarks_by_codes(sums.unit, fte, sums.groups, sums.keys, units, nat, wanted)
        if wanted is not None and uses_ukendt:
            assert coded is None
            continue
        pd.testing.assert_frame_equal(coded.astype(object), slow.astype(object), check_exact=True)


def test_benchmarks_by_codes_leave_a_missing_total_to_the_rule():
    """Without `Kommuner i alt` for the KRL year, a group without a figure is an error that the
    rule words (4.2): the coded path gives None, the rule raises."""
    df = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": ["Ukendt"], "fte": [2.0]})
    national = pd.DataFrame(
        {"year": [2012], "staff_group": ["Lærere"], "group_key": ["lærere"], "days_per_fte": [9.0]}
    )
    units = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": [""]})
    sums = AbsenceSums.from_frame(df.assign(period="2013", year=2013, quarter=0, sick_days=0.0))
    nat = NationalYear.of(national, 2012)
    fte = sums.data["fte_n"].to_numpy()
    assert benchmarks_by_codes(sums.unit, fte, sums.groups, sums.keys, units, nat) is None
    with pytest.raises(InputError, match="Kommuner i alt"):
        benchmarks(df, units, national, 2012)


def test_benchmarks_grouped_on_unit_numbers_from_the_fixture(core_dir):
    """The glide rule groups the base year's rows on the sorted unit numbers: the benchmarks
    must be those of grouping by center and sector (4.2), every year of the fixture."""
    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    inputs = load_inputs(sc)
    sums = AbsenceSums.of(inputs.absence)
    a, nat = inputs.absence.data, inputs.national.data
    for year in sorted(set(a["year"])):
        base = calendar_rows(a, year)
        if not base.any():
            continue
        rows = a.loc[base, KEY + ["staff_group", "fte"]]
        k = int(nat["year"].max())
        year_nat = NationalYear.of(nat, k)
        fast = benchmarks_by_unit(rows, sums.unit[base], sums.keys, inputs.units.data, year_nat)
        slow = benchmarks(rows, inputs.units.data, nat, k)
        pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_exact=True)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from([" a  b ", "a b", "X", "ø"])), max_size=12))
def test_map_distinct_equals_map(values):
    s = pd.Series(values, dtype=object)
    fn = lambda v: " ".join(str(v).split()).casefold()  # noqa: E731
    assert map_distinct(s, fn).tolist() == s.map(fn).tolist()
    assert map_distinct(s.dropna(), fn).index.equals(s.dropna().index)


# --------------------------------------------------------------------------- 4.3, 4.4 centers

center_rows = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "Æ", "a"]),
        st.integers(0, 5),
        st.floats(0, 30, allow_nan=False),
        st.one_of(st.none(), st.floats(0, 80, allow_nan=False)),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda r: (r[0], r[1]),
)


def _indexed(rows, unsorted: bool) -> tuple[pd.MultiIndex, np.ndarray, np.ndarray]:
    rows = sorted(rows)
    if unsorted:
        rows = rows[::-1]
    idx = pd.MultiIndex.from_tuples([(c, f"s{s}") for c, s, _, _ in rows], names=KEY)
    t = np.array([t for _, _, t, _ in rows], dtype="float64")
    f = np.array([np.nan if f is None else f for _, _, _, f in rows], dtype="float64")
    return idx, t, f


@settings(max_examples=150, deadline=None)
@given(center_rows, st.booleans(), st.booleans())
def test_level_sums_equal_grouping_by_the_level(rows, unsorted, flat):
    """level_sums groups on the level's codes in one pass: each column's sums of grouping by
    the level, to the bit, whatever the order of the rows, NaN included (a NaN in one column
    changes how pandas adds the columns of its block: the columns are kept apart)."""
    idx, t, f = _indexed(rows, unsorted)
    if flat:  # a plain index: pandas' grouping on the level
        idx = pd.Index(idx.get_level_values("center"), name="center")
    columns = {"t": t, "f": f, "tf": t * np.nan_to_num(f)}
    want = pd.DataFrame(
        {
            c: pd.Series(v, index=idx).groupby(level="center", sort=True).sum()
            for c, v in columns.items()
        }
    )
    pd.testing.assert_frame_equal(level_sums(idx, "center", columns), want, check_exact=True)


@settings(max_examples=150, deadline=None)
@given(center_rows, st.booleans(), st.booleans())
def test_center_targets_equal_the_weighted_mean_by_grouping(rows, unsorted, gaps):
    """center_targets: sum(t * f) / sum(f) per center over the units with a target, rounded
    half up (4.3), as grouping by the level gives it."""
    idx, t, f = _indexed(rows, unsorted)
    if gaps:  # units without a target are left out, their fte too
        t[::3] = np.nan
    targets, fte = pd.Series(t, index=idx), pd.Series(f, index=idx)
    # The rule in Fractions: each float read as its decimal, the mean rounded half up exactly.
    want = {}
    for (c, _), ti, fi in zip(idx, t, f, strict=True):
        if not np.isnan(ti):
            tf, fs = want.get(c, (Fraction(0), Fraction(0)))
            fi = Fraction(0) if np.isnan(fi) else decimal_of(fi)
            want[c] = (tf + decimal_of(ti) * fi, fs + fi)
    expect = {
        c: float(math.floor(tf / fs * 10 + Fraction(1, 2)) / 10) if fs > 0 else np.nan
        for c, (tf, fs) in sorted(want.items())
    }
    got = center_targets(targets, fte, 1)
    assert list(got.index) == list(expect)
    assert np.array_equal(got.to_numpy(), np.array(list(expect.values())), equal_nan=True)


# --------------------------------------------------------------------------- 4.5 exact money


def test_exact_integers_equal_fractions():
    values = np.array([0.1, 1 / 3, 12345.678, 0.0, 2.0**-60, 1e15 + 0.5])
    ints, scale = exact_integers(values)
    for v, n in zip(values, ints, strict=True):
        assert Fraction(n, scale) == Fraction(float(v))
    # One common power of two (any exact common scale gives the same shares).
    assert (
        scale & (scale - 1) == 0
        and scale % max(Fraction(float(v)).denominator for v in values) == 0
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e6, 1e18, allow_nan=False, allow_infinity=False), max_size=8))
def test_exact_integers_of_any_finite_floats(values):
    ints, scale = exact_integers(np.array(values, dtype="float64"))
    assert [Fraction(n, scale) for n in ints] == [Fraction(v) for v in values]


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_exact_integers_refuse_what_is_no_number(bad):
    with pytest.raises(ValueError):
        exact_integers(np.array([1.0, bad]))


def test_with_columns_equals_setting_the_columns():
    # Issue 14: with_exact adds its exact columns without the copy that setting a column makes;
    # the frame is the one setting them gives, the given array is used as is, the frame given
    # is left unchanged.
    frame = pd.DataFrame(
        {"fte": [1.5, 2.0], "center": pd.Series(["A", "B"], dtype=object)}, index=[3, 7]
    )
    fte_n = np.array([15, 20], dtype=np.int64)
    want = frame.copy()
    want["fte_n"] = fte_n
    got = with_columns(frame, {"fte_n": fte_n})
    pd.testing.assert_frame_equal(got, want)
    assert np.shares_memory(got["fte_n"].to_numpy(), fte_n)
    assert list(frame.columns) == ["fte", "center"]
