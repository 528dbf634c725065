"""The fast reading paths of issue 7 give exactly what the general paths give (no timings here).

`fast=False` reads a table by the general path only: every CSV cell as text, each cell mapped on
its own, no text codes (so duplicate keys by pandas and no sorted unit numbers). The fast pieces
are also checked one by one against pandas' own duplicated, groupby and map.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sygefravaer.errors import InputError, InputErrors
from sygefravaer.io.codes import cell_text, dense_ids, duplicated_rows, map_unique
from sygefravaer.io.headers import ABSENCE
from sygefravaer.io.inputs import Inputs, cross_check
from sygefravaer.io.national import read_national
from sygefravaer.io.numbers import parse_numbers, scan_text_numbers, scan_whole_numbers
from sygefravaer.io.readers import read_absence, read_targets, read_units
from sygefravaer.io.tables import read_table

HEADER = "Center;Sektor;Personalegruppe;Periode;Årsværk;Sygefraværsdage\n"


def _write(tmp_path: Path, rows: list[str], name: str = "a.csv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def _same_table(fast, slow) -> None:
    """The same data, rows and header names; the slow table has no codes."""
    pd.testing.assert_frame_equal(fast.data, slow.data, check_exact=True)
    assert fast.rows.tolist() == slow.rows.tolist()
    assert dict(fast.columns) == dict(slow.columns)
    assert dict(slow.codes) == {} and slow.sorted_units() is None


def _same_reading(read, path) -> InputError | None:
    """The fast path's table equals the general path's, or both refuse with the same message;
    the general path's refusal, if any."""
    try:
        slow = read(path, fast=False)
    except InputError as exc:
        with pytest.raises(InputError) as fast:
            read(path)
        assert fast.value.render() == exc.render()
        return exc
    _same_table(read(path), slow)
    return None


@pytest.mark.parametrize(
    "cells",
    [
        ["12,5", "0,07", "3", " 4,25 ", "1e3", "1,5E-2"],  # plain: the C parser reads them
        ["12,5", "1.234", "3", "4,25", "7", "8"],  # a thousands dot: the text path is used
        ["-0", "1", "2", "3", "4", "5"],  # -0 must stay what parse_numbers makes of it
        ["1", "0", "1", "0", "1", "1"],  # only 0 and 1: could be TRUE/FALSE, text path
    ],
)
def test_fast_csv_equals_text_path(tmp_path, cells):
    rows = [
        f"C{i % 2}; S{i} ;Gruppe {i % 3};{2013 + i % 2};{c};{c}"  # sick days = fte: no 0-fte error
        for i, c in enumerate(cells)
    ]
    path = _write(tmp_path, rows)
    fast = read_absence(path)
    _same_table(fast, read_absence(path, fast=False))
    # Every number as parse_numbers reads the cell on its own (invariant, not a copied output).
    for col in ("fte", "sick_days"):
        ref, bad = parse_numbers(pd.Series(cells, dtype=object), danish=True)
        assert not bad.any()
        got = fast.data[col].to_numpy()
        assert np.array_equal(np.signbit(got), np.signbit(ref))
        assert got.tolist() == ref.tolist()
    assert fast.data["sector"].tolist() == [f"S{i}" for i in range(6)]  # stripped


@pytest.mark.parametrize("second", ["to", "TRUE"])  # TRUE: pandas alone would read a 1
def test_fast_csv_bad_cell_gives_the_same_error(tmp_path, second):
    first = "FALSE" if second == "TRUE" else "1,5"
    path = _write(tmp_path, [f"A;B;;2013;{first};2", f"A;C;;2013;{second};3"])
    with pytest.raises(InputError) as fast:
        read_absence(path)
    with pytest.raises(InputError) as slow:
        read_absence(path, fast=False)
    assert fast.value.render() == slow.value.render()
    assert fast.value.row == (2 if second == "TRUE" else 3)  # header on row 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["A;B;;2013;1;1", "A;B;;2013;2;2"], "står mere end én gang"),  # a key twice
        (["A;B;;2013;1;1", "A; B ;;2013;2;2"], "står mere end én gang"),  # the same text
        (["A;B;;2013;1;1", "A;;;2013;2;2"], "cellen er tom"),
        (["A;B;;2013;1;1", "A;C;;  ;2;2"], "cellen er tom"),  # a period of spaces is blank
        (["A;B;;2013;1;1", "A;C;;2013Q5;2;2"], "ikke et år eller et kvartal"),
        (["A;B;;2013;1;1", "A;C;;2013;-1;0"], "negativt"),
        (["A;B;;2013;1;1", "A;C;;2013;0;3"], "0 årsværk"),
    ],
)
def test_fast_and_general_path_refuse_alike(tmp_path, rows, message):
    path = _write(tmp_path, rows)
    with pytest.raises(InputError) as fast:
        read_absence(path)
    with pytest.raises(InputError) as slow:
        read_absence(path, fast=False)
    assert message in fast.value.message
    assert fast.value.render() == slow.value.render()
    assert fast.value.row == 3


def test_text_mapped_once_per_value_equals_cell_by_cell():
    s = pd.Series([" a  b ", "a b", None, 3.0, "x"], dtype=object)
    assert map_unique(s, cell_text).tolist() == s.map(cell_text).tolist()
    f = pd.Series([1.0, np.nan, 2.5, 1.0])
    assert map_unique(f, cell_text).tolist() == ["1", "", "2.5", "1"]


def test_long_row_below_a_title_names_its_own_row(tmp_path):
    # Title on row 1, header on row 2, data from row 3: the row with a sixth cell is row 4.
    p = tmp_path / "a.csv"
    p.write_text(
        "Fravær 2013\n" + HEADER + "A;x;;2013;1,5;2\nA;y;;2013;1,5;2;9\nA;z;;2013;1;1\n",
        encoding="utf-8",
    )
    for fast in (True, False):
        with pytest.raises(InputError) as exc:
            read_absence(p, fast=fast)
        assert exc.value.row == 4


def test_sorted_units_equal_groupby(tmp_path):
    """The reader numbers units from its text codes; the numbers and keys are those of
    groupby(center, sector, sort=True): rows out of order, Danish letters (code-point order:
    'Å' after 'Ø' after 'Æ' after 'Z'), upper before lower case ('Z' < 'y'; not 'z': the
    readers refuse two names that differ only in case, domain.md 3), a unit on one row only."""
    units = [("Ø", "b"), ("Æ", "a"), ("A", "Z"), ("A", "y"), ("Å", "a"), ("A", "Z"), ("Z", "æ")]
    rows = [f"{c};{s};;{2013 + i % 2};1,5;2" for i, (c, s) in enumerate(units)]
    table = read_absence(_write(tmp_path, rows))
    g = table.data.groupby(["center", "sector"], sort=True)
    codes, keys = table.sorted_units()
    assert codes.tolist() == g.ngroup().tolist()
    want = g.size().index
    assert keys.equals(want) and keys.names == want.names
    assert [k.dtype for k in keys.levels] == [k.dtype for k in want.levels]
    assert list(keys) == sorted(set(units))  # the order groupby gives: Python's str order
    assert table.sorted_units() is table.sorted_units()  # made once per table


def _tables(tmp_path: Path):
    """One table of each kind from CSV (fast and text path) and xlsx."""
    a = _write(tmp_path, ["Æ;x;G1;2013;1,5;2", "A; y ;;2018Q1;2;3", "A;x;G1;2014;1;1"])
    u = tmp_path / "u.csv"
    u.write_text("Center;Sektor;Personalegruppe;Lønsum\nÆ;x;G1;1.000\nA;y;;2.000\nA;x;G2;3\n")
    n = tmp_path / "n.csv"
    n.write_text("year;staff_group;days_per_fte;source\n2012;Kommuner i alt;12,0;KRL\n")
    t = tmp_path / "t.csv"
    t.write_text("Center;Sektor;År;Måltal\nÆ;x;2018;11,7\nA;y;2018;9\n")
    wb = Workbook()
    wb.active.append(["Center", "Sektor", "Periode", "Årsværk", "Sygedage"])
    wb.active.append(["A", "x", 2013, 1.5, 2])
    wb.active.append(["A", "y", "2018Q1", "1,5", "2"])
    wb.save(tmp_path / "a.xlsx")
    return [
        read_absence(a),
        read_absence(a, fast=False),
        read_absence(tmp_path / "a.xlsx"),
        read_units(u),
        read_national(n),
        read_targets(t),
    ]


def test_codes_are_the_texts_of_their_column(tmp_path):
    """`code_texts[col][codes[col]]` is the column, for every coded column of every table."""
    seen = set()
    for table in _tables(tmp_path):
        d = table.data
        for col, codes in table.codes.items():
            assert table.code_texts[col][codes].tolist() == d[col].tolist(), col
            assert len(set(table.code_texts[col].tolist())) == len(table.code_texts[col])
            seen.add(col)
    assert {"center", "sector", "period", "staff_group", "source"} <= seen


def test_coded_columns_are_those_left_unchanged(tmp_path):
    absence, slow, xlsx, units, national, targets = _tables(tmp_path)
    assert set(absence.codes) == {"center", "sector", "period", "staff_group"}
    assert set(slow.codes) == set()
    assert "year" not in targets.codes and "year" not in national.codes  # years are numbers
    assert set(units.codes) == {"center", "sector", "staff_group"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_fast_csv_from_file_bytes_equals_text_path(tmp_path, encoding):
    """The fast path reads the file's own UTF-8 bytes (BOM removed); a cp1252 file is decoded."""
    p = tmp_path / "a.csv"
    p.write_text(HEADER + "Ældre;Plejecenter Åbo;Pædagog;2013;12,5;3\n", encoding=encoding)
    fast = read_absence(p)
    _same_table(fast, read_absence(p, fast=False))
    assert fast.data["center"].tolist() == ["Ældre"] and fast.data["fte"].tolist() == [12.5]


def test_read_table_fast_and_general_path_equal(tmp_path):
    """read_table itself: the same columns; only the fast path has codes."""
    p = _write(tmp_path, ["A;x;G;2013;1,5;2", "B;y;;2013;2;3", ";;;;;", "B;z;G;2014;2;3"])
    fast, slow = read_table(p, ABSENCE), read_table(p, ABSENCE, fast=False)
    _same_table(fast, slow)
    assert fast.rows.tolist() == [2, 3, 5]  # the blank row is dropped
    assert set(fast.codes) == {"center", "sector", "staff_group", "period"}


def test_unknown_staff_groups_from_codes_equal_text_path(tmp_path):
    """The cross-check names each staff group without a national figure once, found from the
    reader's codes in the fast path: the same warnings as with every cell read as text."""
    rows = ["A;B;Pædagoger;2013;2;3", "A;B;Ukendt gruppe;2013;1;1", "A;C;;2013;1;1"]
    absence_path = _write(tmp_path, rows)
    units = tmp_path / "u.csv"
    units.write_text("Center;Sektor;Personalegruppe;Lønsum\nA;B;;100\nA;C;Anden gruppe;200\n")
    national = tmp_path / "n.csv"
    national.write_text("year,staff_group,days_per_fte\n2012,Kommuner i alt,12.0\n")

    def warnings(fast: bool) -> list[str]:
        absence = read_absence(absence_path, fast=fast)
        inputs = Inputs(absence, read_units(units, fast=fast), read_national(national, fast=fast))
        cross_check(inputs, min_fte=0.0)
        return [str(w) for w in inputs.warnings]

    fast = warnings(True)
    assert fast == warnings(False)
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
    assert duplicated_rows(d, key, codes).tolist() == want.tolist()
    assert duplicated_rows(d, key, {}).tolist() == want.tolist()  # no codes: pandas
    ids, k = dense_ids([codes[c] for c in key], len(d))
    keys = list(zip(*(d[c] for c in key), strict=True))
    assert k == len(set(keys)) and sorted(set(ids.tolist())) == list(range(k))
    for i in range(len(keys)):  # equal numbers exactly for equal keys
        assert all((ids[i] == ids[j]) == (keys[i] == keys[j]) for j in range(len(keys)))


@pytest.mark.parametrize(
    "cells",
    [
        ["5.796.748", "116.000", "", "500", "1.000.000.000.000", "007"],  # the whole-number path
        ["5.796.748", "-0", "12"],  # a sign: the general path (-0 stays -0)
        ["1.234,50", "12,5", ""],  # decimals: the general path
        ["9999999999999999", "1"],  # 16 digits: the general path
    ],
)
def test_whole_danish_numbers_column_equals_general_path(cells):
    """A column of blanks and whole numbers with thousands dots is read in one pass (issue 7);
    the values must be those of the general path, sign of zero included."""
    s = pd.Series(cells, dtype=object)
    fast, fast_bad = parse_numbers(s, True)
    slow, slow_bad = parse_numbers(s, True, fast=False)
    assert np.array_equal(fast, slow, equal_nan=True) and not fast_bad.any()
    assert np.signbit(fast).tolist() == np.signbit(slow).tolist()
    assert fast_bad.tolist() == slow_bad.tolist()
    whole = scan_whole_numbers(s)
    general = scan_text_numbers(s)
    if cells[0] == "5.796.748" and cells[1] == "116.000":
        assert fast[:2].tolist() == [5796748.0, 116000.0] and np.isnan(fast[2])
        for name in ("values", "other"):  # 116.000 read both ways, alike
            assert np.array_equal(getattr(whole, name), getattr(general, name), equal_nan=True)
        assert whole.kinds.tolist() == general.kinds.tolist()
        assert whole.bad.tolist() == general.bad.tolist() and whole.kroner == general.kroner
    else:
        assert whole is None


# --------------------------------------------------------------------------- issue 14


@given(st.lists(st.sampled_from(["a", "b", "A", "", " a", "2013", "Ø", "ø"]), max_size=40))
def test_coded_text_equals_categorical(cells):
    from sygefravaer.io.fast_csv import coded_text

    # Equal texts in distinct objects (as pandas' parser makes them across chunks) too.
    values = np.array([("" + c + ".")[:-1] for c in cells], dtype=object)
    got = coded_text(values)
    assert list(got.astype(object)) == cells
    assert len(set(got.categories)) == len(got.categories) == len(set(cells))


@pytest.mark.parametrize("sep", [";", ","])
def test_integer_periods_are_coded_text_in_both_csv_forms(tmp_path, sep):
    # Issue 14: in a `,` CSV pandas would guess the period column as integers; it is read as text
    # and coded like any text column, and equals the general path.
    dec = "," if sep == ";" else "."
    head = sep.join(["center", "sector", "staff_group", "period", "fte", "sick_days"])
    rows = [
        sep.join(["A", f"S{i % 3}", f"G{i % 2}", str(2013 + i // 6), f"2{dec}5", "3"])
        for i in range(12)
    ]
    path = tmp_path / "a.csv"
    path.write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fast = read_absence(path)
    _same_table(fast, read_absence(path, fast=False))
    assert set(fast.codes) >= {"center", "sector", "staff_group", "period"}
    assert sorted(set(fast.data["period"])) == ["2013", "2014"]


@pytest.mark.parametrize("prior", ["0", "1", "TRUE"])
def test_zero_one_money_column_decided_on_its_text(tmp_path, prior):
    # An all-zero (or 0/1) column stays on the fast path unless a cell says TRUE/FALSE, which
    # pandas would read as 1: then both paths refuse the cell alike.
    rows = [f"A;S{i};1000;0;{prior if i == 1 else '0'}" for i in range(4)]
    path = tmp_path / "u.csv"
    path.write_text(
        "Center;Sektor;Lønsum;Vikarbudget;Tidligere reduktion\n" + "\n".join(rows), encoding="utf-8"
    )
    if prior == "TRUE":
        with pytest.raises(InputError) as fast:
            read_units(path)
        with pytest.raises(InputError) as slow:
            read_units(path, fast=False)
        assert fast.value.render() == slow.value.render()
        return
    fast = read_units(path)
    _same_table(fast, read_units(path, fast=False))
    assert fast.data["prior_reduction"].tolist() == [0.0, float(prior), 0.0, 0.0]


@pytest.mark.parametrize("n", [4095, 4096])
def test_sorted_units_on_both_sides_of_the_former_limit(tmp_path, n):
    # Issue 14: units used to be numbered only while (centers + 1) x (sectors + 1) <= 2**24 (the
    # code texts hold one more, the text of a missing cell): 4095 of each was under it, 4096 over;
    # both are numbered the same way now, equal to groupby's.
    rows = [f"C{i};S{(11 * i) % n};;2013;1,5;2" for i in range(n)]
    rows += [f"C{i};S{(11 * i) % n};;2014;1,5;2" for i in range(0, n, 5)]  # units twice
    table = read_absence(_write(tmp_path, rows))
    assert len(table.code_texts["center"]) * len(table.code_texts["sector"]) == (n + 1) ** 2
    g = table.data.groupby(["center", "sector"], sort=True)
    codes, keys = table.sorted_units()
    assert codes.tolist() == g.ngroup().tolist()
    assert keys.equals(g.size().index)


@pytest.mark.parametrize(
    "cells",
    [
        ["45.125", "1.2345"],  # four decimals: the column is dot decimals, no search needed
        ["45.125", "1234.5"],  # a fraction on 1,000 or more: dot decimals too
        ["45.125", "0.070"],  # under 1: dot decimals to the text path, which the search finds
        ["45.125", "7e-02"],  # the same number in exponent form shows no form: both refuse
        ["45.125", "12.5"],  # 12.5 may have been 12.500: the file is searched, text path
        ["20.250", "3"],  # two readings and nothing to tell them: both paths refuse alike
        ["0.07", "0.95"],  # nothing of three decimals: fast path, as the text path reads
    ],
)
def test_comma_csv_three_decimals_read_as_the_text_path(tmp_path, cells):
    # Issue 14: in a `,` CSV, a column's 45.125 is decided as the text path decides it, per
    # column (numbers.column_reading); the fast path may skip searching the file for it only
    # where the column's own numbers show dot decimals.
    rows = [f"A,S{i},G,2013,{c},{c}" for i, c in enumerate(cells)]
    path = tmp_path / "a.csv"
    path.write_text("center,sector,staff_group,period,fte,sick_days\n" + "\n".join(rows) + "\n")
    try:
        fast = read_absence(path)
    except (InputError, InputErrors) as exc:
        with pytest.raises((InputError, InputErrors)) as slow:
            read_absence(path, fast=False)
        assert str(exc) == str(slow.value)
        return
    _same_table(fast, read_absence(path, fast=False))


@given(st.binary(max_size=60).map(lambda b: bytes(b"0123456789.,\n x"[c % 15] for c in b)))
@settings(max_examples=300)
def test_dot_three_search_by_chunks_equals_one_search(data):
    # Issue 14: the file is searched chunk by chunk with the seams apart; any chunk size finds
    # what one search of the whole file (its last field ended) finds.
    import io
    import re

    from sygefravaer.io.fast_csv import has_dot_three_field

    want = re.search(rb'\.\d{3}[ \t,\r\n"]', data + b"\n") is not None
    for size in (1, 3, 7, 1 << 24):

        class Chunks(io.BytesIO):
            def read(self, n: int = -1, size: int = size) -> bytes:
                return super().read(size)

        assert has_dot_three_field(lambda: Chunks(data), size=size) == want


_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=17)
_GROUP = st.one_of(st.text(alphabet="0123456789", min_size=3, max_size=3), st.sampled_from(["12"]))
_DOTTED = st.builds(
    lambda head, groups: head + "".join("." + g for g in groups),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.lists(_GROUP, min_size=1, max_size=5),
)
_CELL = st.one_of(st.just(""), _DIGITS, _DOTTED, _DOTTED, st.sampled_from(["d", "٣", "1.d00"]))


@settings(max_examples=300)
@given(st.lists(_CELL, min_size=1, max_size=5))
def test_whole_numbers_by_shape_equal_general_path(cells):
    # Issue 14: the cells' shapes decide whether the column is whole numbers; wherever they say
    # so, the scan is the general path's (values, both readings, kinds), and 012.345, a letter d
    # or a non-ASCII digit leave it to the general path.
    s = pd.Series(cells, dtype=object)
    whole = scan_whole_numbers(s)
    if whole is None:
        return
    general = scan_text_numbers(s)
    for name in ("values", "other"):
        assert np.array_equal(getattr(whole, name), getattr(general, name), equal_nan=True)
    assert whole.kinds.tolist() == general.kinds.tolist()
    assert whole.bad.tolist() == general.bad.tolist() == [False] * len(cells)


_CELLS = {  # per column of HEADER: a filled cell and the blanks it may be instead
    "center": ["A", "Æ"],
    "sector": ["x", " y "],
    "group": ["G", "Pæd"],
    "period": ["2013", "2014Q1"],
    "fte": ["1,5", "2"],
    "days": ["3", "0,5"],
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.sampled_from([*v, "", "  "]) for v in _CELLS.values())),
        min_size=1,
        max_size=12,
    )
)
def test_blank_rows_looked_at_column_by_column_equal_general_path(tmp_path_factory, rows):
    # Issue 14: the fast path looks at a column only on the rows blank in the columns before
    # it; the rows dropped (blank in every column) are those of the cell-by-cell general path.
    p = _write(tmp_path_factory.mktemp("blank"), [";".join(r) for r in rows])
    _same_reading(lambda path, **kw: read_table(path, ABSENCE, **kw), p)  # all blank: refused


_AMOUNTS = ["5.796.748", "116.000", "", " 500 ", "0", "1.234,50", "45,125", "3.200.000 kr."]
_AMOUNTS_EN = ["5796748", "116000", "", "500", "1,234.50", "45.125", "12.5", "TRUE", "x"]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from([(";", _AMOUNTS), (",", _AMOUNTS_EN)]).flatmap(
        lambda sep_cells: st.tuples(
            st.just(sep_cells[0]),
            st.lists(st.tuples(*[st.sampled_from(sep_cells[1])] * 3), min_size=1, max_size=8),
        )
    )
)
def test_units_amounts_read_as_text_on_the_fast_path_equal_text_path(tmp_path_factory, case):
    # Issue 14: the fast CSV path leaves the amounts in kroner as text, read by numbers.py as
    # the text path reads them (thousands dots, 'kr.', two readings, bad cells alike).
    sep, rows = case
    head = sep.join(["Center", "Sektor", "Lønsum", "Vikarbudget", "Tidligere reduktion"])
    quoted = [sep.join([f"C{i % 3}", f"S{i}", *(f'"{c}"' for c in r)]) for i, r in enumerate(rows)]
    path = tmp_path_factory.mktemp("units") / "u.csv"
    path.write_text(head + "\n" + "\n".join(quoted) + "\n", encoding="utf-8")
    from sygefravaer.io.fast_csv import read_csv_fast
    from sygefravaer.io.headers import UNITS

    text = path.read_text(encoding="utf-8")
    assert read_csv_fast(text, sep, 0, UNITS, sep == ";") is not None  # the fast path reads it
    _same_reading(read_units, path)


@given(st.lists(st.text(alphabet="1.,ak \t\r\x0b\x1c\x1f\xa0\u2003Ø", max_size=5), max_size=8))
def test_strip_cells_equals_cell_by_cell(cells):
    # Issue 14: a column of ASCII cells without any whitespace character is left as it is,
    # without the search for a cell's edge spaces; the same cells as stripping each one.
    from sygefravaer.io.numbers import strip_cells

    want = [c.replace("\xa0", " ").strip() for c in cells]
    assert strip_cells(pd.Series(cells, dtype=object)).tolist() == want


@pytest.mark.parametrize("second", ["A;S1", "A; S1 ", "A;S2", "B;S1"])
def test_units_twice_found_from_codes_as_by_pandas(tmp_path, second):
    # Issue 14: a unit twice in the units table is found from the text codes (duplicated_rows),
    # the same row and message as the general path's pandas duplicated.
    path = tmp_path / "u.csv"
    rows = ["A;S1;1.000;0;", "A;S3;2.000;0;", f"{second};3.000;0;"]
    path.write_text("Center;Sektor;Lønsum;Vikarbudget;Tidligere reduktion\n" + "\n".join(rows))
    exc = _same_reading(read_units, path)
    assert (exc is not None) == (second.replace(" ", "") == "A;S1")
    assert exc is None or exc.row == 4


@pytest.mark.parametrize("k", [1, 126, 127, 300, 32766, 32767])
def test_coded_text_codes_in_the_type_categorical_keeps(k):
    # Issue 14: the codes are made in the small type directly, on both sides of the int8 and
    # int16 limits; the same cells and code type as pd.Categorical, equal texts one code.
    from sygefravaer.io.fast_csv import coded_text

    texts = [f"t{i}" for i in range(k)]
    values = np.array(texts + [("" + t + ".")[:-1] for t in texts[::-1]], dtype=object)
    got = coded_text(values)
    want = pd.Categorical(values)
    assert got.codes.dtype == want.codes.dtype
    assert list(got.astype(object)) == list(values)
    assert list(got.categories) == texts


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "Æ", "a"]),
            st.sampled_from(["x", "y", "Z"]),
            st.integers(1, 4),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_sorted_unit_codes_by_runs_equal_groupby(runs):
    # Issue 14: units numbered once per run of rows of one unit (runs of any length, a unit in
    # several runs, runs of one row); the numbers and keys of groupby(sort=True).
    from sygefravaer.io.codes import sorted_unit_codes

    rows = [(c, s) for c, s, times in runs for _ in range(times)]
    frame = pd.DataFrame(rows, columns=["center", "sector"], dtype=object)
    codes, texts = {}, {}
    for col in frame.columns:
        c, u = pd.factorize(frame[col])
        codes[col], texts[col] = c.astype(np.int8), np.asarray(u, dtype=object)
    unit, keys = sorted_unit_codes(codes, texts, len(frame))
    g = frame.groupby(["center", "sector"], sort=True)
    assert unit.tolist() == g.ngroup().tolist() and unit.dtype == np.int64
    assert keys.equals(g.size().index)


def test_coded_text_over_blocks_of_rows_equals_categorical():
    # Issue 14: coded_text numbers the rows in blocks of 2**16; across blocks (the last one
    # short), with a block of 2**16 distinct objects (its largest uint16 code) and texts that
    # first appear in a later block, it gives what pd.Categorical gives.
    from sygefravaer.io.fast_csv import coded_text

    block = 1 << 16
    shared = [f"s{i}" for i in range(5)]
    first = [shared[i % 5] for i in range(block)]  # few objects, as pandas' parser gives
    second = [("" + f"t{i % 300}.")[:-1] for i in range(block)]  # one object per row
    third = [f"late{i % 7}" if i % 2 else shared[i % 5] for i in range(block + 3)]
    values = np.array(first + second + third, dtype=object)
    got = coded_text(values)
    want = pd.Categorical(values)
    assert got.codes.dtype == want.codes.dtype
    assert list(got.categories) == list(pd.unique(values))
    assert np.array_equal(np.asarray(got.astype(object)), values)


@pytest.mark.parametrize("n", [11, 12, 13])
def test_dense_ids_on_both_sides_of_renumbering_first(n):
    # Issue 14: the combinations so far are renumbered before a column would make more of them
    # than there are rows (4 x 3 = 12 here, against 11, 12 and 13 rows); the same numbers of
    # keys and duplicates as pandas either way.
    rng = np.random.default_rng(n)
    d = pd.DataFrame(
        {"a": rng.integers(0, 4, n), "b": rng.integers(0, 3, n), "c": rng.integers(0, 2, n)}
    )
    d.loc[0, ["a", "b"]] = [3, 2]  # the codes' largest values occur
    codes = {c: d[c].to_numpy() for c in d.columns}
    key = ["a", "b", "c"]
    assert duplicated_rows(d, key, codes).tolist() == d.duplicated(key).tolist()
    ids, k = dense_ids([codes[c] for c in key], n)
    keys = list(zip(*(d[c] for c in key), strict=True))
    assert (
        k == len(set(keys))
        and pd.factorize(ids)[0].tolist() == pd.factorize(pd.Series(keys))[0].tolist()
    )


@pytest.mark.parametrize("fast", [True, False])
def test_year_and_quarter_in_small_types_as_parse_period(tmp_path, fast):
    # Issue 14: year int32 and quarter int8 per row hold every period PERIOD takes (four
    # digits, quarters 1-4), each as parse_period reads its label; sick_hours without an hours
    # column is NaN on every row (one value seen from every row).
    from sygefravaer.periods import parse_period

    periods = ["1000", "9999", "2018Q1", "2018-Q4", "2013"]
    rows = [f"A;S{i};;{p};1;2" for i, p in enumerate(periods)]
    table = read_absence(_write(tmp_path, rows), fast=fast)
    d = table.data
    assert d["year"].dtype == np.int32 and d["quarter"].dtype == np.int8
    assert list(zip(d["year"].tolist(), d["quarter"].tolist(), strict=True)) == [
        parse_period(p) for p in periods
    ]
    assert d["period"].tolist() == ["1000", "9999", "2018Q1", "2018Q4", "2013"]
    assert d["sick_hours"].isna().all() and d["sick_hours"].dtype == np.float64


_NAMES = ["Ældre", "Pleje Nord", "A\u030ae", "Pleje  Nord", " Syd", "Syd\xa0", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from(_NAMES)] * 3), min_size=1, max_size=8))
def test_text_columns_used_as_read_when_their_own_texts_equal_general_path(tmp_path_factory, rows):
    # Issue 14: a text column whose every distinct cell is already its text (NFC, spaces
    # folded) is the column as the fast CSV path read it; one with a name to normalize is made
    # from its texts. Either way the table is the general path's, with codes of its texts.
    lines = [f"{c};{s}{i};{g};2013;1,5;2" for i, (c, s, g) in enumerate(rows)]
    p = _write(tmp_path_factory.mktemp("names"), lines)
    fast, slow = read_table(p, ABSENCE), read_table(p, ABSENCE, fast=False)
    _same_table(fast, slow)
    for col in ("center", "sector", "staff_group"):
        texts = fast.code_texts[col][fast.codes[col]]
        assert texts.tolist() == fast.data[col].tolist()
        assert all(type(x) is str for x in fast.data[col])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["2013", "2014", "2018Q1", "2018q1", "2018-Q1", " 2015", "2016 "]),
        min_size=1,
        max_size=10,
    )
)
def test_period_column_as_read_or_from_labels_equals_general_path(tmp_path_factory, periods):
    # Issue 14: where every period cell as read is its label (2013, 2018Q1), the cells as read
    # are the period column; else (2018q1, 2018-Q1, spaces) it is made from the labels. The same
    # column, of pandas' str, as the general path; the table's codes are the labels' codes.
    rows = [f"A;S{i};;{p};1;2" for i, p in enumerate(periods)]
    p = _write(tmp_path_factory.mktemp("periods"), rows)
    fast, slow = read_absence(p), read_absence(p, fast=False)
    _same_table(fast, slow)
    assert fast.data["period"].dtype == pd.StringDtype("python", na_value=np.nan)
    assert fast.code_texts["period"][fast.codes["period"]].tolist() == fast.data["period"].tolist()


@pytest.mark.parametrize("group", ["G2", "", " "])
def test_no_blank_text_needs_no_pass_over_the_rows_and_refuses_alike(tmp_path, group):
    # Issue 14: where no distinct text is blank, the blank-cell and subtotal checks look at no
    # row; with one blank staff group beside groups both paths refuse the same row. The row
    # numbers are int32, the same numbers as the general path's.
    p = _write(tmp_path, ["A;S1;G1;2013;1;1", f"A;S1;{group};2013;2;2", "B;S2;G1;2013;1;1"])
    exc = _same_reading(read_absence, p)
    if exc is not None:
        assert group.strip() == "" and exc.row == 3
        return
    fast = read_absence(p)
    assert fast.rows.dtype == np.int32 and fast.rows.tolist() == [2, 3, 4]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["0.07", "6.89", "1.2345", "1234.5", "45.125", "20.250", "3", "0.0001"]),
        min_size=1,
        max_size=8,
    )
)
def test_comma_csv_decimal_evidence_equals_text_path(tmp_path_factory, cells):
    # Issue 14: whether a `,` CSV's column shows dot decimals is worked out in place on the
    # parsed floats; with or without such evidence (and the file search it spares), the table
    # or the refusal is the text path's.
    head = "center,sector,staff_group,period,fte,sick_days"
    rows = [f"A,S{i},,2013,{c},{c}" for i, c in enumerate(cells)]
    path = tmp_path_factory.mktemp("decimals") / "a.csv"
    path.write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    _same_reading(read_absence, path)
