"""`sygefravaer compare` through typer's CliRunner: the three models side by side (domain.md 5).

Fixture tests/data/alloc/basic, Δ 2014 = 300.000 (arithmetic in tests/test_allocation.py):
- green harvester on payroll 4/12/50/14/20 of 100 mio.: P 12.000, Q 36.000, R 150.000,
  S 42.000, T 60.000 -> centers Nord 48.000, Syd 192.000, Øst 60.000;
- substitute on budgets Q 300.000, S 100.000: Q 225.000, S 75.000 -> Nord 225.000, Syd 75.000;
- over-target by value: P 18.182, Q 54.545, R 227.273 -> Nord 72.727, Syd 227.273, Øst 0.
"""

from __future__ import annotations

import json

from scenarios import write_scenario
from test_cli_allocate import TOP_KEYS, UNIT_KEYS, cells, line_with, run

MODELS = ("green-harvester", "substitute", "over-target")


def centers(doc) -> dict:
    return {c["center"]: c["reduction"] for c in doc["centers"]}


def test_compare_json_three_models(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("compare", sc, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["year"] == 2014
    assert set(doc["models"]) == set(MODELS)
    for m in MODELS:
        d = doc["models"][m]
        assert TOP_KEYS <= d.keys() and d["model"] == m and d["year"] == 2014
        assert d["total"] == 300_000 and type(d["total"]) is int
        for u in d["units"]:
            assert UNIT_KEYS <= u.keys()
            assert type(u["increment"]) is int and type(u["reduction"]) is int
        assert sum(u["reduction"] for u in d["units"]) == 300_000
    assert centers(doc["models"]["green-harvester"]) == {
        "Nord": 48_000,
        "Syd": 192_000,
        "Øst": 60_000,
    }
    assert centers(doc["models"]["substitute"]) == {"Nord": 225_000, "Syd": 75_000, "Øst": 0}
    assert centers(doc["models"]["over-target"]) == {"Nord": 72_727, "Syd": 227_273, "Øst": 0}


def test_compare_json_a_failing_model_carries_its_error(tmp_path):
    # No substitute budgets: substitute cannot allocate; the other two still do.
    sc = write_scenario(tmp_path, totals={2014: 300_000}, units="units_nosub.csv")
    r = run("compare", sc, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    sub = doc["models"]["substitute"]
    assert set(sub) == {"error"} and "vikarbudget" in sub["error"]
    assert centers(doc["models"]["green-harvester"]) == {
        "Nord": 48_000,
        "Syd": 192_000,
        "Øst": 60_000,
    }
    assert centers(doc["models"]["over-target"]) == {"Nord": 72_727, "Syd": 227_273, "Øst": 0}


def test_compare_json_two_models_fail(tmp_path):
    # All green and no budgets: only the green harvester allocates; the shortfall of the
    # over-target model and the missing budgets are each named.
    sc = write_scenario(
        tmp_path, totals={2014: 300_000}, units="units_nosub.csv", targets="targets_green.csv"
    )
    r = run("compare", sc, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    models = json.loads(r.stdout)["models"]
    assert "over sit måltal" in models["over-target"]["error"]
    assert "vikarbudget" in models["substitute"]["error"]
    assert models["green-harvester"]["total"] == 300_000


def test_compare_json_shortfall_error(tmp_path):
    # Δ 700.000 > Σ potential 660.000: over-target fails with the shortfall, the others allocate
    # (green harvester: 7 kr. per 1.000 kr. payroll -> Nord 16 mio. * 0,007 = 112.000).
    sc = write_scenario(tmp_path, totals={2014: 700_000})
    r = run("compare", sc, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    models = json.loads(r.stdout)["models"]
    assert "40.000 kr. for lidt" in models["over-target"]["error"]
    assert centers(models["green-harvester"])["Nord"] == 112_000


def test_compare_center_level_json(tmp_path):
    # Center level: over-target on the aggregates, only Nord red (potential 160.000);
    # Δ 100.000 -> Nord 100.000. Units carry no sector.
    sc = write_scenario(tmp_path, totals={2014: 100_000})
    r = run("compare", sc, "--year", "2014", "--level", "center", "--json")
    assert r.exit_code == 0, r.output
    models = json.loads(r.stdout)["models"]
    for m in MODELS:
        assert all("sector" not in u for u in models[m]["units"])
    assert {u["center"]: u["increment"] for u in models["over-target"]["units"]} == {
        "Nord": 100_000,
        "Syd": 0,
        "Øst": 0,
    }


def test_compare_rich_table(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000}, units="units_nosub.csv")
    r = run("compare", sc, "--year", "2014")
    assert r.exit_code == 0, r.output
    out = r.stdout
    # Nord: green harvester 48.000, substitute cannot ("–"), over-target (chosen) 72.727,
    # green harvester − over-target = 48.000 − 72.727 = −24.727.
    row = cells(line_with(out, "Nord"))
    assert row[:4] == ["Nord", "48.000 kr.", "–", "72.727 kr."]
    assert row[4] == "-24.727 kr."
    # Øst: 60.000 − 0 = 60.000.
    assert cells(line_with(out, "Øst"))[4] == "60.000 kr."
    # The reason is printed under the table.
    assert "vikarbudget" in out


def test_compare_unknown_level_exit_2(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("compare", sc, "--year", "2014", "--level", "kommune", "--json")
    assert r.exit_code == 2 and r.stdout == ""
    assert "sector" in r.stderr and "center" in r.stderr
