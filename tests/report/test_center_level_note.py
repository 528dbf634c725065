"""At level = "center" a center's workbook says that the center is the unit (domain.md 4.4): the
total row's potential is its sectors' sum, and the note names the center's own potential, the
figure its weight comes from (as allocate --level center reports it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

import sygefravaer

EXAMPLE = Path("examples/eksempelkommune/scenario.toml")


def test_center_level_workbook_names_the_centers_own_potential(tmp_path: Path) -> None:
    folder = tmp_path / "examples" / "eksempelkommune"  # beside ../../data, as in the repository
    shutil.copytree(EXAMPLE.parent, folder)
    shutil.copytree("data", tmp_path / "data")
    scenario = folder / EXAMPLE.name
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('level = "sector"', 'level = "center"', 1), "utf-8")
    project = sygefravaer.load(scenario)
    project.run(tmp_path / "ud")
    res = project.allocate(2017)
    assert res.level == "center"
    center = "Sundheds- og Omsorgscentret"
    own = res.units.set_index("center").loc[center, "potential"]
    expected = f"{round(own):,} kr.".replace(",", ".")
    book = openpyxl.load_workbook(tmp_path / "ud" / "centre" / f"{center.replace(' ', '_')}.xlsx")
    cells = [v for ws in book for row in ws.iter_rows(values_only=True) for v in row]
    notes = [v for v in cells if isinstance(v, str) and "centerniveau" in v]
    assert notes and expected in notes[0]
