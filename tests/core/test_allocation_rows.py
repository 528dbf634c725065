"""An allocation's units joined with their status figures by key (core.allocation_rows), and
the allocation workbook's unit sheet written from it (issue 13).

Fixture tests/data/alloc/basic, target 12 in 2014 against the 2013 absence:
  Nord/P, Nord/Q, Syd/R 700/50 = 14.0 (red, gap 2.0); Syd/S 500/50 = 10.0 (green, gap -2.0);
  Øst/T 600/50 = 12.0, exactly the target: green, shown "på måltal".
The units table is written in another order than the status's (sorted) one.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import openpyxl
import pandas as pd
import pytest
from scenarios import BASIC, write_scenario

import sygefravaer
from sygefravaer.core.allocation_rows import allocation_rows
from sygefravaer.report.workbook import write_allocation_workbook

EXPECTED = {  # (center, sector) -> (days per fte, target, gap, at target)
    ("Nord", "P"): (14.0, 12.0, 2.0, False),
    ("Nord", "Q"): (14.0, 12.0, 2.0, False),
    ("Syd", "R"): (14.0, 12.0, 2.0, False),
    ("Syd", "S"): (10.0, 12.0, -2.0, False),
    ("Øst", "T"): (12.0, 12.0, 0.0, True),
}


@pytest.fixture
def shuffled(tmp_path) -> Path:
    """The basic fixture with its units table's rows in a shuffled order."""
    folder = tmp_path / "data"
    shutil.copytree(BASIC, folder)
    units = pd.read_csv(folder / "units.csv")
    units.iloc[[3, 0, 4, 2, 1]].to_csv(folder / "units.csv", index=False)
    return write_scenario(tmp_path, totals={2014: 100_000}, folder=folder)


def test_the_status_figures_are_joined_by_key(shuffled):
    p = sygefravaer.load(shuffled)
    res = p.allocate(2014)
    rows = allocation_rows(res)
    got = {
        (r.center, r.sector): (r.days_per_fte, r.target, r.gap, r.at_target)
        for r in rows.itertuples()
    }
    assert got == EXPECTED
    assert rows["share"].tolist() == res.units["share"].tolist()  # the allocation unchanged


def test_the_join_does_not_depend_on_the_row_order():
    units = pd.DataFrame({"center": ["B", "A", "C"], "sector": ["y", "x", "z"], "share": [1, 2, 3]})
    status = pd.DataFrame(
        {
            "center": ["A", "B"],
            "sector": ["x", "y"],
            "days_per_fte": [9.5, 12.25],
            "target": [9.5, 11.0],
            "gap": [0.0, 1.25],
            "at_target": [True, False],
        }
    )
    res = SimpleNamespace(level="sector", units=units, status=SimpleNamespace(units=status))
    rows = allocation_rows(res)
    assert rows["days_per_fte"].tolist()[:2] == [12.25, 9.5]
    assert np.isnan(rows["days_per_fte"].iloc[2])  # C/z has no status row
    assert rows["at_target"].tolist() == [False, True, False]
    assert rows["share"].tolist() == [1, 2, 3]


def test_the_allocation_sheet_shows_each_units_own_status(shuffled, tmp_path):
    p = sygefravaer.load(shuffled)
    res = p.allocate(2014)
    path = write_allocation_workbook(tmp_path / "f.xlsx", p.scenario, p.inputs, res)
    ws = openpyxl.load_workbook(path)["Fordeling"]
    header = [c.value for c in ws[4]]
    col = {name: header.index(name) for name in header}
    got = {}
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[0] == "I alt" or row[0] is None:
            break
        key = (row[col["Center"]], row[col["Sektor"]])
        days = row[col["Fravær 2013 (dage pr. årsværk)"]]
        got[key] = (days, row[col["Måltal 2014"]], row[col["Afvigelse (dage)"]], row[2])
    assert got == {
        k: (d, t, g, "på måltal" if at else ("rød" if g > 0 else "grøn"))
        for k, (d, t, g, at) in EXPECTED.items()
    }
