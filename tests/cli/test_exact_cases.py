"""Exact money and targets (domain.md 4.3-4.5, "exact"), hand-computed, through the CLI.

Each test writes a tiny scenario into tmp_path; the arithmetic is in the comments. Every figure is
a decimal in the files, and the rules hold on those decimals exactly: an exact tie is a tie, a
potential of exactly 10.000 kr. caps at 10.000 kr., a gap of 1e-10 days is over target, and
11.05 rounds up to 11.1 while 11.0499999999 rounds down to 11.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_tables import run

UNITS_HEADER = "center,sector,payroll,substitute_budget,prior_reduction"


def write_scenario(
    tmp_path: Path,
    *,
    units: list[str],
    absence: list[str],
    targets: list[str] | None = None,
    national: list[str] | None = None,
    target_rule: list[str] | None = None,
    reduction: list[str] | None = None,
    working_days: int = 227,
) -> Path:
    """CSV tables (`,`, dot decimals) from their rows and a scenario over them; the targets
    rule is "file" (targets.csv) unless `target_rule` gives the [targets] lines."""
    (tmp_path / "units.csv").write_text("\n".join([UNITS_HEADER, *units]) + "\n", "utf-8")
    header = "center,sector,period,fte,sick_days"
    (tmp_path / "absence.csv").write_text("\n".join([header, *absence]) + "\n", "utf-8")
    lines = ['absence = "absence.csv"', 'units = "units.csv"']
    if targets is not None:
        header = "center,sector,year,target"
        (tmp_path / "targets.csv").write_text("\n".join([header, *targets]) + "\n", "utf-8")
    if national is not None:
        header = "year,staff_group,days_per_fte"
        (tmp_path / "national.csv").write_text("\n".join([header, *national]) + "\n", "utf-8")
        lines.append('national = "national.csv"')
    lines += [f"working_days = {working_days}", "min_fte = 0", "[targets]"]
    lines += target_rule or ['rule = "file"', 'file = "targets.csv"', "decimals = 1"]
    lines += ["[reduction]", *(reduction or ["totals = { 2014 = 0 }"])]
    path = tmp_path / "scenario.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def json_of(*args) -> dict:
    """The --json document of a command that must succeed."""
    r = run(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def by_unit(doc: dict) -> dict:
    return {(u["center"], u["sector"]): u for u in doc["units"]}


# --------------------------------------------------------------------------- a. an exact tie

# Hjem: fte 30, 336 days = 11.2 against 11.0, gap 0.2, payroll 3.000.000;
# Skoler: fte 20, 226 days = 11.3 against 11.0, gap 0.3, payroll 2.000.000.
# Potentials 0.2 * 3.000.000 / 227 = 0.3 * 2.000.000 / 227 = 600.000 / 227 = 2.643,17... kr.,
# excess days 0.2 * 30 = 0.3 * 20 = 6: equal weights by value and by days.
TIE_UNITS = ["Nord,Hjem,3000000,0,0", "Nord,Skoler,2000000,0,0"]
TIE_ABSENCE = ["Nord,Hjem,2013,30,336", "Nord,Skoler,2013,20,226"]
TIE_TARGETS = ["Nord,Hjem,2014,11.0", "Nord,Skoler,2014,11.0"]


@pytest.mark.parametrize("weight", ["value", "days"])
@pytest.mark.parametrize("cap", ["true", "false"])
def test_exact_tie_last_krone_to_the_first_in_code_point_order(tmp_path, weight, cap):
    # Total 3 kr.: quotas 1,5 + 1,5; floors 1 + 1, one krone left; remainders 0,5 = 0,5 and
    # weights equal, so it goes to ("Nord", "Hjem") < ("Nord", "Skoler"): Hjem 2, Skoler 1.
    # (In floats 11.2 - 11.0 = 0.19999999999999929 < 0.3000000000000007 = 11.3 - 11.0.)
    sc = write_scenario(
        tmp_path,
        units=TIE_UNITS,
        absence=TIE_ABSENCE,
        targets=TIE_TARGETS,
        reduction=[
            'model = "over-target"',
            f'weight = "{weight}"',
            f"cap = {cap}",
            "totals = { 2014 = 3 }",
        ],
    )
    units = by_unit(json_of("allocate", sc, "--year", "2014"))
    assert units[("Nord", "Hjem")]["increment"] == 2
    assert units[("Nord", "Skoler")]["increment"] == 1
    assert units[("Nord", "Hjem")]["weight"] == units[("Nord", "Skoler")]["weight"]
    expected = 600_000 / 227 if weight == "value" else 6
    assert units[("Nord", "Hjem")]["weight"] == pytest.approx(expected, rel=1e-12)


def test_exact_tie_potentials_are_equal_in_status(tmp_path):
    # The status shows the same potential 600.000/227 and excess days 6 for both units.
    sc = write_scenario(tmp_path, units=TIE_UNITS, absence=TIE_ABSENCE, targets=TIE_TARGETS)
    units = by_unit(json_of("status", sc, "--year", "2014"))
    hjem, skoler = units[("Nord", "Hjem")], units[("Nord", "Skoler")]
    assert hjem["potential"] == skoler["potential"] == pytest.approx(600_000 / 227, rel=1e-12)
    assert hjem["excess_days"] == skoler["excess_days"] == pytest.approx(6, rel=1e-12)


# --------------------------------------------------------------------------- b. caps exactly met


def test_potential_of_exactly_10000_caps_at_10000(tmp_path):
    # Gap 12.0 - 11.0 = 1.0 day, payroll 2.270.000, 227 days: 1.0 * 2.270.000 / 227 = 10.000
    # kr., cap 10.000 (rounding 1.000: 10 whole thousands); total 10.000 is allocated in full.
    sc = write_scenario(
        tmp_path,
        units=["Nord,Hjem,2270000,0,0"],
        absence=["Nord,Hjem,2013,10,120"],
        targets=["Nord,Hjem,2014,11.0"],
        reduction=["cap = true", "rounding = 1000", "totals = { 2014 = 10000 }"],
    )
    doc = json_of("allocate", sc, "--year", "2014")
    assert by_unit(doc)[("Nord", "Hjem")]["increment"] == 10_000
    assert doc["increment"] == 10_000


# Payroll 2.270.000 each, target 11.0, fte 10, 227 days; potential = gap * 10.000 kr.:
# A 111 days: gap 0.1 -> 1.000; B 113: gap 0.3 -> 3.000; C 117: gap 0.7 -> 7.000.
CAPPED = dict(
    units=["Syd,A,2270000,0,0", "Syd,B,2270000,0,0", "Syd,C,2270000,0,0"],
    absence=["Syd,A,2013,10,111", "Syd,B,2013,10,113", "Syd,C,2013,10,117"],
    targets=["Syd,A,2014,11.0", "Syd,B,2014,11.0", "Syd,C,2014,11.0"],
)


def test_total_equal_to_the_summed_caps_is_allocated(tmp_path):
    # Caps (rounding 1.000) 1.000 + 3.000 + 7.000 = 11.000 = the total: each unit pays its cap
    # (quotas 11 · 1/11, 11 · 3/11, 11 · 7/11 = 1, 3, 7 thousands: none passes its cap), no
    # shortfall. (In floats 11.1 - 11.0 = 0.0999999999999996: a potential of 999,99... kr.
    # would floor to a cap of 0.)
    sc = write_scenario(
        tmp_path,
        **CAPPED,
        reduction=["cap = true", "rounding = 1000", "totals = { 2014 = 11000 }"],
    )
    units = by_unit(json_of("allocate", sc, "--year", "2014"))
    assert {k[1]: u["increment"] for k, u in units.items()} == {"A": 1000, "B": 3000, "C": 7000}


def test_a_total_over_the_summed_caps_is_a_shortfall(tmp_path):
    # The same units, total 13.000 > caps 11.000: the run stops (exit 2, nothing on stdout)
    # naming the summed caps and the 2.000 kr. missing.
    sc = write_scenario(
        tmp_path,
        **CAPPED,
        reduction=["cap = true", "rounding = 1000", "totals = { 2014 = 13000 }"],
    )
    r = run("allocate", sc, "--year", "2014", "--json")
    assert r.exit_code == 2 and r.stdout == ""
    assert "11.000 kr." in r.stderr and "2.000 kr." in r.stderr


# --------------------------------------------------------------------------- c. no tolerance

AT_TARGET = dict(
    # A: 11.1000000001 / 1 = 11.1 + 1e-10 against 11.1 (red); B: 11.1 / 1 exactly (green).
    units=["Øst,A,2270000,0,0", "Øst,B,2270000,0,0"],
    absence=["Øst,A,2013,1,11.1000000001", "Øst,B,2013,1,11.1"],
    targets=["Øst,A,2014,11.1", "Øst,B,2014,11.1"],
)


def test_a_gap_of_1e_10_days_is_red_and_at_target_is_green(tmp_path):
    units = by_unit(json_of("status", write_scenario(tmp_path, **AT_TARGET), "--year", "2014"))
    a, b = units[("Øst", "A")], units[("Øst", "B")]
    assert a["status"] == "red"
    assert a["gap"] == pytest.approx(1e-10, rel=1e-6)
    # excess days 1e-10 * 1 fte; potential 1e-10 * 2.270.000 / 227 = 1e-6 kr.
    assert a["excess_days"] == pytest.approx(1e-10, rel=1e-6)
    assert a["potential"] == pytest.approx(1e-6, rel=1e-6)
    assert (b["status"], b["gap"], b["excess_days"], b["potential"]) == ("green", 0, 0, 0)


def test_a_gap_of_1e_10_days_carries_the_over_target_reduction(tmp_path):
    # Without a cap the only unit over target, A, carries the whole 1.000 kr.; B pays nothing.
    sc = write_scenario(
        tmp_path, **AT_TARGET, reduction=["cap = false", "totals = { 2014 = 1000 }"]
    )
    units = by_unit(json_of("allocate", sc, "--year", "2014"))
    assert (units[("Øst", "A")]["increment"], units[("Øst", "B")]["increment"]) == (1000, 0)


# --------------------------------------------------------------------------- d. half up


def test_file_targets_round_half_up_on_the_exact_value(tmp_path):
    # decimals = 1: 11.05 -> 11.1 (exactly half: up); 11.0499999999 -> 11.0 (below half: down).
    sc = write_scenario(
        tmp_path,
        units=["Nord,A,1000000,0,0", "Nord,B,1000000,0,0"],
        absence=["Nord,A,2013,10,110", "Nord,B,2013,10,110"],
        targets=["Nord,A,2014,11.05", "Nord,B,2014,11.0499999999"],
    )
    doc = json_of("targets", sc)
    targets = {u["sector"]: u["targets"]["2014"] for u in doc["units"]}
    assert targets == {"A": 11.1, "B": 11.0}
    # The status holds 11.0 days per fte against those rounded targets: A green, B at target.
    units = by_unit(json_of("status", sc, "--year", "2014"))
    assert units[("Nord", "A")]["target"] == 11.1 and units[("Nord", "B")]["target"] == 11.0
    assert units[("Nord", "B")]["status"] == "green"


def test_glide_targets_round_half_up_on_the_exact_value(tmp_path):
    # Glide 2013 -> 2017, c = 1, benchmark B = 10.6 (Kommuner i alt 2012, no staff groups).
    # 2014: T = A - (A - B) * 1/4 = (3A + B) / 4.
    # A: A = 112 / 10 = 11.2: T = (33.6 + 10.6) / 4 = 11.05 exactly -> 11.1.
    # B: A = 111.9999999999 / 10 = 11.2 - 1e-11: T = 11.05 - 7.5e-12 -> 11.0.
    # 2015: T = (A + B) / 2 = 10.9 and 10.9 - 5e-12: both 10.9.
    sc = write_scenario(
        tmp_path,
        units=["Nord,A,1000000,0,0", "Nord,B,1000000,0,0"],
        absence=["Nord,A,2013,10,112", "Nord,B,2013,10,111.9999999999"],
        national=["2012,Kommuner i alt,10.6"],
        target_rule=[
            'rule = "glide"',
            "base_year = 2013",
            "final_year = 2017",
            "benchmark_year = 2012",
            "gap_closure = 1.0",
            "decimals = 1",
        ],
    )
    doc = json_of("targets", sc)
    targets = {u["sector"]: (u["targets"]["2014"], u["targets"]["2015"]) for u in doc["units"]}
    assert targets == {"A": (11.1, 10.9), "B": (11.0, 10.9)}
