"""`sygefravaer check`: every input read and every problem reported at once, by file (issue 9)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

ROOT = Path(__file__).parents[2]
BASE = ROOT / "tests" / "bad_inputs" / "valid_base_case"


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    ("example", "units", "centers"),
    [("eksempelkommune", 35, 13), ("revision2018", None, None)],
)
def test_check_on_the_bundled_examples_is_clean_with_a_summary(example, units, centers):
    sc = ROOT / "examples" / example / "scenario.toml"
    r = run("check", sc)
    assert r.exit_code == 0, r.output
    assert "Resultat: 0 fejl" in r.stdout and "Læst:" in r.stdout
    doc = json.loads(run("check", sc, "--json").stdout)
    assert doc["ok"] is True and doc["counts"]["errors"] == 0
    summary = doc["summary"]
    assert summary["rows"]["absence"] > 0 and summary["krl_years"]
    if units is not None:  # the 2014 seed: 13 centers, 35 sectors, totals 3.2 to 9.4 mio. kr.
        assert (summary["units"], summary["centers"]) == (units, centers)
        assert summary["totals"] == {
            "2014": 3_200_000,
            "2015": 5_000_000,
            "2016": 7_700_000,
            "2017": 9_400_000,
        }


def test_check_reports_every_problem_in_every_file_in_one_run(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(BASE, case)
    (case / "expected.toml").unlink()
    # absence: a negative fte in row 3; units: text in the payroll of row 2; national: a year
    # that is not a year in row 2. Three files, three problems, one run.
    absence = (case / "absence.csv").read_text(encoding="utf-8").splitlines()
    absence[2] = "A;S2;2013;-20;200"
    (case / "absence.csv").write_text("\n".join(absence) + "\n", encoding="utf-8")
    units = (case / "units.csv").read_text(encoding="utf-8").splitlines()
    units[1] = "A;S1;mange;100.000"
    (case / "units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    national = (case / "national.csv").read_text(encoding="utf-8").splitlines()
    national[1] = "tyve;Kommuner i alt;12,0"
    (case / "national.csv").write_text("\n".join(national) + "\n", encoding="utf-8")

    r = run("check", case / "scenario.toml")
    assert r.exit_code == 2
    assert "Resultat: 3 fejl" in r.stdout
    doc = json.loads(run("check", case / "scenario.toml", "--json").stdout)
    by_role = {f["role"]: f for f in doc["files"]}
    assert [e["row"] for e in by_role["absence"]["errors"]] == [3]
    assert [e["row"] for e in by_role["units"]["errors"]] == [2]
    assert [e["row"] for e in by_role["national"]["errors"]] == [2]
    assert doc["ok"] is False and doc["counts"]["errors"] == 3


def test_check_goes_on_to_the_computation_and_reports_its_problem(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(BASE, case)
    text = (case / "scenario.toml").read_text(encoding="utf-8")
    # 2016 has no absence for 2015 to compare: the over-target model cannot allocate it.
    text = text.replace(
        "totals = { 2014 = 100000, 2015 = 150000 }",
        "totals = { 2014 = 100000, 2015 = 150000, 2016 = 200000 }",
    )
    (case / "scenario.toml").write_text(text, encoding="utf-8")
    doc = json.loads(run("check", case / "scenario.toml", "--json").stdout)
    computed = [f for f in doc["files"] if f["role"] == "computation"]
    assert computed and computed[0]["errors"], doc
    assert doc["ok"] is False


def test_check_with_an_unreadable_scenario_says_so(tmp_path):
    r = run("check", tmp_path / "findes-ikke.toml")
    assert r.exit_code == 2
    assert "scenariefilen findes ikke" in r.stdout


def test_check_strict_fails_on_a_warning():
    case = ROOT / "tests" / "bad_inputs" / "small_unit_is_warning" / "scenario.toml"
    assert run("check", case).exit_code == 0
    r = run("check", case, "--strict")
    assert r.exit_code == 2 and "Advarsel:" in r.stdout
