"""Golden outputs: every case of tests/golden/manifest.json prints and writes what it did when it
was recorded, byte for byte (stdout, stderr, exit code, written CSV) and cell for cell (workbooks).

The cases, the in-process runner and the comparison live in tests/golden/record.py, which also
re-records the goldens after an intended change: `python tests/golden/record.py` (README.md there).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _load_recorder():
    name = "sygefravaer_golden_record"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GOLDEN / "record.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


rec = _load_recorder()
MANIFEST = rec.load_manifest()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """{TMP}: the files the setup steps write (the imported KRL table)."""
    d = tmp_path_factory.mktemp("golden_tmp").resolve()
    rec.run_setup(MANIFEST, d)
    return d


def test_manifest_is_recorded():
    """record.py's cases are the recorded ones, and each recorded case has its folder."""
    assert rec.manifest() == MANIFEST, (
        "tests/golden/record.py lists other cases than tests/golden/manifest.json: re-record "
        "with `python tests/golden/record.py`"
    )
    names = [c["name"] for c in MANIFEST["cases"]]
    folders = sorted(p.name for p in rec.CASES_DIR.iterdir() if p.is_dir())
    assert sorted(names) == folders


@pytest.mark.parametrize("case", MANIFEST["cases"], ids=[c["name"] for c in MANIFEST["cases"]])
def test_golden(case, scratch, tmp_path):
    out = (tmp_path / "out").resolve()
    out.mkdir()
    res = rec.run_case(case, MANIFEST["env"], scratch, out)
    problems = rec.compare(case, res)
    if problems:
        argv = " ".join(case["argv"])
        pytest.fail(
            f"sygefravaer {argv}\ndiffers from tests/golden/cases/{case['name']}/:\n\n"
            + "\n\n".join(problems)
            + "\n\n(an intended change: re-record with "
            f"`python tests/golden/record.py {case['name']}`)" + rec.version_note(),
            pytrace=False,
        )
