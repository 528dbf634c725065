"""Checks that every total of a JSON document adds up (issue 13, domain.md 4.4), shared by the
JSON, table and workbook properties over random scenarios (tests/random_scenarios.py)."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, Phase, settings

# For properties that write and read whole runs: few examples and no shrinking, so that a
# failing example is shown as drawn within seconds instead of minutes.
FEW_EXAMPLES = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

# Summed exactly in whole kroner (allocate), or as the correctly rounded sum of the stored floats.
MONEY = ["increment", "reduction", "prior_reduction", "share"]
FLOATS = ["weight", "potential"]
STATUS_SUMS = ["excess_days", "potential"]


def by_center(rows: list[dict], field: str) -> dict[str, list]:
    """Each center's values of `field` over its rows."""
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
