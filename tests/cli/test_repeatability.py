"""The same inputs run twice give the same outputs (issue 6: scripting the day KRL publishes).

Each run is a fresh process with a different PYTHONHASHSEED, so an order that depends on set or
dict hashing (not on the data) shows up as a difference. Compared: the JSON documents byte for
byte, and every cell value of every sheet of the workbooks (openpyxl).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
DIFF = Path(__file__).parents[1] / "data" / "diff" / "scenario.toml"
SCENARIO = EXAMPLE if EXAMPLE.exists() else DIFF
YEAR = "2017" if SCENARIO == EXAMPLE else "2018"


def cli(*args, seed: int, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), COLUMNS="200")
    r = subprocess.run(
        [sys.executable, "-c", "from sygefravaer.cli import main; main()", *map(str, args)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return r


def cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    finally:
        wb.close()


def workbooks(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): cells(p) for p in sorted(folder.rglob("*.xlsx"))}


def has_run_command() -> bool:
    import typer.main

    from sygefravaer.cli import app

    return "run" in typer.main.get_command(app).commands


def test_allocate_json_and_workbook_twice_are_identical(tmp_path):
    outs = []
    for seed, name in ((1, "a"), (2, "b")):
        d = tmp_path / name
        d.mkdir()
        r = cli(
            "allocate",
            SCENARIO,
            "--year",
            YEAR,
            "--json",
            "--output",
            d / "fordeling.xlsx",
            seed=seed,
            cwd=d,
        )
        outs.append((r.stdout, workbooks(d)))
    (json_a, wb_a), (json_b, wb_b) = outs
    assert json_a == json_b
    assert wb_a and wb_a == wb_b


def test_status_targets_and_diff_json_twice_are_identical(tmp_path):
    nat = ROOT / "tests" / "data" / "diff" / "national_2017.csv"
    commands = [
        ("status", SCENARIO, "--year", YEAR, "--json"),
        ("targets", SCENARIO, "--json"),
        ("compare", SCENARIO, "--year", YEAR, "--json"),
        ("allocate", DIFF, "--year", "2018", "--national", nat, "--diff", "--json"),
    ]
    for args in commands:
        a = cli(*args, seed=3, cwd=tmp_path).stdout
        b = cli(*args, seed=4, cwd=tmp_path).stdout
        assert a == b, args


@pytest.mark.skipif(not has_run_command(), reason="the run command is not in cli.py yet")
def test_run_twice_gives_identical_json_and_workbooks(tmp_path):
    results = []
    for seed, name in ((5, "a"), (6, "b")):
        out = tmp_path / name
        r = cli("run", SCENARIO, "--out", out, "--json", "--quiet", seed=seed, cwd=tmp_path)
        # The summary names its output folder; that is the one thing allowed to differ.
        results.append((r.stdout.replace(str(out), "<out>"), workbooks(out)))
    (json_a, wb_a), (json_b, wb_b) = results
    assert json_a == json_b
    assert wb_a, "run wrote no workbook"
    assert sorted(wb_a) == sorted(wb_b)
    for name in wb_a:
        assert wb_a[name] == wb_b[name], name


@pytest.mark.skipif(not has_run_command(), reason="the run command is not in cli.py yet")
def test_run_for_scripts_quiet_and_exit_status(tmp_path):
    """From a script: --quiet prints nothing on success (exit 0); bad input exits 2 with one
    message on stderr and no traceback."""
    from typer.testing import CliRunner

    from sygefravaer.cli import app

    r = CliRunner().invoke(app, ["run", str(DIFF), "--out", str(tmp_path / "ud"), "--quiet"])
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert list((tmp_path / "ud").rglob("*.xlsx"))
    bad = tmp_path / "bad.toml"
    bad.write_text(DIFF.read_text(encoding="utf-8").replace("absence.csv", "mangler.csv"), "utf-8")
    (tmp_path / "units.csv").write_bytes((DIFF.parent / "units.csv").read_bytes())
    r = CliRunner().invoke(app, ["run", str(bad), "--out", str(tmp_path / "ud2"), "--quiet"])
    assert r.exit_code == 2
    assert "mangler.csv" in r.stderr and "Traceback" not in r.output
    assert r.stdout == ""
