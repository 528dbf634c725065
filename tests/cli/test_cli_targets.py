"""`sygefravaer targets` through typer's CliRunner: rich table and --json (domain.md section 5).

Expected figures are the hand-computed ones of tests/test_targets.py (glide fixture):
  Skoler 13.1 12.3 11.4 10.5; Dagtilbud 14.0 x4; Hjemmeplejen 16.5 15.0 13.5 12.0;
  Plejecentre 16.0 x4; Børn og Unge 13.4 13.0 12.4 11.8; Sundheds- og Omsorgscentret
  16.4 15.2 13.9 12.7; municipality 14.9 14.0 13.1 12.2.
"""

from __future__ import annotations

import json

import pytest
from cli_tables import cells, line_with, run


@pytest.fixture
def glide(core_dir):
    return core_dir / "glide" / "scenario.toml"


def test_targets_rich_danish(glide):
    r = run("targets", glide)
    assert r.exit_code == 0, r.output
    out = r.stdout
    # total row: the municipal targets in Danish form, in year order
    assert cells(line_with(out, "Kommunen i alt")) == [
        "Kommunen i alt",
        "14,9",
        "14,0",
        "13,1",
        "12,2",
    ]
    # a center row and a sector row under it (benchmark with two decimals: 420/40 = 10.50)
    assert cells(line_with(out, "Børn og Unge")) == ["Børn og Unge", "13,4", "13,0", "12,4", "11,8"]
    assert cells(line_with(out, "Skoler")) == ["Skoler", "10,50", "13,1", "12,3", "11,4", "10,5"]
    # sectors are listed under their own center
    order = [out.index(s) for s in ("Børn og Unge", "Skoler", "Sundheds- og", "Hjemmeplejen")]
    assert order == sorted(order)
    assert "Testkommune" in out  # the scenario's name in the title
    assert "Traceback" not in r.output


def test_targets_rich_english(glide):
    r = run("targets", glide, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert cells(line_with(r.stdout, "Municipality")) == [
        "Municipality",
        "14.9",
        "14.0",
        "13.1",
        "12.2",
    ]


def test_targets_json(glide):
    r = run("targets", glide, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)  # the whole of stdout is exactly one JSON document
    assert isinstance(doc, dict)
    assert {"years", "units", "centers", "municipality"} <= set(doc)
    assert doc["years"] == [2014, 2015, 2016, 2017]
    assert len(doc["units"]) == 4
    for u in doc["units"]:
        assert {"center", "sector", "benchmark", "targets"} <= set(u)
        assert set(u["targets"]) == {"2014", "2015", "2016", "2017"}
    skoler = next(u for u in doc["units"] if u["sector"] == "Skoler")
    assert skoler["center"] == "Børn og Unge"
    assert skoler["benchmark"] == pytest.approx(10.5)
    assert skoler["targets"] == {"2014": 13.1, "2015": 12.3, "2016": 11.4, "2017": 10.5}
    dag = next(u for u in doc["units"] if u["sector"] == "Dagtilbud")
    assert dag["targets"] == {"2014": 14.0, "2015": 14.0, "2016": 14.0, "2017": 14.0}
    so = next(c for c in doc["centers"] if c["center"] == "Sundheds- og Omsorgscentret")
    assert set(so) >= {"center", "targets"} and "sector" not in so
    assert so["targets"] == {"2014": 16.4, "2015": 15.2, "2016": 13.9, "2017": 12.7}
    assert doc["municipality"]["targets"] == {
        "2014": 14.9,
        "2015": 14.0,
        "2016": 13.1,
        "2017": 12.2,
    }


def test_targets_json_national_override(core_dir):
    sc = core_dir / "national" / "scenario.toml"
    new = json.loads(run("targets", sc, "--json").stdout)
    old_r = run("targets", sc, "--json", "--national", core_dir / "national" / "national_2016.csv")
    assert old_r.exit_code == 0, old_r.output
    old = json.loads(old_r.stdout)
    # KRL 2016: Skoler (2017 mix) (30*10 + 10*13)/40 = 10.75 -> 10.8; muni (432+96)/48 = 11.0
    # KRL 2017: (30*9.5 + 10*12.5)/40 = 10.25 -> 10.3; muni (412 + 93.6)/48 = 10.53 -> 10.5
    pick = {u["sector"]: u["targets"]["2018"] for u in old["units"]}
    assert pick == {"Skoler": 10.8, "Bibliotek": 12.0}
    pick = {u["sector"]: u["targets"]["2018"] for u in new["units"]}
    assert pick == {"Skoler": 10.3, "Bibliotek": 11.7}
    assert old["municipality"]["targets"] == {"2018": 11.0}
    assert new["municipality"]["targets"] == {"2018": 10.5}


def test_targets_file_rule_json(core_dir):
    r = run("targets", core_dir / "file" / "scenario.toml", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    # 12,45 -> 12.5; muni (12.5*40 + 14*20 + 17*50 + 6*10)/120 = 1690/120 = 14.08 -> 14.1
    skoler = next(u for u in doc["units"] if u["sector"] == "Skoler")
    assert skoler["targets"] == {"2014": 12.5}
    assert doc["municipality"]["targets"] == {"2014": 14.1}


@pytest.mark.parametrize(
    "args",
    [
        ["targets"],  # missing scenario argument
        ["targets", "{glide}", "--jsn"],  # unknown option
        ["targets", "{glide}", "--lang", "de"],  # bad choice
        ["targets", "findes/ikke.toml"],  # missing file
        ["targets", "{glide}", "--national", "findes_ikke.csv"],
    ],
)
def test_targets_bad_usage_exits_2_without_traceback(glide, args):
    r = run(*[a.format(glide=glide) for a in args])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert r.stdout == ""  # the message goes to stderr
    assert r.stderr.strip()


def test_targets_input_error_message_names_file(tmp_path, core_dir):
    bad = tmp_path / "absence.csv"
    bad.write_text(
        "Center;Sektor;Periode;Årsværk;Sygedage\nBørn og Unge;Skoler;2013;ti;100\n",
        encoding="utf-8",
    )
    units = (core_dir / "glide" / "units.csv").resolve()
    national = (core_dir / "glide" / "national.csv").resolve()
    sc = tmp_path / "scenario.toml"
    sc.write_text(
        f'absence = "absence.csv"\nunits = "{units.as_posix()}"\n'
        f'national = "{national.as_posix()}"\n'
        "[targets]\nbase_year = 2013\nfinal_year = 2017\n",
        encoding="utf-8",
    )
    r = run("targets", sc, "--json")
    assert r.exit_code == 2
    assert r.stdout == ""  # nothing on stdout, not even half a document
    assert "absence.csv" in r.stderr and "række 2" in r.stderr and "Årsværk" in r.stderr
    assert "Traceback" not in r.output
