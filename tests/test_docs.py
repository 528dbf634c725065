"""The docs hold: docs/api.md is a session that runs (its Python blocks are executed in order, in
one namespace, from the repository's root; their asserts are the figures the README and the seeds
give), docs/regler.md quotes the tool's own figures, every relative link resolves inside the
repository, and docs/oversigt.png is made by docs/make_oversigt.py in Danish number forms."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

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


# --- docs/regler.md: the worked example's figures are the tool's (issue 13) ----------------------

SCENARIO = str(ROOT / "examples" / "eksempelkommune" / "scenario.toml")
CENTER, SECTOR = "Sundheds- og Omsorgscentret", "Hjemmeplejen"
EXAMPLE = re.compile(r"<!-- worked-example.*?-->(.*?)<!-- /worked-example -->", re.S)
ROW = re.compile(r"^\| (?P<step>[^|]+) \| (?P<figure>[^|]+) \| `(?P<key>[^`]+)` \|$", re.M)
DANISH_NUMBER = re.compile(r"−?\d{1,3}(?:\.\d{3})+(?:,\d+)?|−?\d+,\d+")


def _json(*args: str) -> dict:
    r = CliRunner().invoke(app, [*args, SCENARIO, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _unit(doc: dict, sector: str = SECTOR) -> dict:
    return next(u for u in doc["units"] if u["center"] == CENTER and u["sector"] == sector)


def _tool_figures() -> dict:
    """Every key of the worked example's table and the tool's figure for it."""
    t, s, a = (
        _json("targets"),
        _json("status", "--year", "2014"),
        _json("allocate", "--year", "2014"),
    )
    tu, su, au = _unit(t), _unit(s), _unit(a)
    center = next(c for c in a["centers"] if c["center"] == CENTER)
    weights = {(u["center"], u["sector"]): Fraction(u["weight"]) for u in a["units"]}
    total = a["total"]
    exact = {k: total * w / sum(weights.values()) for k, w in weights.items() if w > 0}
    floors = {k: math.floor(v) for k, v in exact.items()}
    ranked = sorted(exact, key=lambda k: exact[k] - floors[k], reverse=True)
    me = (CENTER, SECTOR)
    a_level, b = su["days_per_fte"], tu["benchmark"]
    mun = s["municipality"]
    fte_target = sum(u["fte"] * u["target"] for u in s["units"]) / sum(u["fte"] for u in s["units"])
    out = {
        "status 2014: count of units": len(s["units"]),
        "targets: fte-weighted mean of units' 2014 targets": fte_target,
        "targets: unit.benchmark": b,
        "targets: unit.days_per_fte − unit.benchmark": a_level - b,
        "targets: (A − B) / 4": (a_level - b) / 4,
        "targets: A − (A − B) / 4": a_level - (a_level - b) / 4,
        "scenario: working_days": 227,
        "allocate 2014: count of units with status red": sum(
            u["status"] == "red" for u in a["units"]
        ),
        "allocate 2014: municipality.weight": a["municipality"]["weight"],
        "allocate 2014: total": total,
        "allocate 2014: total · weight / sum of weights": float(exact[me]),
        "allocate 2014: floor of the exact share": floors[me],
        "allocate 2014: total − sum of floors": total - sum(floors.values()),
        "allocate 2014: exact share − floor": float(exact[me] - floors[me]),
        "allocate 2014: rank among the remainders": ranked.index(me) + 1,
        "allocate 2014: Plejecentre.prior_reduction": _unit(a, "Plejecentre")["prior_reduction"],
        "allocate 2014: increment": a["increment"],
    }
    for year, value in t["municipality"]["targets"].items():
        out[f"targets: municipality.targets.{year}"] = value
    for year, value in tu["targets"].items():
        out[f"targets: unit.targets.{year}"] = value
    for key in ("sick_days", "fte", "days_per_fte", "potential"):
        out[f"status 2014: municipality.{key}"] = mun[key]
    for key in ("sick_days", "fte", "days_per_fte", "status", "gap", "excess_days", "payroll"):
        out[f"status 2014: unit.{key}"] = su[key]
    for key in ("day_cost", "potential"):
        out[f"status 2014: unit.{key}"] = su[key]
    for key in ("weight", "share", "prior_reduction", "increment", "reduction"):
        out[f"allocate 2014: unit.{key}"] = au[key]
    for key in ("increment", "prior_reduction", "reduction"):
        out[f"allocate 2014: center.{key}"] = center[key]
    # the total row is the sum of the rows above it (issue 13): the weights the shares use
    assert math.isclose(a["municipality"]["weight"], float(sum(weights.values())), rel_tol=1e-15)
    return out


def danish_figure(text: str) -> tuple[Decimal, int]:
    """A figure as the docs write it (1.674,01, −28.309) and its number of decimals."""
    plain = text.replace(".", "").replace(",", ".").replace("−", "-")
    decimals = len(plain.partition(".")[2])
    return Decimal(plain), decimals


def _shown(value, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _worked_example() -> str:
    m = EXAMPLE.search((ROOT / "docs" / "regler.md").read_text(encoding="utf-8"))
    assert m, "docs/regler.md has no worked-example section"
    return m.group(1)


def test_the_worked_example_figures_are_the_tools():
    rows = ROW.findall(_worked_example())
    assert len(rows) >= 40
    tool = _tool_figures()
    wrong = []
    for step, figure, key in rows:
        assert key in tool, f"no tool figure for {key!r} ({step})"
        value = tool[key]
        if isinstance(value, str):
            ok = figure == {"red": "red", "green": "green"}[value]
        else:
            number, decimals = danish_figure(figure)
            ok = _shown(value, decimals) == number
        if not ok:
            wrong.append((step, figure, value))
    assert wrong == []


def test_every_figure_in_the_worked_example_text_is_in_its_table():
    """The prose quotes only checked figures (a krone back is the table's negative increment)."""
    text = _worked_example()
    figures = [f for _, f, _ in ROW.findall(text) if DANISH_NUMBER.fullmatch(f) or f.isdigit()]
    table = {danish_figure(f)[0].copy_abs() for f in figures}
    prose = ROW.sub("", text)
    loose = [n for n in DANISH_NUMBER.findall(prose) if danish_figure(n)[0].copy_abs() not in table]
    assert loose == []


def test_the_figure_reader():
    assert danish_figure("1.674,01") == (Decimal("1674.01"), 2)
    assert danish_figure("−28.309") == (Decimal("-28309"), 0)
    assert _shown(13.3694834236494, 2) == Decimal("13.37")
    assert _shown(17.95, 1) == Decimal("18.0")  # half up on the decimal as written


# --- relative links resolve inside the repository ------------------------------------------------

LINK = re.compile(r"\]\(([^)\s]+)\)")


def _docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def relative_links(text: str) -> list[str]:
    """The targets of a Markdown text's links that are not web addresses or anchors."""
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:|#", t)]


@pytest.mark.parametrize("doc", _docs(), ids=lambda p: p.name)
def test_relative_links_resolve_inside_the_repository(doc):
    for target in relative_links(doc.read_text(encoding="utf-8")):
        path = (doc.parent / target.partition("#")[0]).resolve()
        assert path.is_relative_to(ROOT.resolve()), f"{doc.name}: {target} leaves the repository"
        assert path.exists(), f"{doc.name}: {target} does not exist"


def test_the_readme_links_the_rules():
    links = relative_links((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "docs/regler.md" in links and "docs/oversigt.png" in links


def test_the_link_reader():
    text = "[a](docs/x.md) [b](https://e.dk) [c](#top) ![d](docs/y.png) [e](../z.md#s)"
    assert relative_links(text) == ["docs/x.md", "docs/y.png", "../z.md#s"]


# --- docs/oversigt.png is made by docs/make_oversigt.py, in Danish number forms ------------------


def _make_oversigt():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_oversigt", ROOT / "docs" / "make_oversigt.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_oversigt_png_is_a_png():
    data = (ROOT / "docs" / "oversigt.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1000 and height > 400  # the overview table and its charts, readable


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="LibreOffice and poppler-utils are needed (apt-get install libreoffice-calc-nogui "
    "poppler-utils)",
)
def test_the_overview_is_rendered_in_danish_number_forms(tmp_path):
    make = _make_oversigt()
    pdf = make.overview_pdf(tmp_path)
    text = make.page_text(pdf)
    assert "1.337.741 kr." in text and "2.500.000 kr." in text and "9.400.000 kr." in text
    assert "4.273,7" in text and "11,9" in text
    assert re.findall(r"\d,\d{3}(?:,\d{3})* kr\.", text) == []  # no 1,337,741 kr.
    png = make.page_png(pdf, tmp_path / "oversigt.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_script_is_run_from_the_repository():
    """`python docs/make_oversigt.py --help` says what it does, without LibreOffice."""
    r = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_oversigt.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0 and "oversigt.png" in r.stdout
