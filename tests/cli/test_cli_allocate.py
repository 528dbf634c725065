"""`sygefravaer allocate` through typer's CliRunner: --json contract (domain.md 5), rich table.

Figures are the hand-computed ones of tests/test_allocation.py (fixture tests/data/alloc/basic):
over-target by value, Δ 2014 = 300.000: P 18.182, Q 54.545, R 227.273, S 0, T 0;
2015 (Δ 200.000 on the 2015 status): Q 19.048, R 158.730, S 22.222.
"""

from __future__ import annotations

import json

from cli_tables import cells, line_with, run
from scenarios import write_scenario

UNIT_KEYS = {"center", "sector", "status", "weight", "increment", "reduction"}
TOP_KEYS = {"year", "model", "total", "increment", "units", "centers"}


def by_unit(doc) -> dict:
    return {(u["center"], u.get("sector")): u for u in doc["units"]}


def test_allocate_json_contract(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000, 2015: 500_000})
    r = run("allocate", sc, "--year", "2014", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)  # stdout holds the JSON document and nothing else
    assert TOP_KEYS <= doc.keys()
    assert (doc["year"], doc["model"], doc["total"], doc["increment"]) == (
        2014,
        "over-target",
        300_000,
        300_000,
    )
    for u in doc["units"]:
        assert UNIT_KEYS <= u.keys()
        assert type(u["increment"]) is int and type(u["reduction"]) is int
    for c in doc["centers"]:
        assert {"center", "increment", "reduction"} <= c.keys()
        assert type(c["increment"]) is int and type(c["reduction"]) is int
    # Every money value of the result is an int (the extras too: share, prior, increments).
    money = [doc["total"], doc["increment"], *doc["increments"].values()]
    for u in doc["units"]:
        money += [u["share"], u["prior_reduction"], *u["increments"].values()]
    for c in doc["centers"]:
        money.append(c["prior_reduction"])
    assert all(type(v) is int for v in money)
    units = by_unit(doc)
    assert {k: u["increment"] for k, u in units.items()} == {
        ("Nord", "P"): 18_182,
        ("Nord", "Q"): 54_545,
        ("Syd", "R"): 227_273,
        ("Syd", "S"): 0,
        ("Øst", "T"): 0,
    }
    assert units[("Syd", "S")]["status"] == "green" and units[("Syd", "R")]["status"] == "red"
    # weight = potential: R 2 * 50 mio. / 200 = 500.000
    assert units[("Syd", "R")]["weight"] == 500_000
    # Centers are sums: Nord 18.182 + 54.545 = 72.727.
    assert {c["center"]: c["reduction"] for c in doc["centers"]} == {
        "Nord": 72_727,
        "Syd": 227_273,
        "Øst": 0,
    }


def test_allocate_json_later_year_with_priors(tmp_path):
    # Priors R 100.000, S 50.000; 2015: reductions Q 54.545 + 19.048 = 73.593,
    # R 227.273 + 158.730 = 386.003, S -50.000 + 50.000 (prior) + 22.222 = 22.222.
    sc = write_scenario(tmp_path, totals={2014: 300_000, 2015: 500_000}, units="units_prior.csv")
    r = run("allocate", sc, "--year", "2015", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert (doc["year"], doc["total"], doc["increment"]) == (2015, 500_000, 200_000)
    units = by_unit(doc)
    assert {k: (u["increment"], u["reduction"]) for k, u in units.items()} == {
        ("Nord", "P"): (0, 18_182),
        ("Nord", "Q"): (19_048, 73_593),
        ("Syd", "R"): (158_730, 386_003),
        ("Syd", "S"): (22_222, 22_222),
        ("Øst", "T"): (0, 0),
    }
    assert sum(u["reduction"] for u in doc["units"]) == 500_000
    # 2014 (first year): the increment is the total minus the priors, 300.000 - 150.000.
    r14 = run("allocate", sc, "--year", "2014", "--json")
    d14 = json.loads(r14.stdout)
    assert d14["increment"] == 150_000
    assert by_unit(d14)[("Syd", "S")]["increment"] == -50_000


def test_allocate_model_option_overrides_the_scenario(tmp_path):
    # Scenario says over-target; --model green-harvester: 300.000 * payroll / 100 mio.
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("allocate", sc, "--year", "2014", "--model", "green-harvester", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["model"] == "green-harvester"
    assert [u["increment"] for u in doc["units"]] == [12_000, 36_000, 150_000, 42_000, 60_000]
    assert [u["weight"] for u in doc["units"]] == [4e6, 12e6, 50e6, 14e6, 20e6]


def test_allocate_unknown_model_exit_2(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000})
    r = run("allocate", sc, "--year", "2014", "--model", "grønthøster", "--json")
    assert r.exit_code == 2
    assert r.stdout == ""
    for name in ("green-harvester", "substitute", "over-target", "grønthøster"):
        assert name in r.stderr
    assert "Traceback" not in r.output


def test_allocate_unknown_model_in_scenario_exit_2(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000}, model="vikar")
    r = run("allocate", sc, "--year", "2014")
    assert r.exit_code == 2
    assert "green-harvester" in r.stderr and "substitute" in r.stderr


def test_allocate_center_level_json_has_no_sector(tmp_path):
    # Center payrolls 16 / 64 / 20 mio. of 100: 48.000, 192.000, 60.000.
    sc = write_scenario(tmp_path, totals={2014: 300_000}, model="green-harvester")
    r = run("allocate", sc, "--year", "2014", "--level", "center", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert all("sector" not in u for u in doc["units"])
    assert {u["center"]: u["increment"] for u in doc["units"]} == {
        "Nord": 48_000,
        "Syd": 192_000,
        "Øst": 60_000,
    }
    assert UNIT_KEYS - {"sector"} <= doc["units"][0].keys()


def test_allocate_no_unit_to_carry_exit_2(tmp_path):
    sc = write_scenario(tmp_path, totals={2014: 300_000}, targets="targets_green.csv")
    r = run("allocate", sc, "--year", "2014", "--json")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "ingen enhed ligger over sit måltal" in r.stderr
    assert "Traceback" not in r.output
    sc = write_scenario(tmp_path, totals={2014: 300_000}, units="units_nosub.csv")
    r = run("allocate", sc, "--year", "2014", "--model", "substitute")
    assert r.exit_code == 2 and "vikarbudget" in r.stderr


def test_allocate_shortfall_exit_2(tmp_path):
    # Δ 700.000 against Σ potential 660.000: 40.000 kr. short.
    sc = write_scenario(tmp_path, totals={2014: 700_000})
    r = run("allocate", sc, "--year", "2014")
    assert r.exit_code == 2
    assert "40.000 kr. for lidt" in r.stderr and "660.000 kr." in r.stderr


def test_allocate_scenario_checks_exit_2(tmp_path):
    # The seed's slip: 7,7 - 5,0 listed as 2,2.
    totals = {2014: 3_200_000, 2015: 5_000_000, 2016: 7_700_000, 2017: 9_400_000}
    sc = write_scenario(
        tmp_path,
        totals=totals,
        increments={2015: 1_800_000, 2016: 2_200_000, 2017: 1_700_000},
    )
    r = run("allocate", sc, "--year", "2014")  # checked whatever year is asked for
    assert r.exit_code == 2
    assert "2016" in r.stderr and "2.700.000" in r.stderr
    sc = write_scenario(tmp_path, totals={2014: 300_000, 2015: 200_000})
    r = run("allocate", sc, "--year", "2014")
    assert r.exit_code == 2 and "falder" in r.stderr
    sc = write_scenario(tmp_path, totals={2014: 300_500}, rounding=1000)
    r = run("allocate", sc, "--year", "2014")
    assert r.exit_code == 2 and "multiplum" in r.stderr


def test_allocate_rich_table_in_danish_kroner(tmp_path):
    # Green harvester, Δ = 1.234.567 on payroll of 100 mio.: quotas P 49.382,68  Q 148.148,04
    # R 617.283,5  S 172.839,38  T 246.913,4 -> floors 1.234.565, the 2 kr. left to P (,68) and
    # R (,5).
    sc = write_scenario(tmp_path, totals={2014: 1_234_567}, model="green-harvester")
    r = run("allocate", sc, "--year", "2014")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert cells(line_with(out, "  P "))[-2:] == ["49.383 kr.", "49.383 kr."]
    assert cells(line_with(out, "  R "))[-2:] == ["617.284 kr.", "617.284 kr."]
    # Øst (center row) = T 246.913; the total row shows the whole amount.
    assert "246.913 kr." in line_with(out, "Øst")
    total = [ln for ln in out.splitlines() if "1.234.567 kr." in ln]
    assert total, out
