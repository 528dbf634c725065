"""Old against new when KRL publishes (issue 6): the 2018 revision of seed 003, by hand.

Fixture tests/data/diff/: national rule, target year 2018, absence 2017, every unit without a staff
group, so each unit's benchmark is `Kommuner i alt` of the latest KRL year before 2018:
  national_2016.csv (up to 2016): 12.0 -> every target 12.0
  national_2017.csv (adds 2017):  11.7 -> every target 11.7   (seed: "fra 12,0 i 2016 til 11,7")
Absence 2017 (sick_days / fte):
  Center A / Administration 119/10 = 11.9   green at 12.0, red at 11.7   <- flips
  Center A / Skoler         230/20 = 11.5   green, green
  Center B / Hjemmeplejen   123/10 = 12.3   red, red
  Center B / Rengøring      117/10 = 11.7   green, green (exactly at target)
  Center A (119+230)/30 = 11.63 green, green; Center B 240/20 = 12.0: green at 12.0, red at 11.7
  Municipality 589/50 = 11.78: green at 12.0, red at 11.7
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sygefravaer.api import load_scenario
from sygefravaer.core.allocation import allocate
from sygefravaer.core.diff import diff_allocation, diff_status, diff_targets, lookup, summary
from sygefravaer.core.status import compute_status
from sygefravaer.core.targets import compute_targets
from sygefravaer.io.inputs import load_inputs
from sygefravaer.io.national import read_national

DIFF = Path(__file__).parents[1] / "data" / "diff"
A, B = "Center A", "Center B"


@pytest.fixture(scope="module")
def pair():
    sc = load_scenario(DIFF / "scenario.toml")
    old = load_inputs(sc)
    new = replace(old, national=read_national(DIFF / "national_2017.csv"))
    return sc, old, new


def test_targets_follow_the_new_average(pair):
    sc, old, new = pair
    t_old, t_new = compute_targets(sc, old), compute_targets(sc, new)
    assert t_old.municipality[2018] == 12.0 and t_new.municipality[2018] == 11.7
    changes = diff_targets(t_old, t_new)
    targets = {
        (c["level"], c["center"], c["sector"]): (c["old"], c["new"])
        for c in changes
        if c["field"] == "target"
    }
    # Every unit, both centers and the municipality: 12.0 -> 11.7, for 2018.
    assert targets == {
        ("sector", A, "Administration"): (12.0, 11.7),
        ("sector", A, "Skoler"): (12.0, 11.7),
        ("sector", B, "Hjemmeplejen"): (12.0, 11.7),
        ("sector", B, "Rengøring"): (12.0, 11.7),
        ("center", A, None): (12.0, 11.7),
        ("center", B, None): (12.0, 11.7),
        ("municipality", None, None): (12.0, 11.7),
    }
    assert {c["year"] for c in changes} == {2018}
    # The benchmark (KRL year 2016 -> 2017) changes for each unit too.
    assert sum(c["field"] == "benchmark" for c in changes) == 4


def test_status_changes_list_the_units_that_flip(pair):
    sc, old, new = pair
    s_old = compute_status(sc, old, year=2018)
    s_new = compute_status(sc, new, year=2018)
    changes = diff_status(s_old, s_new)
    flips = [
        (c["level"], c["center"], c["sector"], c["old"], c["new"])
        for c in changes
        if c["field"] == "status"
    ]
    assert flips == [
        ("sector", A, "Administration", "green", "red"),  # 11.9: <= 12.0, > 11.7
        ("center", B, None, "green", "red"),  # 12.0: <= 12.0, > 11.7
        ("municipality", None, None, "green", "red"),  # 11.78
    ]
    s = summary(changes)
    assert [(w["center"], w["sector"]) for w in s["green_to_red"]] == [
        (A, "Administration"),
        (B, None),
        (None, None),
    ]
    assert s["red_to_green"] == []
    # target and benchmark: 4 units + 2 centers + municipality; excess days and potential:
    # Administration, Hjemmeplejen, both centers (their units' sums) and the municipality (the
    # money of these changes: tests/core/test_diff_money.py); the cost does not change.
    assert s["by_field"] == {
        "target": 7,
        "benchmark": 7,
        "status": 3,
        "excess_days": 5,
        "potential": 5,
    }


def test_reverse_revision_flips_back(pair):
    """New against old (11.7 -> 12.0): the same units, red -> green; old and new swap."""
    sc, old, new = pair
    s_old = compute_status(sc, old, year=2018)
    s_new = compute_status(sc, new, year=2018)
    forward = diff_status(s_old, s_new)
    back = diff_status(s_new, s_old)
    assert [(c["center"], c["sector"], c["field"], c["new"], c["old"]) for c in back] == [
        (c["center"], c["sector"], c["field"], c["old"], c["new"]) for c in forward
    ]
    assert len(summary(back)["red_to_green"]) == 3


def test_no_change_gives_no_changes(pair):
    sc, old, _ = pair
    s = compute_status(sc, old, year=2018)
    assert diff_status(s, compute_status(sc, old, year=2018)) == []
    t = compute_targets(sc, old)
    assert diff_targets(t, compute_targets(sc, old)) == []
    a = allocate(sc, old, 2018)
    assert diff_allocation(a, allocate(sc, old, 2018)) == []


def test_center_level_status_diff(pair):
    sc, old, new = pair
    changes = diff_status(
        compute_status(sc, old, year=2018, level="center"),
        compute_status(sc, new, year=2018, level="center"),
    )
    assert {c["level"] for c in changes} == {"center", "municipality"}
    flips = [(c["center"], c["new"]) for c in changes if c["field"] == "status"]
    assert flips == [(B, "red"), (None, "red")]


def test_reduction_moves_with_the_status(pair):
    """Over-target, value weight, total 2018 = 20.000 kr.; payroll 22.700.000 for both units, so
    potential = gap * 22.700.000 / 227 = gap * 100.000.
    Old (target 12.0): only Hjemmeplejen is red (gap 0.3, cap 30.000): it carries all 20.000.
    New (target 11.7): Administration gap 0.2 -> 20.000; Hjemmeplejen gap 0.6 -> 60.000;
      shares 20.000 * 20/80 = 5.000 and 20.000 * 60/80 = 15.000 (caps do not bind).
    """
    sc, old, new = pair
    a_old, a_new = allocate(sc, old, 2018), allocate(sc, new, 2018)
    changes = diff_allocation(a_old, a_new)
    money = {
        (c["level"], c["center"], c["sector"], c["field"]): (c["old"], c["new"])
        for c in changes
        if c["field"] in ("reduction", "increment")
    }
    assert money == {
        ("sector", A, "Administration", "increment"): (0, 5000),
        ("sector", A, "Administration", "reduction"): (0, 5000),
        ("sector", B, "Hjemmeplejen", "increment"): (20000, 15000),
        ("sector", B, "Hjemmeplejen", "reduction"): (20000, 15000),
        ("center", A, None, "increment"): (0, 5000),
        ("center", A, None, "reduction"): (0, 5000),
        ("center", B, None, "increment"): (20000, 15000),
        ("center", B, None, "reduction"): (20000, 15000),
    }
    assert all(isinstance(v, int) for pair_ in money.values() for v in pair_)
    flips = [(c["center"], c["sector"]) for c in changes if c["field"] == "status"]
    assert flips == [(A, "Administration")]
    # Money moves between units but the total stays: the changes net to zero.
    unit_red = [c for c in changes if c["level"] == "sector" and c["field"] == "reduction"]
    assert sum(c["new"] - c["old"] for c in unit_red) == 0


def test_lookup_keys_cells(pair):
    sc, old, new = pair
    changes = diff_status(compute_status(sc, old, year=2018), compute_status(sc, new, year=2018))
    cells = lookup(changes)
    assert cells[("sector", A, "Administration", 2018, "status")]["new"] == "red"
    assert ("sector", A, "Skoler", 2018, "status") not in cells


def test_march_2018_status_against_the_revised_target(pair):
    """Seed 003: status end of March 2018 (12 months to 2018Q1) was 12,3 against 12,0, i.e.
    0,3 days over; against the revised 11,7 it is 0,6 over.
    2018Q1 rows: Administration 120/10 = 12.0, Skoler 244/20 = 12.2, Hjemmeplejen 130/10 = 13.0,
    Rengøring 121/10 = 12.1; municipality 615/50 = 12.3.
    Only Administration flips: 12.0 is at the old target (green), over the new one (red).
    """
    sc, old, new = pair
    s_old = compute_status(sc, old, period="2018Q1")
    s_new = compute_status(sc, new, period="2018Q1")
    assert s_old.target_year == 2018
    assert s_old.municipality["days_per_fte"] == pytest.approx(12.3)
    assert s_old.municipality["gap"] == pytest.approx(0.3)  # 12.3 - 12.0
    assert s_new.municipality["gap"] == pytest.approx(0.6)  # 12.3 - 11.7
    changes = diff_status(s_old, s_new)
    flips = [(c["center"], c["sector"]) for c in changes if c["field"] == "status"]
    assert flips == [(A, "Administration")]
