"""A real client opens the workbooks (issue 4): LibreOffice converts each one, every sheet, to CSV.

The values LibreOffice reads must be the values openpyxl wrote (tests/report/test_workbook.py
checks those against the JSON of the same run), and a unit named '=SUM(A1)' must reach it as
text, not as a formula. One soffice call converts all workbooks, with a throw-away profile
folder so a running LibreOffice or a stale lock does not interfere. Skipped only when LibreOffice
is not installed (`.ci/run` installs the Debian package libreoffice-calc-nogui when it is
missing).
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

HERE = Path(__file__).parents[1] / "data" / "export"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Field separator ',', quote '"', UTF-8 (76), start row 1, ..., cell content as stored (not as
# shown), no formulas, ..., -1 = every sheet to its own file <name>-<sheet>.csv (LibreOffice 7.2+).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui",
)


def trimmed(rows) -> list[list]:
    out = [list(r) for r in rows]
    for r in out:
        while r and r[-1] in (None, ""):
            r.pop()
    while out and not out[-1]:
        out.pop()
    return out


def same(written, read: str) -> bool:
    if written is None:
        return read == ""
    if isinstance(written, bool):
        return read.upper() == str(written).upper()
    if isinstance(written, (int, float)):
        try:
            x = float(read)
        except ValueError:
            return False
        return math.isclose(x, written, rel_tol=1e-12, abs_tol=1e-9)
    return read == str(written)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    root = tmp_path_factory.mktemp("lo")
    data = root / "data"
    shutil.copytree(HERE, data)
    out = root / "out"
    runner = CliRunner()
    r = runner.invoke(app, ["run", str(data / "scenario.toml"), "--out", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    alloc = out / "fordeling_2015.xlsx"
    r = runner.invoke(
        app,
        ["allocate", str(data / "scenario.toml"), "--year", "2015", "--output", str(alloc)],
    )
    assert r.exit_code == 0, r.output
    books = sorted(out.rglob("*.xlsx"))
    assert len({b.stem for b in books}) == len(books) == 4
    csv_dir = root / "csv"
    profile = (root / "profile").as_uri()
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(csv_dir),
            *map(str, books),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return books, csv_dir


def test_libreoffice_reads_every_sheet_with_the_written_values(converted):
    books, csv_dir = converted
    checked = 0
    for book in books:
        wb = openpyxl.load_workbook(book, read_only=True)
        try:
            for ws in wb:
                path = csv_dir / f"{book.stem}-{ws.title}.csv"
                assert path.exists(), f"LibreOffice wrote no {path.name}"
                with open(path, encoding="utf-8", newline="") as f:
                    read = trimmed(csv.reader(f))
                written = trimmed(ws.iter_rows(values_only=True))
                assert len(read) == len(written), (book.name, ws.title)
                for i, (w, r) in enumerate(zip(written, read, strict=True), 1):
                    assert len(w) == len(r), (book.name, ws.title, i)
                    for j, (a, b) in enumerate(zip(w, r, strict=True), 1):
                        assert same(a, b), (book.name, ws.title, i, j, a, b)
                        checked += 1
        finally:
            wb.close()
    assert checked > 500


def test_libreoffice_sees_formula_looking_names_as_text(converted):
    _, csv_dir = converted
    with open(csv_dir / "Eksporttest_oversigt-Sektorer.csv", encoding="utf-8", newline="") as f:
        cells = {c for row in csv.reader(f) for c in row}
    assert {"=SUM(A1)", "-Administration", "@Drift", "+Vej"} <= cells
    with open(csv_dir / "Omsorg-Sektorer.csv", encoding="utf-8", newline="") as f:
        rows = {r[0]: r for r in csv.reader(f) if r}
    # Hand check: 2014 absence 700 days / 40 fte = 17.5 against the 2015 target 10.0 (red).
    assert rows["Hjemmepleje"][1:5] == ["40", "700", "17.5", "10"]
    assert rows["Lille"][3] == "skjult (< 5 årsværk)"
    assert rows["=SUM(A1)"][3] == "skjult (så en lille enhed ikke kan regnes ud)"
    # Totals add up in the client as well.
    with open(csv_dir / "Eksporttest_oversigt-Oversigt.csv", encoding="utf-8", newline="") as f:
        total = next(r for r in csv.reader(f) if r and r[0] == "Kommunen i alt")
    assert total[-1] == "800000"
