"""`--lang en` writes English workbooks (issue 13): no Danish word is left in any sheet name,
cell, header, footer or chart title of `run` and `allocate --output` on the bundled example,
while the Danish workbooks (the default) still hold them. Names of centers and sectors are the
user's data and are left out of the check (they are printed as written)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import sygefravaer
from sygefravaer.cli import app
from sygefravaer.report.workbook import sha256

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
# Danish words of the workbooks' labels, notes and status texts, matched as whole words.
DANISH = [
    "Måltal",
    "måltal",
    "Sygedage",
    "Årsværk",
    "årsværk",
    "Reduktion",
    "reduktion",
    "Stigning",
    "i alt",
    "grøn",
    "rød",
    "på måltal",
    "Side",
    "af",
    "skjult",
    "Fravær",
    "fravær",
    "Kommunen",
    "Vægt",
    "Andel",
    "Loft",
    "Sektor",
    "Sektorer",
    "Forudsætninger",
    "Periode",
    "Afvigelse",
    "Dagsværdi",
    "Landsgennemsnit",
    "Tidligere",
    "pr.",
    "og",
    "ingen",
    "Oversigt",
    "Fordeling",
    "Modeller",
    "Centre",
    "dage",
]
_DANISH_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, DANISH)) + r")(?!\w)")


def _write(tmp_path: Path, lang: str) -> list[Path]:
    """The example's run (absence hidden under 40 fte, so 'skjult' appears) and its 2014
    allocation workbook, in `lang`."""
    out = tmp_path / lang
    runner = CliRunner()
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    args = ["run", str(EXAMPLE), "--out", str(out), "--min-fte", "40", "--quiet", "--lang", lang]
    r = runner.invoke(app, args, env=env)
    assert r.exit_code == 0, r.output
    alloc = out / "fordeling.xlsx"
    args = ["allocate", str(EXAMPLE), "--year", "2014", "--output", str(alloc), "--lang", lang]
    r = runner.invoke(app, [*args, "--json"], env=env)
    assert r.exit_code == 0, r.output
    return sorted(out.rglob("*.xlsx"))


def _names() -> list[str]:
    """The user's names: the scenario's, every center's and sector's, and KRL's staff groups
    (data, e.g. 'Kommuner i alt', named in the explanation's steps), longest first."""
    p = sygefravaer.load(EXAMPLE)
    units = p.inputs.units.data
    groups = p.inputs.national.data["staff_group"]
    names = {p.name, *units["center"], *units["sector"], *groups}
    return sorted(names, key=len, reverse=True)


def texts(path: Path) -> list[tuple[str, str]]:
    """(sheet, text) of every sheet name, text cell, page header and footer and chart text."""
    out = []
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        out.append((ws.title, ws.title))
        for row in ws.iter_rows(values_only=True):
            out += [(ws.title, v) for v in row if isinstance(v, str)]
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right):
            out.append((ws.title, part.text or ""))
        out.append((ws.title, ws.oddFooter.center.text or ""))
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/charts/"):
                xml = z.read(name).decode("utf-8")
                out += [(name, t) for t in re.findall(r"<a:t>([^<]*)</a:t>", xml)]
    return out


def danish_words(paths: list[Path]) -> dict[str, set[str]]:
    """file -> the Danish words found in its texts, the user's names taken out first."""
    names = _names()
    found: dict[str, set[str]] = {}
    for path in paths:
        for _, text in texts(path):
            for name in names:
                text = text.replace(name, " ")
            words = set(_DANISH_RE.findall(text))
            if words:
                found.setdefault(path.name, set()).update(words)
    return found


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, list[Path]]:
    tmp = tmp_path_factory.mktemp("lang")
    return {lang: _write(tmp, lang) for lang in ("da", "en")}


def test_english_workbooks_have_no_danish_word_left(books):
    assert len(books["en"]) == 15  # overview, 13 centers, the allocation
    assert danish_words(books["en"]) == {}


def test_english_workbooks_say_it_in_english(books):
    found = {t for p in books["en"] for _, t in texts(p)}
    for label in ("Target 2017", "Sick days", "Municipality total", "Page &P of &N"):
        assert label in found
    assert {"green", "red"} <= found
    assert any(t.startswith("hidden (< 40 FTE") for t in found)


def test_danish_workbooks_keep_their_words(books):
    found = danish_words(books["da"])
    assert len(found) == 15
    every = set().union(*found.values())
    for word in ("Måltal", "Sygedage", "Årsværk", "Stigning", "i alt", "grøn", "rød", "Side"):
        assert word in every
    assert "skjult" in every


def test_danish_is_the_default_of_the_api(tmp_path):
    p = sygefravaer.load(EXAMPLE)
    res = p.compute_run()
    default = p.write_run(res, tmp_path / "a", per_center=False).files
    danish = p.write_run(res, tmp_path / "b", per_center=False, lang="da").files
    english = p.write_run(res, tmp_path / "c", per_center=False, lang="en").files
    assert [sha256(f) for f in default] == [sha256(f) for f in danish]
    assert sha256(english[0]) != sha256(danish[0])


def test_the_explanation_sheet_follows_the_language(books):
    """Each center workbook explains its units (issue 13) in the workbook's language."""
    import openpyxl

    for lang, sheet in (("da", "Forklaring"), ("en", "Explanation")):
        centers = [p for p in books[lang] if p.parent.name == "centre"]
        assert centers
        for path in centers:
            assert sheet in openpyxl.load_workbook(path, read_only=True).sheetnames, path
