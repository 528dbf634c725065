"""Every command explains itself (issue 6): `--help` with a worked example, `--version`, completion.

The commands are discovered from the app, so a command added later without an example fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from sygefravaer import __version__
from sygefravaer.cli import app


def _commands(group, prefix=()):
    """Every leaf command as its argument path, e.g. ('national', 'import')."""
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(cmd, "commands"):
            yield path  # a group (e.g. `national`) needs an example too
            yield from _commands(cmd, path)
        else:
            yield path


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_expected_commands_exist():
    names = {" ".join(p) for p in COMMANDS}
    assert {"targets", "status", "allocate", "compare", "national", "national import"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_has_a_worked_example(path):
    r = CliRunner().invoke(app, [*path, "--help"])
    assert r.exit_code == 0, r.output
    # "Eksempel: sygefravaer <this command> ..." - an example that runs this very command.
    examples = re.findall(r"Eksempel: (sygefravaer [^\n]+)", r.stdout)
    assert examples, f"'{' '.join(path)} --help' has no 'Eksempel: sygefravaer ...' line"
    assert any(e.split()[1 : 1 + len(path)] == list(path) for e in examples), examples


def test_short_help_is_not_cut_at_an_abbreviation():
    """Click cuts the one-line summary at the first '. ' ('Måltal pr.'): not in our listing."""
    r = CliRunner().invoke(app, ["--help"])
    for line in r.stdout.splitlines():
        assert not line.rstrip().endswith(" pr."), line


def test_version():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"sygefravaer {__version__}"


def test_shell_completion_options_are_offered():
    r = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


def test_show_completion_prints_a_script():
    """The installed console script prints a completion script for bash."""
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sygefravaer.cli import main; main()",
            "--show-completion",
            "bash",
        ],
        env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", "SHELL": "/bin/bash"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 0, r.stderr
    assert "complete" in r.stdout


ROOT = __import__("pathlib").Path(__file__).parents[2]


def _examples() -> list[list[str]]:
    """Every 'Eksempel: sygefravaer ...' in the commands' help texts, as argument lists."""
    out = []

    def walk(cmd):
        for para in re.split(r"\n\s*\n", cmd.help or ""):
            m = re.search(r"Eksempel: sygefravaer (.+)", para, re.S)
            if m:
                out.append(m.group(1).split())
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return out


def _runnable(args: list[str], tmp) -> list[str] | None:
    """The example with its files made absolute and its outputs sent to tmp; None when it names
    a file the repository does not have (a placeholder such as KRL_2017.xlsx or SCENARIE)."""
    fixed = []
    for i, a in enumerate(args):
        prev = args[i - 1] if i else ""
        if prev in ("--out", "--output"):
            fixed.append(str(tmp / a))
        elif re.fullmatch(r"[A-ZÆØÅ_]+", a) or re.search(r"\.(toml|csv|xlsx)$", a):
            if not (ROOT / a).exists():
                return None
            fixed.append(str(ROOT / a))
        else:
            fixed.append(a)
    return fixed


def test_the_worked_examples_run(tmp_path):
    """An example in --help that names bundled files must actually run (exit 0)."""
    ran = 0
    for args in _examples():
        fixed = _runnable(args, tmp_path)
        if fixed is None:
            continue
        r = CliRunner().invoke(app, fixed)
        assert r.exit_code == 0, (args, r.output)
        ran += 1
    assert ran >= 4  # targets, status, allocate, compare on the bundled examples at least
