"""`sygefravaer status` through typer's CliRunner: rich table and --json (domain.md section 5).

Expected figures are the hand-computed ones of tests/test_status.py (glide fixture,
working_days 200, absence 2013 against the 2014 targets):
  Skoler 40 fte, 14.00 vs 13.1, gap 0.90, 36 excess days, potential 72.000, cost 1.120.000 (red)
  Dagtilbud 20 fte, 13.00 vs 14.0, gap -1.00, cost 390.000 (green)
  Børn og Unge 60 fte, 820/60 = 13.67 vs 13.4, gap 0.27, 16 excess days, potential
  16 * 22e6/12000 = 29.333, cost 1.120.000 + 390.000 = 1.510.000 (red)
  municipality 120 fte, 1780/120 = 14.83 vs 14.9, gap -0.07, cost (sum of units) 3.460.000
"""

from __future__ import annotations

import json
import shutil

import pytest
from cli_tables import cells, line_with, run
from contract import STATUS_KEYS

CONTRACT = STATUS_KEYS


@pytest.fixture
def glide(core_dir):
    return core_dir / "glide" / "scenario.toml"


def test_status_rich_danish(glide):
    r = run("status", glide, "--year", "2014")
    assert r.exit_code == 0, r.output
    out = r.stdout
    # columns: unit, status, fte, days/fte, target, gap, excess days, potential, cost
    assert cells(line_with(out, "Skoler")) == [
        "Skoler",
        "● rød",
        "40,0",
        "14,00",
        "13,1",
        "0,90",
        "36,0",
        "72.000 kr.",
        "1.120.000 kr.",
    ]
    assert cells(line_with(out, "Dagtilbud"))[:6] == [
        "Dagtilbud",
        "● grøn",
        "20,0",
        "13,00",
        "14,0",
        "-1,00",
    ]
    assert cells(line_with(out, "Børn og Unge")) == [
        "Børn og Unge",
        "● rød",
        "60,0",
        "13,67",
        "13,4",
        "0,27",
        "36,0",  # 4.4: Skoler's 36 days + Dagtilbud's 0 (the units' sums)
        "72.000 kr.",
        "1.510.000 kr.",
    ]
    total = cells(line_with(out, "Kommunen i alt"))
    assert total[:6] == ["Kommunen i alt", "● grøn", "120,0", "14,83", "14,9", "-0,07"]
    assert total[-1] == "3.460.000 kr."
    # sectors under their center, the total row last
    order = [
        out.index(s)
        for s in ("Børn og Unge", "Skoler", "Sundheds- og", "Plejecentre", "Kommunen i alt")
    ]
    assert order == sorted(order)
    # the title names the compared period and the target year
    assert "2013" in out and "2014" in out


def test_status_rich_english(glide):
    r = run("status", glide, "--year", "2014", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert cells(line_with(r.stdout, "Skoler"))[1:5] == ["● red", "40.0", "14.00", "13.1"]
    total = cells(line_with(r.stdout, "Municipality"))
    assert total[1] == "● green" and total[-1] == "DKK 3,460,000"


def test_status_rich_level_center(glide):
    r = run("status", glide, "--year", "2014", "--level", "center")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Skoler" not in out and "Hjemmeplejen" not in out
    assert cells(line_with(out, "Børn og Unge"))[:5] == [
        "Børn og Unge",
        "● rød",
        "60,0",
        "13,67",
        "13,4",
    ]
    assert "Kommunen i alt" in out


def test_status_json(glide):
    r = run("status", glide, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)  # exactly one JSON document and nothing else on stdout
    assert {"target_year", "period", "units", "centers", "municipality"} <= set(doc)
    assert (doc["target_year"], doc["period"]) == (2014, "2013")
    assert len(doc["units"]) == 4
    for u in doc["units"]:
        assert {"center", "sector"} | CONTRACT <= set(u)
        assert u["status"] in ("green", "red")
    for c in doc["centers"]:
        assert {"center"} | CONTRACT <= set(c) and "sector" not in c
    assert CONTRACT <= set(doc["municipality"])
    s = next(u for u in doc["units"] if u["sector"] == "Skoler")
    assert (s["center"], s["status"]) == ("Børn og Unge", "red")
    assert (s["fte"], s["sick_days"], s["days_per_fte"], s["target"]) == (40, 560, 14.0, 13.1)
    assert s["gap"] == pytest.approx(0.9)
    assert s["excess_days"] == pytest.approx(36.0)
    assert s["potential"] == pytest.approx(72_000.0)
    so = next(c for c in doc["centers"] if c["center"] == "Sundheds- og Omsorgscentret")
    # ratio of sums: (900 + 60)/(50 + 10) = 16.0 against 16.4: green
    assert so["days_per_fte"] == pytest.approx(16.0)
    assert so["target"] == 16.4 and so["status"] == "green"
    m = doc["municipality"]
    assert m["days_per_fte"] == pytest.approx(1780 / 120)
    assert m["target"] == 14.9 and m["status"] == "green"


def test_status_json_period_quarter(core_dir):
    r = run("status", core_dir / "national" / "scenario.toml", "--period", "2018Q1", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert (doc["target_year"], doc["period"]) == (2018, "2018Q1")
    s = next(u for u in doc["units"] if u["sector"] == "Skoler")
    # 420/40 = 10.5 against 10.3 (KRL 2017): red, gap 0.2, excess 8, potential 0.2*20e6/227
    assert s["status"] == "red"
    assert s["target"] == 10.3
    assert s["gap"] == pytest.approx(0.2)
    assert s["potential"] == pytest.approx(0.2 * 20e6 / 227)
    # municipality: 508/48 = 10.58 against (10.3*40 + 11.7*8)/48 = 10.53 -> 10.5
    assert doc["municipality"]["target"] == 10.5
    assert doc["municipality"]["status"] == "red"


def test_status_json_level_center(glide):
    r = run("status", glide, "--year", "2015", "--level", "center", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [u["center"] for u in doc["units"]] == ["Børn og Unge", "Sundheds- og Omsorgscentret"]
    for u in doc["units"]:
        assert "sector" not in u and CONTRACT <= set(u)
    so = doc["units"][1]
    # 2014 absence: 920/60 = 15.33 against (15*50 + 16*10)/60 = 15.17 -> 15.2: red, excess 8
    assert so["status"] == "red"
    assert so["target"] == 15.2
    assert so["excess_days"] == pytest.approx(8.0)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--json"], "--year"),  # neither --year nor --period
        (["--year", "2014", "--level", "afdeling"], "afdeling"),
        (["--year", "2018"], "2017"),  # the 2017 absence is not in the table
        (["--period", "2013", "--year", "2013"], "2014, 2015, 2016, 2017"),  # no glide target
        (["--period", "foråret"], "foråret"),
    ],
)
def test_status_input_errors_exit_2(glide, args, needle):
    r = run("status", glide, *args)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert needle in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "{glide}", "--year", "tolv"],
        ["status", "{glide}", "--year"],
        ["status", "{glide}", "--yaer", "2014"],
    ],
)
def test_status_bad_usage_exits_2(glide, args):
    r = run(*[a.format(glide=glide) for a in args])
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert "Traceback" not in r.output


def test_status_json_warnings_go_to_stderr(core_dir, tmp_path):
    for name in ("scenario.toml", "absence.csv", "units.csv", "national.csv"):
        shutil.copy(core_dir / "glide" / name, tmp_path / name)
    with open(tmp_path / "units.csv", "a", encoding="utf-8") as fh:
        fh.write("Kultur;Musikskolen;;2.000.000;0;0\n")  # a unit with no absence rows
    r = run("status", tmp_path / "scenario.toml", "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    assert "Musikskolen" in r.stderr  # the warning is on stderr ...
    doc = json.loads(r.stdout)  # ... and stdout is still exactly one JSON document
    assert len(doc["units"]) == 4
