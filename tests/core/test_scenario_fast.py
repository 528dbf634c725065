"""The plain reading of a scenario equals pydantic's (issue 14): on any settings, the same
Scenario (values and their types) or the same error, through `parse_scenario(..., fast=False)`."""

from dataclasses import asdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sygefravaer.core.scenario import parse_scenario, plain_scenario
from sygefravaer.errors import InputError

# Values of every kind a TOML file (or a caller's dict) may hold, valid and not.
ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.5, 1.0, 2013.0, 7.4, 227.0, -1.0, 4.0, 5.0]),
    st.sampled_from(["", "a.csv", "5", "2014", "glide", "file", "center", "sector", "x"]),
    st.sampled_from(["over-target", "green-harvester", "substitute", "value", "days"]),
    st.lists(st.integers(2010, 2020), max_size=3),
    st.sampled_from([[2018.0], ["2018"], [True]]),
)
KRONER = st.dictionaries(
    st.one_of(st.sampled_from(["2014", "2015", "02016", "x", " 2017"]), st.integers(2014, 2016)),
    st.one_of(st.integers(0, 10**7), st.sampled_from([100.0, 2.5, True, "5", float("nan")])),
    max_size=3,
)


def _table(keys: list[str], extra: dict) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(keys + ["unknown"]), st.one_of(ANY, *extra.values()))


TOP = ["name", "absence", "units", "national", "working_days", "hours_per_day", "level", "min_fte"]
TARGETS = ["rule", "base_year", "final_year", "benchmark_year", "gap_closure", "decimals", "years"]
REDUCTION = ["model", "weight", "cap", "rounding", "totals", "increments"]


@st.composite
def scenarios(draw) -> dict:
    raw = {"absence": "a.csv", "units": "u.csv"}
    raw.update(draw(_table(TOP, {})))
    for name, keys, extra in (
        ("targets", TARGETS, {}),
        ("reduction", REDUCTION, {"kroner": KRONER}),
        ("sheets", ["absence", "units"], {}),
    ):
        if draw(st.booleans()):
            raw[name] = draw(_table(keys, extra))
    return raw


def _outcome(raw: dict, fast: bool):
    try:
        sc = parse_scenario(raw, Path("s.toml"), fast=fast)
    except InputError as exc:
        return ("error", exc.render())
    d = asdict(sc)
    return ("ok", d, repr(d))  # repr: 227 and 227.0, True and 1 told apart


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_plain_reading_equals_pydantic(raw):
    assert _outcome(raw, fast=True) == _outcome(raw, fast=False)


def test_a_usual_scenario_is_read_plainly():
    # What a scenario file holds (examples/, the benchmarks): no pydantic needed.
    raw = {
        "name": "Kommune",
        "absence": "a.csv",
        "units": "u.csv",
        "national": "n.csv",
        "working_days": 227,
        "hours_per_day": 7.4,
        "targets": {"rule": "glide", "base_year": 2013, "final_year": 2017, "gap_closure": 1.0},
        "reduction": {"model": "over-target", "totals": {"2014": 1_000_000, "2015": 1.5e6}},
        "sheets": {"absence": "Fravær"},
    }
    sc = plain_scenario(raw)
    assert sc is not None and sc.working_days == 227.0 and type(sc.working_days) is float
    assert sc.reduction.totals == {2014: 1_000_000, 2015: 1_500_000}
    assert _outcome(raw, fast=True) == _outcome(raw, fast=False)


def test_anything_else_goes_to_pydantic():
    # A quoted number is coerced by pydantic, an unknown key refused by it: not read plainly.
    assert plain_scenario({"absence": "a", "units": "u", "working_days": "227"}) is None
    assert plain_scenario({"absence": "a", "units": "u", "colour": "red"}) is None
    assert plain_scenario({"absence": "a"}) is None  # units missing
