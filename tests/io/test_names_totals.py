"""Names, totals rows, letter case and headers as the readers see them (domain.md 3, issue 9).

Names are compared after Unicode NFC and whitespace normalization; totals and subtotal rows are
refused (every one reported), names that differ only in letter case are refused showing both
spellings; a negative prior reduction is refused; a header with a unit in brackets or 'Tidl.
reduktion' is read, a header that nearly names a missing column is refused with 'mente du', and
other unknown columns are a note. Each refusal is checked on the fast and the general path.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from sygefravaer.api import load_scenario
from sygefravaer.errors import InputError, InputErrors, InputNote
from sygefravaer.io.headers import UNITS, header_code, header_codes, resembles
from sygefravaer.io.inputs import Inputs, cross_check, load_inputs
from sygefravaer.io.readers import read_absence, read_targets, read_units
from sygefravaer.names import group_key, is_total_name, normalize_name

ABSENCE = "Center;Sektor;Periode;Personalegruppe;Årsværk;Sygefraværsdage\n"
UNITS_HEADER = "Center;Sektor;Lønsum;Vikarbudget;Tidligere reduktion\n"
TARGETS = "Center;Sektor;År;Måltal\n"
BOTH = pytest.mark.parametrize("fast", [True, False], ids=["fast", "general"])


def write(tmp_path, name: str, header: str, rows: list[str]):
    p = tmp_path / name
    p.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def refused(read, path, **kw) -> list[InputError]:
    """The errors a reader raises, one InputError or each of an InputErrors."""
    with pytest.raises(InputError) as exc:
        read(path, **kw)
    return exc.value.errors if isinstance(exc.value, InputErrors) else [exc.value]


# --------------------------------------------------------------------------- names


def test_normalize_name_nfc_and_spaces():
    nfd = unicodedata.normalize("NFD", "Plejecenter Åbo")
    assert nfd != "Plejecenter Åbo"
    assert normalize_name(nfd) == "Plejecenter Åbo"
    assert normalize_name("  Plejecenter\u00a0\u00a0 Åbo\t") == "Plejecenter Åbo"
    assert group_key(unicodedata.normalize("NFD", "ÅBO")) == group_key("åbo") == "åbo"


@pytest.mark.parametrize(
    "name",
    ["I alt", "i ALT", " I\u00a0alt ", "Total", "TOTALT", "Hovedtotal", "Subtotal", "Sum",
     "Samlet", "Ældre og Sundhed i alt", "Skoler Total", "Kommuner i alt"],
)  # fmt: skip
def test_total_names(name):
    assert is_total_name(name)


@pytest.mark.parametrize(
    "name", ["Ialt", "Alt i alt om", "Totalomsorg", "Summer", "Samlet plejecenter", "Sumtotal x"]
)
def test_names_that_are_not_totals(name):
    assert not is_total_name(name)


@BOTH
def test_nfd_and_extra_spaces_read_as_the_nfc_name(tmp_path, fast):
    rows = ["Ældre;Plejecenter Åbo;2013;SSA;8;144", "Ældre;Plejecenter  Åbo ;2014;SSA;8;136"]
    text = unicodedata.normalize("NFD", ABSENCE + rows[0] + "\n") + rows[1] + "\n"
    p = tmp_path / "a.csv"
    p.write_text(text, encoding="utf-8")
    d = read_absence(p, fast=fast).data
    assert d["sector"].tolist() == ["Plejecenter Åbo", "Plejecenter Åbo"]
    assert d["fte"].tolist() == [8.0, 8.0]  # the NFD header 'Årsværk' is found


# --------------------------------------------------------------------------- totals rows


@BOTH
def test_every_totals_row_of_the_absence_table_is_reported_first_first(tmp_path, fast):
    rows = [
        "A;x;2013;G;10;100",
        "A;I alt;2013;;10;100",  # row 3: a center subtotal
        "B;y;2013;G;5;50",
        "Total;;2013;;15;150",  # row 5: the grand total, sector blank
    ]
    errors = refused(read_absence, write(tmp_path, "a.csv", ABSENCE, rows), fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [
        (3, "Sektor", "I alt"),
        (5, "Center", "Total"),
    ]
    assert all("summerer selv" in e.hint for e in errors)


@BOTH
def test_blank_staff_group_beside_group_rows_is_a_subtotal(tmp_path, fast):
    rows = [
        "A;x;2013;G1;8;80",
        "A;x;2013;G2;2;20",
        "A;x;2013;;10;100",  # row 4: their sum without a label
        "A;x;2014;;10;90",  # no group rows in 2014: a unit without breakdown that year
        "B;y;2013;;5;50",  # a unit without breakdown
    ]
    errors = refused(read_absence, write(tmp_path, "a.csv", ABSENCE, rows), fast=fast)
    assert [(e.row, e.column) for e in errors] == [(4, "Personalegruppe")]
    assert errors[0].value == "A / x / 2013" and "subtotal" in errors[0].message


@BOTH
def test_blank_group_subtotal_found_when_its_period_is_text_and_theirs_numbers(tmp_path, fast):
    wb = Workbook()
    ws = wb.active
    ws.append(["Center", "Sektor", "Periode", "Personalegruppe", "Årsværk", "Sygefraværsdage"])
    ws.append(["A", "x", 2013, "G1", 8, 80])
    ws.append(["A", "x", 2013, "G2", 2, 20])
    ws.append(["A", "x", "2013", None, 10, 100])  # row 4: the period typed as text
    wb.save(tmp_path / "a.xlsx")
    errors = refused(read_absence, tmp_path / "a.xlsx", fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [(4, "Personalegruppe", "A / x / 2013")]


def test_units_table_without_staff_groups_in_absence_is_not_a_subtotal(tmp_path):
    # Absence without a staff-group column: '' on every row, nothing beside it.
    p = tmp_path / "a.csv"
    p.write_text("Center;Sektor;Periode;Årsværk;Sygefraværsdage\nA;x;2013;1;2\nA;y;2013;1;2\n")
    assert len(read_absence(p).data) == 2


@BOTH
def test_totals_rows_in_units_and_targets(tmp_path, fast):
    units = ["A;x;100;0;0", "A;Subtotal;100;0;0", "Hovedtotal;;100;0;0"]
    errors = refused(read_units, write(tmp_path, "u.csv", UNITS_HEADER, units), fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [
        (3, "Sektor", "Subtotal"),
        (4, "Center", "Hovedtotal"),
    ]
    targets = ["A;x;2018;11", "I ALT;;2018;11"]
    errors = refused(read_targets, write(tmp_path, "t.csv", TARGETS, targets), fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [(3, "Center", "I ALT")]


def test_kommuner_i_alt_as_a_units_staff_group_is_krl_s_group(tmp_path):
    header = "Center;Sektor;Personalegruppe;Lønsum\n"
    u = read_units(write(tmp_path, "u.csv", header, ["A;x;Kommuner i alt;100"]))
    assert u.data["staff_group"].tolist() == ["Kommuner i alt"]


def test_many_totals_rows_reported_up_to_a_limit_and_counted(tmp_path):
    rows = [f"A;s{i};100;0;0" for i in range(3)] + [f"A;s{i} i alt;100;0;0" for i in range(60)]
    errors = refused(read_units, write(tmp_path, "u.csv", UNITS_HEADER, rows))
    assert len(errors) == 51
    assert [e.row for e in errors[:50]] == list(range(5, 55))
    assert "10 rækker mere" in errors[-1].message


# --------------------------------------------------------------------------- letter case


@BOTH
def test_staff_groups_differing_in_case_in_one_unit_and_period(tmp_path, fast):
    rows = [
        "A;x;2013;Pædagoger;6;60",
        "A;x;2013;PÆDAGOGER;2;30",  # row 3: the clash
        "A;x;2014;Pædagoger;6;60",
        "B;y;2014;pædagoger;1;1",  # another unit: its own spelling is fine (KRL ignores case)
    ]
    errors = refused(read_absence, write(tmp_path, "a.csv", ABSENCE, rows), fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [(3, "Personalegruppe", "PÆDAGOGER")]
    assert "'Pædagoger' (række 2) og 'PÆDAGOGER' (række 3)" in errors[0].message


def test_three_spellings_and_two_clashes_each_reported_once(tmp_path):
    rows = [
        "A;x;2013;Lærere;1;1",
        "A;x;2013;LÆRERE;1;1",  # row 3
        "A;x;2013;lærere;1;1",
        "A;x;2014;Lærere;1;1",
        "A;x;2014;lÆrere;1;1",  # row 6: the 2014 clash
    ]
    errors = refused(read_absence, write(tmp_path, "a.csv", ABSENCE, rows))
    assert [e.row for e in errors] == [3, 6]
    assert "'Lærere' (række 2) og 'LÆRERE' (række 3) og 'lærere' (række 4)" in errors[0].message
    assert "'Lærere' (række 5) og 'lÆrere' (række 6)" in errors[1].message


@BOTH
def test_centers_and_sectors_differing_in_case(tmp_path, fast):
    rows = [
        "Ældre;x;2013;G;1;1",
        "ÆLDRE;y;2013;G;1;1",
        "B;Skoler;2013;G;1;1",
        "B;skoler;2014;G;1;1",
    ]
    errors = refused(read_absence, write(tmp_path, "a.csv", ABSENCE, rows), fast=fast)
    assert [(e.row, e.column, e.value) for e in errors] == [
        (3, "Center", "ÆLDRE"),
        (5, "Sektor", "skoler"),
    ]
    assert "'Ældre' (række 2) og 'ÆLDRE' (række 3)" in errors[0].message


def test_same_sector_name_in_two_centers_in_two_cases_is_fine(tmp_path):
    units = ["A;Administration;100;0;0", "B;administration;100;0;0"]
    assert len(read_units(write(tmp_path, "u.csv", UNITS_HEADER, units)).data) == 2


def test_units_and_targets_refuse_case_clashes(tmp_path):
    units = ["A;x;100;0;0", "a;y;100;0;0"]
    errors = refused(read_units, write(tmp_path, "u.csv", UNITS_HEADER, units))
    assert [(e.row, e.column) for e in errors] == [(3, "Center")]
    targets = ["A;x;2018;11", "A;X;2019;11"]
    errors = refused(read_targets, write(tmp_path, "t.csv", TARGETS, targets))
    assert [(e.row, e.column) for e in errors] == [(3, "Sektor")]


def test_a_unit_spelled_in_another_case_in_the_units_table(tmp_path):
    a = read_absence(write(tmp_path, "a.csv", ABSENCE, ["Ældre og sundhed;x;2013;G;10;100"]))
    u = read_units(write(tmp_path, "u.csv", UNITS_HEADER, ["Ældre og Sundhed;x;100;0;0"]))
    with pytest.raises(InputError) as exc:
        cross_check(Inputs(a, u), min_fte=5)
    e = exc.value
    assert (e.row, e.column) == (2, "Center")
    assert "Ældre og sundhed / x" in e.message and "Ældre og Sundhed / x" in e.message


# --------------------------------------------------------------------------- money


@BOTH
def test_negative_prior_reduction_refused_with_the_positive_amount(tmp_path, fast):
    p = write(tmp_path, "u.csv", UNITS_HEADER, ["A;x;100;0;0", "A;y;1.000;0;-100.000"])
    (e,) = refused(read_units, p, fast=fast)
    assert (e.row, e.column, e.value) == (3, "Tidligere reduktion", -100_000)
    assert "100.000, ikke -100.000" in e.hint


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "header, code",
    [
        ("Tidl. reduktion", "prior_reduction"),
        ("Tidligere reduktion (kr.)", "prior_reduction"),
        ("Lønsum [kr.]", "payroll"),
        ("Årsværk (antal)", "fte"),
        (unicodedata.normalize("NFD", "Årsværk"), "fte"),
        ("Tidligere reduktioner", None),
        ("Noter (fri tekst)", None),
    ],
)
def test_header_code(header, code):
    assert header_code(header) == code


def test_resembles_only_the_codes_asked_about():
    assert resembles("Tidligere reduktioner", ["prior_reduction"]) == "prior_reduction"
    assert resembles("Personalegrupe", ["staff_group", "fte"]) == "staff_group"
    assert resembles("Tidligere reduktioner", ["staff_group"]) is None
    assert resembles("Afdeling", ["center", "sector", "staff_group", "prior_reduction"]) is None


def test_header_codes_with_a_unit_in_brackets():
    header = ["Center", "Sektor", "Lønsum (kr.)", "Tidl. reduktion"]
    assert header_codes(header, UNITS) == ["center", "sector", "payroll", "prior_reduction"]


@BOTH
def test_header_like_a_missing_column_is_refused(tmp_path, fast):
    header = "Center;Sektor;Lønsum;Tidligere reduktioner;Vikarbudgett\n"
    (e1, e2) = refused(read_units, write(tmp_path, "u.csv", header, ["A;x;100;5;0"]), fast=fast)
    assert (e1.row, e1.column) == (1, "Tidligere reduktioner")
    assert "mente du 'Tidligere reduktion'?" in e1.message
    assert (e2.row, e2.column) == (1, "Vikarbudgett") and "'Vikarbudget'" in e2.message


def test_header_like_a_present_column_is_only_a_note(tmp_path):
    header = "Center;Sektor;Lønsum;Tidligere reduktion;Tidligere reduktioner;Afdeling\n"
    u = read_units(write(tmp_path, "u.csv", header, ["A;x;100;5;0;Nord"]))
    assert u.data["prior_reduction"].tolist() == [5.0]
    (note,) = u.warnings
    assert isinstance(note, InputNote) and note.is_note
    assert str(note) == "u.csv: ukendte kolonner springes over: 'Tidligere reduktioner', 'Afdeling'"


def test_a_misspelt_required_header_asks_mente_du(tmp_path):
    header = "Center;Sektorr;Lønsum\n"
    (e,) = refused(read_units, write(tmp_path, "u.csv", header, ["A;x;100"]))
    assert "mangler kolonne(r): sector" in e.message
    assert "'Sektorr': mente du 'Sektor'?" in e.hint


def test_known_table_has_no_note(tmp_path):
    u = read_units(write(tmp_path, "u.csv", UNITS_HEADER, ["A;x;100;0;0"]))
    assert u.warnings == ()


def test_load_inputs_gathers_each_tables_notes_first():
    case = Path(__file__).parents[1] / "bad_inputs" / "unknown_column_is_fine"
    inputs = load_inputs(load_scenario(case / "scenario.toml"))
    assert inputs.absence.warnings
    assert inputs.warnings[: len(inputs.absence.warnings)] == list(inputs.absence.warnings)
    assert str(inputs.warnings[0]) == "absence.csv: ukendte kolonner springes over: 'Noter'"
