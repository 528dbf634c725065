"""Real exports (issue 9): every case under tests/real_exports/<case>/ with an expected.toml is run
via the CLI, and is either read right (the same figures as the clean case), refused (exit 2 with a
message naming file, sheet, row or cell, column and value) or warned about (exit 0, the warning on
stderr, exit 2 under --strict). tests/real_exports/README.md says how each input was made.

expected.toml keys, beside those of tests/bad_inputs (args, exit, file, sheet, row, column, value,
fragments):
- `same_as`: a case folder (e.g. "clean") whose `--json` output every command in `compare` must
  equal (read right); `compare` lists commands, `{case}` being the folder. `same_as` may also
  name a scenario file (e.g. "<case>/reference_scenario.toml"): its commands are the same with
  that file for `{case}/scenario.toml`.
- `warnings`: fragments stderr must hold (each case with warnings is also run with --strict and
  must then exit 2; notes, `notes`, must not change the exit status under --strict).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

CORPUS = Path(__file__).parents[1] / "real_exports"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.toml").is_file())


def _before_error(err: str) -> list[str]:
    return [line for line in err[: err.index("Fejl: ")].splitlines() if not line.startswith(" ")]


def invoke(args: list[str], folder: Path):
    return CliRunner().invoke(app, [a.replace("{case}", str(folder)) for a in args])


def reference(command: list[str], same_as: Path):
    """A command run on the reference: a case folder, or a scenario file for the case's own."""
    if same_as.is_file():
        command = [a.replace("{case}/scenario.toml", str(same_as)) for a in command]
        return invoke(command, same_as.parent)
    return invoke(command, same_as)


def expected(name: str) -> dict:
    return tomllib.loads((CORPUS / name / "expected.toml").read_text(encoding="utf-8"))


def test_every_case_has_its_expected_outcome():
    folders = [p.name for p in CORPUS.iterdir() if (p / "case.md").is_file()]
    assert sorted(folders) == CASES, "a case without expected.toml"


@pytest.mark.parametrize("name", CASES)
def test_real_export(name: str) -> None:
    folder = CORPUS / name
    exp = expected(name)
    r = invoke(exp["args"], folder)
    out, err = r.stdout, r.stderr
    assert r.exit_code == exp["exit"], (r.exit_code, out, err, r.exception)
    assert "Traceback" not in out + err
    if exp["exit"] == 2:  # the error last, after any warnings that explain it
        assert "Fejl: " in err and not out.strip()
        assert all(line.startswith(("Advarsel: ", "Bemærk: ")) for line in _before_error(err))
    if "file" in exp:
        assert f"fil {folder / exp['file']}" in err, err
    if "sheet" in exp:
        assert f"ark {exp['sheet']!r}" in err, err
    if "row" in exp:
        assert f"række {exp['row']}" in err, err
    if "cell" in exp:
        assert f"celle {exp['cell']}" in err, err
    if "column" in exp:
        assert f"kolonne {exp['column']!r}" in err, err
    if "value" in exp:
        assert repr(exp["value"]) in err or str(exp["value"]) in err, err
    for fragment in exp.get("fragments", []) + exp.get("warnings", []) + exp.get("notes", []):
        assert fragment.casefold() in err.casefold(), (fragment, err)


@pytest.mark.parametrize("name", [c for c in CASES if "same_as" in expected(c)])
def test_read_right_gives_the_clean_figures(name: str) -> None:
    exp = expected(name)
    for command in exp["compare"]:
        mine = invoke(command, CORPUS / name)
        clean = reference(command, CORPUS / exp["same_as"])
        assert mine.exit_code == clean.exit_code == 0, (mine.stderr, clean.stderr)
        assert json.loads(mine.stdout) == json.loads(clean.stdout), command


@pytest.mark.parametrize("name", [c for c in CASES if expected(c).get("warnings")])
def test_strict_turns_a_warning_into_exit_2(name: str) -> None:
    exp = expected(name)
    r = invoke([*exp["args"], "--strict"], CORPUS / name)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert "--strict" in r.stderr


@pytest.mark.parametrize(
    "name", [c for c in CASES if expected(c).get("notes") and not expected(c).get("warnings")]
)
def test_strict_leaves_a_note_alone(name: str) -> None:
    exp = expected(name)
    r = invoke([*exp["args"], "--strict"], CORPUS / name)
    assert r.exit_code == exp["exit"], (r.stdout, r.stderr)
