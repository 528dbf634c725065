"""The exact chain's speed-ups equal their rules (issue 15): `shares` (bounds, exact only at
near ties) against `shares_plain` (the weights over their common denominator, 4.5), and
`decimals.scaled` against Python's Decimal of each value at 15 significant digits."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sygefravaer.core.exact import Q
from sygefravaer.core.fast_shares import shares
from sygefravaer.core.rounding import shares_plain
from sygefravaer.decimals import scaled

# Weights built to tie: a few base fractions, each used several times and scaled by small
# factors (0.3 * 2,000,000 / 227 and 0.2 * 3,000,000 / 227 are one weight written two ways).
fractions_ = st.fractions(min_value=Fraction(1, 10**4), max_value=10**6, max_denominator=10**4)


@st.composite
def problems(draw):
    base = draw(st.lists(fractions_, min_size=1, max_size=4))
    picks = draw(st.lists(st.sampled_from(base), min_size=1, max_size=9))
    k = len(picks)
    factors = draw(st.lists(st.sampled_from([1, 2, 3]), min_size=k, max_size=k))
    # The same value over different denominators: n/d and (n*f)/(d*f).
    nums = [w.numerator * f for w, f in zip(picks, factors, strict=True)]
    dens = [w.denominator * f for w, f in zip(picks, factors, strict=True)]
    units = draw(st.integers(0, 60))
    keys = [(draw(st.sampled_from(["A", "B", "Æ"])), f"s{i}") for i in range(k)]
    limits = None
    if draw(st.booleans()):
        limits = draw(st.lists(st.integers(0, 20), min_size=k, max_size=k))
        if sum(limits) < units:
            limits[0] += units - sum(limits)
    return units, Q(np.array(nums, dtype=object), np.array(dens, dtype=object)), keys, limits


@settings(max_examples=400, deadline=None)
@given(problems())
def test_shares_equal_the_plain_rule(problem):
    units, weights, keys, limits = problem
    got = shares(units, weights, keys, limits)
    assert got == shares_plain(units, weights, keys, limits)
    assert sum(got) == units
    if limits is not None:
        assert all(g <= lim for g, lim in zip(got, limits, strict=True))


def test_an_exact_tie_goes_by_the_tie_rule():
    """0.3 * 2,000,000 / 227 == 0.2 * 3,000,000 / 227: equal weights, equal remainders; 3 units
    split 1.5 / 1.5: floors 1 and 1, the last unit to the first key in code-point order."""
    w = Q(np.array([3 * 2_000_000, 2 * 3_000_000], dtype=object), np.array([2270, 2270]))
    keys = [("B", "b"), ("A", "a")]
    assert shares(3, w, keys, None) == [1, 2]  # ("A", "a") < ("B", "b")
    assert shares_plain(3, w, keys, None) == [1, 2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.decimals(min_value=-(10**9), max_value=10**9, places=4), min_size=1))
def test_scaled_gives_the_decimals_written(decs):
    """Decimals of at most 15 significant digits come back exactly from their floats."""
    decs = [d for d in decs if d.is_finite() and len(d.as_tuple().digits) <= 15]
    if not decs:
        return
    col = scaled(np.array([float(d) for d in decs]))
    assert [Fraction(int(i), col.denominator) for i in col.ints] == [Fraction(d) for d in decs]


def test_scaled_reads_a_long_float_at_15_digits():
    """0.1 + 0.2 is 0.30000000000000004 as a float: read as 0.3, as Excel shows it."""
    col = scaled(np.array([0.1 + 0.2, 2.5, np.nan]))
    assert [Fraction(int(i), col.denominator) for i in col.ints] == [
        Fraction(3, 10),
        Fraction(5, 2),
        0,
    ]
    assert col.missing.tolist() == [False, False, True]
