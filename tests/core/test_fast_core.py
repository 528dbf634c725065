"""The speed-ups of issue 14 give what the rules give (no timings here).

Exact rationals in int64 against the same rationals in Python ints (exact.Q), on both sides of
the int64 and float bounds; the shares of fast_shares against rounding.shares_plain (one common
denominator and a denominator each, safe and unsafe float ranges, int64 and Python ints);
the integer sums on codes against pandas' grouping, on both sides of the dense table's size;
decimals.scaled's sample against the whole column; the JSON text written from columns against
json.dumps; and whole results (targets, status, all three models at both levels, compare) on
the reader's codes against the same tables without codes or unit numbers (the general paths).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_scenarios import MODELS, scenarios, write

import sygefravaer
from sygefravaer.api import Project
from sygefravaer.core.exact import Q, ints
from sygefravaer.core.fast import combined_sums, exact_level_sums, level_codes, same_index
from sygefravaer.core.fast_shares import key_ranks, shares
from sygefravaer.core.jsonable import (
    dumps,
    float_texts,
    json_rows,
    json_values,
    rows_of,
)
from sygefravaer.core.rounding import apportion, apportion_steps, shares_plain
from sygefravaer.core.status import with_unit_columns
from sygefravaer.decimals import round_trips, scaled
from sygefravaer.errors import InputError

ROOT = Path(__file__).parent.parent.parent

# --------------------------------------------------------------------------- exact.Q in int64

# Magnitudes on both sides of the bounds Q checks: 2**31, 2**53 (floats), 2**62 and 2**63.
big_ints = st.one_of(
    st.integers(-1000, 1000),
    st.integers(-(2**33), 2**33),
    st.integers(2**52, 2**54),
    st.integers(2**61, 2**64),
    st.integers(-(2**64), -(2**61)),
)
positive = st.one_of(st.integers(1, 1000), st.integers(2**52, 2**54), st.integers(2**61, 2**64))


@st.composite
def rationals(draw, n: int):
    num = draw(st.lists(big_ints, min_size=n, max_size=n))
    if draw(st.booleans()):
        return num, draw(positive)  # one common denominator
    return num, draw(st.lists(positive, min_size=n, max_size=n))


def _as_python(q: Q) -> Q:
    """The same rationals as object arrays of Python ints (the general path)."""
    den = ints(q.den) if isinstance(q.den, np.ndarray) else int(q.den)
    return Q(ints(q.num), den)


def _values(q: Q) -> list[Fraction]:
    return [Fraction(int(n), int(d)) for n, d in zip(q.num.tolist(), q.dens.tolist(), strict=True)]


def _same(fast: Q, slow: Q) -> None:
    """The same rationals (unreduced: the same numerators and denominators) and floats."""
    assert [int(x) for x in fast.num.tolist()] == [int(x) for x in slow.num.tolist()]
    assert [int(x) for x in fast.dens.tolist()] == [int(x) for x in slow.dens.tolist()]
    assert fast.to_float().tolist() == slow.to_float().tolist() or np.array_equal(
        fast.to_float(), slow.to_float(), equal_nan=True
    )


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(rationals(n), rationals(n))), st.data())
def test_q_in_int64_equals_q_in_python_ints(pair, data):
    """Every operation of Q gives the same numerators, denominators and floats whether its
    arrays are int64 (where they fit) or Python ints (exact.py, issue 14)."""
    (an, ad), (bn, bd) = pair
    a = Q(np.array(an, dtype=object), ad if isinstance(ad, int) else np.array(ad, dtype=object))
    b = Q(np.array(bn, dtype=object), bd if isinstance(bd, int) else np.array(bd, dtype=object))
    # int64 where every value fits, as the rules build them; else left as Python ints
    fa, fb = (Q(_int64_or_objects(q.num), _int64_or_objects(q.den)) for q in (a, b))
    n = len(an)
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    scalar = data.draw(st.one_of(st.integers(-(2**40), 2**40), st.fractions(max_denominator=99)))
    index = np.array(data.draw(st.lists(st.integers(-1, n - 1), min_size=1, max_size=5)))
    for fast, slow in [
        (fa + fb, a + b),
        (fa - fb, a - b),
        (fa * fb, a * b),
        (fa / fb.max0().where(fb.positive(), 1), a / b.max0().where(b.positive(), 1)),
        (fa.safe_div(fb, fb.positive()), a.safe_div(b, b.positive())),
        (fa + scalar, a + scalar),
        (fa * scalar, a * scalar),
        (fa.where(mask, fb), a.where(mask, b)),
        (fa.where(mask, scalar), a.where(mask, scalar)),
        (fa.max0(), a.max0()),
        (fa.half_up(1), a.half_up(1)),
        (fa.take(index), a.take(index)),
    ]:
        _same(fast, _as_python(slow))
    assert fa.floor().tolist() == a.floor().tolist()
    assert fa.positive().tolist() == a.positive().tolist()
    assert fa.sign().tolist() == a.sign().tolist()


def _int64_or_objects(x):
    if not isinstance(x, np.ndarray):
        return x
    v = x.tolist()
    fits = all(-(2**63) <= i < 2**63 for i in v)
    return np.array(v, dtype=np.int64) if fits else x


def test_q_floats_are_correctly_rounded_on_both_sides_of_2_53():
    """A quotient of integers up to 2**53 is one float division; beyond, Python's exact int
    division: both correctly rounded."""
    num = [2**53, 2**53 + 1, 3, -(2**53) - 3, 10**18 + 7]
    den = [3, 3, 2**53 + 1, 7, 2**53]
    got = Q(np.array(num, dtype=np.int64), np.array(den, dtype=np.int64)).to_float()
    assert got.tolist() == [n / d for n, d in zip(num, den, strict=True)]


@given(
    st.lists(st.integers(-(2**62), 2**62) | st.integers(-(2**20), 2**20), min_size=1),
    st.integers(1, 2**62) | st.integers(1, 2**20),
    st.booleans(),
)
def test_q_floats_per_value_equal_python_division(num, den, common):
    """An int64 column with a few values past 2**53 (each done by Python ints, the rest by one
    float division) gives each value's correctly rounded quotient, over one common denominator
    or a denominator each."""
    q = Q(np.array(num, dtype=np.int64), den if common else np.full(len(num), den))
    assert q.to_float().tolist() == [n / den for n in num]


# --------------------------------------------------------------------------- shares (4.5)


@st.composite
def share_problems(draw):
    """Positive weights over one denominator or one each, small or past int64 and the float
    range, with equal weights (ties) and caps."""
    k = draw(st.integers(1, 12))
    scale = draw(st.sampled_from([1, 10**6, 2**70, 10**-300, 10**300]))
    base = draw(st.lists(st.integers(1, 10**6), min_size=1, max_size=4))
    nums = [draw(st.sampled_from(base)) for _ in range(k)]
    if draw(st.booleans()):  # one common denominator: the integer path
        den = draw(st.sampled_from([1, 7, 2**64 + 1]))
        dens = [den] * k
    else:
        dens = [draw(st.sampled_from([1, 3, 227, 2**40 + 3])) for _ in range(k)]
    frac = Fraction(scale)
    nums = [n * frac.numerator for n in nums]
    dens = [d * frac.denominator for d in dens]
    weights = Q(np.array(nums, dtype=object), np.array(dens, dtype=object))
    if draw(st.booleans()):  # int64 where the integers fit, as the rules make them
        weights = Q(_int64_or_objects(weights.num), _int64_or_objects(weights.den))
    units = draw(st.sampled_from([0, 1, 2, 7, 60, 10**6, 2**64]))
    keys = [(draw(st.sampled_from(["A", "B", "Æ", "a"])), f"s{i}") for i in range(k)]
    limits = None
    if draw(st.booleans()):
        limits = draw(st.lists(st.integers(0, max(units, 1)), min_size=k, max_size=k))
        if sum(limits) < units:
            limits[0] += units - sum(limits)
    return units, weights, keys, limits


@settings(max_examples=500, deadline=None)
@given(share_problems())
def test_shares_equal_the_plain_rule_on_every_path(problem):
    """fast_shares.shares (integers on one denominator; float bounds with exact decisions at
    near ties; every decision exact outside the float range) against the rule as stated."""
    units, weights, keys, limits = problem
    want = shares_plain(units, weights, keys, limits)
    assert shares(units, weights, keys, limits) == want
    assert shares(units, weights, keys, limits, ranks=key_ranks(keys)) == want


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.booleans(), st.booleans())
def test_shares_of_many_units_equal_the_plain_rule(seed, common, capped):
    """A few hundred units: the float bounds separate nearly every remainder, and the ones
    they do not are decided exactly; equal weights tie exactly (the integer path)."""
    rng = random.Random(seed)
    n = rng.randint(50, 400)
    pool = [rng.randint(1, 10**7) for _ in range(n // 3 + 1)]
    nums = [rng.choice(pool) for _ in range(n)]
    dens = [1000] * n if common else [rng.choice([227, 2270, 681, 1000]) for _ in range(n)]
    w = Q(np.array(nums, dtype=np.int64), np.array(dens, dtype=np.int64))
    keys = [(f"c{rng.randint(0, 9)}", f"s{i}") for i in range(n)]
    units = rng.choice([n // 2, 10 * n, 10**6 + 3])
    limits = None
    if capped:
        limits = [rng.randint(0, 2 * units // n + 2) for _ in range(n)]
        if sum(limits) < units:
            limits[0] += units - sum(limits)
    assert shares(units, w, keys, limits) == shares_plain(units, w, keys, limits)


def test_key_ranks_are_the_code_point_order():
    keys = [("Ø", "b"), ("A", "Z"), ("Å", "a"), ("A", "y"), ("Z", "æ")]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    assert [keys[i] for i in np.argsort(key_ranks(keys))] == [keys[i] for i in order]
    ordered = sorted(keys)
    assert key_ranks(ordered).tolist() == list(range(len(keys)))  # sorted: checked in one pass


def test_apportion_with_ranks_given_once_equals_apportion():
    """An allocation hands apportion its units' ranks once (the same every year)."""
    rng = random.Random(5)
    keys = sorted({(f"C{rng.randint(0, 5)}", f"S{rng.randint(0, 30)}") for _ in range(60)})
    ranks = key_ranks(keys)
    for _ in range(50):
        w = Q([rng.choice([0, 5, 7, rng.randint(1, 10**6)]) for _ in keys], 227)
        caps = Q([rng.randint(0, 10**6) for _ in keys], 3)
        amount = rng.choice([0, 1000, 10**5])
        for cap in (None, caps):
            try:
                want = apportion(amount, w, keys, 10, cap)
            except ValueError:
                with pytest.raises(ValueError):
                    apportion(amount, w, keys, 10, cap, ranks=ranks)
                continue
            assert apportion(amount, w, keys, 10, cap, ranks=ranks) == want


# --------------------------------------------------------------------------- sums on codes


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 70_000), min_size=1, max_size=40),
    st.sampled_from([10, 2**40, 2**61, 2**62]),
    st.booleans(),
)
def test_combined_sums_equal_grouping(codes, top, as_objects):
    """Sums per code, in one pass over a dense table (its size up to the rows or 2**16), or by
    pandas' grouping (codes spread wider, or sums that could pass int64): the same integers."""
    rng = random.Random(len(codes) * 7 + top)
    values = [rng.randint(-top, top) for _ in codes]
    col = np.array(values, dtype=object) if as_objects else np.array(values, dtype=np.int64)
    c = np.array(codes, dtype=np.int64)
    for size in (max(codes) + 1, 2**17):  # dense; wider than the rows and 2**16: by grouping
        used, (got,) = combined_sums(c, [col], size)
        want: dict[int, int] = {}
        for k, v in zip(codes, values, strict=True):
            want[k] = want.get(k, 0) + v
        assert used.tolist() == sorted(want)
        assert [int(x) for x in got.tolist()] == [want[k] for k in sorted(want)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["b", "A", "Æ", "a"]), st.integers(0, 3), st.integers(-9, 2**62)),
        min_size=1,
        max_size=20,
        unique_by=lambda r: r[:2],
    ),
    st.booleans(),
)
def test_exact_level_sums_equal_grouping_by_the_level(rows, subset):
    """Exact sums per center on the MultiIndex's codes (also when only some of its level's
    values occur) equal pandas' grouping on Python ints."""
    df = pd.DataFrame(rows, columns=["center", "sector", "v"]).set_index(["center", "sector"])
    df = df.sort_index()
    if subset and len(df) > 1:
        df = df.iloc[1:]  # the level keeps a value that no row has
    codes, values = level_codes(df.index, "center")
    want_codes, want_values = pd.factorize(df.index.get_level_values("center"), sort=True)
    assert codes.tolist() == want_codes.tolist() and list(values) == list(want_values)
    got = exact_level_sums(df.index, "center", {"v": df["v"].to_numpy()})
    want = df["v"].astype(object).groupby(level="center", sort=True).sum()
    assert list(got.index) == list(want.index)
    assert [int(x) for x in got["v"]] == [int(x) for x in want]


def test_with_unit_columns_equals_the_join():
    """The units table's columns beside a status, found on its sorted unit numbers, equal the
    join by key; a unit the table lacks gets NaN."""
    units = pd.DataFrame(
        {"center": ["B", "A", "A"], "sector": ["x", "y", "x"], "payroll": [3.0, 2.5, 1.0]}
    )
    keys = pd.MultiIndex.from_tuples(
        [("A", "x"), ("A", "y"), ("B", "x")], names=["center", "sector"]
    )

    class Table:
        data = units

        def sorted_units(self):
            return np.array([2, 1, 0]), keys

    df = pd.DataFrame(
        {"fte": [1.0, 2.0, 3.0]},
        index=pd.MultiIndex.from_tuples([("A", "x"), ("B", "x"), ("C", "z")], names=keys.names),
    )
    got = with_unit_columns(df.copy(), Table(), ["payroll"])
    want = df.join(units.set_index(["center", "sector"]).sort_index()[["payroll"]], how="left")
    pd.testing.assert_frame_equal(got, want)


def test_same_index_is_equals():
    """Two MultiIndexes on the same levels compare by their codes, others as pandas does."""
    keys = pd.MultiIndex.from_tuples([("A", "x"), ("B", "x"), ("B", "y"), ("C", "z")])
    other = pd.MultiIndex.from_tuples([("A", "x"), ("B", "x"), ("B", "y"), ("C", "z")])
    cases = [
        (keys, keys),
        (keys[[0, 1, 2]], keys[[0, 1, 2]]),  # the same levels, equal codes
        (keys[[0, 1, 2]], keys[[0, 1, 3]]),  # the same levels, other codes
        (keys[[0, 1]], keys[[0, 1, 2]]),
        (keys, other),  # equal values on levels of their own
        (keys[[0, 1, 2]], other[[0, 1, 3]]),
        (pd.Index(["A", "B"]), pd.Index(["A", "B"])),
        (pd.Index(["A", "B"]), keys[[0, 1]]),
    ]
    for a, b in cases:
        assert same_index(a, b) == a.equals(b)
    assert [same_index(a, b) for a, b in cases] == [1, 1, 0, 0, 1, 0, 1, 0]


@pytest.mark.parametrize("big", [10**6, 2**70])  # caps in int64, and past it (Python ints)
@pytest.mark.parametrize("weights", [[1, 2, 3, 0], [Fraction(1, 3), Fraction(2, 7), 5, 1]])
def test_apportion_on_caps_of_either_size_is_the_rule(big, weights):
    """Caps handed on as an integer array (int64 or Python ints) share as the rule does."""
    w = Q([x.numerator for x in map(Fraction, weights)], [Fraction(x).denominator for x in weights])
    caps = Q([big, 3000, big, 7], 1)
    keys = [("A", "x"), ("B", "x"), ("C", "y"), ("D", "z")]
    got = apportion(9000, w, keys, 1000, caps)
    pos, steps = apportion_steps(9000, w, keys, 1000, caps)
    want = [0] * 4
    for i, share in zip(pos, steps.remainder.shares, strict=True):
        want[i] = share * 1000
    assert got == want and sum(got) == 9000


# --------------------------------------------------------------------------- decimals.scaled


def test_scaled_tries_a_sample_then_the_whole_column():
    """A value needing more decimals than the sample's (at a position the sample skips) still
    sets the column's scale; so does a value past 15 digits (read one by one)."""
    v = np.full(5000, 1.25)
    v[4001] = 1.125  # not in the sample of every 4th value
    got = scaled(v)
    assert got.decimals == 3 and got.ints[4001] == 1125 and got.ints[0] == 1250
    v[4001] = 1e20  # beyond 15 digits at this scale: the break, then one by one
    want_ints = [int(Fraction(str(x)) * 10**2) for x in v.tolist()]
    assert [int(x) for x in scaled(v).ints] == want_ints


# --------------------------------------------------------------------------- JSON text

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=6)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(values, values, values, texts), max_size=8), st.booleans())
def test_json_rows_of_any_values_equal_json_dumps(rows, nested):
    """The records written from their columns are json.dumps' text of the list of dicts, for
    any mix of texts (quotes, control characters, any script), numbers, nulls and booleans."""
    cols = {name: [r[i] for r in rows] for i, name in enumerate(["a", "b", 'æ"', "c"])}
    if nested:
        cols["inc"] = {"2014": cols.pop("b"), "2015": cols.pop('æ"')}
    docs = rows_of(cols)
    assert docs == [dict(d) for d in docs]
    want = json.dumps(docs, ensure_ascii=False, separators=(",", ":"))
    assert json_rows(cols) == want == dumps(docs)
    for column in cols.values():
        if not isinstance(column, dict):
            assert json_values(column) == [dumps(x) for x in column]


columns = st.one_of(
    st.lists(st.integers(-(2**70), 2**70), min_size=3, max_size=3),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=3, max_size=3),
    st.lists(st.sampled_from([0.0, -0.0, 0.1, 1e300, 12.5]), min_size=3, max_size=3),
    st.lists(values, min_size=3, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(columns, min_size=1, max_size=5), st.booleans())
def test_json_rows_equal_json_dumps(cols, nested):
    """Rows written by one %-format each (ints and floats as they are, floats' texts shared
    between equal values, -0.0 apart) are json.dumps' text of the list of dicts, with a column
    name holding % and a nested object, for columns of ints, of floats and of any mix."""
    named = {f'%s{i}"%': c for i, c in enumerate(cols)}
    if nested:
        named = {"x": [1, 2, 3], "inc": named}
    want = dumps(rows_of(named))
    assert json_rows(named) == want
    assert float_texts([[0.0, -0.0, 0.5], [0.5, float("nan")]]) == [
        ["0.0", "-0.0", "0.5"],
        ["0.5", "NaN"],
    ]


# --------------------------------------------------------------------------- whole results


class Uncoded:
    """A read table without the reader's text codes and unit numbers: every result from it
    takes the general paths (groupby on the keys, the join by key, the rows' staff groups)."""

    def __init__(self, table) -> None:
        self._table = table
        self.codes, self.code_texts = {}, {}

    @property
    def data(self) -> pd.DataFrame:
        return self._table.data

    @property
    def path(self):
        return self._table.path

    def sorted_units(self):
        return None

    def error(self, message, **where):
        return self._table.error(message, **where)


def _general(project: Project) -> Project:
    inputs = project.inputs
    plain = replace(inputs, absence=Uncoded(inputs.absence), units=Uncoded(inputs.units))
    return Project(project.scenario, plain)


def _outcome(fn):
    try:
        return fn()
    except InputError as exc:
        return ("error", type(exc).__name__, exc.message)


def _documents(project: Project, years: list[int]) -> list:
    """Every --json document of the project: targets, and per year status and the three
    models at both levels, and compare; an error's message where one is raised."""
    targets = _outcome(project.targets)
    if not isinstance(targets, tuple):
        assert targets.to_json() == dumps(targets.to_dict())
        targets = targets.to_dict()
    out = [targets]
    allocates = bool(project.scenario.reduction.totals)
    for y in years:
        for level in ("sector", "center"):
            status = _outcome(lambda y=y, lv=level: project.status(y, level=lv))
            if not isinstance(status, tuple):
                assert status.to_json() == dumps(status.to_dict())
                status = status.to_dict()
            out.append(status)
            for m in MODELS if allocates else []:
                res = _outcome(lambda y=y, m=m, lv=level: project.allocate(y, model=m, level=lv))
                if isinstance(res, tuple):
                    out.append(res)
                    continue
                assert res.to_json() == dumps(res.to_dict())  # the --json text, from columns
                out.append(res.to_dict())
        if not allocates:
            continue
        cmp = _outcome(lambda y=y: project.compare(y))
        if not isinstance(cmp, tuple):
            assert cmp.to_json() == dumps(cmp.to_dict())
            cmp = cmp.to_dict()
        out.append(cmp)
    return out


def _same_documents(project: Project) -> None:
    years = sorted(project.scenario.reduction.totals) or project.targets().years
    fast, general = _documents(project, years), _documents(_general(project), years)
    assert _difference(fast, general) is None


def _difference(a, b, where: str = "") -> tuple | None:
    """The first place where two documents differ (a short failure message), or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return where, list(a), list(b)
        found = (_difference(a[k], b[k], f"{where}.{k}") for k in a)
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return where, len(a), len(b)
        pairs = enumerate(zip(a, b, strict=True))
        found = (_difference(x, y, f"{where}[{i}]") for i, (x, y) in pairs)
    else:
        return None if json.dumps(a) == json.dumps(b) and type(a) is type(b) else (where, a, b)
    return next((d for d in found if d is not None), None)


def test_the_example_on_codes_equals_the_general_paths(example):
    """The bundled example: every document from the reader's codes equals the one from the
    same tables without codes (all three models, sector and center level)."""
    _same_documents(example)


@pytest.mark.parametrize("rule", ["glide", "national", "file"])
def test_the_core_fixtures_on_codes_equal_the_general_paths(core_dir, rule):
    """The hand-computable fixtures of every target rule (targets and status; they have no
    reduction totals)."""
    _same_documents(sygefravaer.load(core_dir / rule / "scenario.toml"))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenarios())
def test_random_scenarios_on_codes_equal_the_general_paths(tmp_path_factory, plan):
    """Random municipalities (every rule and model; names with Danish letters, markup and
    emoji): the fast paths on the reader's codes give the documents of the general paths."""
    folder = tmp_path_factory.mktemp("scenario")
    project = sygefravaer.load(write(plan, folder))
    _same_documents(project)


def test_shares_decide_near_integer_quotas_exactly():
    """Quotas within 1e-20 of an integer or of each other, which their floats cannot tell
    apart: 2 units on 1 - d, 1/2 and 1/2 + d give 1, 0, 1 (floors 0, remainders 1 - d,
    1/2 and 1/2 + d: the two largest), as the rule on the exact values does."""
    d = Fraction(1, 10**20)
    w = [1 - d, Fraction(1, 2), Fraction(1, 2) + d]
    weights = Q(np.array([x.numerator for x in w], dtype=object), [x.denominator for x in w])
    keys = [("a",), ("b",), ("c",)]
    assert shares(2, weights, keys, None) == shares_plain(2, weights, keys, None) == [1, 0, 1]
    # capped at 1 each: the near-1 quota does not pass its cap of 1
    assert shares(2, weights, keys, [1, 1, 1]) == shares_plain(2, weights, keys, [1, 1, 1])


def test_scaled_checks_every_block_of_a_long_column():
    """The round trip is checked a block at a time (decimals.round_trips): a value needing a
    third decimal in a later block, at a position the sample skips, still sets the scale."""
    v = np.full(300_000, 1.25)
    v[250_001] = 1.125  # the sample takes every 292nd value; 250,001 is not one of them
    got = scaled(v)
    assert got.decimals == 3 and got.ints[250_001] == 1125 and got.ints[0] == 1250


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=0, max_size=40), st.integers(1, 7))
def test_round_trips_equals_array_equal(values, block):
    w = np.array(values, dtype="float64")
    m = np.rint(w * 100)
    assert round_trips(m, 100.0, w, block) == np.array_equal(m / 100.0, w)
