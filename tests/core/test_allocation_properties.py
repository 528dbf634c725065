"""Properties of the budget-reduction allocation (domain.md 4.5) that hold for any valid input.

`apportion` and `largest_remainder` are checked against an independent exact reference (water-
filling with Fractions); `allocate` over small generated tables written as CSV files.
"""

from __future__ import annotations

import math
import random
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sygefravaer.api import load_scenario
from sygefravaer.core.allocation import AllocationError, allocate, apportion, largest_remainder
from sygefravaer.core.rounding import tie_ranks, water_fill
from sygefravaer.io.inputs import load_inputs

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Names that sort differently in code-point order, Danish collation and case-insensitively.
NAMES = ["A", "a", "B", "Zeta", "Åby", "Æble", "Ørum", "ø"]
# The same for the input tables, without two names that differ only in letter case.
TABLE_NAMES = ["A", "b", "C", "Zeta", "Åby"]
ROUNDINGS = st.sampled_from([1, 100, 1000])


@st.composite
def problems(draw, with_caps: bool | None = None):
    """(amount, weights, keys, rounding, caps): integer weights, some 0, unique keys."""
    n = draw(st.integers(1, 8))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    weights = draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n))
    assume(sum(weights) > 0)
    rounding = draw(ROUNDINGS)
    amount = draw(st.integers(0, 5000)) * rounding
    caps = None
    if with_caps or (with_caps is None and draw(st.booleans())):
        # Caps in quarter kroner (potential is a float): exact in binary.
        caps = [draw(st.integers(0, 4 * 10**7)) / 4 for _ in range(n)]
    return amount, weights, keys, rounding, caps


def reference_quotas(amount, weights, rounding, caps) -> list[Fraction]:
    """Exact quotas in rounding units: pro rata, or water-filled on whole-unit caps.

    A unit is capped when the level λ = rest / Σw of the uncapped passes its lim/w; units are
    capped in increasing lim/w order (the water-filling fixed point min(lim_i, λ w_i)).
    """
    t = amount // rounding
    n = len(weights)
    if caps is None:
        wsum = sum(weights)
        return [Fraction(t * w, wsum) for w in weights]
    lim = [math.floor(Fraction(c) / rounding) for c in caps]
    pos = sorted(
        (i for i in range(n) if weights[i] > 0), key=lambda i: Fraction(lim[i], weights[i])
    )
    rest, wsum, capped = t, sum(weights[i] for i in pos), set()
    for i in pos:
        if Fraction(rest, wsum) * weights[i] > lim[i]:
            capped.add(i)
            rest -= lim[i]
            wsum -= weights[i]
        else:
            break
    return [
        Fraction(lim[i])
        if i in capped
        else (Fraction(rest * weights[i], wsum) if weights[i] > 0 else Fraction(0))
        for i in range(n)
    ]


def feasible(amount, weights, rounding, caps) -> bool:
    if caps is None:
        return True
    lim = [math.floor(Fraction(c) / rounding) for c in caps]
    return amount // rounding <= sum(lim[i] for i, w in enumerate(weights) if w > 0)


def run_apportion(amount, weights, keys, rounding, caps):
    return apportion(
        amount,
        np.array(weights, dtype="float64"),
        keys,
        rounding,
        None if caps is None else np.array(caps, dtype="float64"),
    )


# --------------------------------------------------------------------------- water-filling


@FAST
@given(
    st.lists(st.tuples(st.integers(1, 10**6), st.integers(0, 5000)), min_size=1, max_size=8),
    st.data(),
)
def test_water_fill_gives_the_exact_quotas(units, data):
    """water_fill's quotas are the water-filling fixed point min(lim_i, λ w_i) (4.5)."""
    weights, limits = [w for w, _ in units], [c for _, c in units]
    amount = data.draw(st.integers(0, sum(limits)))
    nums, den = water_fill(amount, weights, limits)
    quotas = [Fraction(n, den) for n in nums]
    assert quotas == reference_quotas(amount, weights, 1, limits)
    assert sum(quotas) == amount and all(q <= c for q, c in zip(quotas, limits, strict=True))


def test_tie_ranks_larger_weight_then_code_point_order():
    # Weight 5: ("A", "y") before ("C", "z"); weight 2: ("A", "x") before ("B", "x"), and
    # "Z" < "a" < "Æ" in code-point order.
    keys = [("B", "x"), ("A", "y"), ("A", "x"), ("C", "z"), ("a", "x"), ("Æ", "x"), ("Z", "x")]
    weights = np.array([2.0, 5.0, 2.0, 5.0, 1.0, 1.0, 1.0])
    assert tie_ranks(weights, keys) == [3, 0, 2, 1, 5, 6, 4]


# --------------------------------------------------------------------------- apportion


@FAST
@given(problems())
def test_apportion_adds_up_and_follows_the_exact_quotas(p):
    amount, weights, keys, rounding, caps = p
    if not feasible(amount, weights, rounding, caps):
        with pytest.raises(ValueError):
            run_apportion(*p)
        return
    shares = run_apportion(*p)
    # The increments add up to the amount exactly, in whole rounding units, as ints.
    assert sum(shares) == amount
    assert all(type(s) is int and s % rounding == 0 for s in shares)
    # No unit outside the model's set (weight 0) pays.
    assert all(s == 0 for s, w in zip(shares, weights, strict=True) if w == 0)
    # A capped unit never passes its cap.
    if caps is not None:
        assert all(s <= c for s, c in zip(shares, caps, strict=True))
    # Each share is its exact quota floored or raised by one unit, and the raised ones have
    # remainders no smaller than the ones left down (when those had room to rise).
    q = reference_quotas(amount, weights, rounding, caps)
    units = [s // rounding for s in shares]
    for u, qi in zip(units, q, strict=True):
        assert u in (math.floor(qi), math.floor(qi) + 1)
    up = [qi - math.floor(qi) for u, qi in zip(units, q, strict=True) if u > math.floor(qi)]
    room = [
        i
        for i in range(len(q))
        if units[i] == math.floor(q[i]) and (caps is None or (units[i] + 1) * rounding <= caps[i])
    ]
    if up and room:
        assert min(up) >= max(q[i] - math.floor(q[i]) for i in room)


FLOATS = st.one_of(
    st.just(0.0),
    st.floats(0, 1e12, allow_nan=False, allow_infinity=False, allow_subnormal=True),
    st.floats(1e-6, 1e-3),  # far below the others: exponents far apart, beyond int64
)


@FAST
@given(st.lists(FLOATS, min_size=1, max_size=8), ROUNDINGS, st.data())
def test_apportion_float_weights_and_caps_follow_the_exact_quotas(weights, rounding, data):
    # Weights and caps are floats (potential, payroll): they are used at their exact binary
    # values, as Fraction(float) gives them, whatever their magnitudes (issue 7's frexp path).
    assume(sum(weights) > 0)
    n = len(weights)
    keys = [(NAMES[i % len(NAMES)], str(i)) for i in range(n)]
    caps = data.draw(st.one_of(st.none(), st.lists(FLOATS, min_size=n, max_size=n)))
    amount = data.draw(st.integers(0, 5000)) * rounding
    exact = [Fraction(w) for w in weights]
    if not feasible(amount, weights, rounding, caps):
        with pytest.raises(ValueError):
            run_apportion(amount, weights, keys, rounding, caps)
        return
    shares = run_apportion(amount, weights, keys, rounding, caps)
    assert sum(shares) == amount
    q = reference_quotas(amount, exact, rounding, caps)
    for s, qi in zip(shares, q, strict=True):
        assert s // rounding in (math.floor(qi), math.floor(qi) + 1)
        assert s % rounding == 0


@FAST
@given(problems(), st.integers(1, 1000))
def test_apportion_scaling_every_weight_changes_nothing(p, k):
    amount, weights, keys, rounding, caps = p
    assume(feasible(amount, weights, rounding, caps))
    scaled = [w * k for w in weights]  # exact: at most 10^9
    assert run_apportion(amount, scaled, keys, rounding, caps) == run_apportion(*p)


@FAST
@given(problems(), st.randoms(use_true_random=False))
def test_apportion_does_not_depend_on_order(p, rnd):
    amount, weights, keys, rounding, caps = p
    assume(feasible(amount, weights, rounding, caps))
    shares = run_apportion(*p)
    perm = list(range(len(weights)))
    rnd.shuffle(perm)
    shuffled = run_apportion(
        amount,
        [weights[i] for i in perm],
        [keys[i] for i in perm],
        rounding,
        None if caps is None else [caps[i] for i in perm],
    )
    assert shuffled == [shares[i] for i in perm]


@FAST
@given(problems(with_caps=False), st.booleans(), st.integers(0, 4 * 10**7))
def test_apportion_larger_weight_never_pays_less(p, same_cap, cap4):
    amount, weights, keys, rounding, _ = p
    caps = [cap4 / 4] * len(weights) if same_cap else None
    assume(feasible(amount, weights, rounding, caps))
    shares = run_apportion(amount, weights, keys, rounding, caps)
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] > weights[j]:
                assert shares[i] >= shares[j], (i, j)


@FAST
@given(problems(with_caps=False))
def test_apportion_equal_weights_tie_in_code_point_order(p):
    # Equal weights: the units that get one more are the first in (center, sector) order.
    amount, weights, keys, rounding, _ = p
    w = [7] * len(weights)
    shares = run_apportion(amount, w, keys, rounding, None)
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    ranked = [shares[i] for i in order]
    assert ranked == sorted(ranked, reverse=True)
    assert max(shares) - min(shares) <= rounding


# --------------------------------------------------------------------------- largest_remainder


@FAST
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=10),
    st.integers(1, 1000),
    st.randoms(use_true_random=False),
)
def test_largest_remainder_floor_or_one_more(raw, denominator, rnd):
    # Numerators that add up to a multiple of the denominator: pad the last one.
    total = sum(raw)
    units = -(-total // denominator)
    nums = raw[:-1] + [raw[-1] + units * denominator - total]
    rank = list(range(len(nums)))
    rnd.shuffle(rank)
    got = largest_remainder(units, nums, denominator, rank, [None] * len(nums))
    assert sum(got) == units
    for g, n in zip(got, nums, strict=True):
        assert g in (n // denominator, n // denominator + 1)
    # A limit at the floor of the largest-remainder unit moves its unit to another (if any left).
    raised = [i for i in range(len(nums)) if got[i] > nums[i] // denominator]
    if raised and len(nums) - len(raised) >= 1:
        i = raised[0]
        limits = [None] * len(nums)
        limits[i] = nums[i] // denominator
        again = largest_remainder(units, nums, denominator, rank, limits)
        assert again[i] == nums[i] // denominator and sum(again) == units


# --------------------------------------------------------------------------- allocate on tables


@st.composite
def tables(draw):
    """A small municipality: units with payroll, budgets, priors, absence and file targets."""
    n = draw(st.integers(1, 6))
    keys = draw(
        st.lists(
            # No two names that differ only in letter case: the readers refuse them (domain.md 3).
            st.tuples(st.sampled_from(TABLE_NAMES), st.sampled_from(["x", "Y", "z", "Ø"])),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    units = []
    for c, s in keys:
        fte = draw(st.integers(1, 200))
        target = draw(st.integers(6, 14))
        gap2 = draw(st.integers(-6, 8))  # gap in half days: exact in binary
        units.append(
            {
                "center": c,
                "sector": s,
                "payroll": draw(st.integers(0, 400)) * 100_000,
                "substitute_budget": draw(st.sampled_from([0, 0, 50_000, 125_000, 400_000])),
                "prior_reduction": draw(st.sampled_from([0, 0, 0, 20_000, 75_000])),
                "fte": fte,
                "sick_days": fte * (target + gap2 / 2),
                "target": target,
            }
        )
    rounding = draw(ROUNDINGS)
    first = draw(st.integers(0, 400)) * 1000
    second = first + draw(st.integers(0, 200)) * 1000
    policy = {
        "model": draw(st.sampled_from(["green-harvester", "substitute", "over-target"])),
        "weight": draw(st.sampled_from(["value", "days"])),
        "cap": draw(st.booleans()),
        "rounding": rounding,
        "level": draw(st.sampled_from(["sector", "sector", "center"])),
        "totals": {2014: first, 2015: second},
    }
    return units, policy


def write(folder: Path, units: list[dict], policy: dict, order: list[int] | None = None) -> Path:
    """CSV tables and a scenario; `order` permutes the rows of every table."""
    idx = order if order is not None else list(range(len(units)))
    rows = [units[i] for i in idx]
    (folder / "units.csv").write_text(
        "center;sector;payroll;substitute_budget;prior_reduction\n"
        + "".join(
            f"{u['center']};{u['sector']};{u['payroll']};{u['substitute_budget']};"
            f"{u['prior_reduction']}\n"
            for u in rows
        ),
        encoding="utf-8",
    )
    # 2013 against the 2014 target; 2014 (same figures) against the 2015 target.
    (folder / "absence.csv").write_text(
        "center;sector;period;fte;sick_days\n"
        + "".join(
            f"{u['center']};{u['sector']};{p};{u['fte']};{str(u['sick_days']).replace('.', ',')}\n"
            for p in (2014, 2013)
            for u in rows
        ),
        encoding="utf-8",
    )
    (folder / "targets.csv").write_text(
        "center;sector;year;target\n"
        + "".join(
            f"{u['center']};{u['sector']};{y};{u['target']}\n" for y in (2015, 2014) for u in rows
        ),
        encoding="utf-8",
    )
    totals = ", ".join(f"{y} = {v}" for y, v in policy["totals"].items())
    (folder / "scenario.toml").write_text(
        "\n".join(
            [
                'absence = "absence.csv"',
                'units = "units.csv"',
                "working_days = 200",
                f'level = "{policy["level"]}"',
                "min_fte = 0",
                "[targets]",
                'rule = "file"',
                'file = "targets.csv"',
                "[reduction]",
                f'model = "{policy["model"]}"',
                f'weight = "{policy["weight"]}"',
                f"cap = {str(policy['cap']).lower()}",
                f"rounding = {policy['rounding']}",
                f"totals = {{ {totals} }}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return folder / "scenario.toml"


def run_tables(units, policy, order=None, year=2015):
    with tempfile.TemporaryDirectory() as d:
        sc = load_scenario(write(Path(d), units, policy, order))
        inputs = load_inputs(sc)
        try:
            return allocate(sc, inputs, year)
        except AllocationError as exc:
            return exc


def in_set(policy, row) -> bool:
    """Whether a unit belongs to the model's set (may carry a share) in its year's status."""
    m = policy["model"]
    if m == "green-harvester":
        return row["payroll"] > 0
    if m == "substitute":
        return row["substitute_budget"] > 0
    # Over target: red units; weighted by value they also need payroll (potential > 0), weighted by
    # excess days a red unit with payroll 0 may carry a share when there is no cap.
    return row["status"] == "red" and (policy["weight"] == "days" or row["payroll"] > 0)


@SLOW
@given(tables())
def test_allocate_invariants(t):
    units, policy = t
    res = run_tables(units, policy)
    if isinstance(res, AllocationError):
        # Only a model with no unit to carry the increment, or caps too small, may fail.
        assert "ingen enhed" in res.message or "for lidt" in res.message, res.message
        return
    r, total = policy["rounding"], policy["totals"][2015]
    u = res.units
    prior = sum(u["prior_reduction"])
    # The increments add up: the first year's to its total minus the priors, the second's to Δ.
    assert sum(u["increment_2014"]) == policy["totals"][2014] - prior
    assert sum(u["increment_2015"]) == total - policy["totals"][2014] == res.increment
    assert sum(u["reduction"]) == total == res.total
    for name in ("increment_2014", "increment_2015", "reduction", "share", "prior_reduction"):
        assert all(type(v) is int for v in u[name]), name
    assert all(v % r == 0 for v in u["share"])
    assert sum(res.centers["reduction"]) == total
    for ya in res.years:
        f = ya.units
        for _, row in f.iterrows():
            # No unit outside the model's set pays; a capped unit never passes its cap.
            if not in_set(policy, row):
                assert row["share"] == 0
            if policy["model"] == "over-target" and policy["cap"]:
                assert row["share"] <= row["potential"] + 1e-6
        # Without caps a larger weight never pays less.
        if not (policy["model"] == "over-target" and policy["cap"]):
            w, s = f["weight"].to_numpy(), f["share"].to_numpy()
            assert all(s[i] >= s[j] for i in range(len(w)) for j in range(len(w)) if w[i] > w[j])


@SLOW
@given(tables(), st.randoms(use_true_random=False))
def test_allocate_does_not_depend_on_row_order(t, rnd):
    units, policy = t
    order = list(range(len(units)))
    rnd.shuffle(order)
    a, b = run_tables(units, policy), run_tables(units, policy, order)
    if isinstance(a, AllocationError):
        assert isinstance(b, AllocationError) and a.message == b.message
        return
    assert a.to_dict() == b.to_dict()


@SLOW
@given(tables(), st.integers(2, 50))
def test_allocate_scaling_payroll_and_budgets_changes_nothing(t, k):
    # Green harvester and substitute weigh payroll and budgets only: times k changes no share.
    units, policy = t
    policy = {**policy, "model": random.Random(k).choice(["green-harvester", "substitute"])}
    scaled = [
        {**u, "payroll": u["payroll"] * k, "substitute_budget": u["substitute_budget"] * k}
        for u in units
    ]
    a, b = run_tables(units, policy), run_tables(scaled, policy)
    if isinstance(a, AllocationError):
        assert isinstance(b, AllocationError)
        return
    for c in ("share", "increment", "reduction", "increment_2014"):
        assert a.units[c].tolist() == b.units[c].tolist()
