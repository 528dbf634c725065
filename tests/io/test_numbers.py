"""Danish numbers decided per column (issue 9, domain.md 3), and provisional KRL years.

A cell such as 45.125 is 45125 (Danish thousands) or 45,125 (a dot decimal): the column's cells,
then the file's other numeric columns, decide; kroner have at most two decimals; what cannot be
told is refused. Every rule is checked on both sides, and the fast paths (the whole-number
column, pandas' C parser) are checked equal to the general path on the same forms.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sygefravaer
from sygefravaer.errors import InputError, InputErrors, InputNote
from sygefravaer.io.krl import year_heading
from sygefravaer.io.national import read_national
from sygefravaer.io.numbers import (
    MONEY,
    column_reading,
    parse_numbers,
    read_number_columns,
    scan_numbers,
    scan_text_numbers,
    scan_whole_numbers,
    shown_forms,
)
from sygefravaer.io.readers import read_absence, read_units
from sygefravaer.io.tables import Where

REAL = Path(__file__).parents[1] / "real_exports"
NAMES = {"fte": "Årsværk", "sick_days": "Sygefraværsdage", "payroll": "Lønsum"}


def read(columns: dict[str, list], *, danish: bool = True) -> dict[str, list[float]]:
    """read_number_columns of plain lists, rows numbered from 2 as under a header."""
    cols = {c: pd.Series(v, dtype=object) for c, v in columns.items()}
    n = len(next(iter(cols.values())))
    where = Where(Path("t.csv"), None, np.arange(2, 2 + n), NAMES)
    out = read_number_columns(cols, where, danish=danish)
    return {c: v.tolist() for c, (v, bad) in out.items() if not bad.any()}


def refused(columns: dict[str, list], *, danish: bool = True) -> InputError:
    with pytest.raises(InputError) as exc:
        read(columns, danish=danish)
    return exc.value


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("columns", "danish", "expected"),
    [
        # 12.5 is no thousands form: the column's dots are decimals (absence_semicolon_dot_decimals)
        ({"fte": ["40", "45.125", "12.5"]}, True, {"fte": [40, 45.125, 12.5]}),
        ({"fte": ["40", "45.125", "0.25"]}, True, {"fte": [40, 45.125, 0.25]}),
        ({"fte": ["45.125", "1234.5"]}, True, {"fte": [45.125, 1234.5]}),
        # 1.234.567 and 1.234,5 are only Danish: the column's dots are thousands
        ({"fte": ["45.125", "1.234.567"]}, False, {"fte": [45125, 1234567]}),
        ({"fte": ["45.125", "1.234,5"]}, False, {"fte": [45125, 1234.5]}),
        ({"fte": ["45.125", "12,5"]}, False, {"fte": [45125, 12.5]}),
        # the other side of each: the same cells without the deciding one are refused
        # (test_a_column_that_cannot_be_told_is_refused)
        # kroner have at most two decimals: 400.000 and 45,125 kr. can only be thousands
        ({"payroll": ["400.000", "0"]}, False, {"payroll": [400_000, 0]}),
        ({"payroll": ["400.000", "0"]}, True, {"payroll": [400_000, 0]}),
        ({"payroll": ["400,000", "1,200,000"]}, True, {"payroll": [400_000, 1_200_000]}),
        ({"payroll": ["400,000", "0"]}, False, {"payroll": [400_000, 0]}),
        ({"fte": ["45.125 kr.", "0"]}, True, {"fte": [45125, 0]}),
        # LibreOffice's Danish `,` export (units_comma_csv_danish_locale)
        (
            {"payroll": ["16.000.000", "4.054.000"], "prior_reduction": ["100.000", "0"]},
            False,
            {"payroll": [16_000_000, 4_054_000], "prior_reduction": [100_000, 0]},
        ),
        # a decimal comma in a `;` file (or a workbook) is the locale's own: 45,125 is 45,125
        ({"fte": ["45,125", "40"]}, True, {"fte": [45.125, 40]}),
        ({"fte": ["45,125", "12,5"]}, False, {"fte": [45.125, 12.5]}),
        # thousands commas shown by the column: 45,125 is 45125
        ({"fte": ["45,125", "1,234,567"]}, False, {"fte": [45125, 1234567]}),
        ({"fte": ["45,125", "1,234.5"]}, False, {"fte": [45125, 1234.5]}),
        # the file decides a column that shows nothing: one export, one locale
        ({"fte": ["45.125", "8"], "sick_days": ["12,5", "3"]}, True, {"fte": [45125, 8]}),
        ({"fte": ["45.125", "8"], "sick_days": ["12.5", "3"]}, True, {"fte": [45.125, 8]}),
        ({"fte": ["45.125", "8"], "payroll": ["1.000.000", "0"]}, False, {"fte": [45125, 8]}),
        # a leading 0 is no thousands group: 0.250 is a decimal, 0,250 too
        ({"fte": ["0.250", "1.500"]}, True, {"fte": [0.25, 1.5]}),
        ({"fte": ["0,250", "1,500"]}, False, {"fte": [0.25, 1.5]}),
        # cells of one reading each: no decision needed, whatever they mix
        ({"fte": ["12.5", "1.234.567", "12,5", "7"]}, True, {"fte": [12.5, 1234567, 12.5, 7]}),
        # zero reads the same every way and decides nothing
        ({"payroll": ["0.000", "400.000"]}, False, {"payroll": [0, 400_000]}),
        ({"payroll": ["0.000 kr.", "0,0", "400.000"]}, False, {"payroll": [0, 0, 400_000]}),
    ],
)
def test_a_column_is_read_as_its_cells_show(columns, danish, expected):
    got = read(columns, danish=danish)
    for col, values in expected.items():
        assert got[col] == pytest.approx(values, rel=1e-15)


@pytest.mark.parametrize(
    ("columns", "danish", "first", "other"),
    [
        # nothing decides (absence_semicolon_ambiguous): 45125 or 45,125?
        ({"fte": ["40", "45.125", "20.250"]}, True, ("45.125", 3), "20.250 (række 4)"),
        ({"fte": ["40", "45.125", "20.250"]}, False, ("45.125", 3), "20.250 (række 4)"),
        ({"fte": ["1.000", "8"]}, True, ("1.000", 2), None),
        # a quoted 45,125 in a `,` CSV is Danish 45,125 or English 45125
        ({"fte": ["45,125", "40"]}, False, ("45,125", 2), None),
        # both forms in one column, and a cell whose reading they would decide
        ({"fte": ["12.5", "1.234.567", "45.125"]}, True, ("45.125", 4), None),
        ({"payroll": ["400.000", "12.5"]}, True, ("400.000", 2), None),
        ({"payroll": ["400,000", "12,5"]}, True, ("400,000", 2), None),
        ({"fte": ["45,125", "12.5"]}, True, ("45,125", 2), None),
    ],
)
def test_a_column_that_cannot_be_told_is_refused(columns, danish, first, other):
    err = refused(columns, danish=danish)
    text, row = first
    col = next(iter(columns))
    assert (err.row, err.column, err.value) == (row, NAMES[col], text)
    assert err.message.startswith(f"kolonnen {NAMES[col]!r} kan læses på to måder: {text} er")
    assert "komma" in err.hint and "tusindtalsseparator" in err.hint
    if other:
        assert f"Også {other}" in err.hint


def test_the_message_says_both_readings():
    err = refused({"fte": ["40", "45.125", "20.250"]})
    assert (
        err.message
        == "kolonnen 'Årsværk' kan læses på to måder: 45.125 er enten 45,125 eller 45125"
    )
    err = refused({"fte": ["-1.500", "12.5", "1.234.567"]})
    assert "-1.500 er enten -1,500 eller -1500" in err.message
    assert "punktum som tusindtalsseparator ('1.234.567', række 4)" in err.message
    assert "og punktum som decimaltegn ('12.5', række 3)" in err.message
    err = refused({"payroll": ["400,000", "12,5"]})
    assert "både komma som decimaltegn ('12,5', række 3)" in err.message
    assert "og komma som tusindtalsseparator ('400,000', række 2)" in err.message


def test_the_file_does_not_decide_when_it_shows_both_forms():
    cols = {"fte": ["45.125", "8"], "sick_days": ["12.5", "3"], "payroll": ["1.234.567", "0"]}
    err = refused(cols)
    assert err.column == "Årsværk" and err.row == 2


def test_every_column_that_cannot_be_told_is_reported():
    err = refused({"fte": ["45.125", "8"], "sick_days": ["2", "1.500"]})
    assert isinstance(err, InputErrors)
    assert [(e.column, e.row, e.value) for e in err.errors] == [
        ("Årsværk", 2, "45.125"),
        ("Sygefraværsdage", 3, "1.500"),
    ]


def test_the_accepted_forms_still_read():
    # tests/io/test_readers.py's forms, each alone in its column, in a `;` and a `,` file
    for text, value in [
        ("12,5", 12.5),
        ("1.234.567", 1_234_567),
        ("3.200.000 kr.", 3_200_000),
        ("3.200.000 kr", 3_200_000),
        ("1.234,5", 1234.5),
        ("13.4", 13.4),
        ("  227 ", 227),
        ("1,234.5", 1234.5),
        ("1e3", 1000),
        ("1 234 567", 1_234_567),
        ("12.000 kr.", 12_000),
    ]:
        for danish in (True, False):
            assert read({"fte": [text]}, danish=danish)["fte"] == [value], (text, danish)
    got = read({"fte": ["-0", "1,5"]})["fte"]
    assert np.signbit(got[0]) and got[0] == 0  # -0 keeps its sign, as it did


def test_parse_numbers_reads_a_decided_column():
    s = pd.Series(["1.234", "1,234", "12.5", "1.234.567", "", "tolv"], dtype=object)
    vals, bad = parse_numbers(s, True)
    assert vals[:4].tolist() == [1234, 1.234, 12.5, 1_234_567] and np.isnan(vals[4])
    vals, bad = parse_numbers(s, False)
    assert vals[:4].tolist() == [1.234, 1234, 12.5, 1_234_567]
    assert bad.tolist() == [False] * 5 + [True]


def test_column_reading_from_what_the_cells_show():
    col = scan_numbers(pd.Series(["45.125", "40"], dtype=object))
    shown = shown_forms(col, money=False, danish=True)
    assert (shown.danish, shown.decimals) == (None, None)
    assert shown_forms(col, money=True, danish=True).danish == 0  # kroner: thousands
    danish = shown_forms(scan_numbers(pd.Series(["1.234.567"])), money=False, danish=True)
    decimal = shown_forms(scan_numbers(pd.Series(["x", "12.5"])), money=False, danish=True)
    assert (danish.danish, decimal.decimals) == (0, 1)
    assert column_reading(shown) is None
    assert column_reading(shown, [danish]) is True
    assert column_reading(shown, [decimal]) is False
    assert column_reading(shown, [danish, decimal]) is None
    assert column_reading(danish, [decimal]) is True  # its own cells first
    assert "payroll" in MONEY and "fte" not in MONEY


def test_number_cells_show_nothing():
    # a workbook: number cells are numbers; the text cells alone show the form
    s = pd.Series([45.125, "1.234", 12.5, None], dtype=object)
    scan = scan_numbers(s)
    assert scan.values_for(True)[:3].tolist() == [45.125, 1234, 12.5]
    assert scan.values_for(False)[:3].tolist() == [45.125, 1.234, 12.5]
    assert shown_forms(scan, money=False, danish=True).decimals is None


# --------------------------------------------------------------------------- fast == general

FORMS = [
    "40",
    "8",
    "0",
    "12,5",
    "12.5",
    "0.25",
    "45.125",
    "20.250",
    "45,125",
    "0,250",
    "1.234.567",
    "1.234,5",
    "1,234.5",
    "1,234,567",
    "400.000",
    "400,000",
    "16.000.000",
    "3.200.000 kr.",
    "100.000 kr.",
    "-0",
    "1e3",
    "",
]


def _csv(header: list[str], rows: list[list[str]], delim: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


def _outcome(read, path: Path, fast: bool):
    try:
        t = read(path, fast=fast)
    except InputError as exc:
        return ("error", exc.render())
    return ("table", t.data)


def _same(path: Path, read) -> None:
    fast, general = _outcome(read, path, True), _outcome(read, path, False)
    assert fast[0] == general[0], (fast, general)
    if fast[0] == "error":
        assert fast[1] == general[1]
    else:
        pd.testing.assert_frame_equal(fast[1], general[1], check_exact=True)
        for col in fast[1].columns:
            if fast[1][col].dtype.kind == "f":  # the sign of zero too
                assert np.signbit(fast[1][col]).tolist() == np.signbit(general[1][col]).tolist()


@settings(max_examples=150, deadline=None)
@given(
    fte=st.lists(st.sampled_from(FORMS), min_size=1, max_size=5),
    days=st.lists(st.sampled_from(FORMS), min_size=1, max_size=5),
    delim=st.sampled_from([";", ","]),
)
def test_absence_fast_and_general_path_read_alike(tmp_path_factory, fte, days, delim):
    n = max(len(fte), len(days))
    rows = [["A", f"S{i}", "2013", fte[i % len(fte)], days[i % len(days)]] for i in range(n)]
    text = _csv(["Center", "Sektor", "Periode", "Årsværk", "Sygefraværsdage"], rows, delim)
    path = tmp_path_factory.mktemp("a") / "absence.csv"
    path.write_text(text, encoding="utf-8")
    _same(path, read_absence)


@settings(max_examples=150, deadline=None)
@given(
    pay=st.lists(st.sampled_from(FORMS), min_size=1, max_size=5),
    prior=st.lists(st.sampled_from(FORMS), min_size=1, max_size=5),
    delim=st.sampled_from([";", ","]),
)
def test_units_fast_and_general_path_read_alike(tmp_path_factory, pay, prior, delim):
    n = max(len(pay), len(prior))
    rows = [["A", f"S{i}", pay[i % len(pay)], prior[i % len(prior)]] for i in range(n)]
    text = _csv(["Center", "Sektor", "Lønsum", "Tidligere reduktion"], rows, delim)
    path = tmp_path_factory.mktemp("u") / "units.csv"
    path.write_text(text, encoding="utf-8")
    _same(path, read_units)


@pytest.mark.parametrize(
    ("cells", "delim", "expected"),
    [
        # plain numbers pandas' C parser would read, on both sides of each rule
        (["45.125", "12.5", "40"], ",", [45.125, 12.5, 40]),
        (["45.125", "20.250", "40"], ",", None),
        (["1.000", "2", "3"], ",", None),
        (["45,125", "12,5", "40"], ";", [45.125, 12.5, 40]),
        (["45,125", "20,250", "40"], ";", [45.125, 20.25, 40]),
        (["12.5", "0.25", "3"], ",", [12.5, 0.25, 3]),
    ],
)
def test_plain_numbers_fast_path_equals_general(tmp_path, cells, delim, expected):
    rows = [["A", f"S{i}", "2013", c, "3"] for i, c in enumerate(cells)]
    path = tmp_path / "absence.csv"
    path.write_text(_csv(["Center", "Sektor", "Periode", "Årsværk", "Sygedage"], rows, delim))
    _same(path, read_absence)
    if expected is None:
        with pytest.raises(InputError, match="kan læses på to måder"):
            read_absence(path)
    else:
        assert read_absence(path).data["fte"].tolist() == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(("cells", "expected"), [(["400,000", "0"], 400_000), (["400", "0"], 400)])
def test_money_with_a_comma_in_a_semicolon_file(tmp_path, cells, expected):
    # pandas reads 400,000 as 400 in a `;` file; in kroner it is 400.000 kr.
    rows = [["A", f"S{i}", c] for i, c in enumerate(cells)]
    path = tmp_path / "units.csv"
    path.write_text(_csv(["Center", "Sektor", "Lønsum"], rows, ";"))
    _same(path, read_units)
    assert read_units(path).data["payroll"].iloc[0] == expected


def test_a_large_comma_csv_reads_alike(tmp_path):
    # more than a MiB: the fast path reads the file's own bytes; the 45.125 is at its end
    rows = [["A", f"S{i}", "2013", "12", "3"] for i in range(60_000)]
    rows.append(["A", "last", "2013", "45.125", "3"])
    path = tmp_path / "absence.csv"
    path.write_text(_csv(["Center", "Sektor", "Periode", "Årsværk", "Sygedage"], rows, ","))
    assert path.stat().st_size > 1 << 20
    _same(path, read_absence)
    with pytest.raises(InputError, match="kan læses på to måder") as exc:
        read_absence(path)
    assert exc.value.row == 60_002


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**15 - 1).map(str),
            st.integers(1, 10**12).map(lambda v: f"{v:,}".replace(",", ".")),
            st.just(""),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_whole_number_column_scan_equals_general(cells):
    s = pd.Series(cells, dtype=object)
    whole, general = scan_whole_numbers(s), scan_text_numbers(s)
    assert whole is not None
    for name in ("values", "other"):
        assert np.array_equal(getattr(whole, name), getattr(general, name), equal_nan=True)
    assert whole.kinds.tolist() == general.kinds.tolist()
    assert whole.bad.tolist() == general.bad.tolist() and not whole.kroner


# --------------------------------------------------------------------------- the corpus


def test_real_exports_read_right():
    units = read_units(REAL / "units_comma_csv_danish_locale" / "units.csv").data
    assert units["payroll"].tolist() == [16_000_000, 4_054_000, 12_000_000]
    assert units["substitute_budget"].tolist() == [400_000, 0, 1_200_000]
    assert units["prior_reduction"].tolist() == [100_000, 0, 0]
    fte = read_absence(REAL / "absence_semicolon_dot_decimals" / "absence.csv").data["fte"]
    ref = read_absence(REAL / "absence_semicolon_dot_decimals" / "reference_absence.csv")
    assert fte.tolist() == ref.data["fte"].tolist()
    assert fte.iloc[5:7].tolist() == [45.125, 12.5]
    with pytest.raises(InputError) as exc:
        read_absence(REAL / "absence_semicolon_ambiguous" / "absence.csv")
    assert (exc.value.row, exc.value.column, exc.value.value) == (7, "Årsværk", "45.125")


# --------------------------------------------------------------------------- provisional KRL


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("2017", (2017, "")),
        ("2017*", (2017, "*")),
        ("2017 (foreløbige tal)", (2017, "foreløbig")),
        ("2017 (foreløbig)", (2017, "foreløbig")),
        ("Foreløbige tal 2017", (2017, "foreløbig")),
        ("2017, foreløbige tal", (2017, "foreløbig")),
        ("2017 (forel.)", (2017, "foreløbig")),
        (2017.0, (2017, "")),
        ("Sygefravær 2017 (foreløbige tal)", None),  # a title, not a year heading
        ("Tallene for 2017 er foreløbige", None),
    ],
)
def test_year_heading(heading, expected):
    assert year_heading(heading) == expected


def _wide(tmp_path: Path, last: str, note: str = "") -> Path:
    text = (
        "Sygefravær pr. fuldtidsbeskæftiget (dage), kommuner;;;\n;;;\n"
        f"Personalegruppe;2015;2016;{last}\n"
        "Kommuner i alt;11,5;11,8;12,0\nLærere;9,5;10,0;10,5\n;;;\n"
        f"{note};;;\nKilde: KRL;;;\n"
    )
    path = tmp_path / "krl.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("last", "note", "says"),
    [
        ("2017 (foreløbige tal)", "", "KRL-tallene for 2017 er foreløbige"),
        ("Foreløbige tal 2017", "", "KRL-tallene for 2017 er foreløbige"),
        ("2017 (foreløbig)", "", "KRL-tallene for 2017 er foreløbige"),
        ("2017*", "*) Foreløbige tal", "KRL-tallene for 2017 er foreløbige"),
        ("2017*", "", "en stjerne markerer ofte foreløbige tal"),
        ("2017", "Anm.: Tallene for 2017 er foreløbige.", "KRL-tallene for 2017 er foreløbige"),
        ("2017", "Anm.: 2015-2017, heraf 2017 foreløbige", "KRL-tallene for 2017 er foreløbige"),
        ("2017", "Anm.: 2015-2017 (foreløbige tal)", None),  # a range names no one year
        ("2017", "", None),
        ("2017 1)", "1) Brud i serien", None),
    ],
)
def test_provisional_year_is_read_with_a_note(tmp_path, last, note, says):
    t = read_national(_wide(tmp_path, last, note))
    d = t.data
    assert sorted(set(d["year"])) == [2015, 2016, 2017]
    row = d[(d["year"] == 2017) & (d["staff_group"] == "Lærere")]
    assert row["days_per_fte"].tolist() == [10.5]
    assert d["source"].iloc[0] == "KRL"
    if says is None:
        assert t.warnings == ()
    else:
        (w,) = t.warnings
        assert isinstance(w, InputNote) and w.is_note
        assert w.message.startswith("krl.csv: ") and says in w.message
        assert w.file == str(tmp_path / "krl.csv")


def test_krl_wide_provisional_case_targets():
    p = sygefravaer.load(REAL / "krl_wide_provisional" / "scenario.toml")
    frame = p.targets().to_frame().set_index("sector")
    # case.md: 14.5; (8*14.5 + 2*11.5)/10 = 13.9; (24*10.5 + 6*11.5)/30 = 10.7
    assert frame["target_2018"].to_dict() == {
        "Hjemmeplejen Øst": 14.5,
        "Plejecenter Åbo": 13.9,
        "Skoler": 10.7,
    }
    notes = [w for w in p.warnings if w.is_note]
    assert [str(w) for w in notes] == [
        "KRL_sygefravaer.csv: KRL-tallene for 2017 er foreløbige (kolonnen '2017 (foreløbige tal)')"
    ]
    assert not [w for w in p.warnings if not w.is_note]


def test_krl_figures_are_decided_per_column(tmp_path):
    # a wide table written with dot decimals: 11.5 shows them, so 12.125 is 12,125
    head = "Personalegruppe;2016;2017\n"
    p = tmp_path / "dots.csv"
    p.write_text(head + "Kommuner i alt;11.5;12.125\nLærere;9.5;10.5\n", encoding="utf-8")
    d = read_national(p).data
    assert d[d["year"] == 2017]["days_per_fte"].tolist() == [12.125, 10.5]
    # the 2016 column alone shows it: one table, one locale
    p.write_text(head + "Kommuner i alt;11.5;12.125\nLærere;9;10\n", encoding="utf-8")
    assert read_national(p).data["days_per_fte"].tolist() == [11.5, 9, 12.125, 10]
    # nothing shows it: 12125 or 12,125?
    p.write_text(head + "Kommuner i alt;11;12.125\nLærere;9;10\n", encoding="utf-8")
    with pytest.raises(InputError, match="kan læses på to måder: 12.125") as exc:
        read_national(p)
    assert (exc.value.row, exc.value.column) == (2, "2017")
