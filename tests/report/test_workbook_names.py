"""Names exactly as written in every workbook (issue 13): formula-looking, markup, emoji.

The export fixture with its names changed: a center '[bold]Teknik[/bold] 🚧', sectors '+45',
'-x', '@x 🚗' and '=SUM(A1)'. `run` and `allocate --output` write them; openpyxl reads every
workbook back: each name is there, as text (never a formula), and unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from sygefravaer.cli import app

HERE = Path(__file__).parents[1] / "data" / "export"
RENAMED = {"Teknik": "[bold]Teknik[/bold] 🚧", "+Vej": "+45", "-Administration": "-x"}
RENAMED |= {"@Drift": "@x 🚗"}
NAMES = {*RENAMED.values(), "=SUM(A1)"}


def renamed_copy(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(HERE, data)
    for name in ("absence.csv", "units.csv"):
        path = data / name
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split(";")
            lines.append(";".join(RENAMED.get(c, c) for c in cells))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data / "scenario.toml"


def test_names_round_trip_through_every_workbook(tmp_path):
    scenario = renamed_copy(tmp_path)
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(app, ["run", str(scenario), "--out", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    alloc = out / "fordeling.xlsx"
    r = runner.invoke(app, ["allocate", str(scenario), "--year", "2015", "--output", str(alloc)])
    assert r.exit_code == 0, r.output
    books = sorted(out.rglob("*.xlsx"))
    assert len(books) == 4  # overview, two centers, the allocation
    for book in books:
        wb = openpyxl.load_workbook(book)
        seen = set()
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (book.name, ws.title, c.coordinate, c.value)
                    if c.value in NAMES:
                        assert c.data_type == "s", (book.name, ws.title, c.coordinate)
                        seen.add(c.value)
        expected = NAMES
        if book.parent.name == "centre":  # a center's workbook holds its own sectors
            own = {"Omsorg": {"=SUM(A1)"}}.get(book.stem, NAMES - {"=SUM(A1)"})
            expected = own
        assert expected <= seen, (book.name, expected - seen)
