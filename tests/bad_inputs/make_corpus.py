"""Write the bad-input corpus: one folder per case, each a small variation of a valid base case.

Run `python tests/bad_inputs/make_corpus.py` after editing; tests/test_bad_inputs.py runs the
committed folders. Each case folder holds scenario.toml, the input files it needs, and
expected.toml: the command (`args`, `{case}` = the folder), the exit status, and what the
message on stderr must name (file, sheet, row as the spreadsheet numbers it, column, value,
and text fragments such as what would be accepted).

The base case (valid): three units, glide 2013 -> 2015 from the 2012 national average 12.0.
Unit A/S1: 150/10 = 15.0 days in 2013 > 12.0, so its 2014 target is 15 - (15 - 12)/2 = 13.5 and
it is red in 2014 (15.0 > 13.5); the over-target model has a unit to carry the reduction.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

SCENARIO = """\
name = "Korpus"
absence = "absence.csv"
units = "units.csv"
national = "national.csv"
working_days = 200

[targets]
rule = "glide"
base_year = 2013
final_year = 2015
benchmark_year = 2012

[reduction]
model = "over-target"
totals = { 2014 = 100000, 2015 = 150000 }
"""

ABSENCE = """\
Center;Sektor;Periode;Årsværk;Sygefraværsdage
A;S1;2013;10;150
A;S2;2013;20;200
B;S3;2013;30;450
A;S1;2014;10;140
A;S2;2014;20;190
B;S3;2014;30;400
"""

UNITS = """\
Center;Sektor;Lønsum;Vikarbudget
A;S1;4.000.000;100.000
A;S2;8.000.000;0
B;S3;12.000.000;200.000
"""

NATIONAL = """\
year;staff_group;days_per_fte
2012;Kommuner i alt;12,0
2013;Kommuner i alt;11,5
"""

STATUS = ["status", "{case}/scenario.toml", "--year", "2014"]


def lines(text: str, n: int, new: str) -> str:
    """`text` with its line n (1-based, as the spreadsheet numbers it) replaced by `new`."""
    out = text.splitlines()
    out[n - 1] = new
    return "\n".join(out) + "\n"


def scen(old: str, new: str) -> str:
    assert old in SCENARIO, old
    return SCENARIO.replace(old, new)


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    """A minimal xlsx written by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed(buf.getvalue())


def _fixed(data: bytes) -> bytes:
    """The same xlsx with fixed timestamps, so that regenerating the corpus changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2014-01-01T00:00:00Z", part)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2014, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, part)
    return out.getvalue()


def patch_sheet(data: bytes, cell: str, xml: bytes) -> bytes:
    """An xlsx with one cell of its first sheet replaced by raw XML (e.g. an error value)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part, n = re.subn(rb'<c r="' + cell.encode() + rb'"[^>]*>.*?</c>', xml, part)
                assert n == 1
            zout.writestr(info, part)
    return out.getvalue()


def rows_of(text: str) -> list[list[object]]:
    out = []
    for line in text.splitlines():
        out.append([int(c) if c.isdigit() else c for c in line.split(";")])
    return out


# name -> (files that differ from the base, expected)
CASES: dict[str, tuple[dict[str, str | bytes | None], dict]] = {}


def case(name: str, files: dict[str, str | bytes | None], **expected) -> None:
    expected.setdefault("args", STATUS)
    expected.setdefault("exit", 2)
    CASES[name] = (files, expected)


def build() -> None:
    # ------------------------------------------------------------------ columns
    case(
        "missing_column",
        {"absence.csv": ABSENCE.replace(";Årsværk", ";Ansatte")},
        file="absence.csv",
        fragments=["mangler kolonne", "fte", "fundne overskrifter", "Ansatte", "årsværk"],
    )
    case(
        "misspelt_required_column",
        {"units.csv": UNITS.replace("Lønsum", "Lønsun")},
        file="units.csv",
        fragments=["mangler kolonne", "payroll", "Lønsun", "lønsum"],
    )
    case(
        "duplicate_column",
        {
            "absence.csv": ABSENCE.replace(
                "Sygefraværsdage", "Sygedage;Sygefraværsdage", 1
            ).replace(";150\n", ";150;150\n")
        },
        file="absence.csv",
        row=1,
        fragments=["to gange"],
    )
    # ------------------------------------------------------------------ cells
    case(
        "text_in_number_column",
        {"absence.csv": lines(ABSENCE, 3, "A;S2;2013;tyve;200")},
        file="absence.csv",
        row=3,
        column="Årsværk",
        value="tyve",
        fragments=["ikke et tal", "12,5"],
    )
    case(
        "text_in_money_column",
        {"units.csv": lines(UNITS, 4, "B;S3;12 mio;200.000")},
        file="units.csv",
        row=4,
        column="Lønsum",
        value="12 mio",
        fragments=["ikke et tal"],
    )
    case(
        "negative_fte",
        {"absence.csv": lines(ABSENCE, 4, "B;S3;2013;-30;450")},
        file="absence.csv",
        row=4,
        column="Årsværk",
        value="-30",
        fragments=["negativ"],
    )
    case(
        "zero_fte_with_sick_days",
        {"absence.csv": lines(ABSENCE, 2, "A;S1;2013;0;150")},
        file="absence.csv",
        row=2,
        column="Årsværk",
        value="0",
        fragments=["0 årsværk", "større end 0"],
    )
    case(
        "negative_sick_days",
        {"absence.csv": lines(ABSENCE, 6, "A;S2;2014;20;-190")},
        file="absence.csv",
        row=6,
        column="Sygefraværsdage",
        value="-190",
        fragments=["negativ"],
    )
    case(
        "blank_required_cell",
        {"absence.csv": lines(ABSENCE, 5, "A;;2014;10;140")},
        file="absence.csv",
        row=5,
        column="Sektor",
        fragments=["tom", "udfyldes"],
    )
    case(
        "blank_payroll",
        {"units.csv": lines(UNITS, 3, "A;S2;;0")},
        file="units.csv",
        row=3,
        column="Lønsum",
        fragments=["tom"],
    )
    case(
        "negative_payroll",
        {"units.csv": lines(UNITS, 2, "A;S1;-4.000.000;100.000")},
        file="units.csv",
        row=2,
        column="Lønsum",
        value="-4.000.000",
        fragments=["negativ"],
    )
    case(
        "infinite_number",
        {"absence.csv": lines(ABSENCE, 3, "A;S2;2013;inf;200")},
        file="absence.csv",
        row=3,
        column="Årsværk",
        fragments=["tal"],
    )
    case(
        "prior_reduction_with_oere",
        {
            "units.csv": "Center;Sektor;Lønsum;Tidligere reduktion\nA;S1;4.000.000;0\n"
            "A;S2;8.000.000;12.500,50\nB;S3;12.000.000;0\n"
        },
        file="units.csv",
        row=3,
        column="Tidligere reduktion",
        value="12500,5",
        fragments=["hele kroner"],
    )
    case(
        "national_negative_average",
        {"national.csv": lines(NATIONAL, 2, "2012;Kommuner i alt;-12,0")},
        file="national.csv",
        row=2,
        column="days_per_fte",
        value="-12",
        fragments=["negativ"],
    )
    case(
        "targets_file_bad_cell",
        {
            "scenario.toml": scen('rule = "glide"', 'rule = "file"\nfile = "maaltal.csv"')
            .replace("base_year = 2013\n", "")
            .replace("final_year = 2015\n", ""),
            "maaltal.csv": "Center;Sektor;År;Måltal\nA;S1;2014;13,5\nA;S2;2014;ti\nB;S3;2014;14\n",
        },
        file="maaltal.csv",
        row=3,
        column="Måltal",
        value="ti",
        fragments=["ikke et tal"],
    )
    case(
        "national_option_missing_file",
        {},
        args=["status", "{case}/scenario.toml", "--year", "2014", "--national", "{case}/krl.csv"],
        full_path="krl.csv",
        fragments=["findes ikke"],
    )
    case(
        "period_not_a_period",
        {"absence.csv": lines(ABSENCE, 7, "B;S3;efterår 2014;30;400")},
        file="absence.csv",
        row=7,
        column="Periode",
        value="efterår 2014",
        fragments=["periode", "2018Q1"],
    )
    case(
        "quarter_5",
        {"absence.csv": lines(ABSENCE, 7, "B;S3;2014Q5;30;400")},
        file="absence.csv",
        row=7,
        column="Periode",
        value="2014Q5",
        fragments=["2018Q1"],
    )
    case(
        "national_year_not_a_year",
        {"national.csv": lines(NATIONAL, 3, "i fjor;Kommuner i alt;11,5")},
        file="national.csv",
        row=3,
        column="year",
        value="i fjor",
        fragments=["helt tal"],
    )
    # ------------------------------------------------------------------ duplicates, cross-checks
    case(
        "duplicate_units",
        {"units.csv": UNITS + "A;S1;5.000.000;0\n"},
        file="units.csv",
        row=5,
        fragments=["mere end én gang", "A / S1"],
    )
    case(
        "duplicate_absence_rows",
        {"absence.csv": ABSENCE + "a;S1;2013;10;150\n".replace("a", "A")},
        file="absence.csv",
        row=8,
        fragments=["mere end én gang", "2013"],
    )
    case(
        "absence_unit_missing_from_units",
        {"absence.csv": ABSENCE + "C;S9;2013;5;40\n"},
        file="absence.csv",
        row=8,
        value="C / S9",
        fragments=["findes ikke i enhedstabellen", "units.csv"],
    )
    case(
        "unit_without_absence_is_warning",
        {"units.csv": UNITS + "C;S9;1.000.000;0\n"},
        exit=0,
        fragments=["Advarsel", "C / S9", "ingen rækker i fraværstabellen"],
    )
    # ------------------------------------------------------------------ years
    case(
        "glide_base_year_not_in_data",
        {
            "scenario.toml": scen("base_year = 2013", "base_year = 2010").replace(
                "final_year = 2015", "final_year = 2015"
            )
        },
        args=["targets", "{case}/scenario.toml"],
        fragments=["2010"],
    )
    case(
        "benchmark_year_not_in_national",
        {"scenario.toml": scen("benchmark_year = 2012", "benchmark_year = 2005")},
        file="national.csv",
        fragments=["2005", "2012"],
    )
    case(
        "glide_without_base_year",
        {"scenario.toml": scen("base_year = 2013\n", "")},
        file="scenario.toml",
        fragments=["targets.base_year", "targets.final_year"],
    )
    case(
        "final_year_before_base_year",
        {"scenario.toml": scen("final_year = 2015", "final_year = 2012")},
        file="scenario.toml",
        value=2012,
        fragments=["targets.final_year", "efter"],
    )
    case(
        "unknown_staff_group_is_warning",
        {
            "absence.csv": "\n".join(
                [ABSENCE.splitlines()[0] + ";Personalegruppe"]
                + [r + ";Lærerre" for r in ABSENCE.splitlines()[1:]]
            )
            + "\n",
        },
        exit=0,
        fragments=["Advarsel", "'Lærerre'", "national.csv", "Kommuner i alt"],
    )
    case(
        "staff_group_missing_without_total_row",
        {
            "absence.csv": "\n".join(
                [ABSENCE.splitlines()[0] + ";Personalegruppe"]
                + [r + ";Lærere" for r in ABSENCE.splitlines()[1:]]
            )
            + "\n",
            "national.csv": "year;staff_group;days_per_fte\n2012;Pædagoger;12,0\n",
        },
        file="national.csv",
        fragments=["Lærere", "Kommuner i alt"],
    )
    # ------------------------------------------------------------------ files
    case("empty_file", {"units.csv": ""}, file="units.csv", fragments=["tom"])
    case(
        "header_only",
        {"absence.csv": ABSENCE.splitlines()[0] + "\n"},
        file="absence.csv",
        fragments=["ingen datarækker"],
    )
    case(
        "csv_that_is_xlsx",
        {"units.csv": xlsx({"Ark1": [["x"]]})},
        file="units.csv",
        fragments=["mangler kolonne"],
    )
    case(
        "xlsx_that_is_text",
        {
            "scenario.toml": scen('units = "units.csv"', 'units = "units.xlsx"'),
            "units.xlsx": UNITS,
        },
        file="units.xlsx",
        fragments=["ikke en gyldig xlsx", ".csv"],
    )
    good = xlsx({"Enheder": rows_of(UNITS)})
    case(
        "truncated_xlsx",
        {
            "scenario.toml": scen('units = "units.csv"', 'units = "units.xlsx"'),
            "units.xlsx": good[: len(good) // 2],
        },
        file="units.xlsx",
        fragments=["beskadiget"],
    )
    case(
        "encrypted_xlsx",
        {
            "scenario.toml": scen('units = "units.csv"', 'units = "units.xlsx"'),
            "units.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptionInfo",
        },
        file="units.xlsx",
        fragments=["krypteret", "adgangskode"],
    )
    case(
        "binary_csv",
        {"absence.csv": b"\x00\x01\x02binary\x00" * 20},
        file="absence.csv",
        fragments=["binær"],
    )
    case(
        "xlsx_bad_cell",
        {
            "scenario.toml": scen('absence = "absence.csv"', 'absence = "absence.xlsx"'),
            "absence.xlsx": xlsx(
                {"Fravær": [["Udtræk fra HR"], [], *rows_of(lines(ABSENCE, 4, "B;S3;2013;30;?"))]}
            ),
        },
        file="absence.xlsx",
        sheet="Fravær",
        row=6,
        column="Sygefraværsdage",
        value="?",
        fragments=["ikke et tal"],
    )
    case(
        "xlsx_cover_sheet_first",
        {
            "scenario.toml": scen('units = "units.csv"', 'units = "units.xlsx"'),
            "units.xlsx": xlsx({"Forside": [["Budget 2014"]], "Enheder": rows_of(UNITS)}),
        },
        file="units.xlsx",
        sheet="Forside",
        fragments=["mangler kolonne", "første ark", "Forside, Enheder"],
    )
    case(
        "xlsx_formula_error_value",
        {
            "scenario.toml": scen('units = "units.csv"', 'units = "units.xlsx"'),
            "units.xlsx": patch_sheet(
                xlsx({"Enheder": rows_of(UNITS.replace(".", ""))}),
                "C3",
                b'<c r="C3" t="e"><f>C2/0</f><v>#DIV/0!</v></c>',
            ),
        },
        file="units.xlsx",
        sheet="Enheder",
        row=3,
        column="Lønsum",
        fragments=["tom", "#DIV/0!"],
    )
    case(
        "missing_input_file",
        {"scenario.toml": scen('units = "units.csv"', 'units = "data/enheder.csv"')},
        full_path="data/enheder.csv",
        fragments=["findes ikke"],
    )
    case(
        "missing_scenario_file",
        {},
        args=["status", "{case}/senario.toml", "--year", "2014"],
        full_path="senario.toml",
        fragments=["findes ikke"],
    )
    # ------------------------------------------------------------------ scenario
    case(
        "toml_syntax_error",
        {"scenario.toml": scen("working_days = 200", "working_days = 200,5")},
        file="scenario.toml",
        value="working_days = 200,5",
        fragments=["TOML-syntaksfejl", "linje 5", "kolonne 19", "linjen slutte", "punktum"],
    )
    case(
        "toml_setting_twice",
        {"scenario.toml": scen("working_days = 200", "working_days = 200\nworking_days = 227")},
        file="scenario.toml",
        value="working_days = 227",
        fragments=["linje 6", "står to gange"],
    )
    case(
        "toml_unterminated_text",
        {"scenario.toml": scen('absence = "absence.csv"', 'absence = "absence.csv')},
        file="scenario.toml",
        fragments=["linje 2", "anførselstegn"],
    )
    case(
        "unknown_option",
        {"scenario.toml": scen("working_days = 200", "workingdays = 200")},
        file="scenario.toml",
        fragments=["ukendt indstilling", "workingdays", "working_days"],
    )
    case(
        "unknown_option_in_table",
        {"scenario.toml": scen("rule = ", "rounding = 1\nrule = ")},
        file="scenario.toml",
        fragments=["ukendt indstilling", "targets.rounding", "base_year"],
    )
    case(
        "unknown_model_name",
        {"scenario.toml": scen('model = "over-target"', 'model = "grønthøster"')},
        file="scenario.toml",
        value="grønthøster",
        fragments=[
            "reduction.model",
            "ukendt værdi",
            "green-harvester",
            "substitute",
            "over-target",
        ],
    )
    case(
        "unknown_model_option",
        {},
        args=["allocate", "{case}/scenario.toml", "--year", "2014", "--model", "vikar"],
        value="vikar",
        fragments=["--model", "green-harvester", "substitute", "over-target"],
    )
    case(
        "missing_required_setting",
        {"scenario.toml": scen('units = "units.csv"\n', "")},
        file="scenario.toml",
        fragments=["units", "mangler"],
    )
    case(
        "total_year_not_a_year",
        {"scenario.toml": scen("2015 = 150000", '"år 2015" = 150000')},
        file="scenario.toml",
        value="år 2015",
        fragments=["reduction.totals", "skal være et år"],
    )
    case(
        "working_days_zero",
        {"scenario.toml": scen("working_days = 200", "working_days = 0")},
        file="scenario.toml",
        value=0,
        fragments=["working_days", "større end 0"],
    )
    case(
        "totals_decreasing",
        {"scenario.toml": scen("2015 = 150000", "2015 = 90000")},
        file="scenario.toml",
        fragments=["falder", "2014", "2015"],
    )
    case(
        "increments_not_matching_totals",
        {"scenario.toml": scen("totals = {", "increments = { 2015 = 60000 }\ntotals = {")},
        file="scenario.toml",
        value="60.000",
        fragments=["passer ikke", "50.000"],
    )
    case(
        "total_not_multiple_of_rounding",
        {
            "scenario.toml": scen(
                'model = "over-target"', 'model = "over-target"\nrounding = 1000'
            ).replace("2015 = 150000", "2015 = 150500")
        },
        file="scenario.toml",
        fragments=["multiplum", "1.000", "2015"],
    )
    case(
        "over_target_no_unit_over_target",
        {
            "absence.csv": "\n".join(
                [ABSENCE.splitlines()[0]]
                + [r.rsplit(";", 1)[0] + ";50" for r in ABSENCE.splitlines()[1:]]
            )
            + "\n",
        },
        args=["allocate", "{case}/scenario.toml", "--year", "2014"],
        file="scenario.toml",
        fragments=["ingen enhed ligger over", "--model"],
    )
    case(
        "unknown_column_is_fine",
        {
            "absence.csv": "\n".join(r + ";x" for r in ABSENCE.splitlines()).replace(
                ";x", ";Noter", 1
            )
            + "\n"
        },
        exit=0,
    )
    case("valid_base_case", {}, exit=0)
    case(
        "small_unit_is_warning",
        {"absence.csv": lines(ABSENCE, 5, "A;S1;2014;4;60")},  # latest calendar year
        exit=0,
        fragments=["Advarsel", "A / S1", "4,0 årsværk", "under 5"],
    )
    case(
        "zero_payroll_is_warning",
        {
            "units.csv": lines(UNITS, 3, "A;S2;0;50.000"),
            "scenario.toml": scen('model = "over-target"', 'model = "substitute"'),
        },
        args=["allocate", "{case}/scenario.toml", "--year", "2014"],
        exit=0,
        fragments=["Advarsel", "A / S2", "lønsum 0"],
    )
    case(
        "missing_sheet",
        {"krl.xlsx": xlsx({"Landsgennemsnit": rows_of(NATIONAL)})},
        args=["national", "import", "{case}/krl.xlsx", "--sheet", "Ark9", "--out", "{case}/o.csv"],
        file="krl.xlsx",
        fragments=["Ark9", "findes ikke", "Landsgennemsnit"],
    )
    case(
        "wrong_delimiter_row",
        {"units.csv": lines(UNITS, 3, "A;S2;8.000.000;0;7;8")},
        file="units.csv",
        row=3,
        fragments=["flere felter"],
    )
    case(
        "run_out_is_a_file",
        {},
        args=["run", "{case}/scenario.toml", "--out", "{case}/units.csv"],
        file="units.csv",
        fragments=["--out", "fil, ikke en mappe"],
    )
    case(
        "allocate_output_is_a_folder",
        {},
        args=["allocate", "{case}/scenario.toml", "--year", "2014", "--output", "{case}"],
        fragments=["mappe"],
    )
    case(
        "national_import_over_its_input",
        {},
        args=["national", "import", "{case}/national.csv", "--out", "{case}/national.csv"],
        file="national.csv",
        fragments=["inddatafilen", "overskrives ikke"],
    )
    case(
        "extra_field_in_first_row",
        {"absence.csv": lines(ABSENCE, 2, "A;S1;2013;10;150;999")},
        file="absence.csv",
        row=2,
        fragments=["flere felter end overskriften"],
    )
    case(
        "output_is_input",
        {},
        args=["allocate", "{case}/scenario.toml", "--year", "2014", "--output", "{case}/units.csv"],
        file="units.csv",
        fragments=["inddatafilerne", "overskrives ikke"],
    )


def toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def write(folder: Path) -> None:
    build()
    for name, (files, expected) in CASES.items():
        d = folder / name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        base = {
            "scenario.toml": SCENARIO,
            "absence.csv": ABSENCE,
            "units.csv": UNITS,
            "national.csv": NATIONAL,
        }
        base.update(files)
        for fname, content in base.items():
            if content is None:
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            (d / fname).write_bytes(data)
        doc = [f"# {name}: what the message on stderr must say (see make_corpus.py)"]
        doc += [f"{k} = {toml_value(v)}" for k, v in expected.items()]
        (d / "expected.toml").write_text("\n".join(doc) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
    print(len(CASES), "cases")
