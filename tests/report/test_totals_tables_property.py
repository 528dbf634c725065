"""Every printed total adds up, over random scenarios (issue 13, domain.md 4.4).

The rich tables of targets, status, allocate (each model) and compare, at sector and center
level, are printed by the CLI at 200 columns and read back (tests/rendered_tables.py). Each row
is matched with the JSON document of the same command: names exactly as written (markup,
a formula-looking name, emoji), every figure the JSON's exact figure rounded as shown, each
center row's summed columns the sum of its sector rows and the total row the sum of the
center rows (within the rounding of the shown figures), and each status readable from the
shown days per fte against the shown target.
"""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_scenarios import MODELS, scenarios, write
from rendered_tables import Part, amount, in_thousands, parts
from typer.testing import CliRunner

import sygefravaer
from sygefravaer.cli import app
from sygefravaer.errors import InputError
from sygefravaer.report.tables import LABELS

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
L = LABELS["da"]
STATUS_WORDS = {L["green"]: "green", L["red"]: "red", L["at_target"]: "green"}
RUNNER = CliRunner()


def printed(*args: str) -> list[Part]:
    """The tables a command prints at 200 columns (stdout only: warnings go to stderr)."""
    r = RUNNER.invoke(app, [*args, "--width", "200"])
    assert r.exit_code == 0, r.output
    return parts(r.stdout)


def decimals(cell: str) -> int:
    """How many decimals a printed figure shows ('12,34' -> 2, '1.234 kr.' -> 0)."""
    s = cell.removesuffix(" kr.")
    return len(s.rsplit(",", 1)[1]) if "," in s else 0


def as_shown(exact, cell: str, thousands: bool = False) -> Decimal:
    """The JSON's exact figure rounded the way `cell` shows it: with the cell's decimals, or
    for an amount in a table in 1.000 kr. to whole thousands, half away from zero."""
    if thousands and cell != "–":
        return (Decimal(exact) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Decimal(f"{float(exact):.{decimals(cell)}f}")


def check_figure(cell: str, exact, thousands: bool = False) -> None:
    """A printed figure is the JSON's figure as shown ('–' for none)."""
    if exact is None:
        assert cell == "–"
        return
    assert amount(cell) == as_shown(exact, cell, thousands), (cell, exact)


def check_adds_up(total: str, parts_: list[str], exact: bool = False) -> None:
    """A shown total against the sum of its shown parts. Whole kroner are shown exactly, so
    there the total is the sum to the krone (`exact`). Otherwise each shown figure is off its
    exact value by at most half its last shown unit and the exact total is the exact sum of
    the parts, so the shown total may differ from the sum of the n shown parts by at most
    (n + 1) half units (n for the parts, one for the total itself)."""
    slack = 0 if exact else (len(parts_) + 1) * Decimal(1).scaleb(-decimals(total)) / 2
    assert abs(amount(total) - sum(amount(p) for p in parts_)) <= slack, (total, parts_)


def grouped(part: Part, centers: list[str]) -> list[tuple[str, str | None, list[str]]]:
    """(center, sector or None, cells) per printed row; the total row has center ''."""
    out, current = [], None
    for row in part.rows:
        name = row[0]
        if name == L["total"]:
            out.append(("", None, row))
        elif name in centers:
            current = name
            out.append((name, None, row))
        else:
            out.append((current, name, row))
    return out


def expected_rows(doc: dict) -> list[tuple[str, str | None]]:
    """The rows a grouped table prints, in order: each center, then its sectors (at sector
    level); the total."""
    rows = []
    for c in doc["centers"]:
        rows.append((c["center"], None))
        if doc["level"] == "sector":
            rows += [(c["center"], u["sector"]) for u in doc["units"] if u["center"] == c["center"]]
    return [*rows, ("", None)]


def json_rows(doc: dict) -> dict[tuple[str, str | None], dict]:
    """The JSON row of each printed row, by (center, sector or None); the total is ('', None)."""
    out = {(c["center"], None): c for c in doc["centers"]} | {("", None): doc["municipality"]}
    if doc["level"] == "sector":
        out |= {(u["center"], u["sector"]): u for u in doc["units"]}
    return out


def check_grouped(part: Part, doc: dict, columns: dict[str, str]) -> list:
    """A status or allocation table against its JSON: names in order, each figure as shown,
    center rows = their sectors' sums and the total = the centers' sums (shown figures);
    the rows read back."""
    thousands = in_thousands(part)
    centers = [c["center"] for c in doc["centers"]]
    rows = grouped(part, centers)
    assert [(c, s) for c, s, _ in rows] == expected_rows(doc)
    by_key = json_rows(doc)
    for header, key in columns.items():
        i = part.headers.index(header)
        money_col = key not in ("fte", "excess_days") and not _days_weight(doc, key)
        for c, s, cells in rows:
            check_figure(cells[i], by_key[(c, s)][key], thousands and money_col)
        exact = isinstance(doc["municipality"][key], int) and not thousands
        if doc["level"] == "sector":
            for c in centers:
                sectors = [x[i] for cc, s, x in rows if cc == c and s]
                check_adds_up(_cell(rows, c, None, i), sectors, exact)
        check_adds_up(_cell(rows, "", None, i), [_cell(rows, c, None, i) for c in centers], exact)
    return rows


def _days_weight(doc: dict, key: str) -> bool:
    """The weight column holds days (over-target by excess days), not kroner."""
    return key == "weight" and doc.get("weight") == "days" and doc["model"] == "over-target"


def _cell(rows, center: str, sector: str | None, i: int) -> str:
    return next(cells[i] for c, s, cells in rows if (c, s) == (center, sector))


def check_status_readable(part: Part, doc: dict) -> None:
    """Each status as printed follows from the printed days per fte and target (4.4): red
    above it, green at or below it, 'på måltal' equal to it."""
    di, ti, si = (part.headers.index(L[k]) for k in ("days_per_fte", "target", "status"))
    for row in part.rows:
        if row[di] == "–":
            continue
        days, target, word = amount(row[di]), amount(row[ti]), row[si].removeprefix("● ")
        assert decimals(row[di]) >= 2, row
        if word == L["red"]:
            assert days > target, row
        elif word == L["at_target"]:
            assert days == target, row
        else:
            assert word == L["green"] and days <= target, row


STATUS_COLUMNS = {L[k]: k for k in ("fte", "days_per_fte", "target", "gap")}
STATUS_COLUMNS |= {L[k]: k for k in ("excess_days", "potential", "cost")}


def check_status_table(scenario: Path, project, year: int) -> None:
    doc = project.status(year=year).to_dict()
    [part] = printed("status", str(scenario), "--year", str(year))
    summed = {h: k for h, k in STATUS_COLUMNS.items() if k not in ("days_per_fte", "target", "gap")}
    rows = check_grouped(part, doc, summed)
    by_key = json_rows(doc)
    for c, s, cells in rows:
        r = by_key[(c, s)]
        for header in (L["days_per_fte"], L["target"], L["gap"]):
            check_figure(cells[part.headers.index(header)], r[STATUS_COLUMNS[header]])
        word = cells[part.headers.index(L["status"])].removeprefix("● ")
        assert STATUS_WORDS[word] == r["status"], (c, s, word)
        assert (word == L["at_target"]) == r["at_target"], (c, s, word)
    check_status_readable(part, doc)


def check_allocation_table(scenario: Path, project, year: int, model: str) -> None:
    args = ("allocate", str(scenario), "--year", str(year), "--model", model)
    try:
        doc = project.allocate(year, model=model).to_dict()
    except InputError:  # the model cannot allocate: the CLI refuses it too
        assert RUNNER.invoke(app, list(args)).exit_code == 2
        return
    [part] = printed(*args)
    columns = {L["weight"]: "weight", L["prior"]: "prior_reduction"}
    rows = check_grouped(part, doc, columns | {f"{L['reduction']} {year}": "reduction"})
    # one column per year's increment: the units' are in the JSON, a center's is the sum of
    # its units' (whole kroner, exact) and the total is the year's distributed increment
    thousands = in_thousands(part)
    units = {(u["center"], u.get("sector")): u for u in doc["units"]}
    for y in doc["increments"]:
        i = part.headers.index(f"{L['increment']} {y}")
        for c, s, cells in rows:
            if (c, s) in units and (s is not None or doc["level"] == "center"):
                check_figure(cells[i], units[(c, s)]["increments"][y], thousands)
        if doc["level"] == "sector":
            for c in {c for c, _, _ in rows if c}:
                sectors = [x[i] for cc, s, x in rows if cc == c and s]
                check_adds_up(_cell(rows, c, None, i), sectors, not thousands)
        centers = [cells[i] for c, s, cells in rows if c and s is None]
        check_adds_up(_cell(rows, "", None, i), centers, not thousands)
        check_figure(_cell(rows, "", None, i), doc["increments"][y], thousands)
    for c, s, cells in rows:
        if (c, s) in units or (doc["level"] == "sector" and s is not None):
            word = cells[part.headers.index(L["status"])].removeprefix("● ")
            assert STATUS_WORDS[word] == units[(c, s)]["status"], (c, s, word)


def check_compare_table(scenario: Path, project, year: int) -> None:
    cmp = project.compare(year).to_dict()
    [part, *_] = printed("compare", str(scenario), "--year", str(year))
    thousands = in_thousands(part)
    ok = {m: d for m, d in cmp["models"].items() if "error" not in d}
    by = {m: {c["center"]: c["reduction"] for c in d["centers"]} for m, d in ok.items()}
    centers = sorted({c for d in by.values() for c in d})
    assert [r[0] for r in part.rows] == [*centers, L["total"]]
    label = {m: h for m in cmp["models"] for h in part.headers[1:] if _is_model(h, m)}
    for m, h in label.items():
        i = part.headers.index(h)
        cells = [r[i] for r in part.rows]
        if m not in ok:
            assert cells == ["–"] * len(centers) + [L["cannot"]]
            continue
        for c, cell in zip(centers, cells, strict=False):
            check_figure(cell, by[m].get(c, 0), thousands)
        check_figure(cells[-1], ok[m]["municipality"]["reduction"], thousands)
        check_adds_up(cells[-1], cells[:-1], not thousands)
    check_differences(part, cmp, by, centers)


def check_differences(part: Part, cmp: dict, by: dict, centers: list[str]) -> None:
    """Each difference column: what a center pays under a model beyond the chosen one, and a
    total row that is the sum of the centers'."""
    from sygefravaer.core import models

    thousands = in_thousands(part)
    chosen = models.get(cmp["chosen"]).label("da")
    for m in by:
        h = f"{models.get(m).label('da')} − {chosen}"
        if m == cmp["chosen"] or cmp["chosen"] not in by or h not in part.headers:
            continue
        cells = [r[part.headers.index(h)] for r in part.rows]
        for c, cell in zip(centers, cells, strict=False):
            check_figure(cell, by[m].get(c, 0) - by[cmp["chosen"]].get(c, 0), thousands)
        check_adds_up(cells[-1], cells[:-1], not thousands)


def _is_model(header: str, model: str) -> bool:
    """The model's own column (not a difference column)."""
    from sygefravaer.core import models

    name = models.get(model).label("da")
    return header.startswith(name) and "−" not in header


def check_targets_table(scenario: Path, project) -> None:
    doc = project.targets().to_dict()
    [part] = printed("targets", str(scenario))
    years = [str(y) for y in doc["years"]]
    centers = {c["center"]: c for c in doc["centers"]}
    rows = grouped(part, list(centers))
    expected = []
    for c in centers:
        expected += [(c, None), *[(c, u["sector"]) for u in doc["units"] if u["center"] == c]]
    assert [(c, s) for c, s, _ in rows] == [*expected, ("", None)]
    units = {(u["center"], u["sector"]): u for u in doc["units"]}
    for c, s, cells in rows:
        r = units[(c, s)] if s is not None else centers.get(c, doc["municipality"])
        for y in years:
            check_figure(cells[part.headers.index(y)], r["targets"][y])
        if s is not None:
            check_figure(cells[1], r["benchmarks"][years[0]])


@SETTINGS
@given(plan=scenarios(), year=st.sampled_from([2014, 2015, 2016]))
def test_every_printed_total_adds_up(plan, year) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for level in ("sector", "center"):
            scenario = write(plan, Path(tmp) / level, level)
            project = sygefravaer.load(scenario)
            if level == "sector":
                check_targets_table(scenario, project)
            check_status_table(scenario, project, year)
            for model in MODELS:
                check_allocation_table(scenario, project, year, model)
            check_compare_table(scenario, project, year)
