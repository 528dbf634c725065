"""The public API: loading twice in one process reads the files again, results come from the
tables loaded (no state survives a load), and the package's names load lazily."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sygefravaer

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "eksempelkommune"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the bundled example whose national file is beside it."""
    folder = tmp_path / "eks"
    shutil.copytree(EXAMPLE, folder)
    shutil.copy(ROOT / "data" / "krl_landsgennemsnit.csv", folder / "national.csv")
    text = (folder / "scenario.toml").read_text(encoding="utf-8")
    text = text.replace('"../../data/krl_landsgennemsnit.csv"', '"national.csv"')
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    return folder / "scenario.toml"


def double_sick_days(absence: Path) -> None:
    """Rewrite the absence file with every row's sick days doubled (Danish decimal commas)."""
    lines = absence.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        *head, days = line.split(";")
        doubled = 2 * float(days.replace(",", "."))
        out.append(";".join([*head, f"{doubled:.1f}".replace(".", ",")]))
    absence.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_loading_again_after_the_file_changed_gives_the_new_figures(example):
    first = sygefravaer.load(example).status(year=2014).municipality
    double_sick_days(example.parent / "absence.csv")
    again = sygefravaer.load(example).status(year=2014).municipality
    # The municipality's level is the ratio of sums (4.1): twice the sick days over the same fte.
    assert first["days_per_fte"] == pytest.approx(13.3695, abs=1e-4)
    assert again["sick_days"] == pytest.approx(2 * first["sick_days"], rel=1e-12)
    assert again["days_per_fte"] == pytest.approx(2 * first["days_per_fte"], rel=1e-12)
    assert again["fte"] == first["fte"]


def test_the_first_project_still_gives_its_own_figures_after_a_second_load(example):
    p1 = sygefravaer.load(example)
    before = p1.allocate(2014).to_dict()
    double_sick_days(example.parent / "absence.csv")
    p2 = sygefravaer.load(example)
    assert p2.status(year=2014).municipality["days_per_fte"] > 26
    assert p1.allocate(2014).to_dict() == before  # p1 keeps the tables it read


def test_package_names_load_lazily():
    code = (
        "import sys, sygefravaer; "
        "assert 'pandas' not in sys.modules and 'sygefravaer.api' not in sys.modules; "
        "sygefravaer.InputError; assert 'pandas' not in sys.modules; "
        "sygefravaer.load; assert 'sygefravaer.api' in sys.modules; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_every_public_name_is_there():
    for name in sygefravaer.__all__:
        assert getattr(sygefravaer, name) is not None
    assert issubclass(sygefravaer.AllocationError, sygefravaer.InputError)
    with pytest.raises(AttributeError):
        sygefravaer.no_such_name  # noqa: B018
