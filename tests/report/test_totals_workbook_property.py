"""Every workbook total adds up and every status reads from the shown numbers, over random
scenarios (issue 13, domain.md 4.4).

`run --out` (the overview and every center's workbook) and `allocate --output` are written by
the CLI and read back with openpyxl. In every sheet with a table: each total row ('I alt',
'Kommunen i alt', '<center> i alt') holds in every summed column the sum of the rows it
totals (the stored values: exact for whole kroner, math.fsum for floats, the way core sums
them, within the 16 digits openpyxl stores a float with); each status cell follows from the
days per fte and the target as their number formats show them (red: shown days above the
shown target, green: at or below, 'på måltal': equal);
every center and sector name is stored unchanged as text, and no cell is a formula.
"""

from __future__ import annotations

import math
import re
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from json_totals import FEW_EXAMPLES
from random_scenarios import scenarios, write
from typer.testing import CliRunner

from sygefravaer.cli import app

SETTINGS = FEW_EXAMPLES
RUNNER = CliRunner()
# Sheets without a table of units: settings, and the step-by-step explanation.
NOT_TABLES = {"Forudsætninger", "Forklaring"}
# Columns that are rates or per-row facts (domain.md 4.4: rates are ratios of the sums), and
# the name and key columns: never summed.
RATES = ("fravær", "måltal", "landsgennemsnit", "afvigelse", "dagsværdi", "loft", "centrets")
RATES += ("kommunens",)
KEYS = {"center", "sektor", "periode", "niveau", "år", "måltalsår", "status"}
# Columns a total row must fill wherever the rows above hold a figure (the complaint:
# a blank weight total, a potential computed on the aggregate).
REQUIRED = ("effektiviserings", "vægt", "andel", "tidligere", "stigning", "reduktion", "dage over")
YEAR_HEADERS = ("År", "Måltalsår")
STATUS = {"rød": "red", "grøn": "green", "på måltal": "at_target"}


def is_total(row: list) -> bool:
    """A total row: its label is 'I alt', 'Kommunen i alt' or '<center> i alt'."""
    return any(isinstance(c.value, str) and re.fullmatch(r"(.+ )?[Ii] alt", c.value) for c in row)


def table(ws) -> tuple[list[str], list[list]] | None:
    """A sheet's header labels and table rows (up to the notes under it); None without one."""
    rows = list(ws.iter_rows())
    head = next((i for i, r in enumerate(rows) if sum(c.value is not None for c in r) > 1), None)
    if head is None:
        return None
    headers = [c.value or "" for c in rows[head]]
    body = []
    for r in rows[head + 1 :]:
        if sum(c.value is not None for c in r) <= 1:  # a note (or a blank row) ends the table
            break
        body.append(list(r))
    return headers, body


def summed(header: str) -> bool:
    """A column whose total is the sum of the rows above (fte, days, money, weights)."""
    h = header.lower()
    return h not in KEYS and not h.startswith(RATES)


def check_totals(ws) -> int:
    """Each total row = the sum of the rows it totals; the number of totals checked."""
    found = table(ws)
    if found is None:
        return 0
    headers, body = found
    year = next((headers.index(h) for h in YEAR_HEADERS if h in headers), None)
    checked, start = 0, 0
    for n, row in enumerate(body):
        if not is_total(row):
            continue
        if year is not None:  # totals per year (the models sheet): that year's rows
            parts = [r for r in body if not is_total(r) and r[year].value == row[year].value]
        else:  # the rows since the previous total
            parts = [r for r in body[start:n] if not is_total(r)]
        start = n + 1
        for i, h in enumerate(headers):
            if summed(h) and i != year:
                checked += check_sum(ws.title, h, row[i].value, [r[i].value for r in parts])
    return checked


def check_sum(sheet: str, header: str, total, parts: list) -> int:
    """A total cell against its parts: ints summed exactly, floats with math.fsum."""
    figures = [p for p in parts if isinstance(p, int | float)]
    where = (sheet, header, total, parts)
    if not isinstance(total, int | float):
        # a text total ('kan ikke fordele') stands for a model with no figures at all
        assert not figures or not header.lower().startswith(REQUIRED), where
        return 0
    if not figures:  # at center level a center's allocation has no sector parts to add up
        return 0
    if all(isinstance(p, int) for p in figures) and isinstance(total, int):
        assert total == sum(figures), where
    else:
        # openpyxl stores a float with 16 significant digits ("%.16g"), so each stored figure
        # is off core's float by at most half a unit in its 16th digit; core's total is the
        # math.fsum of its floats, so the stored total and the fsum of the stored parts may
        # differ by (n + 1) such half units of the largest figure
        slack = (len(figures) + 1) * 0.5e-15 * max(map(abs, [total, *figures]))
        assert abs(total - math.fsum(figures)) <= slack, where
    return 1


def shown(cell) -> Decimal:
    """A number as its cell's number format shows it ('0.00': two decimals, half up)."""
    fmt = cell.number_format.split(";")[0]
    places = len(re.match(r"0*", fmt.split(".")[1]).group()) if "." in fmt else 0
    return Decimal(repr(cell.value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def column(headers: list[str], pattern: str) -> int:
    """The one column whose header (lower case) is `pattern`."""
    [i] = [i for i, h in enumerate(headers) if re.fullmatch(pattern, h.lower())]
    return i


def check_statuses(ws) -> int:
    """Every status cell follows from the days per fte and target as shown beside it."""
    found = table(ws)
    if found is None:
        return 0
    headers, body = found
    checked = 0
    for si, h in enumerate(headers):
        if not h.lower().endswith("status"):
            continue
        prefix = h[: -len("status")].lower()
        days = column(headers, rf"{prefix}fravær( .*)?")
        target = column(headers, rf"{prefix}måltal( \d+)?")
        for row in body:
            if row[si].value is None or not isinstance(row[days].value, int | float):
                continue
            d, t, word = shown(row[days]), shown(row[target]), STATUS[row[si].value]
            where = (ws.title, h, [c.value for c in row])
            assert d.as_tuple().exponent <= -2, where  # days per fte: at least two decimals
            assert (d > t) if word == "red" else (d == t) if word == "at_target" else (d <= t), (
                where
            )
            checked += 1
    return checked


def check_cells(ws, names: set[str]) -> set[str]:
    """No formula anywhere; every name stored as text; the names seen."""
    seen = set()
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", (ws.title, c.coordinate, c.value)
            if c.value in names:
                assert c.data_type == "s", (ws.title, c.coordinate)
                seen.add(c.value)
    return seen


def check_book(path: Path, names: set[str]) -> tuple[set[str], int, int]:
    """Every sheet of a workbook: totals, statuses, cells; the names seen and the counts."""
    seen, totals, statuses = set(), 0, 0
    for ws in openpyxl.load_workbook(path):
        seen |= check_cells(ws, names)
        if ws.title not in NOT_TABLES:
            totals += check_totals(ws)
            statuses += check_statuses(ws)
    return seen, totals, statuses


@SETTINGS
@given(
    plan=scenarios(),
    year=st.sampled_from([2014, 2015, 2016]),
    level=st.sampled_from(["sector", "center"]),
)
def test_every_workbook_total_adds_up(plan, year, level) -> None:
    centers = {c for c, *_ in plan.units}
    sectors = {s for _, s, *_ in plan.units}
    with tempfile.TemporaryDirectory() as tmp:
        scenario = write(plan, Path(tmp) / "data", level)
        out = Path(tmp) / "out"
        r = RUNNER.invoke(app, ["run", str(scenario), "--out", str(out), "--quiet"])
        if r.exit_code == 2:  # a year the model cannot allocate: refused, nothing written
            assert not list(out.rglob("*.xlsx")) if out.exists() else True
            return
        assert r.exit_code == 0, r.output
        overview = [p for p in out.glob("*.xlsx")]
        assert len(overview) == 1
        seen, totals, statuses = check_book(overview[0], centers | sectors)
        assert seen == centers | sectors
        assert totals and statuses
        books = sorted((out / "centre").glob("*.xlsx"))
        assert len(books) == len(centers)
        for book in books:
            own = {s for c, s, *_ in plan.units if c == book_center(book, centers)}
            seen, totals, _ = check_book(book, centers | sectors)
            assert own <= seen and totals, (book.name, own - seen)
        alloc = Path(tmp) / "fordeling.xlsx"
        args = ["allocate", str(scenario), "--year", str(year), "--output", str(alloc)]
        r = RUNNER.invoke(app, args)
        assert r.exit_code == 0, r.output
        seen, totals, statuses = check_book(alloc, centers | sectors)
        # at center level the allocation workbook's units are the centers
        assert seen == (centers | sectors if level == "sector" else centers)
        assert totals and statuses


def book_center(path: Path, centers: set[str]) -> str:
    """The center a center workbook is for, from its first sheet's title 'C – ...'."""
    title = openpyxl.load_workbook(path).worksheets[0]["A1"].value
    [center] = [c for c in centers if title.startswith(f"{c} – ")]
    return center
