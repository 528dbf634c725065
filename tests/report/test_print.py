"""The workbooks on paper (issue 13): LibreOffice prints every workbook of the bundled example.

One soffice call converts the overview and the 13 center workbooks of `sygefravaer run
examples/eksempelkommune/scenario.toml` to PDF; poppler's pdfinfo and pdftotext read the pages
back: A4 landscape, the center named on every page of its workbook, every word at least 7 pt,
and the number of pages of each file; the same for the English overview and one center's
workbook (`--lang en`, one more soffice call). Fonts: the workbooks use Calibri; LibreOffice
prints with its metric twin Carlito (Debian fonts-crosextra-carlito), which `.ci/run` installs with
LibreOffice and poppler-utils. Without one of them the test is skipped, saying which.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

ROOT = Path(__file__).parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


def _carlito() -> bool:
    fc = shutil.which("fc-match")
    if fc is None:
        return False
    out = subprocess.run([fc, "Calibri"], capture_output=True, text=True).stdout
    return "Carlito" in out


pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)"
    ),
    pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (.ci/run installs it)"),
    pytest.mark.skipif(
        not _carlito(), reason="Carlito (fonts-crosextra-carlito) is missing: page counts differ"
    ),
]

# Pages of each file: a center's sheets 'Sektorer', 'Sektorer pr. år' and 'Center og kommune'
# one page each, 'Forudsætninger' two; the overview's 'Sektorer' (13 centers x 4 years) eight.
# Each center's 'Forklaring' (issue 13, explain) adds the pages of its sectors' chains (58 rows
# for a unit under its target, 72 for one over it, with the cap and the largest remainder).
PAGES = {
    "Eksempelkommune_oversigt.pdf": 15,
    "Borgerservicecentret.pdf": 9,
    "Byrådscentret.pdf": 7,
    "Børne-_og_Ungerådgivningscentret_(BURC).pdf": 11,
    "Center_for_Ejendomme_og_Intern_Service_(CEIS).pdf": 11,
    "Driftsbyen.pdf": 9,
    "Fritids-_og_Kulturcentret.pdf": 13,
    "HR-Centret.pdf": 7,
    "Institutions-_og_Skolecentret.pdf": 14,
    "Jobcentret.pdf": 11,
    "Social-_og_Handicapcentret.pdf": 11,
    "Sundheds-_og_Omsorgscentret.pdf": 15,
    "Teknik-_og_Miljøcentret.pdf": 9,
    "Økonomi-_og_Digitaliseringscentret.pdf": 9,
}
CENTER_PAGES = 5
# A4 landscape in points (297 x 210 mm).
A4 = (841.89, 595.28)
# pdftotext -bbox gives each word's box: from the font's descender to its ascender, about 1.18
# times the font size for Carlito (11 pt text unscaled gives 13.0 pt boxes). A word printed at
# 7 pt or more has a box of at least 7 x 1.18 = 8.26 pt; 8.1 allows for rounding.
MIN_BOX_PT = 8.1


def print_pdfs(books: list[Path], root: Path) -> dict[str, Path]:
    """The workbooks printed to PDF by LibreOffice in one call (its own profile under `root`),
    by file name."""
    pdf = root / "pdf"
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(pdf), *map(str, books)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return {p.name: p for p in pdf.glob("*.pdf")}


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict:
    """The example's workbooks printed to PDF: file name -> path, and "centers": each center
    workbook's file stem -> the center's name."""
    root = tmp_path_factory.mktemp("print")
    out = root / "out"
    r = CliRunner().invoke(
        app,
        ["run", str(ROOT / "examples" / "eksempelkommune" / "scenario.toml"), "--out", str(out)]
        + ["--quiet"],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert r.exit_code == 0, r.output
    books = sorted(out.rglob("*.xlsx"))
    assert len(books) == 14
    files = print_pdfs(books, root)
    assert len(files) == len(books)
    # Each center workbook's title line starts with the center's name.
    files["centers"] = {
        b.stem: openpyxl.load_workbook(b, read_only=True)["Sektorer"]["A1"].value.split(" – ")[0]
        for b in books
        if b.parent.name == "centre"
    }
    return files


def pdfs(printed: dict) -> dict[str, Path]:
    return {k: v for k, v in printed.items() if k != "centers"}


def pages(path: Path) -> list[str]:
    """Each page's words with their boxes (pdftotext -bbox), one string per page."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return xml.split("<page ")[1:]


def page_size(page: str) -> tuple[float, float]:
    m = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
    assert m, page[:80]
    return float(m.group(1)), float(m.group(2))


def words(page: str) -> list[tuple[float, str]]:
    """(box height, word) of every word on the page."""
    pattern = r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<'
    return [(float(b) - float(a), w) for a, b, w in re.findall(pattern, page)]


def test_every_page_is_a4_landscape_with_text_at_least_7_pt(printed):
    for name, path in pdfs(printed).items():
        for i, page in enumerate(pages(path), 1):
            w, h = page_size(page)
            assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1, (name, i, w, h)
            small = [(round(b, 2), t) for b, t in words(page) if b < MIN_BOX_PT]
            assert not small, (name, i, small[:5])


def test_page_counts(printed):
    counts = {name: len(pages(path)) for name, path in pdfs(printed).items()}
    expected = {name: PAGES.get(name, CENTER_PAGES) for name in pdfs(printed)}
    assert counts == expected


def test_every_page_names_the_municipality_date_and_page(printed):
    for name, path in pdfs(printed).items():
        all_pages = pages(path)
        for i, page in enumerate(all_pages, 1):
            text = " ".join(t for _, t in words(page))
            assert "Eksempelkommune" in text and "14.11.2023" in text, (name, i)
            assert f"Side {i} af {len(all_pages)}" in text, (name, i)


def test_the_center_is_named_on_every_page_of_its_workbook(printed):
    centers = printed["centers"]
    assert len(centers) == 13
    for name, path in pdfs(printed).items():
        if name == "Eksempelkommune_oversigt.pdf":
            continue
        center = centers[path.stem]
        for i, page in enumerate(pages(path), 1):
            text = " ".join(t for _, t in words(page))
            assert center in text, (name, i, center)


# English (--lang en): the overview and one center workbook, in one more soffice call.
EN_CENTER = "HR-Centret"
# The English 'Sectors' sheet is narrower (prints at 80 % against 71 %), so fewer of its rows fit
# on a page: ten pages where the Danish has eight.
EN_PAGES = {
    "Eksempelkommune_oversigt.pdf": 17,
    f"{EN_CENTER}.pdf": 7,
}  # as the Danish: 5 + 2 of Explanation


@pytest.fixture(scope="module")
def printed_en(tmp_path_factory) -> dict[str, Path]:
    """The example's English overview and one center's workbook printed to PDF."""
    root = tmp_path_factory.mktemp("print_en")
    out = root / "out"
    r = CliRunner().invoke(
        app,
        ["run", str(ROOT / "examples" / "eksempelkommune" / "scenario.toml"), "--out", str(out)]
        + ["--quiet", "--lang", "en"],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert r.exit_code == 0, r.output
    books = [out / "Eksempelkommune_oversigt.xlsx", out / "centre" / f"{EN_CENTER}.xlsx"]
    return print_pdfs(books, root)


def test_english_pages_are_a4_landscape_with_text_at_least_7_pt(printed_en):
    assert {name: len(pages(path)) for name, path in printed_en.items()} == EN_PAGES
    for name, path in printed_en.items():
        all_pages = pages(path)
        for i, page in enumerate(all_pages, 1):
            w, h = page_size(page)
            assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1, (name, i, w, h)
            small = [(round(b, 2), t) for b, t in words(page) if b < MIN_BOX_PT]
            assert not small, (name, i, small[:5])
            text = " ".join(t for _, t in words(page))
            assert "Eksempelkommune" in text and "2023-11-14" in text, (name, i)
            assert f"Page {i} of {len(all_pages)}" in text, (name, i)
            assert name == "Eksempelkommune_oversigt.pdf" or EN_CENTER in text, (name, i)
