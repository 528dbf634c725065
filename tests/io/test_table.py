"""The Table type: immutable, its data a copy that may be changed, with_data for a changed copy."""

import copy
import pickle
from dataclasses import FrozenInstanceError
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sygefravaer.io import sources
from sygefravaer.io.national import read_national, read_national_form
from sygefravaer.io.readers import read_absence
from sygefravaer.io.tables import Table

HEADER = "Center;Sektor;Personalegruppe;Periode;Årsværk;Sygefraværsdage\n"
ROWS = ["B;y;G1;2013;2;3", "A;x;G1;2013;1,5;2", "A;x;G2;2014;1;1", "B;y;G1;2014;4;4"]


@pytest.fixture
def table(tmp_path) -> Table:
    p = tmp_path / "a.csv"
    p.write_text(HEADER + "".join(r + "\n" for r in ROWS), encoding="utf-8")
    return read_absence(p)


def test_changing_data_never_changes_the_table(table):
    before = table.data.copy()
    d = table.data
    d.loc[0, "fte"] = 99.0
    d.loc[1, "center"] = "Z"
    d["fte"] *= 2
    d["extra"] = 1
    d.pop("sick_days")
    pd.testing.assert_frame_equal(table.data, before)
    assert table.data is not table.data  # a new copy each time


def test_the_frame_given_to_a_table_cannot_change_it():
    frame = pd.DataFrame({"center": ["A", "B"], "fte": [1.0, 2.0]})
    t = Table(frame, Path("x.csv"), None, np.array([2, 3]))
    frame.loc[0, "fte"] = 5.0
    frame["center"] = ["C", "D"]
    assert t.data["fte"].tolist() == [1.0, 2.0] and t.data["center"].tolist() == ["A", "B"]


def test_attributes_codes_and_rows_are_read_only(table):
    with pytest.raises(FrozenInstanceError):
        table.path = Path("other.csv")
    with pytest.raises(TypeError):
        table.codes["center"] = np.zeros(4, dtype=int)
    with pytest.raises(TypeError):
        table.columns["center"] = "Centret"
    with pytest.raises(ValueError):
        table.codes["center"][0] = 1
    with pytest.raises(ValueError):
        table.code_texts["center"][0] = "Z"
    with pytest.raises(ValueError):
        table.rows[0] = 1
    with pytest.raises(ValueError):
        table.data["fte"].to_numpy()[0] = 1.0  # pandas' copy-on-write: a read-only view


def test_a_table_pickles_and_copies(table):
    for other in (pickle.loads(pickle.dumps(table)), copy.deepcopy(table), copy.copy(table)):
        pd.testing.assert_frame_equal(other.data, table.data)
        assert other.rows.tolist() == table.rows.tolist() and not other.rows.flags.writeable
        assert dict(other.columns) == dict(table.columns) and other.sheet == table.sheet
        assert {c: v.tolist() for c, v in other.codes.items()} == {
            c: v.tolist() for c, v in table.codes.items()
        }
        assert other.sorted_units()[1].equals(table.sorted_units()[1])


def test_a_table_checks_its_rows_and_codes_fit_its_data():
    frame = pd.DataFrame({"center": ["A", "B"]})
    with pytest.raises(ValueError):
        Table(frame, Path("x.csv"), None, np.array([2]))
    with pytest.raises(ValueError):
        Table(frame, Path("x.csv"), None, np.array([2, 3]), codes={"center": np.array([0])})
    with pytest.raises(ValueError):  # codes without their texts
        Table(frame, Path("x.csv"), None, np.array([2, 3]), codes={"center": np.array([0, 1])})


def test_with_data_makes_a_table_of_a_changed_copy(table):
    d = table.data
    d.loc[d["center"] == "A", "sector"] = "Æ"  # rename a sector in the copy
    new = table.with_data(d)
    assert table.data["sector"].tolist() == ["y", "x", "x", "y"]  # the old table as it was
    assert new.data["sector"].tolist() == ["y", "Æ", "Æ", "y"]
    assert new.rows.tolist() == table.rows.tolist() == [2, 3, 4, 5]
    assert (new.path, new.sheet, dict(new.columns)) == (table.path, None, dict(table.columns))
    for col, codes in new.codes.items():  # codes made anew from the changed cells
        assert new.code_texts[col][codes].tolist() == new.data[col].tolist()
    assert {"center", "sector", "period", "staff_group"} <= set(new.codes)
    codes, keys = new.sorted_units()
    g = new.data.groupby(["center", "sector"], sort=True)
    assert codes.tolist() == g.ngroup().tolist() and list(keys) == [("A", "Æ"), ("B", "y")]


def test_with_data_of_a_filtered_copy_keeps_each_rows_spreadsheet_row(table):
    d = table.data
    new = table.with_data(d[d["period"] == "2014"])
    assert new.rows.tolist() == [4, 5]  # the rows of 2014 in the file
    assert new.data.index.tolist() == [0, 1]
    err = new.error("x", index=1, column="fte")
    assert (err.row, err.column) == (5, "Årsværk")
    with pytest.raises(ValueError):
        table.with_data(d.set_index("center"))  # no positions: rows= is needed
    assert table.with_data(d.set_index("center"), rows=[7, 8, 9, 10]).rows.tolist() == [7, 8, 9, 10]


def _count_reads(monkeypatch) -> list[tuple[Path, int]]:
    """Every read of a file's bytes by the io layer (sources.read_bytes), as (path, n)."""
    calls: list[tuple[Path, int]] = []
    real = sources.read_bytes

    def counting(path: Path, n: int = -1) -> bytes:
        calls.append((Path(path), n))
        return real(path, n)

    monkeypatch.setattr(sources, "read_bytes", counting)
    return calls


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("year;staff_group;days_per_fte\n2012;Kommuner i alt;12,0\n", "long"),
        ("Sygefravær, kommuner\n;2012;2013\nKommuner i alt;12,0;11,5\n", "wide"),
    ],
)
def test_the_national_file_is_read_once(tmp_path, monkeypatch, text, form):
    p = tmp_path / "n.csv"
    p.write_text(text, encoding="utf-8")
    calls = _count_reads(monkeypatch)
    table, found = read_national_form(p)
    assert found == form
    assert [n for path, n in calls if n != 8] == [-1]  # the 8 bytes that tell xlsx from CSV
    assert table.data["days_per_fte"].tolist()[0] == 12.0
    pd.testing.assert_frame_equal(read_national(p).data, table.data)


def test_the_national_xlsx_is_opened_once(tmp_path, monkeypatch):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Personalegruppe", 2012, 2013])
    wb.active.append(["Kommuner i alt", 12.0, 11.5])
    wb.save(tmp_path / "n.xlsx")
    opened = []
    real = sources.read_xlsx
    monkeypatch.setattr(sources, "read_xlsx", lambda *a: opened.append(a) or real(*a))
    table, form = read_national_form(tmp_path / "n.xlsx")
    assert form == "wide" and len(opened) == 1
    assert table.data["year"].tolist() == [2012, 2013] and table.sheet == "Sheet"
