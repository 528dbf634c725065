"""Helpers for the CLI tests: invoke the app and read cells out of rich tables."""

import re

from typer.testing import CliRunner

from sygefravaer.cli import app

runner = CliRunner()


def run(*args):
    """Invoke `sygefravaer` with the arguments as strings."""
    return runner.invoke(app, [str(a) for a in args])


def line_with(text: str, needle: str) -> str:
    """The one table line holding `needle` (fails when there are none or several)."""
    lines = [ln for ln in text.splitlines() if needle in ln]
    assert len(lines) == 1, (needle, text)
    return lines[0]


def cells(line: str) -> list[str]:
    """The non-empty cells of a rich table line."""
    return [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]
