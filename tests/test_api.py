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


def test_a_changed_copy_of_a_loaded_table_gives_new_figures_and_leaves_the_loaded_one(example):
    p = sygefravaer.load(example)
    before = p.status(year=2014).municipality
    data = p.inputs.absence.data  # a copy: changing it cannot reach the loaded table
    data["sick_days"] = data["sick_days"] * 2
    changed = p.with_data(absence=data).status(year=2014).municipality
    # Twice the sick days over the same fte: twice the level (4.1); the glide targets move too,
    # since the base year's level doubles (4.3).
    assert changed["days_per_fte"] == pytest.approx(2 * before["days_per_fte"], rel=1e-12)
    assert changed["fte"] == before["fte"] and changed["target"] > before["target"]
    assert p.status(year=2014).municipality == before


def test_a_changed_copy_of_the_units_moves_the_money(example):
    p = sygefravaer.load(example)
    units = p.inputs.units.data
    units["payroll"] = 0.0
    units.loc[units.index[0], "payroll"] = 1_000_000.0
    res = p.with_data(units=units).allocate(2014, model="green-harvester")
    # Only one unit has a payroll: it carries the whole pooled total of 3.200.000 kr.; every
    # other unit's share is 0, so a prior reduction comes back as a negative increment (4.5).
    first = (units["center"].iloc[0], units["sector"].iloc[0])
    frame = res.to_frame().set_index(["center", "sector"])
    others = frame.drop(first)
    assert frame.loc[first, "reduction"] == 3_200_000
    assert (others["reduction"] == 0).all()
    assert (others["increment"] == -others["prior_reduction"]).all()
    assert others["prior_reduction"].sum() == 700_000


def test_the_loaded_tables_cannot_be_changed_in_place(example):
    p = sygefravaer.load(example)
    before = p.status(year=2014).to_dict()
    data = p.inputs.absence.data
    data["sick_days"] = 0.0  # changes a copy, never the table
    with pytest.raises(AttributeError):
        p.inputs.absence.path = Path("other.csv")  # the table is frozen
    assert p.status(year=2014).to_dict() == before
