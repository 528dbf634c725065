"""The money in old against new (issue 13): a new KRL file moves a unit's target, so its status,
its potential, its weight and its increment; every one of them is a change, worked by hand.

Fixture tests/data/diff/ (see tests/core/test_diff.py): national rule, target year 2018, absence
2017; old national file up to 2016 (every target 12.0), new one with 2017 (every target 11.7).
working_days 227; payroll 22.700.000 for every unit but Skoler (45.400.000), so
potential = max(0, gap) * payroll / 227 = max(0, gap) * 100.000 (Skoler: * 200.000), and
excess_days = max(0, gap) * fte.

  unit (fte)                 days/fte   old gap  new gap   excess old→new   potential old→new
  A / Administration (10)    119/10=11.9  -0.1     0.2       0 → 2            0 → 20.000
  A / Skoler (20)            230/20=11.5  -0.5    -0.2       0                0
  B / Hjemmeplejen (10)      123/10=12.3   0.3     0.6       3 → 6       30.000 → 60.000
  B / Rengøring (10)         117/10=11.7  -0.3     0.0       0                0   (at target)
  Center A (sums)                                            0 → 2            0 → 20.000
  Center B (sums)                                            3 → 6       30.000 → 60.000
  Municipality (sums)                                        3 → 8       30.000 → 80.000

Allocation 2018, over-target, weight = potential, cap on, total 20.000 kr.:
  old: only Hjemmeplejen is red: weight 30.000, it carries all 20.000 (cap 30.000 does not bind)
  new: Administration 20.000 and Hjemmeplejen 60.000 of 80.000: 20.000 * 1/4 = 5.000 and
       20.000 * 3/4 = 15.000 (caps 20.000 and 60.000 do not bind); no prior reductions, so
       share = increment = reduction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sygefravaer.api import load_scenario
from sygefravaer.core.allocation import allocate, compare
from sygefravaer.core.diff import (
    SUMMED_FIELDS,
    diff_allocation,
    diff_compare,
    diff_run,
    diff_status,
    summary,
)
from sygefravaer.core.run import compute_run
from sygefravaer.core.status import compute_status
from sygefravaer.io.inputs import load_inputs
from sygefravaer.io.national import read_national

DIFF = Path(__file__).parents[1] / "data" / "diff"
A, B = "Center A", "Center B"
ADM = (A, "Administration")


@pytest.fixture(scope="module")
def pair():
    sc = load_scenario(DIFF / "scenario.toml")
    old = load_inputs(sc)
    new = replace(old, national=read_national(DIFF / "national_2017.csv"))
    return sc, old, new


def by_key(changes: list[dict], *fields: str) -> dict:
    """(level, center, sector, field) -> (old, new) of the changes of these fields."""
    return {
        (c["level"], c["center"], c["sector"], c["field"]): (c["old"], c["new"])
        for c in changes
        if c["field"] in fields
    }


def test_status_money_changes_by_hand(pair):
    sc, old, new = pair
    changes = diff_status(compute_status(sc, old, year=2018), compute_status(sc, new, year=2018))
    assert by_key(changes, "excess_days", "potential") == {
        ("sector", A, "Administration", "excess_days"): (0.0, 2.0),
        ("sector", A, "Administration", "potential"): (0.0, 20000.0),
        ("sector", B, "Hjemmeplejen", "excess_days"): (3.0, 6.0),
        ("sector", B, "Hjemmeplejen", "potential"): (30000.0, 60000.0),
        ("center", A, None, "excess_days"): (0.0, 2.0),
        ("center", A, None, "potential"): (0.0, 20000.0),
        ("center", B, None, "excess_days"): (3.0, 6.0),
        ("center", B, None, "potential"): (30000.0, 60000.0),
        ("municipality", None, None, "excess_days"): (3.0, 8.0),
        ("municipality", None, None, "potential"): (30000.0, 80000.0),
    }
    # The cost of absence (sick days at the day cost) does not depend on the national average.
    assert not [c for c in changes if c["field"] == "cost"]
    assert all(isinstance(c["new"], float) for c in changes if c["field"] == "potential")


def test_one_unit_target_to_increment_chain(pair):
    """Administration: target 12.0 -> 11.7 turns it red (11.9 > 11.7), so it gets a potential
    (0.2 * 100.000), which is its weight, which gives it a quarter of the 20.000."""
    sc, old, new = pair
    changes = diff_allocation(allocate(sc, old, 2018), allocate(sc, new, 2018))
    mine = [
        (c["field"], c["old"], c["new"])
        for c in changes
        if (c["center"], c["sector"]) == ADM and c["level"] == "sector"
    ]
    assert mine == [
        ("target", 12.0, 11.7),
        ("status", "green", "red"),
        ("potential", 0.0, 20000.0),
        ("weight", 0.0, 20000.0),
        ("share", 0, 5000),
        ("increment", 0, 5000),
        ("reduction", 0, 5000),
    ]
    assert {c["year"] for c in changes} == {2018}


def test_allocation_money_per_unit_center_and_municipality(pair):
    sc, old, new = pair
    changes = diff_allocation(allocate(sc, old, 2018), allocate(sc, new, 2018))
    money = by_key(changes, *SUMMED_FIELDS)
    assert money == {
        **{("sector", *ADM, f): (0.0, 20000.0) for f in ("weight", "potential")},
        **{("sector", *ADM, f): (0, 5000) for f in ("share", "increment", "reduction")},
        **{("sector", B, "Hjemmeplejen", f): (30000.0, 60000.0) for f in ("weight", "potential")},
        **{
            ("sector", B, "Hjemmeplejen", f): (20000, 15000)
            for f in ("share", "increment", "reduction")
        },
        **{("center", A, None, f): (0.0, 20000.0) for f in ("weight", "potential")},
        **{("center", A, None, f): (0, 5000) for f in ("share", "increment", "reduction")},
        **{("center", B, None, f): (30000.0, 60000.0) for f in ("weight", "potential")},
        **{("center", B, None, f): (20000, 15000) for f in ("share", "increment", "reduction")},
        # The municipality's weight and potential grow; it still distributes 20.000 in all.
        ("municipality", None, None, "weight"): (30000.0, 80000.0),
        ("municipality", None, None, "potential"): (30000.0, 80000.0),
    }
    for c in changes:
        if c["field"] in ("share", "increment", "reduction"):
            assert type(c["old"]) is int and type(c["new"]) is int  # whole kroner (4.5)


def test_center_and_municipal_changes_are_the_sums_of_their_units(pair):
    """Every total adds up, so its change is the sum of its units' changes."""
    sc, old, new = pair
    a_old, a_new = allocate(sc, old, 2018), allocate(sc, new, 2018)
    changes = diff_allocation(a_old, a_new)
    for f in SUMMED_FIELDS:
        delta = {(c["level"], c["center"]): c["new"] - c["old"] for c in changes if c["field"] == f}
        units = [c for c in changes if c["level"] == "sector" and c["field"] == f]
        for center in (A, B):
            mine = sum(c["new"] - c["old"] for c in units if c["center"] == center)
            assert delta.get(("center", center), 0) == pytest.approx(mine)
        everyone = sum(c["new"] - c["old"] for c in units)
        assert delta.get(("municipality", None), 0) == pytest.approx(everyone)


def test_compare_diff_is_each_models_allocation_diff(pair):
    """Over-target moves 5.000 to Center A; green-harvester (payroll) and substitute (budgets)
    weigh with what the new averages do not touch, so their money does not move."""
    sc, old, new = pair
    c_old, c_new = compare(sc, old, 2018), compare(sc, new, 2018)
    changes = diff_compare(c_old, c_new)
    assert [list(c)[0] for c in changes] == ["model"] * len(changes)
    for m in ("green-harvester", "substitute", "over-target"):
        mine = [{k: v for k, v in c.items() if k != "model"} for c in changes if c["model"] == m]
        assert mine == diff_allocation(c_old.results[m], c_new.results[m])
    moved = {(c["model"], c["center"]) for c in changes if c["field"] == "reduction"}
    assert moved == {("over-target", A), ("over-target", B)}  # units and centers


def test_compare_diff_names_a_model_that_can_allocate_on_one_side_only(pair):
    """Total 40.000: with the old averages the only red unit (Hjemmeplejen) can carry at most its
    potential 30.000, so over-target with a cap fails; with the new ones 20.000 + 60.000 can."""
    sc, old, new = pair
    red = replace(sc.reduction, totals={2018: 40000})
    sc = replace(sc, reduction=red)
    c_old, c_new = compare(sc, old, 2018), compare(sc, new, 2018)
    assert "over-target" in c_old.errors and "over-target" in c_new.results
    errors = [c for c in diff_compare(c_old, c_new) if c["field"] == "error"]
    assert len(errors) == 1
    e = errors[0]
    assert (e["model"], e["level"], e["year"], e["new"]) == (
        "over-target",
        "municipality",
        2018,
        None,
    )
    assert e["old"] == c_old.errors["over-target"].message and "10.000 kr. for lidt" in e["old"]


def test_run_diff_is_every_years_status_and_allocation_diff(pair):
    sc, old, new = pair
    r_old, r_new = compute_run(sc, old), compute_run(sc, new)
    changes = diff_run(r_old, r_new)
    assert {c["year"] for c in changes} == {2018}
    status = [c for c in changes if c["command"] == "status"]
    alloc = [c for c in changes if c["command"] == "allocate"]
    assert len(status) + len(alloc) == len(changes)

    def plain(cs):
        return [{k: v for k, v in c.items() if k != "command"} for c in cs]

    assert plain(status) == diff_status(r_old.status[2018], r_new.status[2018])
    assert plain(alloc) == diff_allocation(r_old.allocations[2018], r_new.allocations[2018])
    assert list(changes[0])[:5] == ["level", "center", "sector", "year", "command"]
    # Each flip once, though the status and the allocation both see it.
    s = summary(changes)
    assert [(w["center"], w["sector"], w["year"]) for w in s["green_to_red"]] == [
        (A, "Administration", 2018),
        (B, None, 2018),
        (None, None, 2018),
    ]
