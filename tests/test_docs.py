"""docs/api.md is a session that runs: its Python blocks are executed in order, in one namespace,
from the repository's root (their asserts are the figures the README and the seeds give)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(text: str) -> list[str]:
    return BLOCK.findall(text)


def test_the_api_session_runs(monkeypatch, capsys):
    blocks = python_blocks((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 5  # load, targets and status, allocate, diff, errors
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"docs/api.md block {i + 1}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "Eksempelkommune" in out and "sektorer over måltal" in out
    assert "reduction.totals har ingen total for 2013" in out


def test_the_block_reader_finds_blocks():
    text = "a\n```python\nx = 1\n```\nb\n```bash\nls\n```\n```python\ny = 2\n```\n"
    assert python_blocks(text) == ["x = 1\n", "y = 2\n"]
