"""`sygefravaer explain` through typer's CliRunner (issue 13): the table, the --json keys, an
unknown unit, center level, and names holding " / " or rich markup.

Figures worked out by hand on the fixture tests/data/alloc/basic (working days 200, over-target
by value, Δ 2014 = 300.000 kr., absence 2013 against target 12): P 14 dage (gap 2, 100 excess
days × 400 kr. = 40.000), Q 14 (× 1.200 kr. = 120.000), R 14 (× 5.000 kr. = 500.000), S 10
(green), T 12 (exactly at target). Sum of weights 660.000; quotas P 18.181 9/11, Q 54.545 5/11,
R 227.272 8/11; floors sum to 299.998, so the 2 kroner left go to P (place 1) and R (place 2),
not Q (place 3): P 18.182, Q 54.545, R 227.273.
"""

from __future__ import annotations

import json
import shutil

from cli_tables import run
from scenarios import BASIC, write_scenario


def test_explain_table_shows_the_chain(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--unit", "Nord / Q")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Forklaring: Nord / Q – måltal 2014 (sektorniveau, over-target)" in out
    for label in ("Fraværet 2013 lagt sammen", "Status 2013 mod måltal 2014", "Loft"):
        assert label in out
    assert "Afrunding (største rest)" in out and "Reduktion 2014" in out
    assert "dagsværdi = lønsum / (årsværk × arbejdsdage)" in out
    assert "1.200,00 kr." in out or "1.200 kr." in out  # the day value
    assert "120.000 kr." in out  # the potential, the weight
    assert "660.000 kr." in out  # the sum of the weights
    assert "54.545,45 kr. (= 600000/11)" in out  # the exact quota
    assert "0,4545 (= 5/11)" in out  # the remainder
    lines = {ln.split("  ")[0].strip(): ln.split()[-1] for ln in out.splitlines() if "  " in ln}
    assert lines["Plads blandt resterne"] == "3"
    assert lines["Afrundingsenheder givet"] == "2"
    assert lines["Får én afrundingsenhed mere"] == "nej"


def test_explain_json(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--unit", "Nord / P", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert {"target", "status", "weight", "increment", "reduction", "steps"} <= set(doc)
    assert (doc["target"], doc["status"], doc["weight"]) == (12.0, "red", 40_000.0)
    assert (doc["increment"], doc["reduction"], doc["share"]) == (18_182, 18_182, 18_182)
    steps = {s["key"]: s for s in doc["steps"]}
    assert [s["step"] for s in doc["steps"]] == list(range(1, len(doc["steps"]) + 1))
    rounding = steps["rounding"]
    assert rounding["values"]["floor"] == 18_181 and rounding["values"]["share"] == 18_182
    assert rounding["exact"]["remainder"] == "9/11"
    assert rounding["values"]["place"] == 1 and rounding["values"]["left"] == 2
    assert steps["potential"]["values"]["day_cost"] == 400
    assert steps["weight"]["values"]["weights"] == 660_000
    assert steps["file"]["values"]["target"] == 12


def test_explain_at_target_and_english(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--unit", "Øst / T", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "at target" in r.stdout and "Explanation: Øst / T" in r.stdout
    assert "weight 0" in r.stdout  # the unit takes no part in the distribution
    doc = json.loads(run("explain", sc, "--year", "2014", "--unit", "Øst / T", "--json").stdout)
    assert doc["at_target"] is True and doc["status"] == "green" and doc["increment"] == 0


def test_unknown_unit_exit_2_with_near_matches(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--unit", "Nord / X")
    assert r.exit_code == 2
    assert "ukendt enhed: 'Nord / X'" in r.stderr
    assert "Nord / P" in r.stderr and "Nord / Q" in r.stderr
    assert "Traceback" not in r.output
    r = run("explain", sc, "--year", "2014", "--unit", "Nord")
    assert r.exit_code == 2 and "--center" in r.stderr  # a center at sector level


def test_center_level(tmp_path):
    """Nord = P + Q: 1.400 days / 100 fte = 14 against 12 (the mean of 12 and 12); under the
    green-harvester Nord pays 16 of 100 mio. payroll: 48.000 of 300.000."""
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--center", "Nord", "--model", "green-harvester")
    assert r.exit_code == 0, r.output
    assert "centerniveau" in r.stdout and "Centrets måltal 2014" in r.stdout
    args = ["--center", "Nord", "--model", "green-harvester", "--json"]
    doc = json.loads(run("explain", sc, "--year", "2014", *args).stdout)
    assert doc["level"] == "center" and doc["sector"] is None
    assert (doc["days_per_fte"], doc["target"], doc["increment"]) == (14.0, 12.0, 48_000)
    steps = {s["key"]: s for s in doc["steps"]}
    assert steps["absence"]["values"]["rows"] == 2
    assert [r["sector"] for r in steps["center_target"]["rows"]] == ["P", "Q"]


def test_names_holding_the_separator_and_markup(tmp_path):
    """A sector "Q [b]x[/b] / R" is found by --unit (every split tried) and by
    --center/--sector, and printed as written."""
    data = tmp_path / "data"
    shutil.copytree(BASIC, data)
    name = "Q [b]x[/b] / R"
    for f in ("absence.csv", "units.csv", "targets.csv"):
        p = data / f
        p.write_text(p.read_text(encoding="utf-8").replace("Nord,Q,", f"Nord,{name},"), "utf-8")
    sc = write_scenario(tmp_path, totals={2014: 300_000}, folder=data)
    a = run("explain", sc, "--year", "2014", "--unit", f"Nord / {name}", "--json")
    b = run("explain", sc, "--year", "2014", "--center", "Nord", "--sector", name, "--json")
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert json.loads(a.stdout) == json.loads(b.stdout)
    assert json.loads(a.stdout)["sector"] == name and json.loads(a.stdout)["increment"] == 54_545
    t = run("explain", sc, "--year", "2014", "--center", "Nord", "--sector", name)
    assert f"Nord / {name}" in t.stdout


def test_sector_needs_a_center(tmp_path):
    """--sector without --center is a usage error (exit 2)."""
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("explain", sc, "--year", "2014", "--sector", "P")
    assert r.exit_code == 2 and "--center" in r.stderr


def test_run_writes_the_explanation_sheet(tmp_path):
    """Each center's workbook has a 'Forklaring' block per sector whose reduction is allocate's
    (the last allocated year); a sector hidden for its size shows no chain."""
    import openpyxl

    from sygefravaer import load

    example = "examples/eksempelkommune/scenario.toml"
    r = run("run", example, "--out", tmp_path / "out", "--quiet", "--min-fte", "12")
    assert r.exit_code == 0, r.output
    res = load(example).allocate(2017).to_frame().set_index(["center", "sector"])
    wb = openpyxl.load_workbook(tmp_path / "out" / "centre" / "Jobcentret.xlsx")
    rows = list(wb["Forklaring"].iter_rows(values_only=True))
    names = [r[0] for r in rows if r[0] and r[0].startswith("Jobcentret / ")]
    assert names == [f"Jobcentret / {s}" for s in ("Administration", "Jobindsats", "Sprogcentret")]
    reductions = [r[2] for r in rows if r[1] == "Reduktion i alt"]
    shown = [n.split(" / ")[1] for n in names]
    hidden = [r for r in rows if r[1] and str(r[1]).startswith("skjult")]
    expected = [res.loc[("Jobcentret", s), "reduction"] for s in shown]
    assert len(reductions) + len(hidden) == len(names)
    assert set(reductions) <= set(expected)
