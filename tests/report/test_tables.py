"""The rich tables' number forms and labels, and a table's total row worked out by hand.

Fixture tests/data/export/ (see test_workbook.py): 2015's cumulative reduction is 800.000 kr.,
of which 300.000 kr. is 2015's increment; the prior reduction is 100.000 kr. on Hjemmepleje.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from rendered_tables import amount, parts, printed
from rich.console import Console
from scenarios import BASIC, write_scenario

import sygefravaer
from sygefravaer.report.tables import (
    allocation_table,
    dot,
    kr,
    money,
    number,
    status_table,
    thousand_kr,
)

HERE = Path(__file__).parents[1] / "data" / "export"
ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
REVISION = ROOT / "examples" / "revision2018" / "scenario.toml"


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "shown"),
    [
        (1234.56, 1, "da", "1.234,6"),
        (1234.56, 1, "en", "1,234.6"),
        (12.9, 2, "da", "12,90"),
        (-0.05, 1, "da", "-0,1"),  # f-string rounding of the float -0.05
        (None, 1, "da", "–"),
        (math.nan, 1, "en", "–"),
    ],
)
def test_number(value, decimals, lang, shown):
    assert number(value, decimals, lang) == shown


def test_kr_and_dot():
    assert kr(1234567) == "1.234.567 kr."
    assert kr(1234567, "en") == "DKK 1,234,567"
    assert kr(0.5) == "0 kr."  # round half to even, as Python rounds
    assert kr(None) == "–"
    assert dot("green").plain == "● grøn" and dot("red", "en").plain == "● red"
    assert dot(None).plain == "–"


def render(table) -> str:
    console = Console(width=250, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def test_allocation_table_total_row():
    p = sygefravaer.load(HERE / "scenario.toml")
    text = render(allocation_table(p.allocate(2015), "Eksporttest"))
    total = next(line for line in text.splitlines() if "Kommunen i alt" in line)
    # prior 100.000, increments 2014 400.000 (500.000 - prior) and 2015 300.000, reduction 800.000
    cells = [c.strip() for c in total.split("│") if c.strip()]
    assert cells[-4:] == ["100.000 kr.", "400.000 kr.", "300.000 kr.", "800.000 kr."]


def test_status_table_lists_every_sector_under_its_center():
    p = sygefravaer.load(HERE / "scenario.toml")
    lines = render(status_table(p.status(2014), "Eksporttest")).splitlines()
    first = [line.split("│")[1].strip() for line in lines if line.count("│") > 2]
    units = [u for u in first if u not in ("Center / sektor",)]
    assert units == [
        "Omsorg",
        "=SUM(A1)",
        "Hjemmepleje",
        "Lille",
        "Teknik",
        "+Vej",
        "-Administration",
        "@Drift",
        "Kommunen i alt",
    ]


def test_thousands_are_rounded_half_away_from_zero_on_the_exact_amount():
    assert thousand_kr(1_234_567) == "1.235"
    assert thousand_kr(1_234_499, "en") == "1,234"
    assert thousand_kr(500) == "1" and thousand_kr(499) == "0"
    assert thousand_kr(-1_500) == "-2" and thousand_kr(-400) == "-0"  # a refund stays negative
    assert thousand_kr(10**20 + 500) == "100.000.000.000.000.001"  # exact beyond a float
    assert kr(10**20 + 1) == "100.000.000.000.000.000.001 kr."
    assert money(5_812_090) == "5.812.090 kr." and money(5_812_090, "da", True) == "5.812"


def test_a_unit_at_its_target_says_so_and_a_red_unit_never_looks_equal(tmp_path):
    """Basic fixture, status 2014 (absence 2013): Øst / T has 600 / 50 = 12 days against 12
    ("på måltal"); Nord / Q is given 670,23 / 50 = 13,4046 days against 13,4: red, and shown
    as 13,405 (13,40 would look equal to the target, domain.md 4.4)."""
    folder = tmp_path / "data"
    shutil.copytree(BASIC, folder)
    absence = (folder / "absence.csv").read_text()
    (folder / "absence.csv").write_text(absence.replace("Q,2013,50,700", "Q,2013,50,670.23"))
    targets = (folder / "targets.csv").read_text().replace("Nord,Q,2014,12", "Nord,Q,2014,13.4")
    (folder / "targets.csv").write_text(targets)
    p = sygefravaer.load(write_scenario(tmp_path, totals={2014: 1000}, folder=folder))
    found = parts(printed(status_table(p.status(2014), "Test", width=200), 200))
    rows = {r[0]: r for r in found[0].rows}
    assert rows["T"][1] == "● på måltal" and rows["T"][3:6] == ["12,00", "12,0", "0,00"]
    assert rows["Q"][1] == "● rød" and rows["Q"][3:6] == ["13,405", "13,4", "0,005"]
    assert rows["S"][1] == "● grøn" and rows["S"][3] == "10,00"  # 500 / 50, target 12
    en = parts(printed(status_table(p.status(2014), "Test", "en", width=200), 200))
    assert {r[0]: r for r in en[0].rows}["T"][1] == "● at target"
    allocated = parts(printed(allocation_table(p.allocate(2014), "Test", width=200), 200))
    assert {r[0]: r for r in allocated[0].rows}["T"][1] == "● på måltal"


@pytest.mark.parametrize("scenario", [EXAMPLE, REVISION])
def test_the_status_follows_from_the_shown_figures(scenario):
    """Every row: red exactly where the shown days per fte exceed the shown target."""
    p = sygefravaer.load(scenario)
    for year in p.scenario.targets.years if scenario == REVISION else (2014, 2015, 2016, 2017):
        for level in ("sector", "center"):
            found = parts(printed(status_table(p.status(year, level=level), "E", width=200), 200))
            for row in found[0].rows:
                days, target = amount(row[3]), amount(row[4])
                assert (row[1] == "● rød") == (days > target), row


def test_markup_emoji_and_formula_names_print_as_written():
    p = sygefravaer.load(HERE / "scenario.toml")
    res = p.status(2014)
    res.units["sector"] = res.units["sector"].replace(
        {"Lille": "Skole [bold]Syd", "-Administration": "[red]x[/red]", "+Vej": "Skole 🏫 :smile:"}
    )
    text = printed(status_table(res, "[b]Navn[/b]", width=80), 80)
    names = [r[0] for part in parts(text) for r in part.rows]
    for name in ("Skole [bold]Syd", "[red]x[/red]", "Skole 🏫 :smile:", "=SUM(A1)", "@Drift"):
        assert name in names
    assert "[b]Navn[/b]" in text and "😄" not in text


def test_allocation_table_says_at_target(tmp_path):
    """A unit exactly at its target reads "på måltal" in the allocation table too (issue 13):
    the basic fixture's Øst/T, 600/50 = 12.0 against its target 12.0 (tests/core/
    test_allocation_rows.py), takes its status from core's allocation_rows."""
    import io

    from rich.console import Console
    from scenarios import write_scenario

    import sygefravaer
    from sygefravaer.report.tables import allocation_table

    p = sygefravaer.load(write_scenario(tmp_path, totals={2014: 10_000}))
    con = Console(file=io.StringIO(), width=200)
    con.print(allocation_table(p.allocate(2014), p.name))
    row = next(line for line in con.file.getvalue().splitlines() if "  T " in line)
    assert "på måltal" in row
