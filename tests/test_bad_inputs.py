"""The bad-input corpus (issue 5): every case under tests/bad_inputs/<case>/ is run via the CLI.

Each case folder holds a scenario, its input files and expected.toml (written by
tests/bad_inputs/make_corpus.py). A case must end with its exit status (2 for bad input), a message
on stderr (never stdout, never a traceback) that names the file and, where given, the sheet, the row
as the spreadsheet numbers it, the column and the offending value, plus the listed fragments (what
would be accepted). Afterwards every file in the folder is byte-identical and no file was added.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.toml").is_file())


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below `folder`, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_corpus_is_large_enough():
    bad = [c for c in CASES if tomllib.loads((CORPUS / c / "expected.toml").read_text())["exit"]]
    assert len(bad) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str) -> None:
    folder = CORPUS / name
    exp = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    args = [a.replace("{case}", str(folder)) for a in exp["args"]]
    before = snapshot(folder)

    result = CliRunner().invoke(app, args)

    out, err = result.stdout, result.stderr
    assert result.exit_code == exp["exit"], (result.exit_code, out, err, result.exception)
    assert "Traceback" not in out + err
    if exp["exit"] == 2:
        assert err.startswith("Fejl: ")
        assert not out.strip(), "the message belongs on stderr, stdout stays empty"
        msg = err
    else:
        msg = err  # warnings go to stderr too
    if "file" in exp:
        assert exp["file"] in msg
    if "full_path" in exp:
        assert str((folder / exp["full_path"]).resolve()) in msg
    if "sheet" in exp:
        assert f"ark {exp['sheet']!r}" in msg
    if "row" in exp:
        assert f"række {exp['row']}" in msg
    if "column" in exp:
        assert f"kolonne {exp['column']!r}" in msg
    if "value" in exp:
        assert repr(exp["value"]) in msg or str(exp["value"]) in msg
    for fragment in exp.get("fragments", []):
        assert fragment.casefold() in msg.casefold(), (fragment, msg)

    assert snapshot(folder) == before, "a file in the case folder changed or was added"
