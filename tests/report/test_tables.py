"""The rich tables' number forms and labels, and a table's total row worked out by hand.

Fixture tests/data/export/ (see test_workbook.py): 2015's cumulative reduction is 800.000 kr.,
of which 300.000 kr. is 2015's increment; the prior reduction is 100.000 kr. on Hjemmepleje.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rich.console import Console

import sygefravaer
from sygefravaer.report.tables import allocation_table, dot, kr, number, status_table

HERE = Path(__file__).parents[1] / "data" / "export"


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
