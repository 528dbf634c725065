"""`explain` (issue 13) reproduces `status` and `allocate` for every unit of both examples, and
its steps add up: the rows to the sums, the sums to the level, the level and benchmark to the
target, the gap to the status, the potential to the weight, the quota to the share, the
increments to the reduction."""

from __future__ import annotations

from fractions import Fraction

import pytest

from sygefravaer.core.explain import explain_basis, explain_unit
from sygefravaer.core.models import NAMES as MODELS
from sygefravaer.errors import InputError


def half_up(x: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction((2 * x.numerator * scale + x.denominator) // (2 * x.denominator), scale)


def basis_of(p, year, model=None, level=None, period=None):
    return explain_basis(
        p.scenario, p.inputs, year, model=model, level=level, period=period, sums=p.sums,
        statuses=p.statuses,
    )  # fmt: skip


def check_status_steps(e, st_row, decimals: int) -> None:
    """Steps 1-7 against the status row and against each other."""
    absence = e.step("absence")
    fte, sick = absence.value("fte"), absence.value("sick_days")
    assert sum((r_value(r, "fte") for r in absence.rows), Fraction(0)) == fte
    assert sum((r_value(r, "sick_days") for r in absence.rows), Fraction(0)) == sick
    assert absence.value("rows") == len(absence.rows)
    assert float(fte) == pytest.approx(st_row["fte"], rel=1e-15)
    dpf = e.step("days_per_fte").value("days_per_fte")
    assert dpf == sick / fte
    assert float(dpf) == st_row["days_per_fte"] == e.days_per_fte
    status = e.step("status")
    target = status.value("target")
    assert float(target) == st_row["target"] == e.target
    assert status.value("gap") == dpf - target
    assert (status.value("gap") > 0) == (st_row["status"] == "red") == (e.status == "red")
    assert e.at_target == (status.value("gap") == 0)
    pot = e.step("potential")
    excess = max(Fraction(0), status.value("gap")) * fte
    assert pot.value("excess_days") == excess
    assert pot.value("potential") == excess * pot.value("day_cost")
    assert pot.value("day_cost") == pot.value("payroll") / (fte * pot.value("working_days"))
    assert float(pot.value("potential")) == pytest.approx(st_row["potential"], rel=1e-15, abs=0)
    rounded = [s for s in e.steps if s.key in ("glide", "national", "file", "center_target")]
    assert len(rounded) == 1
    last = rounded[0]
    assert last.value("target") == target
    if last.key != "file":
        exact = last.value("exact_target") if last.key != "national" else last.value("b")
        assert half_up(exact, decimals) == target


def r_value(row, key):
    return next(f.value for f in row if f.key == key)


def check_target_steps(e, cfg) -> None:
    """The benchmark from its staff groups, the glide step from A and B (domain.md 4.2, 4.3)."""
    if e.level == "center" or cfg.rule == "file":
        return
    bench = e.step("benchmark")
    fte = sum((r_value(r, "fte") for r in bench.rows), Fraction(0))
    weighted = sum((r_value(r, "fte_n") for r in bench.rows), Fraction(0))
    for r in bench.rows:
        assert r_value(r, "fte_n") == r_value(r, "fte") * r_value(r, "national")
    assert fte == bench.value("fte") and weighted == bench.value("fte_n")
    if fte > 0:
        assert weighted / fte == bench.value("b")
    if cfg.rule == "glide":
        glide = e.step("glide")
        a, b = glide.value("a"), glide.value("b")
        assert b == bench.value("b")
        if a is not None and a > b:
            span = Fraction(e.year - cfg.base_year, cfg.final_year - cfg.base_year)
            c = glide.value("c")
            assert glide.value("exact_target") == a - c * (a - b) * span
        else:
            assert glide.value("exact_target") == b
        base = e.step("base_level")
        if a is not None:
            assert a == base.value("sick_days") / base.value("fte")


def check_allocation_steps(e, unit, res) -> None:
    """Steps 8-11 against allocate's unit and against each other (domain.md 4.5)."""
    assert e.increment == unit["increment"] and e.reduction == unit["reduction"]
    assert e.share == unit["share"] and e.weight == unit["weight"]
    weight = e.step("weight")
    w, total, amount = weight.value("weight"), weight.value("weights"), weight.value("amount")
    assert float(w) == unit["weight"]
    assert weight.value("pro_rata") == (amount * w / total if total else 0)
    assert amount == res.years[-1].distributed
    if w > 0:
        rounding = e.step("rounding")
        r = rounding.value("rounding")
        quota = rounding.value("quota")
        assert rounding.value("floor") == (quota // r) * r
        assert rounding.value("remainder") == quota / r - quota // r
        given = rounding.value("given") == "ja"
        assert rounding.value("share") == rounding.value("floor") + given * r == unit["share"]
        assert given == (rounding.value("place") <= rounding.value("left"))
        if res.cap and res.model == "over-target":
            cap = e.step("cap")
            assert cap.value("cap_floor") <= cap.value("cap")
            assert unit["share"] <= cap.value("cap_floor")
    else:
        assert unit["share"] == 0
        assert all(s.key not in ("rounding", "cap") for s in e.steps)
    red = e.step("reduction")
    incs = [r_value(row, "increment") for row in red.rows]
    assert incs == [unit["increments"][str(y.year)] for y in res.years]
    assert red.value("increments") == sum(incs)
    assert red.value("prior_reduction") + sum(incs) == red.value("reduction") == unit["reduction"]
    assert red.value("first_share") - red.value("prior_reduction") == incs[0]


def allocated(p, year, model, level):
    try:
        return p.allocate(year, model=model, level=level)
    except InputError:
        return None  # a model that cannot allocate this year (e.g. no substitute budgets)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("year", [2014, 2015, 2016, 2017])
def test_explain_reproduces_allocate_and_status_for_every_unit(example, year, model):
    res = allocated(example, year, model, "sector")
    if res is None:
        pytest.skip(f"{model} cannot allocate {year}")
    st = example.status(year)
    basis = basis_of(example, year, model=model)
    doc = res.to_dict()
    units = {(u["center"], u["sector"]): u for u in doc["units"]}
    rows = {(r["center"], r["sector"]): r for r in st.to_dict()["units"]}
    assert set(basis.units()) == set(units) | set(rows)
    shares = 0
    for key in basis.units():
        e = explain_unit(basis, key)
        if key in rows:
            check_status_steps(e, rows[key], example.scenario.targets.decimals)
            check_target_steps(e, example.scenario.targets)
        check_allocation_steps(e, units[key], res)
        shares += e.share
    assert shares == res.years[-1].distributed  # the shares add up to the year's amount


@pytest.mark.parametrize("year", [2014, 2017])
def test_explain_at_center_level(example, year):
    res = example.allocate(year, level="center")
    st = example.status(year, level="center")
    basis = basis_of(example, year, level="center")
    units = {u["center"]: u for u in res.to_dict()["units"]}
    rows = {r["center"]: r for r in st.to_dict()["units"]}
    for (center,) in basis.units():
        e = explain_unit(basis, (center,))
        assert e.sector is None and e.level == "center"
        check_status_steps(e, rows[center], example.scenario.targets.decimals)
        ct = e.step("center_target")
        assert {r_value(r, "sector") for r in ct.rows} == set(
            st_sector["sector"]
            for st_sector in example.status(year).to_dict()["units"]
            if st_sector["center"] == center
        )
        check_allocation_steps(e, units[center], res)


@pytest.mark.parametrize("period", [None, "2018Q1"])
def test_explain_reproduces_the_national_rule(revision, period):
    st = revision.status(2018, period=period)
    basis = basis_of(revision, 2018, period=period)
    rows = {(r["center"], r["sector"]): r for r in st.to_dict()["units"]}
    assert basis.allocation is None  # the revision has no reduction
    assert set(basis.units()) == set(rows)
    for key in basis.units():
        e = explain_unit(basis, key)
        check_status_steps(e, rows[key], revision.scenario.targets.decimals)
        check_target_steps(e, revision.scenario.targets)
        assert e.increment is None and e.reduction is None
        assert e.step("benchmark").value("krl_year") == 2016


def test_the_first_year_pools_the_prior_reduction(example):
    """Plejecentre had 300.000 kr. before 2014: its first increment is its share minus that."""
    e = example.explain(2014, "Sundheds- og Omsorgscentret / Plejecentre")
    red = e.step("reduction")
    assert red.value("prior_reduction") == 300_000
    assert e.increment == e.share - 300_000
    assert e.reduction == e.share
    assert "Første år" in e.step("weight").note


def test_to_dict_keys_and_frame(example):
    e = example.explain(2015, "Jobcentret / Jobindsats", lang="en")
    doc = e.to_dict()
    assert {"target", "status", "weight", "increment", "reduction", "steps"} <= set(doc)
    assert [s["step"] for s in doc["steps"]] == list(range(1, len(doc["steps"]) + 1))
    for s in doc["steps"]:
        assert {"step", "label", "formula", "values"} <= set(s)
    assert doc["steps"][1]["label"] == "Days per fte"
    frame = e.to_frame()
    assert list(frame.columns[:3]) == ["step", "key", "label"]
    assert len(frame) == sum(len(s.values) for s in e.steps)


def test_unknown_unit_names_the_nearest(example):
    with pytest.raises(InputError) as err:
        example.explain(2014, "Jobcentret / Jobindsatz")
    assert "Jobcentret / Jobindsatz" in str(err.value)
    assert "Jobcentret / Jobindsats" in err.value.render()


def test_a_name_holding_the_separator(tmp_path, example):
    """--unit tries every split at " / ": a sector named "A / B" is found."""
    units = example.inputs.units.data.copy()
    absence = example.inputs.absence.data.copy()
    old = ("Jobcentret", "Jobindsats")
    for t in (units, absence):
        hit = (t["center"] == old[0]) & (t["sector"] == old[1])
        t.loc[hit, "sector"] = "Job / indsats"
    p = example.with_data(absence=absence, units=units)
    a = p.explain(2014, "Jobcentret / Job / indsats")
    b = p.explain(2014, center="Jobcentret", sector="Job / indsats")
    assert a.to_dict() == b.to_dict()
    assert a.sector == "Job / indsats"
    assert (
        a.reduction
        == p.allocate(2014)
        .to_frame()
        .set_index(["center", "sector"])
        .loc[("Jobcentret", "Job / indsats"), "reduction"]
    )


def test_apportion_steps_are_the_rule(example):
    """rounding.apportion_steps gives apportion's shares (ties, caps, rounding units), and its
    floors, remainders and places are consistent with them."""
    import random

    from sygefravaer.core.exact import Q
    from sygefravaer.core.rounding import apportion, apportion_steps

    rng = random.Random(13)
    for _ in range(300):
        n = rng.randint(1, 9)
        rounding = rng.choice([1, 10, 1000])
        nums = [rng.choice([0, 1, 2, 3, 5, 7, rng.randint(1, 10**6)]) for _ in range(n)]
        dens = [rng.choice([1, 3, 7, 227]) for _ in range(n)]
        w = Q(nums, dens)
        keys = [("C", f"S{i}") for i in range(n)]
        caps = None
        if rng.random() < 0.5 and any(nums):
            caps = Q([x * rng.randint(1, 3) * 10**4 for x in nums], dens)
        amount = rounding * rng.randint(0, 200)
        try:
            expected = apportion(amount, w, keys, rounding, caps)
        except ValueError:
            continue
        pos, steps = apportion_steps(amount, w, keys, rounding, caps)
        got = [0] * n
        if steps is not None:
            for p, i in enumerate(pos):
                got[i] = steps.remainder.shares[p] * rounding
                assert (
                    steps.remainder.floors[p]
                    == steps.quota(p).numerator // steps.quota(p).denominator
                )
            assert sum(steps.remainder.given) == steps.remainder.left
        assert got == expected
