"""Every total adds up (issue 13, domain.md 4.4): in the JSON documents of status and allocate,
at sector and center level, over random scenarios, a center's figures are the sums of its
units' and the municipality's the sums of the rows above it."""

from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from random_scenarios import scenarios, write

import sygefravaer
from sygefravaer.errors import InputError

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Summed exactly in whole kroner (allocate), or as the correctly rounded sum of the stored floats.
MONEY = ["increment", "reduction", "prior_reduction", "share"]
FLOATS = ["weight", "potential"]
STATUS_SUMS = ["excess_days", "potential"]


def by_center(rows: list[dict], field: str) -> dict[str, list]:
    out = defaultdict(list)
    for r in rows:
        out[r["center"]].append(r[field])
    return out


def check_status(doc: dict) -> None:
    """Centers = their units' sums (sector level); the municipality = the shown rows' sums."""
    units, centers, muni = doc["units"], doc["centers"], doc["municipality"]
    for field in STATUS_SUMS:
        if doc["level"] == "sector":
            parts = by_center(units, field)
            for c in centers:
                assert c[field] == math.fsum(parts[c["center"]]), (c["center"], field)
        assert muni[field] == math.fsum(u[field] for u in units), field
    for field in ("fte", "sick_days", "cost"):
        assert muni[field] == pytest.approx(math.fsum(c[field] for c in centers), rel=1e-12)
    # the status of every row follows from its own figures (4.4)
    for r in [*units, *centers, muni]:
        assert (r["status"] == "red") == (r["gap"] > 0)
        assert r["at_target"] == (r["gap"] == 0 and r["days_per_fte"] is not None)


def check_allocation(doc: dict) -> None:
    """Centers and municipality = the sums of the units; the increments add up to the year's."""
    units, centers, muni = doc["units"], doc["centers"], doc["municipality"]
    for field in MONEY:
        parts = by_center(units, field)
        for c in centers:
            assert c[field] == sum(parts[c["center"]]), (c["center"], field)
        assert muni[field] == sum(u[field] for u in units) == sum(c[field] for c in centers)
    for field in FLOATS:
        parts = by_center(units, field)
        for c in centers:
            assert c[field] == math.fsum(parts[c["center"]]), (c["center"], field)
        assert muni[field] == math.fsum(u[field] for u in units)
    assert muni["reduction"] == doc["total"]
    # the year's increment as the document states it (the first year: its total minus the
    # pooled prior reductions, 4.5) is the sum of the units' increments
    assert muni["increment"] == doc["increment"]
    assert doc["total"] == sum(doc["increments"].values()) + muni["prior_reduction"]


@SETTINGS
@given(plan=scenarios())
def test_every_json_total_adds_up(plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for level in ("sector", "center"):
            project = sygefravaer.load(write(plan, Path(tmp) / level, level))
            for year in (2014, 2015, 2016):
                check_status(project.status(year=year).to_dict())
                try:
                    res = project.allocate(year)
                except InputError:  # no unit to carry the increment: refused, nothing to add
                    continue
                check_allocation(res.to_dict())
