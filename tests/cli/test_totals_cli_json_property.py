"""Every total of the CLI's JSON documents adds up and every name comes back as written, over
random scenarios (issue 13, domain.md 4.4 and 5): `compare --json` (each model's document),
`run --json` (the last year's centers against the year's totals) and `targets --json`, `status
--json` and `allocate --json` (names with markup, a formula-looking text and emoji unchanged).
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from json_totals import FEW_EXAMPLES, check_allocation, check_status
from random_scenarios import scenarios, write
from typer.testing import CliRunner

from sygefravaer.cli import app

SETTINGS = FEW_EXAMPLES
RUNNER = CliRunner()


def document(*args: str) -> dict | None:
    """A command's JSON document (stdout holds nothing else); None when it refuses (exit 2)."""
    r = RUNNER.invoke(app, [*args, "--json"])
    if r.exit_code == 2:
        return None
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def names(rows: list[dict]) -> set[tuple[str, ...]]:
    return {(r["center"], r["sector"]) if "sector" in r else (r["center"],) for r in rows}


def check_names(doc: dict, plan, level: str) -> None:
    """The document's units and centers are the plan's, each name exactly as written."""
    units = {(c, s) for c, s, *_ in plan.units}
    centers = {(c,) for c, *_ in plan.units}
    assert names(doc["units"]) == (units if level == "sector" else centers)
    assert names(doc["centers"]) == centers


def check_run(doc: dict, plan) -> None:
    """The last year's centers add up to the municipality's total, increment and prior."""
    last, first = str(max(doc["years"])), str(min(doc["years"]))
    centers = doc["centers"]
    assert {(c["center"],) for c in centers} == {(c,) for c, *_ in plan.units}
    assert sum(c["reduction"] for c in centers) == doc["totals"][last]
    assert sum(c["increment"] for c in centers) == doc["increments"][last]
    assert sum(c["share"] for c in centers) == doc["increments"][last]
    # the first year's increments are its total minus the pooled prior reductions (4.5)
    prior = sum(c["prior_reduction"] for c in centers)
    assert prior == doc["totals"][first] - doc["increments"][first]
    for c in centers:
        assert math.isfinite(c["weight"]) and math.isfinite(c["potential"])


@SETTINGS
@given(
    plan=scenarios(),
    year=st.sampled_from([2014, 2015, 2016]),
    level=st.sampled_from(["sector", "center"]),
)
def test_every_cli_json_total_adds_up(plan, year, level) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scenario = str(write(plan, Path(tmp) / "data", level))
        targets = document("targets", scenario)
        check_names(targets, plan, "sector")
        status = document("status", scenario, "--year", str(year))
        check_names(status, plan, level)
        check_status(status)
        allocation = document("allocate", scenario, "--year", str(year))
        if allocation is not None:
            check_names(allocation, plan, level)
            check_allocation(allocation)
        compare = document("compare", scenario, "--year", str(year))
        for model, doc in compare["models"].items():
            if "error" not in doc:
                assert doc["model"] == model
                check_names(doc, plan, level)
                check_allocation(doc)
        run = document("run", scenario, "--out", str(Path(tmp) / "out"))
        if run is not None:
            check_run(run, plan)
