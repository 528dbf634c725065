"""compute_run shares work between its parts (issue 14): each year's status is computed once,
on the run's targets, and handed to the three models. What it gives must equal what status,
allocate and compare give on their own."""

from dataclasses import replace

import pytest

from sygefravaer.core.allocation import allocate, compare
from sygefravaer.core.run import compute_run
from sygefravaer.core.status import compute_status


def _with_reduction(project, model: str, extra: dict[int, int]):
    """The project's scenario with another model and more yearly totals."""
    sc = project.scenario
    totals = {**sc.reduction.totals, **extra}
    return replace(sc, reduction=replace(sc.reduction, model=model, totals=totals))


def _same_as_alone(sc, inputs) -> None:
    """Every status, allocation and comparison of the run equals the one computed alone."""
    run = compute_run(sc, inputs)
    for y, st in run.status.items():
        if st is None:
            continue
        alone = compute_status(sc, inputs, year=y, level="sector")
        assert st.to_dict() == alone.to_dict()
        assert st.warnings == alone.warnings
    for y, a in run.allocations.items():
        alone = allocate(sc, inputs, y)
        assert a.to_dict() == alone.to_dict()
        assert a.warnings == alone.warnings
    for y, cmp in run.compare.items():
        alone = compare(sc, inputs, y)
        assert cmp.to_dict() == alone.to_dict()
        assert sorted(cmp.errors) == sorted(alone.errors)
        assert [str(e) for e in cmp.errors.values()] == [str(e) for e in alone.errors.values()]


@pytest.mark.parametrize("model", ["over-target", "green-harvester", "substitute"])
def test_run_equals_status_and_allocate_alone(example, model):
    _same_as_alone(_with_reduction(example, model, {}), example.inputs)


def test_run_without_a_status_in_a_year_equals_allocate_alone(example):
    # 2018 compares 2017, which the example has no absence for: green-harvester allocates it
    # without a status; over-target cannot (its error in compare, as compare alone gives it).
    sc = _with_reduction(example, "green-harvester", {2018: 9_900_000})
    run = compute_run(sc, example.inputs)
    assert run.status[2018] is None and run.allocations[2018].total == 9_900_000
    assert "over-target" in run.compare[2018].errors
    _same_as_alone(sc, example.inputs)


def test_run_without_reduction_equals_status_alone(revision):
    run = compute_run(revision.scenario, revision.inputs)
    assert run.years == [] and any(st is not None for st in run.status.values())
    _same_as_alone(revision.scenario, revision.inputs)
