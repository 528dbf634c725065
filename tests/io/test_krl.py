"""KRL tables as published (issue 6): the wide form imports to exactly the long form.

The wide tables are made here from the published figures in data/krl_landsgennemsnit.csv: staff
groups in rows, one column per year, Danish decimal commas, a title, blank rows and notes around
the table, `..` where KRL has no figure. Importing them must give back the data file's rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app
from sygefravaer.errors import InputError
from sygefravaer.io.krl import compare_national, long_frame, table_form
from sygefravaer.io.national import read_krl, read_national

ROOT = Path(__file__).parents[2]
DATA_FILE = ROOT / "data" / "krl_landsgennemsnit.csv"
# Fallback if the data file is missing: KRL's all-municipality figures (krl_sources.csv, seed 003).
FALLBACK = [
    ("2012", "Kommuner i alt", "11.94"),
    ("2013", "Kommuner i alt", "12.0"),
    ("2014", "Kommuner i alt", "12.0"),
    ("2015", "Kommuner i alt", "12.2"),
    ("2016", "Kommuner i alt", "12.0"),
    ("2017", "Kommuner i alt", "11.7"),
]
TITLE = "Sygefravær pr. fuldtidsbeskæftiget, kommuner (dagsværk)"
NOTES = ["Anm.: '..' betyder, at der ikke er et offentliggjort tal.", "Opdateret maj 2024"]


def published() -> list[tuple[str, str, str]]:
    """(year, staff_group, days as written) from the data file, or the fallback figures."""
    if not DATA_FILE.exists():
        return FALLBACK
    with open(DATA_FILE, encoding="utf-8") as fh:
        return [(r["year"], r["staff_group"], r["days_per_fte"]) for r in csv.DictReader(fh)]


def wide_grid(rows) -> tuple[list[str], list[str], dict]:
    """Groups (first-appearance order), years, and {(group, year): days text} of a wide table."""
    groups = list(dict.fromkeys(g for _, g, _ in rows))
    years = sorted({y for y, _, _ in rows})
    cells = {(g, y): d for y, g, d in rows}
    return groups, years, cells


def expected_long(rows, source: str | None = None) -> str:
    """The long CSV the import must write: ordered by year, then by the group's row in the table.

    The days are the data file's own text (11.94, 12.0): the import writes the shortest float.
    """
    groups, _, _ = wide_grid(rows)
    order = sorted(rows, key=lambda r: (int(r[0]), groups.index(r[1])))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["year", "staff_group", "days_per_fte"] + (["source"] if source else []))
    for y, g, d in order:
        w.writerow([y, g, d] + ([source] if source else []))
    return buf.getvalue()


def write_wide_csv(
    path: Path, rows, delimiter=";", encoding="utf-8-sig", source_note: str | None = None
) -> None:
    """A KRL-style wide CSV: title, blank row, header with an empty first cell, Danish decimals,
    `..` for missing figures, blank row and notes below."""
    groups, years, cells = wide_grid(rows)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([TITLE])
    w.writerow([])
    w.writerow(["", "Personalegruppe", *years])
    for g in groups:
        w.writerow(
            ["", g, *[cells[g, y].replace(".", ",") if (g, y) in cells else ".." for y in years]]
        )
    w.writerow([])
    if source_note:
        w.writerow([f"Kilde: {source_note}"])
    for note in NOTES:
        w.writerow([note])
    path.write_bytes(buf.getvalue().encode(encoding))


def write_wide_xlsx(path: Path, rows) -> None:
    """A wide xlsx as exported from a statistics database: years as number cells, figures half as
    numbers and half as Danish text, the group column without a heading."""
    groups, years, cells = wide_grid(rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sygefravær"
    ws.append([TITLE])
    ws.append(["Kilde: KRL"])
    ws.append([])
    ws.append([None, None, *[int(y) for y in years]])
    for i, g in enumerate(groups):
        vals = []
        for y in years:
            d = cells.get((g, y))
            if d is None:
                vals.append("..")
            elif i % 2:
                vals.append(d.replace(".", ","))  # text with a decimal comma
            else:
                vals.append(float(d))
        ws.append([None, g, *vals])
    ws.append([])
    for note in NOTES:
        ws.append([note])
    wb.save(path)


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


# --------------------------------------------------------------------------- wide to long


@pytest.mark.parametrize(
    "delimiter,encoding",
    [(";", "utf-8-sig"), (";", "cp1252"), (",", "utf-8"), ("\t", "utf-8")],
    ids=["semicolon-bom", "semicolon-cp1252", "comma", "tab"],
)
def test_wide_csv_imports_to_exactly_the_long_form(tmp_path, delimiter, encoding):
    rows = published()
    src = tmp_path / "krl_wide.csv"
    write_wide_csv(src, rows, delimiter, encoding)
    out = tmp_path / "national.csv"
    r = run("national", "import", src, "--out", out)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == expected_long(rows)
    assert table_form(src) == "wide"


def test_wide_xlsx_imports_to_exactly_the_long_form_with_source_note(tmp_path):
    rows = published()
    src = tmp_path / "krl_wide.xlsx"
    write_wide_xlsx(src, rows)
    out = tmp_path / "national.csv"
    r = run("national", "import", src, "--out", out)
    assert r.exit_code == 0, r.output
    # The note "Kilde: KRL" above the table becomes the source column.
    assert out.read_text(encoding="utf-8") == expected_long(rows, source="KRL")


def test_report_names_years_and_groups(tmp_path):
    rows = published()
    groups, years, _ = wide_grid(rows)
    src = tmp_path / "krl_wide.csv"
    write_wide_csv(src, rows)
    r = run("national", "import", src, "--out", tmp_path / "n.csv")
    assert f"år {years[0]}-{years[-1]}" in r.stdout
    assert f"{len(rows)} tal" in r.stdout
    assert f"{len(groups)} personalegrupper" in r.stdout
    for g in groups:
        assert g in r.stdout


def test_imported_long_form_reads_back_as_the_data_file(tmp_path):
    """Round trip: wide -> long CSV -> read_national gives the data file's figures."""
    rows = published()
    src = tmp_path / "krl_wide.csv"
    write_wide_csv(src, rows)
    out = tmp_path / "n.csv"
    assert run("national", "import", src, "--out", out).exit_code == 0
    got = read_national(out).data
    want = {(int(y), g): float(d) for y, g, d in rows}
    keys = zip(got["year"], got["staff_group"], strict=True)
    assert dict(zip(keys, got["days_per_fte"], strict=True)) == want


def test_read_national_accepts_the_wide_form_directly(tmp_path):
    """`--national WIDE.xlsx` works: read_national gives the same table as for the long form."""
    rows = published()
    wide = tmp_path / "krl_wide.xlsx"
    write_wide_xlsx(wide, rows)
    long = tmp_path / "long.csv"
    long.write_text(expected_long(rows), encoding="utf-8")
    a = read_national(wide).data.drop(columns="source")
    b = read_national(long).data
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_seed_2018_wide_table_gives_the_two_averages(tmp_path):
    """The seed's figures (2016 = 12,0; 2017 = 11,7) read from a two-column wide table."""
    src = tmp_path / "krl.csv"
    src.write_text(
        "Sygefravær i kommunerne\n\nPersonalegruppe;2016;2017\nKommuner i alt;12,0;11,7\n",
        encoding="utf-8",
    )
    d = read_krl(src).data
    assert d[["year", "staff_group", "days_per_fte"]].values.tolist() == [
        [2016, "Kommuner i alt", 12.0],
        [2017, "Kommuner i alt", 11.7],
    ]


def test_long_form_still_reads_as_long(tmp_path):
    src = tmp_path / "long.csv"
    src.write_text("År;Personalegruppe;Landsgennemsnit\n2017;Kommuner i alt;11,7\n", "utf-8")
    assert table_form(src) == "long"
    assert read_krl(src).data["days_per_fte"].tolist() == [11.7]


# --------------------------------------------------------------------------- errors and safety


def test_bad_cell_names_file_row_and_column_and_leaves_output_untouched(tmp_path):
    src = tmp_path / "krl.csv"
    # Row 4 of the sheet, column "2017": "ca. 12" is not a number.
    src.write_text(
        "Titel\n\nPersonalegruppe;2016;2017\nKommuner i alt;12,0;ca. 12\n", encoding="utf-8"
    )
    out = tmp_path / "n.csv"
    out.write_bytes(b"year,staff_group,days_per_fte\n2016,Kommuner i alt,12.0\n")
    before = out.read_bytes()
    r = run("national", "import", src, "--out", out)
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "række 4" in r.stderr and "kolonne '2017'" in r.stderr and "ca. 12" in r.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_numbers_without_group_name_are_an_error(tmp_path):
    src = tmp_path / "krl.csv"
    src.write_text("Personalegruppe;2016;2017\n;12,0;11,7\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_krl(src)
    assert exc.value.row == 2


def test_duplicate_year_column_is_an_error(tmp_path):
    src = tmp_path / "krl.csv"
    src.write_text("Personalegruppe;2016;2016\nKommuner i alt;12,0;11,7\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_krl(src)
    assert "2016" in exc.value.message and exc.value.row == 1


def test_refuses_to_overwrite_the_input_file(tmp_path):
    src = tmp_path / "krl.csv"
    write_wide_csv(src, FALLBACK)
    before = src.read_bytes()
    r = run("national", "import", src, "--out", src)
    assert r.exit_code == 2
    assert src.read_bytes() == before


# --------------------------------------------------------------------------- names vs previous


def test_group_names_that_do_not_match_the_previous_file_are_reported(tmp_path):
    """KRL renames a group between publications (sources give both 'Social- og sundheds-
    personale' and 'Sosu-personale'): the import reports it both ways and suggests the match."""
    previous = tmp_path / "national.csv"
    previous.write_text(
        "year,staff_group,days_per_fte\n"
        "2017,Kommuner i alt,11.7\n"
        "2017,Social- og sundhedspersonale,15.4\n",
        encoding="utf-8",
    )
    src = tmp_path / "krl_2018.csv"
    # 'KOMMUNER  I ALT' differs only in case and spacing: the same group, not a mismatch.
    src.write_text(
        "Personalegruppe;2017;2018\nKOMMUNER  I ALT;11,7;12,0\nSosu-personale;15,4;16,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "new.csv"
    r = run("national", "import", src, "--out", out, "--previous", previous, "--json")
    assert r.exit_code == 0, r.output
    import json

    doc = json.loads(r.stdout)
    assert doc["new_groups"] == ["Sosu-personale"]
    assert doc["dropped_groups"] == ["Social- og sundhedspersonale"]
    assert doc["mismatch"] is True
    assert doc["new_years"] == [2018]
    # Human report names both.
    r2 = run("national", "import", src, "--out", tmp_path / "new2.csv", "--previous", previous)
    assert "'Sosu-personale'" in r2.stdout and "'Social- og sundhedspersonale'" in r2.stdout
    # --strict stops before writing anything.
    out3 = tmp_path / "new3.csv"
    r3 = run("national", "import", src, "--out", out3, "--previous", previous, "--strict")
    assert r3.exit_code == 2 and not out3.exists()
    assert "Sosu-personale" in r3.stderr


def test_previous_defaults_to_out_and_revisions_are_listed(tmp_path):
    """KRL restated 2018 from 12,0 (first release) to 11,9 (krl_sources.csv): the re-import
    into the same --out file lists the revised figure and the years the new table lacks."""
    out = tmp_path / "national.csv"
    out.write_text(
        "year,staff_group,days_per_fte\n"
        "2016,Kommuner i alt,12.0\n2017,Kommuner i alt,11.7\n2018,Kommuner i alt,12.0\n",
        encoding="utf-8",
    )
    src = tmp_path / "krl_2019.csv"
    src.write_text("Personalegruppe;2017;2018;2019\nKommuner i alt;11,7;11,9;12,1\n", "utf-8")
    r = run("national", "import", src, "--out", out, "--json")
    assert r.exit_code == 0, r.output
    import json

    doc = json.loads(r.stdout)
    assert doc["previous"] == str(out)
    assert doc["revised"] == [
        {"year": 2018, "staff_group": "Kommuner i alt", "old": 12.0, "new": 11.9}
    ]
    assert doc["new_years"] == [2019] and doc["dropped_years"] == [2016]
    assert doc["mismatch"] is False
    # Without --merge the file holds exactly the new table (3 rows).
    assert out.read_text(encoding="utf-8").splitlines()[1:] == [
        "2017,Kommuner i alt,11.7",
        "2018,Kommuner i alt,11.9",
        "2019,Kommuner i alt,12.1",
    ]


def test_merge_keeps_previous_years(tmp_path):
    out = tmp_path / "national.csv"
    out.write_text(
        "year,staff_group,days_per_fte\n2016,Kommuner i alt,12.0\n2017,Kommuner i alt,11.6\n",
        encoding="utf-8",
    )
    src = tmp_path / "krl.csv"
    src.write_text("Personalegruppe;2017\nKommuner i alt;11,7\n", "utf-8")
    r = run("national", "import", src, "--out", out, "--merge")
    assert r.exit_code == 0, r.output
    # 2016 kept from the previous file; 2017 replaced by the new figure (11.6 -> 11.7).
    assert out.read_text(encoding="utf-8").splitlines() == [
        "year,staff_group,days_per_fte",
        "2016,Kommuner i alt,12.0",
        "2017,Kommuner i alt,11.7",
    ]


def test_compare_national_without_previous_only_lists_what_was_read(tmp_path):
    src = tmp_path / "krl.csv"
    write_wide_csv(src, FALLBACK)
    rep = compare_national(long_frame(read_krl(src)), None)
    assert rep.years == [2012, 2013, 2014, 2015, 2016, 2017]
    assert rep.groups == ["Kommuner i alt"]
    assert rep.new_groups is None and not rep.mismatch


def test_unrecognised_long_headers_get_the_long_form_message(tmp_path):
    """Years down the first column are not a wide table: the message lists accepted headers."""
    src = tmp_path / "krl.csv"
    src.write_text("year;group;days\n2016;Kommuner i alt;12,0\n\nKilde: x\n", encoding="utf-8")
    assert table_form(src) is None
    with pytest.raises(InputError) as exc:
        read_krl(src)
    assert "mangler kolonne" in exc.value.message and "group" in exc.value.message


def test_a_repeated_year_header_is_not_data(tmp_path):
    """Two tables in one sheet (all municipalities, then the capital region's, as seed 003 quotes
    them: 12,4 in 2016 and 12,0 in 2017): the second heading row is skipped, not read as 2016."""
    src = tmp_path / "krl.csv"
    src.write_text(
        "Kommuner\n;2016;2017\nKommuner i alt;12,0;11,7\n\n"
        "Region Hovedstaden\n;2016;2017\nKommunerne i Region Hovedstaden;12,4;12,0\n",
        encoding="utf-8",
    )
    d = read_krl(src).data
    assert d[["year", "staff_group", "days_per_fte"]].values.tolist() == [
        [2016, "Kommuner i alt", 12.0],
        [2016, "Kommunerne i Region Hovedstaden", 12.4],
        [2017, "Kommuner i alt", 11.7],
        [2017, "Kommunerne i Region Hovedstaden", 12.0],
    ]


def test_bad_xlsx_cell_names_sheet_row_and_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 3"
    ws.append(["Sygefravær"])  # row 1
    ws.append([])  # row 2
    ws.append(["Personalegruppe", 2016, 2017])  # row 3: years as number cells
    ws.append(["Kommuner i alt", 12.0, "11,7 dage?"])  # row 4
    src = tmp_path / "krl.xlsx"
    wb.save(src)
    with pytest.raises(InputError) as exc:
        read_krl(src)
    e = exc.value
    assert (e.sheet, e.row, e.column, e.value) == ("Tabel 3", 4, "2017", "11,7 dage?")


def wide_sheet(tmp_path: Path, d4) -> Path:
    """A wide KRL sheet whose 2017 figure of Pædagoger (C4) is `d4` (a value or a formula)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KRL"
    ws.append(["Sygefravær pr. fuldtidsbeskæftiget"])  # row 1
    ws.append(["Personalegruppe", 2016, 2017])  # row 2
    ws.append(["Kommuner i alt", 11.8, 12.0])  # row 3
    ws.append(["Pædagoger", 11.0, d4])  # row 4
    src = tmp_path / "krl.xlsx"
    wb.save(src)
    return src


def test_a_wide_xlsx_formula_without_a_value_is_refused_not_read_as_no_figure(tmp_path):
    # calamine reads C4 (=B4+0.5, never calculated) as blank; a blank figure means "no figure",
    # and Pædagoger would silently get 'Kommuner i alt' (12.0) for 2017 instead of its own.
    with pytest.raises(InputError) as exc:
        read_krl(wide_sheet(tmp_path, "=B4+0.5"))
    e = exc.value
    assert (e.sheet, e.row, e.column, e.value) == ("KRL", 4, "2017", "=B4+0.5")
    assert "celle C4 indeholder en formel uden gemt værdi" in e.message


def test_a_wide_xlsx_figure_formatted_as_percent_is_a_warning(tmp_path):
    src = wide_sheet(tmp_path, 11.5)
    wb = openpyxl.load_workbook(src)
    wb["KRL"]["C4"].number_format = "0.0%"
    wb.save(src)
    t = read_krl(src)
    # Read as stored (11.5 days), with a warning naming the column and the cell.
    got = t.data.set_index(["year", "staff_group"])["days_per_fte"]
    assert got[(2017, "Pædagoger")] == 11.5
    (w,) = [w for w in t.warnings if "procent" in str(w)]
    assert "kolonne '2017'" in str(w) and "celle C4" in str(w)
