"""The workbook package's parts through their public names: the rows a run's workbooks share,
the sheet layout, saving (repack, stamp, check_output), and that a workbook written on its own
has the same bytes as the one write_run writes with the shared rows.

Fixture tests/data/export/ (see test_workbook.py): Omsorg has Hjemmepleje (40 fte, 800 days in
2013), =SUM(A1) (10 fte) and Lille (3 fte); Teknik has -Administration, @Drift and +Vej.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import shutil
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sygefravaer
from sygefravaer.errors import InputError
from sygefravaer.report.workbook import (
    Col,
    Sheet,
    Shown,
    Suppressed,
    center_workbook,
    check_output,
    overview_workbook,
    run_rows,
    save_workbook,
    stamp,
    write_run,
    year_rows,
)
from sygefravaer.report.workbook.charts import bar_chart
from sygefravaer.report.workbook.layout import Page, TextMeasure, text_width, wrapped_lines
from sygefravaer.report.workbook.save import repack

HERE = Path(__file__).parents[1] / "data" / "export"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    data = tmp_path_factory.mktemp("parts") / "data"
    shutil.copytree(HERE, data)
    return sygefravaer.load(data / "scenario.toml")


@pytest.fixture(scope="module")
def run(project):
    return project.compute_run()


def test_run_rows_cover_the_allocated_years_keyed_and_sorted(run):
    rows = run_rows(run)
    assert rows.years == [2014, 2015]
    assert rows.get(None) is None
    yr = rows.get(2014)
    # Sorted by code point within each center: '=' < 'H' < 'L' and '+' < '-' < '@'.
    assert yr.keys == {
        "Omsorg": [("Omsorg", "=SUM(A1)"), ("Omsorg", "Hjemmepleje"), ("Omsorg", "Lille")],
        "Teknik": [("Teknik", "+Vej"), ("Teknik", "-Administration"), ("Teknik", "@Drift")],
    }
    assert [k for k, _, _ in yr.units("Teknik")] == yr.keys["Teknik"]
    assert [k for k, _, _ in yr.units()] == yr.keys["Omsorg"] + yr.keys["Teknik"]
    assert list(yr.units("Nowhere")) == []
    hp = yr.status_units[("Omsorg", "Hjemmepleje")]
    # 2013 absence against the 2014 target: 800 / 40 = 20.0 against 20 - (20 - 10) / 2 = 15.0
    assert (hp["days_per_fte"], hp["target"], hp["status"]) == (Shown(20.0, "0.00"), 15.0, "red")
    admin = yr.status_units[("Teknik", "-Administration")]
    # 80 / 8 = 10.0, exactly the target: green, shown as "på måltal" (4.4)
    assert (admin["days_per_fte"], admin["target"], admin["status"]) == (
        Shown(10.0, "0.00"),
        10.0,
        "at_target",
    )
    assert yr.period == "2013"
    assert sum(r["reduction"] for r in yr.allocation_units.values()) == 500000
    assert sum(r["reduction"] for r in yr.allocation_centers.values()) == 500000


def test_run_rows_hash_each_input_file_once_for_every_workbook(run):
    # issue 14: the input files are read once per run for the assumptions sheets' SHA-256
    rows = run_rows(run)
    files = {role: Path(p) for role, p in run.inputs.paths().items()}
    assert set(files) | {"scenario"} == set(rows.sha256)
    for role, path in files.items():
        assert rows.sha256[role] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_year_rows_keep_the_status_tables_order_per_center(run):
    st = run.status[2015]
    yr = year_rows(2015, st, None)
    for center, rows in yr.status_by_center.items():
        want = st.units[st.units["center"] == center]["sector"].tolist()
        assert [r["sector"] for r in rows] == want
    assert yr.allocation_units == {} and yr.allocation_centers == {}
    assert yr.status_centers["Omsorg"]["fte"] == 53  # 40 + 10 + 3


def test_year_rows_of_a_center_level_allocation_have_no_unit_rows(project):
    alloc = project.allocate(2015, level="center")
    yr = year_rows(2015, None, alloc)
    assert yr.allocation_units == {} and yr.keys == {} and yr.period is None
    assert sorted(yr.allocation_centers) == ["Omsorg", "Teknik"]
    assert sum(r["reduction"] for r in yr.allocation_centers.values()) == 800000


def test_workbooks_written_alone_equal_those_of_write_run(run, tmp_path):
    files = write_run(run, tmp_path / "all")
    alone = [
        overview_workbook(run, tmp_path / "alone" / files[0].name),
        center_workbook(run, "Omsorg", tmp_path / "alone" / "Omsorg.xlsx"),
    ]
    shared = [files[0], tmp_path / "all" / "centre" / "Omsorg.xlsx"]
    for a, b in zip(alone, shared, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_sheet_layout_rows_by_hand():
    s = Sheet("x", [Col("a"), Col("b")], heading=["title", "subtitle"])
    for v in (1, 2, 3):
        s.add(["r", v])
    s.add(["total", 6], total=True)
    s.notes = ["one", "two"]
    # title, subtitle, blank line, header on row 4; data 5-7; total 8; blank 9; notes 10-11
    assert s.header_row == 4
    assert s.data_range() == (5, 7)
    assert s.end_row == 11
    empty = Sheet("y", [Col("a")])
    assert empty.header_row == 1 and empty.data_range() == (2, 1)
    assert bar_chart(empty, "t", None, 1, [1]) is None
    assert bar_chart(s, "t", None, 1, [2]) is not None


def test_total_rows_are_written_below_the_data_rows(tmp_path):
    s = Sheet("x", [Col("a"), Col("b")])
    s.add(["total", 3], total=True)
    s.add(["r", 1])
    s.add(["r", 2])
    wb = openpyxl.Workbook(write_only=True)
    s.write(wb)
    wb.save(tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["x"]
    assert [tuple(r) for r in ws.iter_rows(values_only=True)] == [
        ("a", "b"),
        ("r", 1),
        ("r", 2),
        ("total", 3),
    ]
    assert ws.auto_filter.ref == "A1:B3"  # the total row is outside the filter
    assert ws["A4"].font.b and not ws["A2"].font.b


@given(
    st.lists(st.text("aæ Wi-l.1", max_size=30), min_size=1, max_size=8),
    st.floats(1, 40),
    st.booleans(),
)
def test_text_measure_equals_measuring_each_time(texts, width, bold):
    # TextMeasure measures each distinct text once (issue 14); asked again, it answers the same.
    m = TextMeasure()
    for t in texts + texts:
        assert m.width(t, bold) == text_width(t, bold)
        assert m.lines(t, width) == len(wrapped_lines(t, width))


def _style(c) -> tuple:
    """What a cell looks like: font (bold, italic, colour), fill, alignment, format, quote."""
    return (
        bool(c.font.b),
        bool(c.font.i),
        c.font.color.rgb if c.font.color is not None and c.font.color.type == "rgb" else None,
        c.fill.fgColor.rgb if c.fill.fill_type else None,
        c.alignment.horizontal,
        bool(c.alignment.wrap_text),
        c.alignment.vertical,
        c.number_format,
        bool(c.quotePrefix),
    )


def test_body_cells_are_styled_by_their_kind_in_every_row(tmp_path):
    # The styles are set once per combination and copied (issue 14): every repeat of a row
    # looks like its first, and each kind of cell like it should on its own.
    cols = [Col("a", wrap=10), Col("b", "0.0"), Col("c", kind="status"), Col("d", '#,##0 "kr."')]
    s = Sheet("x", cols)
    long = "Hjemmepleje og sygepleje"  # wider than 10 - padding: wraps onto more lines
    hidden = Suppressed("skjult")
    for _ in range(2):
        s.add([long, Shown(4.25, "0.00"), "red", 100])
        s.add(["=SUM(A1)", 3.0, "green", None])
        s.add([hidden, hidden, "at_target", 5])
    s.add(["I alt", 7.5, "red", 200], total=True)
    wb = openpyxl.Workbook(write_only=True)
    s.write(wb)
    wb.save(tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["x"]
    rows = [[_style(c) for c in r] for r in ws.iter_rows(min_row=2, max_row=8)]
    assert rows[0:3] == rows[3:6]  # the same row again: the same styles
    plain, general = (False, False, None, None, None, False, None), "General"
    wrap = (False, False, None, None, None, True, "top")
    red = (False, False, "009C0006", "00FFC7CE", "center", False, None, "General", False)
    green = (False, False, "00006100", "00C6EFCE", "center", False, None, "General", False)
    muted = (False, True, "00595959", None, None, False, None, "General", False)
    assert rows[0] == [
        (*wrap, general, False),
        (*plain, "0.00", False),
        red,
        (*plain, '#,##0 "kr."', False),
    ]
    assert rows[1][0] == (*plain, general, True) and rows[1][1][-2] == "0.0"  # text, not a formula
    assert rows[1][2] == green and ws["D3"].value is None
    assert rows[2][:3] == [muted, muted, green]
    total = (True, False, None, "00D9E1F2", None, False, None)
    assert rows[6][0] == (*total, general, False)
    assert rows[6][1] == (*total, "0.0", False)
    assert rows[6][2] == (True, *red[1:])  # a status keeps its colour, bold in a total row
    assert [ws["A2"].value, ws["C2"].value, ws["C4"].value] == [long, "rød", "på måltal"]


# Cell values of every kind a sheet holds, and the odd ones openpyxl types on its own: text
# with spaces at an end, XML characters, formula and error look-alikes, text over Excel's
# 32,767 characters, huge and non-finite numbers, booleans, empty cells, hidden figures.
_TEXT = st.text(st.sampled_from("aøZ 1=-+@#&<>\"'\n\t–/!?A"), max_size=12)
_VALUES = st.one_of(
    _TEXT,
    st.sampled_from(["=SUM(A1)", "=", "-x", "@x", "#N/A", "#REF!", " pad ", "x" * 32800, ""]),
    st.sampled_from(["green", "red", "at_target"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.inf, -math.inf, math.nan, -0.0, 1e-300, 10**17, True, 0]),
    st.booleans(),
    st.none(),
    st.builds(Shown, st.floats(-1e6, 1e6) | st.none(), st.sampled_from(["0.00", "0.000"])),
    st.builds(Suppressed, _TEXT),
)
_COLUMNS = [
    Col("Navn på enheden", wrap=12),
    Col("Dage", "0.0"),
    Col("Status", kind="status"),
    Col("Beløb", '#,##0 "kr."'),
    Col("Tekst"),
]


def _saved(sheets: list[Sheet], path: Path, as_xml: bool) -> tuple[bytes, list[str]]:
    """The bytes of a workbook of `sheets`, their rows streamed or (as_xml) written as XML
    where they can be, and the sheets whose rows were written as XML."""
    wb = openpyxl.Workbook(write_only=True)
    page = Page("Kommune & Co", "14.11.2023", "Center", "da")
    rows: dict[str, str] | None = {} if as_xml else None
    for s in sheets:
        s.write(wb, page=page, rows=rows)
    save_workbook(wb, path, dt.datetime(2023, 11, 14), rows=rows)
    return path.read_bytes(), list(rows or {})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.lists(_VALUES, min_size=0, max_size=6), st.booleans()),
        min_size=0,
        max_size=8,
    ),
    st.lists(_TEXT, max_size=2),
    st.lists(_TEXT, max_size=2),
)
def test_rows_written_as_xml_equal_rows_streamed_through_openpyxl(rows, heading, notes):
    # issue 14: a sheet's rows written as XML (sheetxml.py) give the bytes of openpyxl's own
    sheets = []
    for k in range(2):  # a second sheet: the workbook's styles are shared by its sheets
        s = Sheet(f"ark{k}", _COLUMNS, heading=heading, notes=notes, freeze_cols=k + 1)
        for values, total in rows[k::2] or rows:
            s.add(values, total=total)
        sheets.append(s)
    with tempfile.TemporaryDirectory() as tmp:
        streamed, _ = _saved(sheets, Path(tmp) / "a.xlsx", as_xml=False)
        written, as_xml = _saved(sheets, Path(tmp) / "b.xlsx", as_xml=True)
    assert as_xml == ["ark0", "ark1"]
    assert written == streamed


def test_a_sheet_with_other_values_streams_its_rows(tmp_path):
    # A date is left to openpyxl: that sheet's rows stream, the others' are XML, same bytes
    # (a second sheet of the same title is the one openpyxl renames).
    dated = Sheet("dato", [Col("a"), Col("b")])
    dated.add(["i dag", dt.date(2023, 11, 14)])
    plain = Sheet("tal", [Col("a"), Col("b")])
    plain.add(["x", 1.5])
    again = Sheet("tal", [Col("c")])
    again.add([2])
    streamed, _ = _saved([dated, plain, again], tmp_path / "a.xlsx", as_xml=False)
    written, as_xml = _saved([dated, plain, again], tmp_path / "b.xlsx", as_xml=True)
    assert as_xml == ["tal", "tal1"] and written == streamed
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["dato"]
    assert ws["B2"].value == dt.datetime(2023, 11, 14)


def test_repack_stamps_every_entry_and_replaces_the_core_properties():
    src = io.BytesIO()
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("docProps/core.xml", b"<old/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
    when = dt.datetime(2021, 3, 4, 5, 6, 8)
    dst = io.BytesIO()
    repack(src, dst, when, b"<new/>")
    with zipfile.ZipFile(dst) as z:
        assert [i.filename for i in z.infolist()] == ["docProps/core.xml", "xl/workbook.xml"]
        assert {i.date_time for i in z.infolist()} == {(2021, 3, 4, 5, 6, 8)}
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
        assert z.read("docProps/core.xml") == b"<new/>"
        assert z.read("xl/workbook.xml") == b"<workbook/>"


def test_stamp_from_source_date_epoch(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stamp(project.scenario, project.inputs) == dt.datetime(2023, 11, 14, 22, 13, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # zip dates start in 1980
    assert stamp(project.scenario, project.inputs) == dt.datetime(2000, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert stamp(project.scenario, project.inputs) == dt.datetime(2000, 1, 1)


def test_check_output_refuses_inputs_folders_and_other_suffixes(tmp_path):
    given = tmp_path / "units.csv"
    given.write_text("x")
    assert check_output(tmp_path / "ok.xlsx", [given]) == tmp_path / "ok.xlsx"
    (tmp_path / "folder.xlsx").mkdir()
    for bad, words in [
        (tmp_path / "sub" / ".." / "units.csv", "inddatafilerne"),
        (tmp_path / "folder.xlsx", "mappe"),
        (tmp_path / "out.csv", ".xlsx"),
    ]:
        with pytest.raises(InputError, match=words):
            check_output(bad, [given])
