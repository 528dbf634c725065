"""Budget reduction (domain.md 4.5), every figure worked out by hand from the fixture.

Fixture tests/data/alloc/basic (working_days = 200, every unit 50 fte, targets from a file):

    unit    payroll  subst.   2013 days/fte vs 2014 target    2014 days/fte vs 2015 target
    Nord/P   4 mio.   0       700/50 = 14.0 vs 12: red, gap 2   550/50 = 11.0 vs 11: green
    Nord/Q  12 mio.   300.000 700/50 = 14.0 vs 12: red, gap 2   600/50 = 12.0 vs 11: red, gap 1
    Syd/R   50 mio.   blank   700/50 = 14.0 vs 12: red, gap 2   650/50 = 13.0 vs 11: red, gap 2
    Syd/S   14 mio.   100.000 500/50 = 10.0 vs 12: green        600/50 = 12.0 vs 11: red, gap 1
    Øst/T   20 mio.   0       600/50 = 12.0 vs 12: green (=)    500/50 = 10.0 vs 11: green

potential = max(0, gap) * payroll / working_days (4.4); excess_days = max(0, gap) * fte.
2014: P 2*4M/200 = 40.000 kr., Q 2*12M/200 = 120.000, R 2*50M/200 = 500.000 (sum 660.000);
      excess days P = Q = R = 2*50 = 100.
2015: Q 1*12M/200 = 60.000, R 2*50M/200 = 500.000, S 1*14M/200 = 70.000 (sum 630.000);
      excess days Q 50, R 100, S 50.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scenarios import KEYS, write_scenario

from sygefravaer.api import load_scenario
from sygefravaer.core.allocation import (
    AllocationError,
    allocate,
    apportion,
    center_sums,
    compare,
    largest_remainder,
)
from sygefravaer.core.models import MODELS
from sygefravaer.errors import InputError
from sygefravaer.io.inputs import load_inputs


def run(tmp_path: Path, year: int = 2014, **kw):
    sc = load_scenario(write_scenario(tmp_path, **kw))
    return allocate(sc, load_inputs(sc), year)


def col(res, name: str) -> dict:
    """A unit column as {(center, sector): value} (or {center: value} at center level)."""
    key = ["center"] if res.level == "center" else ["center", "sector"]
    ks = [tuple(r) if len(key) > 1 else r[0] for r in res.units[key].itertuples(index=False)]
    return dict(zip(ks, res.units[name].tolist(), strict=True))


def assert_int_money(res) -> None:
    for c in ["increment", "reduction", "share", "prior_reduction"] + [
        f"increment_{y.year}" for y in res.years
    ]:
        assert all(type(v) is int for v in res.units[c]), c


# --------------------------------------------------------------------------- the three models


def test_green_harvester_every_unit_on_payroll(tmp_path):
    # Σ payroll = 4 + 12 + 50 + 14 + 20 = 100 mio.; Δ = 300.001 kr.
    # quotas 300.001 * payroll / 100 mio.: P 12.000,04  Q 36.000,12  R 150.000,5  S 42.000,14
    # T 60.000,2 -> floors add to 300.000, the 1 kr. left goes to the largest remainder (R, .5).
    res = run(tmp_path, totals={2014: 300_001}, model="green-harvester")
    assert col(res, "increment") == dict(
        zip(KEYS, [12_000, 36_000, 150_001, 42_000, 60_000], strict=True)
    )
    assert col(res, "weight") == dict(zip(KEYS, [4e6, 12e6, 50e6, 14e6, 20e6], strict=True))
    assert res.total == res.increment == 300_001
    assert_int_money(res)


def test_substitute_only_units_with_a_budget(tmp_path):
    # Budgets Q 300.000, S 100.000 (R blank = none, P and T 0); Δ = 300.001:
    # Q 300.001 * 3/4 = 225.000,75, S 300.001 / 4 = 75.000,25 -> floors 300.000, 1 kr. to Q.
    res = run(tmp_path, totals={2014: 300_001}, model="substitute")
    assert col(res, "increment") == dict(zip(KEYS, [0, 225_001, 0, 75_000, 0], strict=True))


def test_over_target_value_only_red_units(tmp_path):
    # Weights = potential 40.000, 120.000, 500.000 (Σ 660.000); S green, T exactly at target.
    # Δ = 300.000: P 300.000*40/660 = 18.181,82  Q 54.545,45  R 227.272,73 -> floors 299.998;
    # the 2 kr. left go to the largest remainders: P (,82) and R (,73).
    res = run(tmp_path, totals={2014: 300_000}, model="over-target", weight="value")
    assert col(res, "increment") == dict(zip(KEYS, [18_182, 54_545, 227_273, 0, 0], strict=True))
    assert col(res, "status") == dict(
        zip(KEYS, ["red", "red", "red", "green", "green"], strict=True)
    )
    assert col(res, "weight")[("Nord", "Q")] == pytest.approx(120_000)


def test_over_target_days_caps_bind_in_a_second_round(tmp_path):
    # Weights = excess days 100 each, caps = potential 40.000 / 120.000 / 500.000; Δ = 300.000.
    # Round 1: 100.000 each; P's passes its cap 40.000 -> P = 40.000.
    # Round 2: 260.000 over Q and R = 130.000 each; Q's now passes 120.000 (it did not in
    # round 1: 100.000 <= 120.000) -> Q = 120.000.
    # Round 3: R = 300.000 - 40.000 - 120.000 = 140.000 <= 500.000: done.
    res = run(tmp_path, totals={2014: 300_000}, weight="days", cap=True)
    assert col(res, "increment") == dict(zip(KEYS, [40_000, 120_000, 140_000, 0, 0], strict=True))
    assert col(res, "weight")[("Nord", "P")] == pytest.approx(100)


def test_over_target_days_without_cap_passes_potential(tmp_path):
    # cap = false: 300.000 on excess days 100/100/100 -> 100.000 each; P pays more than its
    # potential of 40.000, which is allowed without the cap.
    res = run(tmp_path, totals={2014: 300_000}, weight="days", cap=False)
    assert col(res, "increment") == dict(zip(KEYS, [100_000] * 3 + [0, 0], strict=True))


@pytest.mark.parametrize("weight", ["value", "days"])
def test_shortfall_names_the_missing_amount(tmp_path, weight):
    # Δ = 700.000 > Σ potential 660.000: 40.000 kr. short.
    with pytest.raises(AllocationError) as err:
        run(tmp_path, totals={2014: 700_000}, weight=weight, cap=True)
    msg = err.value.render()
    assert "660.000 kr." in msg and "40.000 kr. for lidt" in msg and "2014" in msg


def test_shortfall_does_not_apply_without_cap(tmp_path):
    # Same Δ = 700.000 with cap = false: value weights 40/120/500 of 660:
    # P 700.000*40/660 = 42.424,24 (more than its potential 40.000), Q 127.272,73,
    # R 530.303,03 -> floors 699.999, the 1 kr. left to the largest remainder, Q (,73).
    res = run(tmp_path, totals={2014: 700_000}, weight="value", cap=False)
    assert col(res, "increment") == dict(zip(KEYS, [42_424, 127_273, 530_303, 0, 0], strict=True))


# --------------------------------------------------------------------------- yearly increments


def test_later_year_on_its_own_status_and_reduction_is_cumulative(tmp_path):
    # 2014 as in test_over_target_value_only_red_units: P 18.182, Q 54.545, R 227.273.
    # 2015: Δ = 500.000 - 300.000 = 200.000 on the 2015 status (P now green, S now red):
    # potentials Q 60.000, R 500.000, S 70.000 (Σ 630.000):
    # Q 200.000*60/630 = 19.047,62  R 158.730,16  S 22.222,22 -> floors 199.999, 1 kr. to Q.
    res = run(tmp_path, year=2015, totals={2014: 300_000, 2015: 500_000})
    assert col(res, "increment_2014") == dict(
        zip(KEYS, [18_182, 54_545, 227_273, 0, 0], strict=True)
    )
    assert col(res, "increment_2015") == dict(
        zip(KEYS, [0, 19_048, 158_730, 22_222, 0], strict=True)
    )
    assert col(res, "increment") == col(res, "increment_2015")
    # reduction = sum of increments: Q 54.545 + 19.048 = 73.593, R 227.273 + 158.730 = 386.003
    assert col(res, "reduction") == dict(
        zip(KEYS, [18_182, 73_593, 386_003, 22_222, 0], strict=True)
    )
    assert res.total == 500_000 and res.increment == 200_000
    assert sum(res.units["reduction"]) == 500_000
    # Centers are sums: Nord 18.182 + 73.593 = 91.775, Syd 386.003 + 22.222 = 408.225.
    centers = dict(zip(res.centers["center"], res.centers["reduction"], strict=True))
    assert centers == {"Nord": 91_775, "Syd": 408_225, "Øst": 0}
    inc = dict(zip(res.centers["center"], res.centers["increment"], strict=True))
    assert inc == {"Nord": 19_048, "Syd": 180_952, "Øst": 0}
    assert_int_money(res)
    assert [(y.year, y.increment) for y in res.years] == [(2014, 300_000), (2015, 200_000)]


def test_later_year_days_model(tmp_path):
    # 2015 days model: excess Q 50, R 100, S 50 (Σ 200), Δ 200.000 -> 50.000 / 100.000 / 50.000,
    # under the caps 60.000 / 500.000 / 70.000.
    res = run(tmp_path, year=2015, totals={2014: 300_000, 2015: 500_000}, weight="days")
    assert col(res, "increment") == dict(zip(KEYS, [0, 50_000, 100_000, 50_000, 0], strict=True))
    # 2014 days model (see the caps test): 40.000, 120.000, 140.000.
    assert col(res, "reduction") == dict(
        zip(KEYS, [40_000, 170_000, 240_000, 50_000, 0], strict=True)
    )


def test_year_without_total_is_an_error(tmp_path):
    with pytest.raises(InputError, match="2016"):
        run(tmp_path, year=2016, totals={2014: 300_000, 2015: 500_000})


# --------------------------------------------------------------------------- prior reductions


def test_prior_reductions_pooled_into_the_first_year(tmp_path):
    # Priors R 100.000, S 50.000. The first total 300.000 includes them and is distributed whole
    # (shares as without priors: P 18.182, Q 54.545, R 227.273, S 0, T 0).
    # First increments = share - prior: R 227.273 - 100.000 = 127.273, S 0 - 50.000 = -50.000
    # (S, green, gets its 50.000 back). Year increment = 300.000 - 150.000 = 150.000.
    res = run(tmp_path, totals={2014: 300_000, 2015: 500_000}, units="units_prior.csv")
    assert col(res, "share") == dict(zip(KEYS, [18_182, 54_545, 227_273, 0, 0], strict=True))
    assert col(res, "increment") == dict(
        zip(KEYS, [18_182, 54_545, 127_273, -50_000, 0], strict=True)
    )
    assert col(res, "prior_reduction") == dict(zip(KEYS, [0, 0, 100_000, 50_000, 0], strict=True))
    # reduction = prior + increments = the share.
    assert col(res, "reduction") == col(res, "share")
    assert res.total == 300_000 and res.increment == 150_000
    assert sum(res.units["reduction"]) == 300_000
    assert_int_money(res)
    d = res.to_dict()
    assert d["increment"] == 150_000 and d["total"] == 300_000


def test_prior_reductions_stay_in_later_years(tmp_path):
    # 2015 is not touched by the priors: increments Q 19.048, R 158.730, S 22.222 (see above);
    # reductions R 227.273 + 158.730 = 386.003, S 0 + 22.222 = 22.222 (its prior was returned).
    res = run(tmp_path, year=2015, totals={2014: 300_000, 2015: 500_000}, units="units_prior.csv")
    assert col(res, "increment_2014")[("Syd", "S")] == -50_000
    assert col(res, "increment") == dict(zip(KEYS, [0, 19_048, 158_730, 22_222, 0], strict=True))
    assert col(res, "reduction") == dict(
        zip(KEYS, [18_182, 73_593, 386_003, 22_222, 0], strict=True)
    )
    assert res.increment == 200_000
    centers = dict(zip(res.centers["center"], res.centers["prior_reduction"], strict=True))
    assert centers == {"Nord": 0, "Syd": 150_000, "Øst": 0}


def test_prior_reductions_with_binding_caps(tmp_path):
    # Days model with caps, priors R 100.000, S 50.000: shares 40.000 / 120.000 / 140.000 as in
    # the caps test; increments R 140.000 - 100.000 = 40.000, S -50.000.
    res = run(tmp_path, totals={2014: 300_000}, weight="days", units="units_prior.csv")
    assert col(res, "increment") == dict(
        zip(KEYS, [40_000, 120_000, 40_000, -50_000, 0], strict=True)
    )


# --------------------------------------------------------------------------- rounding


def test_rounding_to_100(tmp_path):
    # Green harvester, Δ = 300.100 = 3.001 hundreds: quotas in hundreds P 120,04  Q 360,12
    # R 1.500,5  S 420,14  T 600,2 -> floors 3.000, the last hundred to R.
    res = run(tmp_path, totals={2014: 300_100}, model="green-harvester", rounding=100)
    assert col(res, "increment") == dict(
        zip(KEYS, [12_000, 36_000, 150_100, 42_000, 60_000], strict=True)
    )


def test_rounding_to_1000(tmp_path):
    # Over-target value, Δ = 300.000 = 300 thousands: P 300*40/660 = 18,18  Q 54,55  R 227,27
    # -> floors 18 + 54 + 227 = 299, the last thousand to the largest remainder, Q (,55).
    res = run(tmp_path, totals={2014: 300_000}, rounding=1000)
    assert col(res, "increment") == dict(zip(KEYS, [18_000, 55_000, 227_000, 0, 0], strict=True))
    assert all(v % 1000 == 0 for v in res.units["increment"])


def test_total_not_a_multiple_of_rounding_is_an_error_at_load(tmp_path):
    with pytest.raises(InputError, match="multiplum"):
        load_scenario(write_scenario(tmp_path, totals={2014: 300_500}, rounding=1000))
    # The second year's increment 200.050 is not a multiple of 100 either.
    with pytest.raises(InputError, match="2015"):
        load_scenario(write_scenario(tmp_path, totals={2014: 300_000, 2015: 500_050}, rounding=100))


def test_ties_equal_remainders_larger_weight_first():
    # Weights 1 and 3, amount 2: quotas 0,5 and 1,5, equal remainders; the unit with the larger
    # weight wins the tie although its key sorts last.
    assert apportion(2, np.array([1.0, 3.0]), [("A", "a"), ("B", "b")]) == [0, 2]


def test_ties_then_code_point_order():
    # Equal weights, amount 3 over four units: quotas 0,75 each; the three units go in
    # code-point order of (center, sector): ("Zeta","B") < ("Zeta","b") < ("Åby","a") <
    # ("Ørum","a") (Z = U+005A, b = U+0062, Å = U+00C5, Ø = U+00D8). Danish collation would put
    # Ø before Å; case-insensitive order would mix B and b.
    keys = [("Ørum", "a"), ("Åby", "a"), ("Zeta", "b"), ("Zeta", "B")]
    assert apportion(3, np.ones(4), keys) == [0, 1, 1, 1]
    # In rounding units of 1.000: 3.000 kr. the same way.
    assert apportion(3000, np.ones(4), keys, rounding=1000) == [0, 1000, 1000, 1000]


def test_ties_through_allocate(tmp_path):
    # Four units with equal payroll; green harvester, Δ = 3 -> code-point order as above, with
    # "C" for "B" (the readers refuse two names that differ only in case, domain.md 3):
    # ("Zeta","C") < ("Zeta","b") in code points, not case-insensitively.
    folder = tmp_path / "ties"
    folder.mkdir()
    rows = [("Ørum", "a"), ("Åby", "a"), ("Zeta", "b"), ("Zeta", "C")]
    (folder / "units.csv").write_text(
        "center,sector,payroll\n" + "".join(f"{c},{s},1000000\n" for c, s in rows),
        encoding="utf-8",
    )
    (folder / "absence.csv").write_text(
        "center,sector,period,fte,sick_days\n" + "".join(f"{c},{s},2013,10,100\n" for c, s in rows),
        encoding="utf-8",
    )
    (folder / "targets.csv").write_text(
        "center,sector,year,target\n" + "".join(f"{c},{s},2014,12\n" for c, s in rows),
        encoding="utf-8",
    )
    res = run(tmp_path, totals={2014: 3}, model="green-harvester", folder=folder)
    assert col(res, "increment") == {
        ("Zeta", "C"): 1,
        ("Zeta", "b"): 1,
        ("Åby", "a"): 1,
        ("Ørum", "a"): 0,
    }


def test_rounding_1000_remainders():
    # 10.000 kr. in thousands over three equal weights: 3,33 each -> 3 + 3 + 3, one thousand
    # left, equal remainders and weights -> the first key.
    assert apportion(10_000, np.ones(3), [("b",), ("a",), ("c",)], rounding=1000) == [
        3000,
        4000,
        3000,
    ]
    # 1.000 kr. in hundreds on weights 1 and 2: 3,33 and 6,67 -> 300 and 700.
    assert apportion(1000, np.array([1.0, 2.0]), [("a",), ("b",)], rounding=100) == [300, 700]


def test_apportion_amount_not_multiple_of_rounding():
    with pytest.raises(ValueError):
        apportion(1500, np.ones(2), [("a",), ("b",)], rounding=1000)


def test_largest_remainder_integer_core():
    # 7 units on numerators 10, 20, 40 over 10 (quotas 1, 2, 4): exact.
    assert largest_remainder(7, [10, 20, 40], 10, [2, 1, 0], [None] * 3) == [1, 2, 4]
    # 2 units on quotas 0,6 / 0,7 / 0,7 (numerators 6, 7, 7 over 10): floors 0, left 2, the two
    # ,7 remainders; a limit of 0 on the second moves one unit to the first.
    assert largest_remainder(2, [6, 7, 7], 10, [2, 1, 0], [None] * 3) == [0, 1, 1]
    assert largest_remainder(2, [6, 7, 7], 10, [2, 1, 0], [None, 0, None]) == [1, 0, 1]
    with pytest.raises(ValueError):
        largest_remainder(2, [6, 7, 8], 10, [0, 1, 2], [None] * 3)


# --------------------------------------------------------------------------- caps in apportion


def test_caps_water_filling_three_rounds():
    # Amount 300, equal weights, caps 40 / 120 / 500 (the fixture's days model in thousands).
    got = apportion(300, np.ones(3), [("a",), ("b",), ("c",)], caps=np.array([40.0, 120.0, 500.0]))
    assert got == [40, 120, 140]


def test_caps_in_whole_rounding_units():
    # Rounding 1.000, caps 1.900 / 1.900 / 100.000, equal weights, amount 6.000.
    # In whole thousands no unit can pass its cap, so the caps are 1 / 1 / 100 thousands:
    # pro rata 2 each passes 1 for the first two -> they pay 1.000 each, the third 4.000.
    # (With the caps as 1,9 the first two would hold ,9 remainders they may not round up, and the
    # two thousands left would have nowhere to go but the third unit.)
    got = apportion(
        6000,
        np.ones(3),
        [("a",), ("b",), ("c",)],
        rounding=1000,
        caps=np.array([1900.0, 1900.0, 100_000.0]),
    )
    assert got == [1000, 1000, 4000]


def test_caps_fractional_potential_never_passed():
    # Caps 500,5 and 499,6 kr.: Σ 1.000,1 >= 1.000, but in whole kroner 500 + 499 = 999 < 1.000.
    with pytest.raises(ValueError):
        apportion(1000, np.ones(2), [("a",), ("b",)], caps=np.array([500.5, 499.6]))
    # 999 kr. fits: the caps bind in whole kroner: 500 and 499.
    assert apportion(999, np.ones(2), [("a",), ("b",)], caps=np.array([500.5, 499.6])) == [
        500,
        499,
    ]


# --------------------------------------------------------------------------- no unit to carry


def test_substitute_without_budgets_is_an_error(tmp_path):
    with pytest.raises(AllocationError, match="vikarbudget"):
        run(tmp_path, totals={2014: 300_000}, model="substitute", units="units_nosub.csv")


def test_over_target_without_red_units_is_an_error(tmp_path):
    with pytest.raises(AllocationError, match="over sit måltal"):
        run(tmp_path, totals={2014: 300_000}, targets="targets_green.csv")


def test_zero_increment_needs_no_carrier(tmp_path):
    # 2015 adds nothing (Δ = 0): no unit pays in 2015 and 2014's increments stay.
    res = run(
        tmp_path,
        year=2015,
        totals={2014: 100_000, 2015: 100_000},
        model="substitute",
    )
    # 2014: Q 100.000 * 3/4 = 75.000, S 25.000; 2015 adds 0.
    assert col(res, "increment") == dict(zip(KEYS, [0] * 5, strict=True))
    assert col(res, "reduction") == dict(zip(KEYS, [0, 75_000, 0, 25_000, 0], strict=True))


def test_compare_keeps_the_others_when_one_model_fails(tmp_path):
    sc = load_scenario(write_scenario(tmp_path, totals={2014: 300_000}, units="units_nosub.csv"))
    out = compare(sc, load_inputs(sc), 2014)
    assert isinstance(out.errors["substitute"], AllocationError)
    assert "substitute" not in out.results and out.models == list(MODELS)
    assert out.to_dict()["models"]["substitute"] == {"error": out.errors["substitute"].message}
    # Green harvester on payroll 100 mio.: 300.000 * payroll / 100 mio. = 3 kr. per 1.000 kr.
    gh = out.results["green-harvester"]
    assert col(gh, "increment") == dict(
        zip(KEYS, [12_000, 36_000, 150_000, 42_000, 60_000], strict=True)
    )
    assert col(out.results["over-target"], "increment")[("Syd", "R")] == 227_273


# --------------------------------------------------------------------------- level = "center"


def test_center_level_green_harvester(tmp_path):
    # Center payrolls: Nord 4 + 12 = 16 mio., Syd 50 + 14 = 64 mio., Øst 20 mio. (Σ 100 mio.)
    # Δ = 300.000 -> 48.000, 192.000, 60.000.
    res = run(tmp_path, totals={2014: 300_000}, model="green-harvester", level="center")
    assert "sector" not in res.units.columns
    assert col(res, "increment") == {"Nord": 48_000, "Syd": 192_000, "Øst": 60_000}
    d = res.to_dict()
    assert all("sector" not in u for u in d["units"])
    assert [u["center"] for u in d["units"]] == ["Nord", "Syd", "Øst"]


def test_center_level_over_target_uses_the_aggregate(tmp_path):
    # Center aggregates for 2014: Nord (700+700)/100 = 14,0 vs fte-weighted target 12 -> red,
    # potential 2 * 16 mio. / 200 = 160.000; Syd (700+500)/100 = 12,0 vs 12 -> green although
    # its sector R is red; Øst 12,0 vs 12 -> green. Δ = 100.000 -> all on Nord.
    res = run(tmp_path, totals={2014: 100_000}, level="center")
    assert col(res, "status") == {"Nord": "red", "Syd": "green", "Øst": "green"}
    assert col(res, "increment") == {"Nord": 100_000, "Syd": 0, "Øst": 0}
    assert col(res, "potential")["Nord"] == pytest.approx(160_000)
    # Δ = 200.000 > 160.000 with the cap: 40.000 short.
    with pytest.raises(AllocationError, match="40.000 kr. for lidt"):
        run(tmp_path, totals={2014: 200_000}, level="center")


def test_center_level_prior_is_summed(tmp_path):
    # Priors at center level: Syd 100.000 + 50.000 = 150.000. Green harvester shares as above;
    # Syd's increment 192.000 - 150.000 = 42.000; year increment 300.000 - 150.000 = 150.000.
    res = run(
        tmp_path,
        totals={2014: 300_000},
        model="green-harvester",
        level="center",
        units="units_prior.csv",
    )
    assert col(res, "increment") == {"Nord": 48_000, "Syd": 42_000, "Øst": 60_000}
    assert col(res, "reduction") == {"Nord": 48_000, "Syd": 192_000, "Øst": 60_000}
    assert res.increment == 150_000


# --------------------------------------------------------------------------- scenario checks


def test_totals_that_decrease_are_an_error(tmp_path):
    with pytest.raises(InputError, match="falder fra 2014"):
        load_scenario(write_scenario(tmp_path, totals={2014: 300_000, 2015: 200_000}))


def test_seed_slip_in_listed_increments_is_caught(tmp_path):
    # The 2014 slide: totals 3,2 / 5,0 / 7,7 / 9,4 mio.; increments printed 1,8 / 2,2 / 1,7.
    # 7,7 - 5,0 = 2,7, not 2,2: the 2016 increment is wrong (1,8 and 1,7 are right).
    totals = {2014: 3_200_000, 2015: 5_000_000, 2016: 7_700_000, 2017: 9_400_000}
    with pytest.raises(InputError) as err:
        load_scenario(
            write_scenario(
                tmp_path,
                totals=totals,
                increments={2015: 1_800_000, 2016: 2_200_000, 2017: 1_700_000},
            )
        )
    msg = err.value.render()
    assert "2016" in msg and "2.200.000" in msg and "7.700.000 − 5.000.000 = 2.700.000" in msg
    # The corrected increments load.
    sc = load_scenario(
        write_scenario(
            tmp_path, totals=totals, increments={2015: 1_800_000, 2016: 2_700_000, 2017: 1_700_000}
        )
    )
    assert sc.increments() == {
        2014: 3_200_000,
        2015: 1_800_000,
        2016: 2_700_000,
        2017: 1_700_000,
    }


def test_listed_increment_for_a_year_without_total(tmp_path):
    with pytest.raises(InputError, match="2016"):
        load_scenario(write_scenario(tmp_path, totals={2014: 300_000}, increments={2016: 5}))


def test_caps_bind_in_whole_thousands_through_allocate(tmp_path):
    # Three red units, 10 fte each, 11,0 days against a target of 10 (gap 1, 10 excess days each);
    # potential = 1 * payroll / 200: 380.000 -> 1.900 kr., 20 mio. -> 100.000 kr.
    # Days model with caps, rounding 1.000, Δ = 6.000: pro rata 2.000 each passes 1.900, and in
    # whole thousands a cap of 1.900 holds 1.000 -> A and B pay 1.000, C the other 4.000.
    folder = tmp_path / "thousands"
    folder.mkdir()
    rows = [("A", "x", 380_000), ("B", "x", 380_000), ("C", "x", 20_000_000)]
    (folder / "units.csv").write_text(
        "center,sector,payroll\n" + "".join(f"{c},{s},{p}\n" for c, s, p in rows),
        encoding="utf-8",
    )
    (folder / "absence.csv").write_text(
        "center,sector,period,fte,sick_days\n"
        + "".join(f"{c},{s},2013,10,110\n" for c, s, _ in rows),
        encoding="utf-8",
    )
    (folder / "targets.csv").write_text(
        "center,sector,year,target\n" + "".join(f"{c},{s},2014,10\n" for c, s, _ in rows),
        encoding="utf-8",
    )
    res = run(tmp_path, totals={2014: 6000}, weight="days", rounding=1000, folder=folder)
    assert col(res, "increment") == {("A", "x"): 1000, ("B", "x"): 1000, ("C", "x"): 4000}
    # Δ = 103.000 > 1.000 + 1.000 + 100.000 in whole thousands: 1.000 kr. short, although the
    # potentials add up to 103.800.
    with pytest.raises(AllocationError, match="1.000 kr. for lidt"):
        run(tmp_path, totals={2014: 103_000}, weight="days", rounding=1000, folder=folder)


@pytest.mark.parametrize("big", [10**6, 10**19])  # int64 sums, and amounts beyond int64
def test_center_sums_are_exact_whole_kroner(big):
    obj = lambda *v: pd.Series(list(v), dtype=object)  # noqa: E731
    units = pd.DataFrame(
        {
            "center": ["B", "A", "A"],
            "prior_reduction": obj(0, 5, 0),
            "increment": obj(1, big, big + 1),
            "reduction": obj(1, big + 5, big + 1),
            "increment_2014": obj(1, big, big + 1),
        }
    )
    cols = ["prior_reduction", "increment", "reduction", "increment_2014"]
    g = center_sums(units, cols).set_index("center")
    # A: big + (big + 1) = 2 big + 1; reduction (big + 5) + (big + 1) = 2 big + 6; B: 1
    assert [int(x) for x in g.loc["A"]] == [5, 2 * big + 1, 2 * big + 6, 2 * big + 1]
    assert [int(x) for x in g.loc["B"]] == [0, 1, 1, 1]
    assert list(g.index) == ["A", "B"]


def test_allocation_to_frame_columns_and_whole_kroner(tmp_path):
    # The 2015 allocation of test_later_year_on_its_own_status_and_reduction_is_cumulative.
    res = run(tmp_path, year=2015, totals={2014: 300_000, 2015: 500_000})
    frame = res.to_frame()
    assert list(frame.columns) == [
        "center",
        "sector",
        "status",
        "weight",
        "increment",
        "reduction",
        "prior_reduction",
        "potential",
        "cap",
        "share",
        "increment_2014",
        "increment_2015",
    ]
    money = ["increment", "reduction", "prior_reduction", "share", "increment_2014"]
    assert all(frame[c].dtype == "int64" for c in [*money, "increment_2015"])
    assert list(zip(frame["center"], frame["sector"], strict=True)) == KEYS
    assert frame["reduction"].tolist() == [18_182, 73_593, 386_003, 22_222, 0]
    assert frame["increment_2015"].tolist() == [0, 19_048, 158_730, 22_222, 0]
    assert frame["status"].tolist() == ["green", "red", "red", "red", "green"]
    # The same figures as the JSON document.
    doc = res.to_dict()["units"]
    assert frame["increment"].tolist() == [u["increment"] for u in doc]
    assert frame["cap"].tolist() == [u["cap"] for u in doc]


def test_allocation_to_frame_at_center_level_has_no_sector(tmp_path):
    res = run(tmp_path, totals={2014: 300_001}, model="green-harvester", level="center")
    frame = res.to_frame()
    assert "sector" not in frame.columns and frame["center"].tolist() == ["Nord", "Syd", "Øst"]
    # Payroll per center: Nord 16, Syd 64, Øst 20 mio. of 100: 48.000,16 / 192.000,64 /
    # 60.000,2 -> floors 300.000, 1 kr. to Syd (,64).
    assert frame["increment"].tolist() == [48_000, 192_001, 60_000]


def test_allocation_error_is_an_input_error_from_errors():
    from sygefravaer import errors

    assert AllocationError is errors.AllocationError
    assert issubclass(AllocationError, InputError)


def test_compare_reductions_add_up():
    """compare's table figures come from core: each center's reduction per model, the
    difference to the chosen model, and a total row that is the sum of the centers' (issue 13).
    Every model distributes the same total, so the differences add up to 0 kr."""
    import sygefravaer

    cmp = sygefravaer.load("examples/eksempelkommune/scenario.toml").compare(2015)
    frame, total = cmp.reductions()
    for m, res in cmp.results.items():
        assert total[m] == res.total == sum(frame[m])
        if m != cmp.chosen:
            assert list(frame[f"{m} - chosen"]) == [
                a - b for a, b in zip(frame[m], frame[cmp.chosen], strict=True)
            ]
            assert total[f"{m} - chosen"] == 0
