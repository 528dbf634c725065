"""The --diff tables fit the width too (issue 13, meeting layout): at 60 to 160 columns no line
is longer than the width, nothing is cut ("…"), and every changed amount of the JSON document
prints whole as "old → new kr." on one line. Fixture: tests/data/diff (see test_cli_diff_money)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app
from sygefravaer.report.tables.diff import kr_pair

DIFF = Path(__file__).parents[1] / "data" / "diff"
SCEN, NEW = str(DIFF / "scenario.toml"), str(DIFF / "national_2017.csv")
COMMANDS = {
    "targets": ["targets", SCEN],
    "status": ["status", SCEN, "--year", "2018"],
    "allocate": ["allocate", SCEN, "--year", "2018"],
    "compare": ["compare", SCEN, "--year", "2018"],
}
MONEY = {"weight", "potential", "increment", "reduction", "share"}


def invoke(args: list[str], *extra: str):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    r = CliRunner().invoke(app, [*args, "--national", NEW, "--diff", *extra], env=env)
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_diff_tables_fit_and_cut_nothing(command: str, width: int) -> None:
    out = invoke(COMMANDS[command], "--width", str(width))
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert not any("…" in line for line in lines)
    changes = json.loads(invoke(COMMANDS[command], "--json"))["changes"]
    money = [c for c in changes if c["field"] in MONEY and c["field"] != "potential"]
    if command == "compare":  # the compare table shows what each center pays per model
        money = [c for c in money if c["field"] == "reduction" and c["level"] == "center"]
    if command in ("allocate", "compare"):
        assert money  # the fixture's new averages move money (test_cli_diff_money)
    for c in money:
        assert any(kr_pair(c["old"], c["new"]) in line for line in lines), c


EXPLAINED = [
    "Sundheds- og Omsorgscentret / Hjemmeplejen",
    "Institutions- og Skolecentret / Dagpasning",
    "Jobcentret / Jobindsats",
]


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
@pytest.mark.parametrize("unit", EXPLAINED)
def test_explain_fits_and_cuts_nothing(unit: str, width: int) -> None:
    """explain's tables of summed rows fit the width like the others (nothing cut)."""
    args = ["explain", "examples/eksempelkommune/scenario.toml", "--year", "2014", "--unit", unit]
    r = CliRunner().invoke(app, [*args, "--width", str(width)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert not any("…" in line for line in lines)
