"""Readers (domain.md section 3): every input form the issue lists, checked on small files.

Committed fixtures: tests/data/core/glide/absence.csv (`;`, UTF-8, title rows above the header),
glide/units.csv (UTF-8 with BOM, `16.000.000 kr.`), glide/national.csv (`,`, English headers),
national/absence.csv (cp1252, CRLF), national/national.csv (`;`, Danish decimals). Other forms are
written into tmp_path by the tests themselves; xlsx files are generated with openpyxl.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from sygefravaer.api import load_scenario
from sygefravaer.core.status import compute_status
from sygefravaer.errors import InputError
from sygefravaer.io.inputs import Inputs, cross_check, load_inputs
from sygefravaer.io.national import read_national
from sygefravaer.io.numbers import parse_numbers
from sygefravaer.io.readers import read_absence, read_targets, read_units

HEADER = "Center;Sektor;Periode;Årsværk;Sygefraværsdage\n"


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- committed fixtures


def test_semicolon_csv_with_title_rows_above_header(core_dir):
    t = read_absence(core_dir / "glide" / "absence.csv")
    d = t.data
    assert len(d) == 15
    # three lines above the header (two titles and a blank line): header is line 4, data from 5
    assert int(t.rows[0]) == 5
    first = d.iloc[0]
    assert (first["center"], first["sector"], first["staff_group"]) == (
        "Børn og Unge",
        "Skoler",
        "Lærere",
    )
    assert (first["fte"], first["sick_days"]) == (30.0, 360.0)
    assert (first["period"], first["year"], first["quarter"]) == ("2013", 2013, 0)
    q = d[d["period"] == "2015Q1"]
    assert len(q) == 5 and set(q["year"]) == {2015} and set(q["quarter"]) == {1}
    # a row without staff group has '' (not NaN): Dagtilbud 2013
    dag = d[(d["sector"] == "Dagtilbud") & (d["period"] == "2013")].iloc[0]
    assert dag["staff_group"] == ""


def test_utf8_bom_and_danish_amounts(core_dir):
    u = read_units(core_dir / "glide" / "units.csv").data.set_index(["center", "sector"])
    # the BOM must not stick to the first header ("Center") or the first value
    assert ("Børn og Unge", "Skoler") in u.index
    assert u.loc[("Børn og Unge", "Skoler"), "payroll"] == 16_000_000  # "16.000.000 kr."
    assert u.loc[("Børn og Unge", "Skoler"), "substitute_budget"] == 400_000  # "400.000"
    # blank Vikarbudget / Tidligere reduktion cells mean 0
    assert u.loc[("Børn og Unge", "Dagtilbud"), "substitute_budget"] == 0
    assert u.loc[("Sundheds- og Omsorgscentret", "Hjemmeplejen"), "prior_reduction"] == 0
    assert u.loc[("Sundheds- og Omsorgscentret", "Plejecentre"), "prior_reduction"] == 100_000
    assert u.loc[("Børn og Unge", "Dagtilbud"), "staff_group"] == "Pædagogisk personale"


def test_comma_csv_english_headers(core_dir):
    n = read_national(core_dir / "glide" / "national.csv").data
    assert len(n) == 12
    row = n[(n["year"] == 2012) & (n["staff_group"] == "Lærere")].iloc[0]
    assert row["days_per_fte"] == 10.0
    assert n["year"].dtype.kind == "i"


def test_cp1252_csv(core_dir):
    t = read_absence(core_dir / "national" / "absence.csv")
    d = t.data
    # "Børn og Unge", "Pædagogisk personale" and the header "Årsværk" decode from cp1252
    assert "Børn og Unge" in set(d["center"])
    assert "Pædagogisk personale" in set(d["staff_group"])
    assert d["fte"].sum() == 10 + 30 + 30 + 10 + 8 + 30 + 10 + 8


def test_cp1252_sundheds_og_omsorgscentret(tmp_path):
    text = (
        "Center;Sektor;Periode;Årsværk;Sygefraværsdage\n"
        "Sundheds- og Omsorgscentret;Ældreplejen på Søndergård;2013;12,5;150\n"
        "Sundheds- og Omsorgscentret;Træning og Rehabilitering;2013;4;30,5\n"
    )
    p = write(tmp_path / "fravær.csv", text, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        p.read_bytes().decode("utf-8")  # the file really is not UTF-8
    d = read_absence(p).data
    assert list(d["center"]) == ["Sundheds- og Omsorgscentret"] * 2
    assert list(d["sector"]) == ["Ældreplejen på Søndergård", "Træning og Rehabilitering"]
    assert list(d["fte"]) == [12.5, 4.0]
    assert list(d["sick_days"]) == [150.0, 30.5]


def test_semicolon_csv_danish_decimals(core_dir):
    n = read_national(core_dir / "national" / "national.csv").data
    row = n[(n["year"] == 2017) & (n["staff_group"] == "Kommuner i alt")].iloc[0]
    assert row["days_per_fte"] == pytest.approx(11.7)  # "11,7"


# --------------------------------------------------------------------------- headers


def test_headers_case_insensitive_trimmed_and_aliases(tmp_path):
    text = (
        "  CENTER ;sektor;PERIODE;Personalegruppe ;  fuldtidsbeskæftigede;FRAVÆRSDAGSVÆRK\n"
        "A;x;2013;Lærere;10;120\n"
    )
    d = read_absence(write(tmp_path / "a.csv", text)).data
    row = d.iloc[0]
    assert (row["center"], row["sector"], row["staff_group"]) == ("A", "x", "Lærere")
    assert (row["fte"], row["sick_days"]) == (10.0, 120.0)


@pytest.mark.parametrize("days_header", ["Sygedage", "sygefraværsdage", "sick_days", "Sick Days"])
def test_sick_days_aliases(tmp_path, days_header):
    text = f"Center;Sektor;Periode;Årsværk;{days_header}\nA;x;2013;10;120\n"
    assert read_absence(write(tmp_path / "a.csv", text)).data["sick_days"].iloc[0] == 120.0


def test_year_header_serves_as_period(tmp_path):
    # domain.md section 2: period's Danish aliases are "Periode, År"
    text = "Center;Sektor;År;Årsværk;Sygedage\nA;x;2013;10;120\nA;x;2018Q1;10;110\n"
    d = read_absence(write(tmp_path / "a.csv", text)).data
    assert list(d["period"]) == ["2013", "2018Q1"]
    assert list(d["quarter"]) == [0, 1]


def test_periode_wins_over_ar_when_both_present(tmp_path):
    text = "Center;Sektor;År;Periode;Årsværk;Sygedage\nA;x;2018;2018Q1;10;120\n"
    d = read_absence(write(tmp_path / "a.csv", text)).data
    assert d["period"].iloc[0] == "2018Q1"


def test_units_and_targets_danish_headers(tmp_path):
    u = read_units(
        write(
            tmp_path / "u.csv",
            "CENTER;Sektor;Lønsum;Vikarbudget;Tidligere Reduktion;personalegruppe\n"
            "A;x;1.234.567;12.000 kr.;0;Lærere\n",
        )
    ).data.iloc[0]
    assert (u["payroll"], u["substitute_budget"], u["staff_group"]) == (1_234_567, 12_000, "Lærere")
    t = read_targets(
        write(tmp_path / "t.csv", "Center;Sektor;År;Måltal\nA;x;2018;11,7\n")
    ).data.iloc[0]
    assert (t["year"], t["target"]) == (2018, pytest.approx(11.7))


def test_missing_column_is_input_error_naming_it(tmp_path):
    p = write(tmp_path / "a.csv", "Center;Sektor;Periode;Sygedage\nA;x;2013;120\n")
    with pytest.raises(InputError) as err:
        read_absence(p)
    assert "fte" in err.value.message
    assert err.value.file == str(p)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "danish", "expected"),
    [
        ("12,5", True, 12.5),
        ("12,5", False, 12.5),
        ("1.234.567", True, 1_234_567),
        ("1.234.567", False, 1_234_567),
        ("3.200.000 kr.", True, 3_200_000),
        ("3.200.000 kr", True, 3_200_000),
        ("1.234,5", True, 1234.5),
        ("1.234", True, 1234),  # `;` CSV or xlsx text cell: thousands separator
        ("1.234", False, 1.234),  # `,` CSV: decimal point (decision 7)
        ("13.4", True, 13.4),
        ("  227 ", True, 227),
        ("-1.500", True, -1500),
    ],
)
def test_parse_danish_numbers(text, danish, expected):
    vals, bad = parse_numbers(pd.Series([text], dtype=object), danish)
    assert not bad[0]
    assert vals[0] == pytest.approx(expected)


def test_parse_numbers_blank_and_bad():
    vals, bad = parse_numbers(pd.Series(["", None, "tolv", 7.5], dtype=object), True)
    assert np.isnan(vals[0]) and np.isnan(vals[1]) and not bad[0] and not bad[1]
    assert bad[2]
    assert vals[3] == 7.5 and not bad[3]


def test_comma_csv_quoted_danish_numbers(tmp_path):
    text = 'center,sector,payroll\nA,x,"3.200.000 kr."\nA,y,"1.234,5"\nA,z,1.234\n'
    d = read_units(write(tmp_path / "u.csv", text)).data
    # the column is Danish (3.200.000 kr., 1.234,5), so its "1.234" is 1234, as a `;` CSV reads
    # it: decided per column, not per cell (issue 9)
    assert list(d["payroll"]) == pytest.approx([3_200_000, 1234.5, 1234])


def test_bad_number_names_file_row_and_column(tmp_path):
    text = "Fravær 2013\n\n" + HEADER + "A;x;2013;10;100\nA;y;2013;ti;100\n"
    p = write(tmp_path / "a.csv", text)
    with pytest.raises(InputError) as err:
        read_absence(p)
    e = err.value
    # line 1 title, 2 blank, 3 header, 4 first row, 5 the bad row
    assert (e.row, e.column, e.value) == (5, "Årsværk", "ti")
    assert e.file == str(p)
    assert "række 5" in e.render() and "Årsværk" in e.render()


# --------------------------------------------------------------------------- sick hours


def test_sick_hours_converted_with_hours_per_day(tmp_path):
    text = "Center;Sektor;Periode;Årsværk;Sygefraværstimer\nA;x;2013;10;740\nA;y;2013;2;37\n"
    p = write(tmp_path / "a.csv", text)
    d = read_absence(p, hours_per_day=7.4).data
    # 740 h / 7.4 h per day = 100 days; 37 / 7.4 = 5 days
    assert list(d["sick_days"]) == pytest.approx([100.0, 5.0])
    # with a 7.0-hour day: 740/7 = 105.714..., 37/7 = 5.2857...
    d7 = read_absence(p, hours_per_day=7.0).data
    assert list(d7["sick_days"]) == pytest.approx([740 / 7, 37 / 7])


def test_sick_hours_fill_blank_sick_days(tmp_path):
    text = (
        "Center;Sektor;Periode;Årsværk;Sygedage;Sygefraværstimer\n"
        "A;x;2013;10;50;\n"
        "A;y;2013;10;;74\n"
    )
    d = read_absence(write(tmp_path / "a.csv", text), hours_per_day=7.4).data
    assert list(d["sick_days"]) == pytest.approx([50.0, 10.0])  # 74 / 7.4 = 10


# --------------------------------------------------------------------------- xlsx


def _absence_workbook(path, numbers_as_text: bool):
    wb = Workbook()
    front = wb.active
    front.title = "Forside"
    front.append(["Dette ark er ikke data"])
    ws = wb.create_sheet("Fravær")
    ws.append(["Sygefravær 2013 (udtræk)"])
    ws.append([])
    ws.append(["Center", "Sektor", "Periode", "Årsværk", "Sygefraværsdage"])
    if numbers_as_text:
        ws.append(["Børn og Unge", "Skoler", "2013", "12,5", "1.234"])
        ws.append(["Børn og Unge", "Dagtilbud", "2018Q1", "1.000,5", "10.005"])
    else:
        ws.append(["Børn og Unge", "Skoler", 2013, 12.5, 1234])
        ws.append(["Børn og Unge", "Dagtilbud", "2018Q1", 1000.5, 10005])
    wb.save(path)
    return path


@pytest.mark.parametrize("numbers_as_text", [False, True])
def test_xlsx_named_sheet(tmp_path, numbers_as_text):
    p = _absence_workbook(tmp_path / "fravær.xlsx", numbers_as_text)
    t = read_absence(p, sheet="Fravær")
    d = t.data
    # 12.5 fte and 1234 days either as numbers or as Danish text ("12,5", "1.234" = 1234 in an
    # xlsx text cell); "1.000,5" = 1000.5, "10.005" = 10005
    assert list(d["fte"]) == pytest.approx([12.5, 1000.5])
    assert list(d["sick_days"]) == pytest.approx([1234.0, 10005.0])
    assert list(d["period"]) == ["2013", "2018Q1"]
    assert list(d["year"]) == [2013, 2018]
    assert t.sheet == "Fravær"
    # title, blank, header: the first data row is spreadsheet row 4
    assert int(t.rows[0]) == 4


def test_xlsx_first_sheet_by_default(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Enheder"
    ws.append(["Center", "Sektor", "Lønsum", "Vikarbudget"])
    ws.append(["A", "x", 16_000_000, None])
    ws.append(["A", "y", "3.200.000 kr.", "100.000"])
    wb.create_sheet("Noter").append(["noter"])
    p = tmp_path / "enheder.xlsx"
    wb.save(p)
    t = read_units(p)
    assert t.sheet == "Enheder"
    assert list(t.data["payroll"]) == [16_000_000, 3_200_000]
    assert list(t.data["substitute_budget"]) == [0, 100_000]


def test_xlsx_unknown_sheet_lists_sheets(tmp_path):
    p = _absence_workbook(tmp_path / "fravær.xlsx", False)
    with pytest.raises(InputError) as err:
        read_absence(p, sheet="Ark9")
    assert "Forside" in err.value.render() and "Fravær" in err.value.render()


def test_xlsx_bad_cell_names_sheet_row_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Center", "Sektor", "Periode", "Årsværk", "Sygedage"])
    ws.append(["A", "x", 2013, 10, 100])
    ws.append(["A", "y", 2013, 10, "mange"])
    p = tmp_path / "a.xlsx"
    wb.save(p)
    with pytest.raises(InputError) as err:
        read_absence(p)
    e = err.value
    assert (e.sheet, e.row, e.column, e.value) == ("Data", 3, "Sygedage", "mange")


def test_scenario_with_xlsx_inputs(tmp_path, core_dir):
    wb = Workbook()
    ws = wb.active
    ws.title = "Fravær 2013"
    ws.append(["Sygefravær, alle enheder"])
    ws.append(["Center", "Sektor", "År", "Fuldtidsbeskæftigede", "Sygefraværstimer"])
    ws.append(["Sundheds- og Omsorgscentret", "Hjemmeplejen", 2013, "12,5", "1.110"])
    ws.append(["Sundheds- og Omsorgscentret", "Plejecentre", 2013, 7.5, 444])
    wb.save(tmp_path / "fravær.xlsx")
    wb = Workbook()
    wb.active.append(["Center", "Sektor", "Lønsum"])
    wb.active.append(["Sundheds- og Omsorgscentret", "Hjemmeplejen", "5.000.000 kr."])
    wb.active.append(["Sundheds- og Omsorgscentret", "Plejecentre", 3_000_000])
    wb.save(tmp_path / "enheder.xlsx")
    (tmp_path / "maal.csv").write_text(
        "Center;Sektor;År;Måltal\n"
        "Sundheds- og Omsorgscentret;Hjemmeplejen;2014;12\n"
        "Sundheds- og Omsorgscentret;Plejecentre;2014;8\n",
        encoding="utf-8",
    )
    (tmp_path / "scenario.toml").write_text(
        'absence = "fravær.xlsx"\nunits = "enheder.xlsx"\nworking_days = 200\n'
        '[targets]\nrule = "file"\nfile = "maal.csv"\n',
        encoding="utf-8",
    )
    sc = load_scenario(tmp_path / "scenario.toml")
    res = compute_status(sc, load_inputs(sc), year=2014)
    u = res.units.set_index("sector")
    # Hjemmeplejen: 1110 h / 7.4 = 150 days over 12.5 fte = 12.0 against 12: green (at target)
    # Plejecentre: 444 h / 7.4 = 60 days over 7.5 fte = 8.0 against 8: green
    assert u.loc["Hjemmeplejen", "sick_days"] == pytest.approx(150.0)
    assert u.loc["Hjemmeplejen", "days_per_fte"] == pytest.approx(12.0)
    assert u.loc["Plejecentre", "days_per_fte"] == pytest.approx(8.0)
    assert set(u["status"]) == {"green"}
    # center: 210 days / 20 fte = 10.5 against (12*12.5 + 8*7.5)/20 = 210/20 = 10.5: green
    c = res.centers.iloc[0]
    assert c["days_per_fte"] == pytest.approx(10.5)
    assert c["target"] == pytest.approx(10.5)
    # Hjemmeplejen day cost 5e6/(12.5*200) = 2000; cost of absence 150*2000 = 300,000
    assert u.loc["Hjemmeplejen", "cost"] == pytest.approx(300_000.0)


# --------------------------------------------------------------------------- large CSV files
# A UTF-8 file is decoded in full only when needed: its first MiB gives the delimiter and header
# and pandas checks the rest (issue 7). The results must be those of decoding the whole file.

MIB = 1 << 20


def _filler_rows(n_bytes: int) -> str:
    """Plain ASCII rows of about n_bytes: center A, sectors S0.., 2013, 10 fte, 1 sick day each."""
    rows, size, i = [], 0, 0
    while size < n_bytes:
        row = f"A;S{i};2013;10;1\n"
        rows.append(row)
        size += len(row)
        i += 1
    return "".join(rows)


def test_large_utf8_csv_with_a_letter_across_the_first_mib(tmp_path):
    head = (HEADER + _filler_rows(MIB - 200)).encode("utf-8")
    tail = ";2013;10;1\n"
    pad = MIB - 1 - len(head) - len("B;") - len(tail)  # 'Ø' starts one byte before the MiB
    data = head + f"B;{'x' * pad}{tail}Ø;Søndergård;2013;5;2,5\n".encode()
    assert data[MIB - 1 : MIB + 1] == "Ø".encode()
    p = tmp_path / "stor.csv"
    p.write_bytes(data)
    d = read_absence(p).data
    assert (d["center"].iloc[-1], d["sector"].iloc[-1]) == ("Ø", "Søndergård")
    assert d["sick_days"].iloc[-1] == 2.5
    assert len(d) == data.count(b"\n") - 1  # every line but the header


def test_large_csv_that_is_cp1252_after_the_first_mib(tmp_path):
    # The first MiB is valid UTF-8 (ASCII); a cp1252 'æ' further down makes the whole file
    # cp1252, as when the file was decoded in one go: pandas' UTF-8 check sends it back.
    text = HEADER + _filler_rows(MIB + 5000) + "Ældreplejen;Kæret;2013;4;30,5\n"
    p = write(tmp_path / "stor.csv", text, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        p.read_bytes().decode("utf-8")
    d = read_absence(p).data
    assert (d["center"].iloc[-1], d["sector"].iloc[-1]) == ("Ældreplejen", "Kæret")
    assert d["sick_days"].iloc[-1] == 30.5
    assert d["fte"].sum() == 10 * (len(d) - 1) + 4


def test_large_csv_with_its_header_after_the_first_mib(tmp_path):
    # 20 note lines of 60 kB above the header: the header is found in the whole text.
    text = "".join(f"Note {i} " + "x" * 60_000 + "\n" for i in range(20))
    text += HEADER + "A;B;2013;10;1\n"
    assert text.index("Center;") > MIB
    t = read_absence(write(tmp_path / "noter.csv", text))
    assert list(t.data["sector"]) == ["B"]
    assert t.rows[0] == 22  # 20 notes, the header, then the data row


@pytest.mark.parametrize("mark", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028"])
def test_line_ends_are_those_pandas_knows(tmp_path, mark):
    # A form feed (a page break in an exported report) ends no line: the header is line 2 and the
    # data row line 3, as pandas and a spreadsheet count them.
    text = f"Rapport{mark}\n" + HEADER + "A;x;2013;10;100\n"
    t = read_absence(write(tmp_path / "a.csv", text))
    assert t.rows.tolist() == [3] and t.data["sick_days"].tolist() == [100.0]


def test_csv_field_over_csv_modules_limit_is_input_error(tmp_path):
    # Python's csv module refuses a field over 128 KiB; that is an input error, not a crash.
    text = "Titel " + "x" * 200_000 + "\n" + HEADER + "A;B;2013;10;1\n"
    with pytest.raises(InputError, match="kan ikke læses som CSV"):
        read_absence(write(tmp_path / "titel.csv", text))


def test_lone_carriage_return_before_header_without_rows(tmp_path):
    # Found by the fuzz test: pandas counts a lone CR as a line of its own and finds no columns;
    # a header without data rows is an input error, not a crash.
    p = tmp_path / "national.csv"
    p.write_bytes("\rÅr;staff_group;days_per_fte".encode())
    with pytest.raises(InputError, match="ingen datarækker"):
        read_national(p)


# --------------------------------------------------------------------------- small units


def _small_unit_inputs(tmp_path, min_fte: float):
    # Latest calendar year 2013. B/y: 4 + 0,7 = 4,7 fte (two staff groups): under 5. A/x: 2 fte
    # in 2012 but 12 in 2013, and the quarter 2014Q1 is no calendar year. C/z: 2,5 + 2,5 = 5.
    (tmp_path / "absence.csv").write_text(
        "Center;Sektor;Personalegruppe;Periode;Årsværk;Sygefraværsdage\n"
        "A;x;G1;2012;2;1\nA;x;G1;2013;12;1\nA;x;G1;2014Q1;1;1\n"
        "B;y;G1;2013;4;1\nC;z;G1;2013;2,5;1\nB;y;G1;2012;40;1\nC;z;G1;2012;9;1\n"
        "B;y;G2;2013;0,7;1\nC;z;G2;2013;2,5;1\n",
        "utf-8",
    )
    (tmp_path / "units.csv").write_text(
        "Center;Sektor;Lønsum\nA;x;1.000.000\nB;y;1.000.000\nC;z;1.000.000\n", "utf-8"
    )
    (tmp_path / "scenario.toml").write_text(
        'name = "Små enheder"\nabsence = "absence.csv"\nunits = "units.csv"\n'
        f"working_days = 200\nmin_fte = {min_fte}\n"
        '[targets]\nrule = "glide"\nbase_year = 2012\nfinal_year = 2014\n'
        '[reduction]\nmodel = "green-harvester"\ntotals = { 2014 = 1000 }\n',
        "utf-8",
    )
    return load_inputs(load_scenario(tmp_path / "scenario.toml"))


def test_units_under_min_fte_in_the_latest_calendar_year_are_warned(tmp_path):
    inputs = _small_unit_inputs(tmp_path, 5)
    small = [str(w) for w in inputs.warnings if "udpege" in str(w)]
    assert small == [
        "enheden B / y har kun 4,7 årsværk i 2013 (under 5): tallene kan udpege enkeltpersoner"
    ]


def test_units_under_min_fte_from_codes_equal_grouping_the_rows(tmp_path):
    # The warning's sums come from the reader's unit codes; read by the general path (no codes,
    # no sorted units), from grouping the rows.
    fast = _small_unit_inputs(tmp_path, 6)
    assert fast.absence.sorted_units() is not None
    slow = Inputs(read_absence(tmp_path / "absence.csv", fast=False), fast.units)
    assert slow.absence.sorted_units() is None
    cross_check(slow, min_fte=6)
    fast_w, slow_w = [str(w) for w in fast.warnings], [str(w) for w in slow.warnings]
    assert fast_w == slow_w and len([w for w in fast_w if "udpege" in w]) == 2  # B 4,7 and C 5,0
