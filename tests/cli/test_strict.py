"""--strict on every command (issue 9): a warning about the data is exit status 2 before anything
is printed on stdout or written; without --strict the same command succeeds and warns."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

CASE = Path(__file__).parents[1] / "real_exports" / "absence_unit_missing_base_year"
SC = str(CASE / "scenario.toml")
# Skoler has no absence in the glide base year 2013: its target is its benchmark, with a warning.
FRAGMENT = "Skoler"


def commands(out: Path) -> dict[str, list[str]]:
    return {
        "targets": ["targets", SC, "--json"],
        "status": ["status", SC, "--year", "2014", "--json"],
        "allocate": ["allocate", SC, "--year", "2015", "--json"],
        "compare": ["compare", SC, "--year", "2015", "--json"],
        "run": ["run", SC, "--out", str(out), "--json"],
        "check": ["check", SC, "--json"],
    }


@pytest.mark.parametrize("command", ["targets", "status", "allocate", "compare", "run", "check"])
def test_strict_stops_every_command_on_a_warning(command, tmp_path):
    args = commands(tmp_path / "ud")[command]
    plain = CliRunner().invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert FRAGMENT in plain.stderr or FRAGMENT in plain.stdout
    args = commands(tmp_path / "ud_strict")[command]
    strict = CliRunner().invoke(app, [*args, "--strict"])
    assert strict.exit_code == 2
    if command != "check":  # check's report is its output; the others print nothing
        assert strict.stdout == "" and "--strict" in strict.stderr
    if command == "run":
        assert not any((tmp_path / "ud_strict").rglob("*.xlsx"))  # nothing written


def test_a_warning_reaches_run_json_and_every_assumptions_sheet(tmp_path):
    r = CliRunner().invoke(app, ["run", SC, "--out", str(tmp_path / "ud"), "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert any(FRAGMENT in w and "2013" in w for w in doc["warnings"])
    for f in doc["files"]:
        wb = openpyxl.load_workbook(f["path"], read_only=True)
        name = next(n for n in wb.sheetnames if n.startswith("Forudsætning"))
        cells = wb[name].iter_rows(values_only=True)
        text = " ".join(str(v) for row in cells for v in row if v)
        assert "Børn og Unge / Skoler" in text and "basisår 2013" in text, (f["path"], name)
