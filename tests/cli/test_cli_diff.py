"""`targets/status/allocate ... --national NEW --diff` on the 2018 revision (seed 003).

Fixture and hand arithmetic: see tests/test_diff.py. Old = the scenario's national_2016.csv
(Kommuner i alt 2016 = 12.0), new = national_2017.csv (2017 = 11.7).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

DIFF = Path(__file__).parents[1] / "data" / "diff"
SCEN = str(DIFF / "scenario.toml")
NEW = str(DIFF / "national_2017.csv")


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def doc(*args: str) -> dict:
    r = run(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # stdout holds exactly one JSON document


def test_targets_diff_json_municipal_target_12_0_to_11_7():
    d = doc("targets", SCEN, "--national", NEW, "--diff")
    assert set(d) >= {"old", "new", "changes", "summary", "national"}
    assert d["old"]["municipality"]["targets"] == {"2018": 12.0}
    assert d["new"]["municipality"]["targets"] == {"2018": 11.7}
    assert d["old"]["krl_years"] == {"2018": 2016} and d["new"]["krl_years"] == {"2018": 2017}
    muni = [c for c in d["changes"] if c["level"] == "municipality"]
    assert muni == [
        {
            "level": "municipality",
            "center": None,
            "sector": None,
            "year": 2018,
            "field": "target",
            "old": 12.0,
            "new": 11.7,
        }
    ]
    for c in d["changes"]:
        assert {"center", "sector", "field", "old", "new"} <= set(c)


def test_status_diff_json_lists_units_whose_status_changes():
    d = doc("status", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert d["old"]["target_year"] == 2018 and d["old"]["period"] == "2017"
    flips = [
        (c["center"], c["sector"], c["old"], c["new"])
        for c in d["changes"]
        if c["field"] == "status" and c["level"] == "sector"
    ]
    # Only the unit at 11.9 days: green at 12.0, red at 11.7.
    assert flips == [("Center A", "Administration", "green", "red")]
    old_units = {(u["center"], u["sector"]): u for u in d["old"]["units"]}
    new_units = {(u["center"], u["sector"]): u for u in d["new"]["units"]}
    assert old_units["Center A", "Administration"]["status"] == "green"
    assert new_units["Center A", "Administration"]["status"] == "red"
    # 11.9 - 11.7 = 0.2 days over
    assert abs(new_units["Center A", "Administration"]["gap"] - 0.2) < 1e-9
    assert d["old"]["municipality"]["status"] == "green"  # 11.78 <= 12.0
    assert d["new"]["municipality"]["status"] == "red"  # 11.78 > 11.7


def test_allocate_diff_json_moves_the_reduction():
    d = doc("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert d["old"]["total"] == d["new"]["total"] == 20000
    red = {
        (c["center"], c["sector"]): (c["old"], c["new"])
        for c in d["changes"]
        if c["field"] == "reduction" and c["level"] == "sector"
    }
    # Hand arithmetic in tests/test_diff.py::test_reduction_moves_with_the_status
    assert red == {
        ("Center A", "Administration"): (0, 5000),
        ("Center B", "Hjemmeplejen"): (20000, 15000),
    }


def test_diff_tables_highlight_old_to_new():
    r = run("status", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert r.exit_code == 0, r.output
    assert "12,0 → 11,7" in r.stdout
    assert "grøn → ● rød" in r.stdout
    row = next(line for line in r.stdout.splitlines() if "Administration" in line)
    assert "grøn → ● rød" in row
    row = next(line for line in r.stdout.splitlines() if "Skoler" in line)
    assert "→ ● rød" not in row and "grøn" in row
    r = run("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "DKK 20,000 → 15,000" in r.stdout  # the unit once
    r = run("targets", SCEN, "--national", NEW, "--diff")
    assert r.exit_code == 0 and "12,0 → 11,7" in r.stdout


def test_diff_without_national_is_a_usage_error():
    r = run("status", SCEN, "--year", "2018", "--diff")
    assert r.exit_code == 2
    assert "--national" in r.stderr and "Traceback" not in r.output


def test_same_file_gives_no_changes():
    d = doc("targets", SCEN, "--national", str(DIFF / "national_2016.csv"), "--diff")
    assert d["changes"] == [] and d["summary"]["changes"] == 0
    assert d["old"] == d["new"]


def test_wide_krl_xlsx_as_national_gives_the_same_result(tmp_path):
    """`--national WIDE.xlsx` (KRL's wide form) gives what the long national_2017.csv gives."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Sygefravær pr. fuldtidsbeskæftiget"])
    ws.append([])
    ws.append(["Personalegruppe", 2012, 2013, 2014, 2015, 2016, 2017])
    ws.append(["Kommuner i alt", "11,94", "12,0", "12,0", "12,2", "12,0", "11,7"])
    ws.append([])
    ws.append(["Kilde: KRL"])
    wide = tmp_path / "krl_2017.xlsx"
    wb.save(wide)
    a = doc("status", SCEN, "--year", "2018", "--national", str(wide), "--diff")
    b = doc("status", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert a["changes"] == b["changes"] and a["new"] == b["new"]


def test_import_then_diff_end_to_end(tmp_path):
    """The analyst's day: import KRL's wide CSV, then targets --diff against the scenario's file."""
    src = tmp_path / "krl.csv"
    src.write_text("Titel\n\n;2016;2017\nKommuner i alt;12,0;11,7\n\nKilde: KRL\n", "cp1252")
    out = tmp_path / "national_new.csv"
    r = run("national", "import", src, "--out", out)
    assert r.exit_code == 0, r.output
    d = doc("targets", SCEN, "--national", str(out), "--diff")
    assert d["new"]["municipality"]["targets"] == {"2018": 11.7}


def test_period_diff_table_shows_old_and_new_gap():
    """Seed 003: 12,3 against 12,0 (0,3 over) becomes 0,6 over against 11,7."""
    r = run("status", SCEN, "--period", "2018Q1", "--national", NEW, "--diff")
    assert r.exit_code == 0, r.output
    total = next(line for line in r.stdout.splitlines() if "Kommunen i alt" in line)
    assert "12,30" in total and "12,0 → 11,7" in total and "0,30 → 0,60" in total


EXAMPLE = Path(__file__).parents[2] / "examples" / "revision2018" / "scenario.toml"
BUNDLED = Path(__file__).parents[2] / "data" / "krl_landsgennemsnit.csv"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="examples/revision2018 not present")
def test_revision2018_example_lists_who_turns_red():
    """The bundled example of seed 003: March 2018, 12,3 against 12,0 with 6 of 12 centers red
    (the minutes list them); with KRL 2017 (11,7) the example's README says Rengøring/Kantine and
    Teknisk Service turn red, and Sundheds- og Omsorgscentret as a center (7 of 12)."""
    d = doc("status", EXAMPLE, "--period", "2018Q1", "--national", BUNDLED, "--diff")
    assert d["old"]["municipality"]["target"] == 12.0
    assert d["new"]["municipality"]["target"] == 11.7
    assert round(d["new"]["municipality"]["days_per_fte"], 1) == 12.3
    assert sum(c["status"] == "red" for c in d["old"]["centers"]) == 6
    assert sum(c["status"] == "red" for c in d["new"]["centers"]) == 7
    flips = {
        (c["level"], c["sector"] if c["level"] == "sector" else c["center"])
        for c in d["changes"]
        if c["field"] == "status"
    }
    assert flips == {
        ("sector", "Rengøring/Kantine"),
        ("sector", "Teknisk Service"),
        ("center", "Sundheds- og Omsorgscentret"),
    }
    assert all(
        c["old"] == "green" and c["new"] == "red" for c in d["changes"] if c["field"] == "status"
    )
