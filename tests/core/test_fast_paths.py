"""The fast paths of issue 7 give exactly what the cell-by-cell paths give (no timings here)."""

from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sygefravaer.api import load_scenario
from sygefravaer.core.allocation import _exact
from sygefravaer.io import inputs as inputs_mod
from sygefravaer.io import readers
from sygefravaer.io.national import read_national

HEADER = "Center;Sektor;Personalegruppe;Periode;Årsværk;Sygefraværsdage\n"


def _write(tmp_path: Path, rows: list[str], name: str = "a.csv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def _slow(path: Path, monkeypatch) -> pd.DataFrame:
    """The same file read with the fast CSV path switched off (every cell as text)."""
    with monkeypatch.context() as m:
        m.setattr(readers, "_read_csv_fast", lambda *a, **k: None)
        return readers.read_absence(path).data


@pytest.mark.parametrize(
    "cells",
    [
        ["12,5", "0,07", "3", " 4,25 ", "1e3", "1,5E-2"],  # plain: the C parser reads them
        ["12,5", "1.234", "3", "4,25", "7", "8"],  # a thousands dot: the text path is used
        ["-0", "1", "2", "3", "4", "5"],  # -0 must stay what parse_numbers makes of it
        ["1", "0", "1", "0", "1", "1"],  # only 0 and 1: could be TRUE/FALSE, text path
    ],
)
def test_fast_csv_equals_text_path(tmp_path, monkeypatch, cells):
    rows = [
        f"C{i % 2}; S{i} ;Gruppe {i % 3};{2013 + i % 2};{c};{c}"  # sick days = fte: no 0-fte error
        for i, c in enumerate(cells)
    ]
    path = _write(tmp_path, rows)
    fast = readers.read_absence(path).data
    slow = _slow(path, monkeypatch)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    # Every number as parse_numbers reads the cell on its own (invariant, not a copied output).
    for col, texts in (("fte", cells), ("sick_days", cells)):
        ref, bad = readers.parse_numbers(pd.Series(texts, dtype=object), danish=True)
        assert not bad.any()
        assert np.array_equal(np.signbit(fast[col].to_numpy()), np.signbit(ref))
        assert fast[col].tolist() == ref.tolist()


@pytest.mark.parametrize("second", ["to", "TRUE"])  # TRUE: pandas alone would read a 1
def test_fast_csv_bad_cell_gives_the_same_error(tmp_path, monkeypatch, second):
    first = "FALSE" if second == "TRUE" else "1,5"
    path = _write(tmp_path, [f"A;B;;2013;{first};2", f"A;C;;2013;{second};3"])
    with pytest.raises(readers.InputError) as fast:
        readers.read_absence(path)
    with monkeypatch.context() as m:
        m.setattr(readers, "_read_csv_fast", lambda *a, **k: None)
        with pytest.raises(readers.InputError) as slow:
            readers.read_absence(path)
    assert fast.value.render() == slow.value.render()
    assert fast.value.row == (2 if second == "TRUE" else 3)  # header on row 1


def test_text_mapped_once_per_value_equals_cell_by_cell():
    s = pd.Series([" a  b ", "a b", None, 3.0, "x"], dtype=object)
    assert readers._map_unique(s, readers._text).tolist() == s.map(readers._text).tolist()
    f = pd.Series([1.0, np.nan, 2.5, 1.0])
    assert readers._map_unique(f, readers._text).tolist() == ["1", "", "2.5", "1"]


def test_exact_weights_equal_fractions():
    values = np.array([0.1, 1 / 3, 12345.678, 0.0, 2.0**-60, 1e15 + 0.5])
    ints, scale = _exact(values)
    for v, n in zip(values, ints, strict=True):
        assert Fraction(n, scale) == Fraction(float(v))
    # One common power of two (any exact common scale gives the same shares).
    assert (
        scale & (scale - 1) == 0
        and scale % max(Fraction(float(v)).denominator for v in values) == 0
    )


def test_long_row_below_a_title_names_its_own_row(tmp_path):
    # Title on row 1, header on row 2, data from row 3: the row with a sixth cell is row 4.
    p = tmp_path / "a.csv"
    p.write_text(
        "Fravær 2013\n" + HEADER + "A;x;;2013;1,5;2\nA;y;;2013;1,5;2;9\nA;z;;2013;1;1\n",
        encoding="utf-8",
    )
    with pytest.raises(readers.InputError) as exc:
        readers.read_absence(p)
    assert exc.value.row == 4


def test_unit_codes_from_reader_equal_groupby(tmp_path):
    """targets.absence_data numbers units from the reader's text codes; the numbers and keys are
    those of groupby(center, sector, sort=True): rows out of order, Danish letters (code-point
    order: 'Å' after 'Ø' after 'Æ' after 'Z'), upper before lower case, a unit on one row only."""
    from sygefravaer.core import targets

    units = [("Ø", "b"), ("Æ", "a"), ("A", "Z"), ("A", "z"), ("Å", "a"), ("A", "Z"), ("Z", "æ")]
    rows = [f"{c};{s};;{2013 + i % 2};1,5;2" for i, (c, s) in enumerate(units)]
    table = readers.read_absence(_write(tmp_path, rows))
    a = table.data
    codes, keys = targets._sorted_units(a.copy())  # plain groupby on a frame not seen before
    assert targets.absence_data(table) is a
    fast_codes, fast_keys = targets._cached(a, "sorted units", lambda _: pytest.fail("not seeded"))
    assert fast_codes.tolist() == codes.tolist()
    assert fast_keys.equals(keys) and fast_keys.names == keys.names
    assert [k.dtype for k in fast_keys.levels] == [k.dtype for k in keys.levels]
    assert list(keys) == sorted(set(units))  # the order groupby gives: Python's str order
    for label in ("2013", "2014", "2015"):  # period rows from the reader's period codes
        assert targets.period_rows(a, label).tolist() == (a["period"] == label).tolist()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_fast_csv_from_file_bytes_equals_text_path(tmp_path, monkeypatch, encoding):
    """The fast path reads the file's own UTF-8 bytes (BOM removed); a cp1252 file is decoded."""
    p = tmp_path / "a.csv"
    p.write_text(HEADER + "Ældre;Plejecenter Åbo;Pædagog;2013;12,5;3\n", encoding=encoding)
    fast = readers.read_absence(p).data
    pd.testing.assert_frame_equal(fast, _slow(p, monkeypatch), check_exact=True)
    assert fast["center"].tolist() == ["Ældre"] and fast["fte"].tolist() == [12.5]


def test_unknown_staff_groups_from_codes_equal_text_path(tmp_path, monkeypatch):
    """The cross-check names each staff group without a national figure once, found from the
    reader's codes in the fast path: the same warnings as with every cell read as text."""
    rows = ["A;B;Pædagoger;2013;2;3", "A;B;Ukendt gruppe;2013;1;1", "A;C;;2013;1;1"]
    absence_path = _write(tmp_path, rows)
    units = tmp_path / "u.csv"
    units.write_text("Center;Sektor;Personalegruppe;Lønsum\nA;B;;100\nA;C;Anden gruppe;200\n")
    national = tmp_path / "n.csv"
    national.write_text("year,staff_group,days_per_fte\n2012,Kommuner i alt,12.0\n")

    def warnings(absence):
        inputs = inputs_mod.Inputs(absence, readers.read_units(units), read_national(national))
        inputs_mod._cross_check(inputs, min_fte=0.0)
        return [str(w) for w in inputs.warnings]

    fast = warnings(readers.read_absence(absence_path))
    with monkeypatch.context() as m:
        m.setattr(readers, "_read_csv_fast", lambda *a, **k: None)
        slow_table = readers.read_absence(absence_path)
    slow_table.codes.clear()  # the text-column path of the cross-check
    assert fast == warnings(slow_table)
    named = [w for w in fast if "personalegruppen" in w]
    assert len(named) == 3  # Anden gruppe, Pædagoger, Ukendt gruppe: sorted, each once
    assert ["'Anden gruppe'" in named[0], "'Pædagoger'" in named[1]] == [True, True]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 1)), min_size=1, max_size=30
    ),
    st.integers(0, 1 << 21),  # a large code: the combination table would be too big, hashing
)
def test_dense_ids_and_duplicates_equal_pandas(rows, big):
    # Key columns as the reader codes them; the dense numbering must group exactly as pandas.
    d = pd.DataFrame(rows, columns=["a", "b", "c"])
    codes = {c: d[c].to_numpy() for c in d.columns}
    codes["c"] = np.where(codes["c"] == 1, big, 0)
    d["c"] = codes["c"]
    key = ["a", "b", "c"]
    want = d.duplicated(key, keep="first").to_numpy()
    assert readers._duplicated(d, key, codes).tolist() == want.tolist()
    ids, k = readers._dense_ids(d, key, codes)
    keys = list(zip(*(d[c] for c in key), strict=True))
    assert k == len(set(keys)) and sorted(set(ids.tolist())) == list(range(k))
    for i in range(len(keys)):  # equal numbers exactly for equal keys
        assert all((ids[i] == ids[j]) == (keys[i] == keys[j]) for j in range(len(keys)))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "Æ"]),
            st.sampled_from(["x", "y"]),
            st.sampled_from(["2012", "2013", "2014", "2013Q2"]),
            st.floats(0, 50, allow_nan=False),
            st.floats(0, 500, allow_nan=False),
        ),
        min_size=1,
        max_size=25,
    ),
    st.booleans(),
)
def test_sums_per_unit_and_period_equal_grouping_the_rows(rows, odd_label):
    """period_levels, year_levels and reference_fte take their sums from one grouping by unit
    and period; they must be the sums of grouping the selected rows (domain.md 4.1). pandas adds
    sorted groups with numpy's reduceat and others with a compensated sum, so the last bit may
    differ: relative 1e-12 is a billion times finer than any rounding the rules apply."""
    from sygefravaer.core import targets

    a = pd.DataFrame(rows, columns=["center", "sector", "period", "fte", "sick_days"])
    a["year"] = a["period"].str[:4].astype("int64")
    a["quarter"] = np.where(a["period"].str.contains("Q"), 2, 0)
    if odd_label:  # two labels for one year: the year-based sums must fall back to the rows
        a.loc[a.index[0], "period"] = a["period"].iloc[0] + " "

    def by_rows(mask):
        g = a[mask].groupby(["center", "sector"], sort=True)[["fte", "sick_days"]].sum()
        return g

    for label in ("2012", "2013", "2013Q2", "2014", "2015"):
        rows_ = (a["period"] == label).to_numpy()
        got = targets.period_levels(a, label, rows_)[["fte", "sick_days"]]
        pd.testing.assert_frame_equal(
            got, by_rows(rows_), check_exact=False, rtol=1e-12, atol=0, check_names=False
        )
    for year in (2012, 2013, 2014):
        mask = ((a["quarter"] == 0) & (a["year"] == year)).to_numpy()
        got = targets.year_levels(a, year)[["fte", "sick_days"]]
        pd.testing.assert_frame_equal(
            got, by_rows(mask), check_exact=False, rtol=1e-12, atol=0, check_names=False
        )
    for before in (2013, 2014, 2015):
        got = targets.reference_fte(a, before)
        want = by_rows(targets._reference_mask(a, before))["fte"]
        pd.testing.assert_series_equal(
            got, want, check_exact=False, rtol=1e-12, atol=0, check_names=False
        )


def test_sums_per_unit_and_period_from_the_readers_period_codes(tmp_path):
    """With the reader's canonical period labels, year and quarter come from the labels; the sums
    must still be those of grouping the selected rows (to the last bit or two, as above)."""
    from sygefravaer.core import targets

    periods = ["2012", "2013", "2013Q2", "2014", "2013", "2012", "2014Q1"]
    rows = [
        f"{'AB'[i % 2]};{'xyz'[i % 3]};G{i};{p};{1 + i * 0.1:.1f}".replace(".", ",")
        + f";{3 + i * 0.7:.1f}".replace(".", ",")
        for i, p in enumerate(periods * 3)
    ]
    table = readers.read_absence(_write(tmp_path, rows))
    a = targets.absence_data(table)
    assert targets._period_codes(a)[2]  # seeded from the reader

    def by_rows(mask):
        return a[mask].groupby(["center", "sector"], sort=True)[["fte", "sick_days"]].sum()

    for year in (2012, 2013, 2014):
        mask = ((a["quarter"] == 0) & (a["year"] == year)).to_numpy()
        got = targets.year_levels(a, year)[["fte", "sick_days"]]
        pd.testing.assert_frame_equal(got, by_rows(mask), check_exact=False, rtol=1e-12, atol=0)
    for before in (2013, 2014, 2015):
        got = targets.reference_fte(a, before)
        want = by_rows(targets._reference_mask(a, before))["fte"]
        pd.testing.assert_series_equal(got, want, check_exact=False, rtol=1e-12, atol=0)
    for label in ("2013Q2", "2014Q1", "2013"):
        rows_ = (a["period"] == label).to_numpy()
        got = targets.period_levels(a, label, rows_)[["fte", "sick_days"]]
        pd.testing.assert_frame_equal(got, by_rows(rows_), check_exact=False, rtol=1e-12, atol=0)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "Æ", "a"]),
            st.integers(0, 5),
            st.floats(0, 30, allow_nan=False),
            st.one_of(st.none(), st.floats(0, 80, allow_nan=False)),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda r: (r[0], r[1]),
    ),
    st.booleans(),
)
def test_center_means_from_level_codes_equal_grouping_by_level(rows, unsorted):
    """weighted_target and status._aggregate group on the center level's codes in one pass; the
    figures must be those of grouping by the level (4.1, 4.3)."""
    from sygefravaer.core import status, targets

    rows = sorted(rows)
    if unsorted:
        rows = rows[::-1]  # the codes then fall back to grouping by the level
    idx = pd.MultiIndex.from_tuples(
        [(c, f"s{s}") for c, s, _, _ in rows], names=["center", "sector"]
    )
    target = pd.Series([t for _, _, t, _ in rows], index=idx)
    fte = pd.Series([np.nan if f is None else f for _, _, _, f in rows], index=idx)

    def slow(t, f):
        df = pd.DataFrame({"t": t, "f": f}).dropna(subset=["t"])
        df["f"] = df["f"].fillna(0.0)
        df["tf"] = df["t"] * df["f"]
        g = df.groupby(level=["center"], sort=True)[["tf", "f"]].sum()
        return pd.Series(
            targets.round_half_up(g["tf"] / g["f"].where(g["f"] > 0), 1), index=g.index
        )

    pd.testing.assert_series_equal(
        targets.weighted_target(target, fte, ["center"], 1), slow(target, fte), check_names=False
    )
    df = pd.DataFrame(
        {
            "fte": fte.fillna(1.0),
            "sick_days": fte.fillna(1.0) * 11.5,
            "payroll": 1000.0 * target,
            "substitute_budget": 10.0 * target,
            "prior_reduction": 0.0,
            "target": target,
            "benchmark": target / 2,
        }
    )
    df = status._finish(df, 200)
    sc = load_scenario(Path(__file__).parents[1] / "data" / "core" / "glide" / "scenario.toml")
    fast = status._aggregate(df, ["center"], sc)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(status, "level_sums", lambda *a: None)
        ref = status._aggregate(df, ["center"], sc)
    pd.testing.assert_frame_equal(fast, ref, check_exact=False, rtol=1e-12, atol=0)


def test_benchmarks_grouped_on_unit_numbers_equal_grouping_by_key(core_dir):
    """The glide rule groups the base year's rows on the sorted unit numbers (issue 7): the
    benchmarks must be those of grouping by center and sector (4.2)."""
    from sygefravaer.core import targets

    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    inputs = inputs_mod.load_inputs(sc)
    a = targets.absence_data(inputs.absence)
    nat = inputs.national.data
    ids, keys = targets._cached(a, "sorted units", targets._sorted_units)
    for year in sorted(set(a["year"])):
        base = ((a["quarter"] == 0) & (a["year"] == year)).to_numpy()
        if not base.any():
            continue
        rows = a.loc[base, targets.KEY + ["staff_group", "fte"]]
        k = int(nat["year"].max())
        fast = targets.benchmarks(rows, inputs.units.data, nat, k, None, (ids[base], keys))
        slow = targets.benchmarks(rows, inputs.units.data, nat, k)
        pd.testing.assert_series_equal(fast, slow, check_exact=True)


@pytest.mark.parametrize(
    "cells",
    [
        ["5.796.748", "116.000", "", "500", "1.000.000.000.000", "007"],  # the whole-number path
        ["5.796.748", "-0", "12"],  # a sign: the general path (-0 stays -0)
        ["1.234,50", "12,5", ""],  # decimals: the general path
        ["9999999999999999", "1"],  # 16 digits: the general path
    ],
)
def test_whole_danish_numbers_column_equals_general_path(cells, monkeypatch):
    """A column of blanks and whole numbers with thousands dots is read in one pass (issue 7);
    the values must be those of the general path, sign of zero included."""
    s = pd.Series(cells, dtype=object)
    fast, fast_bad = readers.parse_numbers(s, True)
    monkeypatch.setattr(readers, "_plain_danish", lambda _: None)
    slow, slow_bad = readers.parse_numbers(s, True)
    assert np.array_equal(fast, slow, equal_nan=True) and not fast_bad.any()
    assert np.signbit(fast).tolist() == np.signbit(slow).tolist()
    assert fast_bad.tolist() == slow_bad.tolist()
    if cells[0] == "5.796.748" and cells[1] == "116.000":
        assert fast[:2].tolist() == [5796748.0, 116000.0] and np.isnan(fast[2])
