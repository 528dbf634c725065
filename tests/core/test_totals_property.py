"""Every total adds up (issue 13, domain.md 4.4): in the JSON documents of status and allocate,
at sector and center level, over random scenarios, a center's figures are the sums of its
units' and the municipality's the sums of the rows above it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from json_totals import check_allocation, check_status
from random_scenarios import scenarios, write

import sygefravaer
from sygefravaer.errors import InputError

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
