"""xlsx and ods sheets (issue 9): the sheet a table is read from (the named one, else the visible
active one), the cells calamine reads as blank though they are not (formulas without a stored
value, error values) refused by cell, percent-formatted numbers warned about, numbers at 15
significant digits; and the xlsx safety scan (issue 5) still refusing far cells however the
cell tag is written."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook

from sygefravaer.errors import InputError, InputErrors
from sygefravaer.io.readers import read_absence, read_units
from sygefravaer.io.sources import excel_number, excel_numbers, read_source
from sygefravaer.io.xlsx_safety import check_xlsx, default_sheet

UNITS = [
    ["Center", "Sektor", "Lønsum", "Vikarbudget", "Tidligere reduktion"],
    ["Ældre", "Hjemmeplejen", 16_000_000, 400_000, 100_000],
    ["Ældre", "Plejecenter", 4_054_000, 0, 0],
]
OLD_UNITS = [UNITS[0], ["Ældre", "Hjemmeplejen", 8_000_000, 200_000, 0]]


def workbook(path: Path, sheets: dict[str, list[list]], active: int = 0, states=None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    for ws, state in zip(wb.worksheets, states or [], strict=False):
        ws.sheet_state = state
    wb.active = active
    wb.save(path)
    return path


def patch_cell(path: Path, cell: str, xml: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook with one cell of a sheet replaced by raw XML (as other programs write it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data, n = re.subn(
                    rb'<c r="' + cell.encode() + rb'"[^>]*?(/>|>.*?</c>)', xml.encode(), data
                )
                assert n == 1
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


# --------------------------------------------------------------------------- the sheet read


@pytest.mark.parametrize(
    ("visible", "active", "chosen"),
    [
        ([True, True], 1, 1),  # the active one, not the first
        ([False, True], 1, 1),
        ([False, True, True], 0, 1),  # the active sheet is hidden: the first visible
        ([False, False], 1, 0),  # nothing visible (not possible in Excel): the first
        ([True], None, 0),
        ([False, True], 7, 1),  # an activeTab past the sheets
    ],
)
def test_default_sheet_is_the_visible_active_one(visible, active, chosen):
    assert default_sheet(visible, active) == chosen


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_read(tmp_path, state):
    p = workbook(tmp_path / "u.xlsx", {"Sidste år": OLD_UNITS, "Enheder": UNITS}, 1, [state])
    t = read_units(p)
    assert t.sheet == "Enheder" and t.data["payroll"].tolist() == [16_000_000, 4_054_000]


def test_the_active_sheet_is_read_not_the_first(tmp_path):
    p = workbook(tmp_path / "u.xlsx", {"Forside": OLD_UNITS, "Enheder": UNITS}, active=1)
    assert read_units(p).sheet == "Enheder"


def test_a_hidden_active_sheet_gives_the_first_visible_one(tmp_path):
    sheets = {"Gammel": OLD_UNITS, "Enheder": UNITS, "Noter": [["x"]]}
    p = workbook(tmp_path / "u.xlsx", sheets, active=0, states=["hidden"])
    assert read_units(p).sheet == "Enheder"


def test_a_named_hidden_sheet_is_read(tmp_path):
    p = workbook(tmp_path / "u.xlsx", {"Sidste år": OLD_UNITS, "Enheder": UNITS}, 1, ["hidden"])
    t = read_units(p, sheet="Sidste år")
    assert t.sheet == "Sidste år" and t.data["payroll"].tolist() == [8_000_000]


def test_an_error_names_the_sheet_read_by_default(tmp_path):
    rows = [UNITS[0], ["Ældre", "Hjemmeplejen", "mange", 0, 0]]
    p = workbook(tmp_path / "u.xlsx", {"Gammel": OLD_UNITS, "Enheder": rows}, 1, ["hidden"])
    with pytest.raises(InputError) as e:
        read_units(p)
    assert (e.value.sheet, e.value.row, e.value.column) == ("Enheder", 2, "Lønsum")


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    "</manifest:manifest>"
)


def _ods(path: Path, tables: list[tuple[str, bool, list[list]]], active: str | None) -> Path:
    """A minimal .ods as LibreOffice writes one: hidden tables by a table style, the active
    table in settings.xml."""

    def cell(v) -> str:
        if isinstance(v, str) and v.startswith("<table:"):
            return v  # a cell as written
        if isinstance(v, str):
            text = f"<text:p>{v}</text:p>"
            return f'<table:table-cell office:value-type="string">{text}</table:table-cell>'
        return f'<table:table-cell office:value-type="float" office:value="{v}"/>'

    body = "".join(
        f'<table:table table:name="{name}" table:style-name="{"ta2" if shown else "ta1"}">'
        + "".join(
            r
            if isinstance(r, str)
            else f"<table:table-row>{''.join(map(cell, r))}</table:table-row>"
            for r in rows
        )
        + "</table:table>"
        for name, shown, rows in tables
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        "<office:automatic-styles>"
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        f"{body}</office:spreadsheet></office:body></office:document-content>"
    )
    item = (
        f'<config:config-item config:name="ActiveTable" config:type="string">{active}'
        "</config:config-item>"
        if active
        else ""
    )
    settings = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {ns}><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        f"{item}</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("settings.xml", settings, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize(
    ("active", "chosen"), [("Noter", "Noter"), ("Gammel", "Enheder"), (None, "Enheder")]
)
def test_ods_the_visible_active_sheet(tmp_path, active, chosen):
    tables = [("Gammel", False, OLD_UNITS), ("Enheder", True, UNITS), ("Noter", True, [["x"]])]
    p = _ods(tmp_path / "u.ods", tables, active)
    assert read_source(p).name == chosen


def test_ods_hidden_first_sheet_read_right(tmp_path):
    p = _ods(tmp_path / "u.ods", [("Gammel", False, OLD_UNITS), ("Enheder", True, UNITS)], None)
    assert read_units(p).data["payroll"].tolist() == [16_000_000, 4_054_000]


ODS_ERROR = (
    '<table:table-cell table:formula="of:=NA()" office:value-type="string" '
    'office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>'
)


def test_ods_error_values_and_formulas_without_a_value_are_refused(tmp_path):
    rows = [
        UNITS[0],
        ["Ældre", "Hjemmeplejen", 16_000_000, 400_000, ODS_ERROR],
        ["Ældre", "Plejecenter", '<table:table-cell table:formula="of:=[.C2]/2"/>', 0, 0],
    ]
    p = _ods(
        tmp_path / "u.ods", [("Gammel", False, [UNITS[0], rows[2]]), ("Enheder", True, rows)], None
    )
    with pytest.raises(InputErrors) as e:
        read_units(p)
    assert [(x.sheet, x.row, x.column, x.value) for x in e.value.errors] == [
        ("Enheder", 2, "Tidligere reduktion", "#N/A"),
        ("Enheder", 3, "Lønsum", "=[.C2]/2"),
    ]
    assert "celle E2 indeholder fejlværdien #N/A" in e.value.errors[0].message


def test_ods_repeated_cells_and_rows_are_counted(tmp_path):
    # A title in D1 after three repeated empty cells; the header in row 2; in row 4 a
    # percentage repeated over Årsværk and Sygefraværsdage; rows 5 and 6 one repeated row
    # with an error in Sygefraværsdage.
    empty = '<table:table-cell table:number-columns-repeated="3"/>'
    pct = (
        '<table:table-cell office:value-type="percentage" office:value="0.05" '
        'table:number-columns-repeated="2"/>'
    )
    text = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in ("B", "S3", "2013", "5")
    )
    repeated = (
        f'<table:table-row table:number-rows-repeated="2">{text}{ODS_ERROR}</table:table-row>'
    )
    rows = [
        [empty, "Fravær 2013"],
        ["Center", "Sektor", "Periode", "Årsværk", "Sygefraværsdage"],
        ["A", "S1", 2013, 40, 12.0],
        ["A", "S2", 2013, pct],
    ]
    p = _ods(tmp_path / "a.ods", [("Fravær", True, rows)], None)
    t = read_absence(p)
    assert "1 celle er formateret som procent (fx celle D4)" in str(t.warnings[0])
    assert "1 celle er formateret som procent (fx celle E4)" in str(t.warnings[1])
    p = _ods(tmp_path / "b.ods", [("Fravær", True, [*rows, repeated])], None)
    with pytest.raises(InputErrors) as e:
        read_absence(p)
    assert [(x.row, x.column, x.value) for x in e.value.errors] == [
        (5, "Sygefraværsdage", "#N/A"),
        (6, "Sygefraværsdage", "#N/A"),
    ]


# --------------------------------------------------------------------------- marked cells


def test_formulas_without_a_value_are_refused_by_cell(tmp_path):
    rows = [UNITS[0], ["Ældre", "Hjemmeplejen", "=16000000*1", 400_000, "=C2*0+100000"], UNITS[2]]
    p = workbook(tmp_path / "u.xlsx", {"Enheder": rows})  # openpyxl stores no values
    with pytest.raises(InputErrors) as e:
        read_units(p)
    found = [(x.sheet, x.row, x.column, x.value) for x in e.value.errors]
    assert found == [
        ("Enheder", 2, "Lønsum", "=16000000*1"),
        ("Enheder", 2, "Tidligere reduktion", "=C2*0+100000"),
    ]
    assert "celle C2 indeholder en formel uden gemt værdi" in e.value.errors[0].message
    assert "celle E2" in e.value.errors[1].message
    assert "LibreOffice" in e.value.errors[0].hint and e.value.errors[1].hint is None


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!"])
def test_error_values_are_refused_by_cell(tmp_path, error):
    p = workbook(tmp_path / "u.xlsx", {"Enheder": UNITS})
    patch_cell(p, "E2", f'<c r="E2" s="0" t="e"><f aca="false">NA()</f><v>{error}</v></c>')
    with pytest.raises(InputError) as e:
        read_units(p)
    assert (e.value.row, e.value.column, e.value.value) == (2, "Tidligere reduktion", error)
    assert f"celle E2 indeholder fejlværdien {error}" in e.value.message


def test_an_error_in_a_text_column_is_named_not_called_blank(tmp_path):
    p = workbook(tmp_path / "u.xlsx", {"Enheder": UNITS})
    patch_cell(p, "B3", '<c r="B3" t="e"><f>VLOOKUP(A3,X!A:B,2,0)</f><v>#N/A</v></c>')
    with pytest.raises(InputError) as e:
        read_units(p)
    assert (e.value.row, e.value.column, e.value.value) == (3, "Sektor", "#N/A")


def test_every_marked_cell_is_reported_first_one_first(tmp_path):
    p = workbook(tmp_path / "u.xlsx", {"Enheder": UNITS})
    patch_cell(p, "D3", '<c r="D3" t="e"><v>#DIV/0!</v></c>')
    patch_cell(p, "C2", '<c r="C2"><f t="shared" ref="C2:C3" si="0">1+1</f><v/></c>')
    patch_cell(p, "C3", '<c r="C3"><f t="shared" si="0"/></c>')
    with pytest.raises(InputErrors) as e:
        read_units(p)
    assert [(x.row, x.column, x.value) for x in e.value.errors] == [
        (2, "Lønsum", "=1+1"),
        (3, "Lønsum", None),  # a shared formula: its text is in C2
        (3, "Vikarbudget", "#DIV/0!"),
    ]


@pytest.mark.parametrize(
    "xml",
    [
        '<c r="E2"><f>C2*0+100000</f><v>100000</v></c>',  # a formula with its value stored
        '<c r="E2" t="str"><f>IF(C2&gt;0,"","x")</f><v></v></c>',  # an empty text result
        '<c r="E2" s="1"/>',  # an empty cell with a style
    ],
)
def test_cells_that_are_not_marked(tmp_path, xml):
    p = workbook(tmp_path / "u.xlsx", {"Enheder": UNITS})
    patch_cell(p, "E2", xml)
    assert read_units(p).data["prior_reduction"].tolist()[0] in (100_000, 0)


def test_marked_cells_outside_the_table_columns_are_left(tmp_path):
    rows = [[*UNITS[0], "Note"], [*UNITS[1], "=A1&B1"], [*UNITS[2], "x"]]
    p = workbook(tmp_path / "u.xlsx", {"Enheder": rows})
    assert len(read_units(p).data) == 2


def test_marked_cells_of_another_sheet_are_left(tmp_path):
    bad = [UNITS[0], ["Ældre", "Hjemmeplejen", "=1+1", 0, 0]]
    p = workbook(tmp_path / "u.xlsx", {"Gammel": bad, "Enheder": UNITS}, 1, ["hidden"])
    assert read_units(p).sheet == "Enheder"
    with pytest.raises(InputError, match="celle C2"):
        read_units(p, sheet="Gammel")


def test_marked_cells_are_found_across_the_mib_boundaries(tmp_path):
    # 40,000 rows (about 3 MiB of sheet XML, streamed a MiB at a time): a formula without a value
    # every 997th row; every one is found, on its row, whatever chunk it falls in.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Enheder")
    ws.append(UNITS[0])
    bad = set(range(2, 40_002, 997))
    for r in range(2, 40_002):
        ws.append(["Ældre", f"Enhed {r}", "=1+1" if r in bad else 1000.0, 0, 0])
    p = tmp_path / "stor.xlsx"
    wb.save(p)
    with zipfile.ZipFile(p) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size > 2 << 20
    cells = check_xlsx(p).marks.cells
    assert [(c.ref, c.row, c.formula) for c in cells] == [(f"C{r}", r, "=1+1") for r in sorted(bad)]


# --------------------------------------------------------------------------- percentages


def _absence_rows():
    return [
        ["Center", "Sektor", "Periode", "Årsværk", "Sygefraværsdage"],
        ["A", "S1", 2013, 40, 0.105],
        ["A", "S2", 2013, 8, 0.09],
        ["B", "S3", 2013, 30, 12.0],
    ]


@pytest.mark.parametrize("fmt", ["0.0%", "0%", "0.00%", '#,##0.0" "%'])
def test_percent_formatted_numbers_are_warned_about(tmp_path, fmt):
    wb = Workbook()
    ws = wb.active
    ws.title = "Fravær"
    for r in _absence_rows():
        ws.append(r)
    ws["E2"].number_format = ws["E3"].number_format = fmt
    ws["A2"].number_format = fmt  # a text cell: not a number shown as a percentage
    wb.save(tmp_path / "a.xlsx")
    t = read_absence(tmp_path / "a.xlsx")
    [w] = t.warnings
    assert w.file == str(tmp_path / "a.xlsx")
    assert f"fil {tmp_path / 'a.xlsx'}, ark 'Fravær', kolonne 'Sygefraværsdage'" in str(w)
    assert "2 celler er formateret som procent (fx celle E2)" in str(w)
    assert t.data["sick_days"].tolist() == [0.105, 0.09, 12.0]  # read as stored


@pytest.mark.parametrize("fmt", ['0.0"%"', "0.0\\%", "0.0", "General"])
def test_a_percent_sign_as_text_is_no_percentage(tmp_path, fmt):
    wb = Workbook()
    for r in _absence_rows():
        wb.active.append(r)
    wb.active["E2"].number_format = fmt
    wb.save(tmp_path / "a.xlsx")
    assert read_absence(tmp_path / "a.xlsx").warnings == ()


# --------------------------------------------------------------------------- 15 digits


def test_xlsx_numbers_at_15_significant_digits(tmp_path):
    rows = [UNITS[0], ["Ældre", "Hjemmeplejen", 16_000_000, 0.1 + 0.2, 100_000]]
    p = workbook(tmp_path / "u.xlsx", {"Enheder": rows})
    assert 0.1 + 0.2 != 0.3
    assert read_units(p).data["substitute_budget"].tolist() == [0.3]


def test_excel_number():
    assert excel_number(0.30000000000000004) == 0.3
    assert excel_number(1234567.8900000001) == 1234567.89
    assert excel_number(123456789012345678) == 123456789012346000
    assert excel_number(-2.675) == -2.675


def _hard_values(rng: random.Random) -> list[float]:
    """Random doubles of every size and digit count, sums as formulas make them, and values
    next to a rounding tie and next to powers of ten."""
    out = [0.0, -0.0, 1.0, 0.1 + 0.2, 1e15, 1e-8, 1e22, 1e23, 5e-324, 1.7976931348623157e308]
    for _ in range(20_000):
        out.append(rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30))
        out.append(round(rng.uniform(0, 1e6), rng.randint(0, 6)) + round(rng.uniform(0, 1), 2))
        m = rng.randint(10**14, 10**15 - 1)
        tie = float(f"{m}5e{rng.randint(-25, 10)}")  # the 16th digit a 5
        out += [tie, np.nextafter(tie, 0), np.nextafter(tie, np.inf)]
        p = 10.0 ** rng.randint(-20, 25)
        out += [p, np.nextafter(p, 0), np.nextafter(p, np.inf)]
    return [float(x) for x in out]


def test_excel_numbers_equal_excel_number_value_by_value():
    values = _hard_values(random.Random(9))
    got = excel_numbers(np.array(values + [np.nan, np.inf, -np.inf]))
    want = [excel_number(x) for x in values]
    assert got[: len(values)].tolist() == want
    assert np.signbit(got[: len(values)]).tolist() == np.signbit(want).tolist()
    assert np.isnan(got[-3]) and got[-2:].tolist() == [np.inf, -np.inf]


# --------------------------------------------------------------------------- far cells


@pytest.mark.parametrize(
    "xml",
    [
        '<c r="XFD1048576"><v>1</v></c>',
        '<c s="0" t="n" r="XFD1048576"><v>1</v></c>',  # r not first: found all the same
        '<c\nr="A99999999"><v>1</v></c>',  # eight digits
        '<c r="AAAAAAA1"><v>1</v></c>',  # seven letters
    ],
)
def test_a_far_cell_is_refused_however_written(tmp_path, xml):
    p = workbook(tmp_path / "u.xlsx", {"Enheder": UNITS})
    patch_cell(p, "E3", xml)
    with pytest.raises(InputError, match="arket går helt ud til celle"):
        read_units(p)
