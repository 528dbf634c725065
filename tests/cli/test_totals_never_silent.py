"""Property (issue 9): a totals or subtotal row added anywhere in any table (absence, units,
targets), or a name in another Unicode form or with extra spaces, never changes a number
silently. A totals row gives exit 2 or the clean figures; a name's form gives the clean figures.

Built on tests/real_exports/clean (glide; `targets`, `status` and `allocate --json`) and on the
same tables with a targets file (rule "file") for the targets table.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sygefravaer.cli import app

CLEAN = Path(__file__).parents[1] / "real_exports" / "clean"
TARGETS = """Center;Sektor;År;Måltal
Ældre og Sundhed;Hjemmeplejen Øst;2014;15,0
Ældre og Sundhed;Plejecenter Åbo;2014;14,0
Børn og Unge;Skoler;2014;8,0
Ældre og Sundhed;Hjemmeplejen Øst;2015;14,0
Ældre og Sundhed;Plejecenter Åbo;2015;13,0
Børn og Unge;Skoler;2015;7,5
"""
FILE_RULE = """
[targets]
rule = "file"
file = "targets.csv"
years = [2014, 2015]
"""
COMMANDS = [
    ["targets", "{s}", "--json"],
    ["status", "{s}", "--year", "2014", "--json"],
    ["allocate", "{s}", "--year", "2015", "--json"],
]
# The text columns of each table (by position) and its numeric columns.
NAMES = {"absence.csv": [0, 1, 3], "units.csv": [0, 1], "targets.csv": [0, 1]}
NUMBERS = {"absence.csv": [4, 5], "units.csv": [2, 3, 4], "targets.csv": [3]}
LABELS = ["I alt", "Total", "Totalt", "Hovedtotal", "Subtotal", "Sum", "Samlet"]
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def folder(rule: str) -> Path:
    """A copy of the clean case; with rule "file" its scenario reads a targets file."""
    d = Path(tempfile.mkdtemp(prefix="totals_"))
    for f in CLEAN.iterdir():
        shutil.copy(f, d / f.name)
    if rule == "file":
        (d / "targets.csv").write_text(TARGETS, encoding="utf-8")
        scenario = (d / "scenario.toml").read_text(encoding="utf-8")
        head, _, tail = scenario.partition("[targets]")
        tail = tail[tail.index("[reduction]") :]
        (d / "scenario.toml").write_text(head + FILE_RULE + "\n" + tail, encoding="utf-8")
    return d


def outputs(d: Path) -> list[tuple[int, object]]:
    """(exit code, JSON output or None) of every command on the scenario in `d`; `d` is then
    removed."""
    try:
        return _outputs(d)
    finally:
        shutil.rmtree(d)


def _outputs(d: Path) -> list[tuple[int, object]]:
    found = []
    for command in COMMANDS:
        r = CliRunner().invoke(app, [a.replace("{s}", str(d / "scenario.toml")) for a in command])
        assert "Traceback" not in r.stdout + r.stderr and r.exit_code in (0, 2), r.stderr
        found.append((r.exit_code, json.loads(r.stdout) if r.exit_code == 0 else None))
    return found


CLEAN_OUT = {rule: outputs(folder(rule)) for rule in ("glide", "file")}
assert all(code == 0 for out in CLEAN_OUT.values() for code, _ in out)


def lines(d: Path, name: str) -> list[list[str]]:
    return [line.split(";") for line in (d / name).read_text(encoding="utf-8").splitlines()]


def write(d: Path, name: str, rows: list[list[str]]) -> None:
    (d / name).write_text("".join(";".join(r) + "\n" for r in rows), encoding="utf-8")


def danish(x: float) -> str:
    return f"{x:.10g}".replace(".", ",")


@st.composite
def label(draw, names: list[str]) -> str:
    """A totals label as exports write it: a word, or '<name> i alt' / '<name> total', in any
    letter case, with stray spaces or a no-break space."""
    base = draw(
        st.one_of(
            st.sampled_from(LABELS),
            st.sampled_from(names).map(lambda n: n + " i alt"),
            st.sampled_from(names).map(lambda n: n + " Total"),
        )
    )
    base = draw(st.sampled_from([str, str.upper, str.lower, str.title]))(base)
    return draw(st.sampled_from(["{}", " {} ", "{}\u00a0", "\u00a0{}"])).format(base)


@st.composite
def totals_row(draw, rows: list[list[str]], name: str) -> list[str]:
    """A totals or subtotal row: a label in a text column, the other text cells blank or those of
    a row, numbers the sums of some rows (or a row's own)."""
    body = rows[1:]
    like = draw(st.sampled_from(body))
    names = sorted({r[c] for r in body for c in NAMES[name]} - {""})
    row = [draw(st.sampled_from([cell, ""])) for cell in like]
    row[draw(st.sampled_from(NAMES[name]))] = draw(label(names))
    summed = draw(st.lists(st.sampled_from(body), min_size=1, max_size=len(body)))
    for c in NUMBERS[name]:
        total = sum(float(r[c].replace(".", "").replace(",", ".")) for r in summed)
        row[c] = danish(total)
    return row


def blank_group_subtotal(rows: list[list[str]], at: int) -> list[str]:
    """The unit and period of the row `at` with a blank staff group and the sums of its group
    rows: a subtotal without a label."""
    c, s, p = rows[at][:3]
    same = [r for r in rows[1:] if r[:3] == [c, s, p]]
    return [
        c,
        s,
        p,
        "",
        *(danish(sum(float(r[i].replace(",", ".")) for r in same)) for i in (4, 5)),
    ]


@SETTINGS
@given(
    rule=st.sampled_from(["glide", "file"]),
    name=st.sampled_from(["absence.csv", "units.csv", "targets.csv"]),
    data=st.data(),
)
def test_a_totals_row_is_refused_or_changes_nothing(rule, name, data):
    if name == "targets.csv":
        rule = "file"
    d = folder(rule)
    rows = lines(d, name)
    if name == "absence.csv" and data.draw(st.booleans(), label="blank group"):
        row = blank_group_subtotal(rows, data.draw(st.integers(1, len(rows) - 1)))
    else:
        row = data.draw(totals_row(rows, name), label="row")
    rows.insert(data.draw(st.integers(1, len(rows)), label="at"), row)
    write(d, name, rows)
    for (code, out), (_, clean) in zip(outputs(d), CLEAN_OUT[rule], strict=True):
        assert code == 2 or out == clean, row


@st.composite
def respelt(draw, name: str) -> str:
    """A name as another system writes it: NFD (a Mac), doubled or stray spaces, no-break
    spaces between its words."""
    form = draw(st.sampled_from(["nfd", "double", "pad", "nbsp"]))
    if form == "nfd":
        return unicodedata.normalize("NFD", name)
    if form == "double":
        return name.replace(" ", "  ")
    if form == "pad":
        return f" {name}  "
    return name.replace(" ", "\u00a0")


@SETTINGS
@given(
    rule=st.sampled_from(["glide", "file"]),
    name=st.sampled_from(["absence.csv", "units.csv", "targets.csv", "national.csv"]),
    data=st.data(),
)
def test_a_name_in_another_form_reads_the_same(rule, name, data):
    if name == "targets.csv":
        rule = "file"
    d = folder(rule)
    rows = lines(d, name)
    columns = NAMES.get(name, [1])  # national: its staff group
    for i in data.draw(st.sets(st.integers(1, len(rows) - 1), min_size=1), label="rows"):
        for c in data.draw(st.sets(st.sampled_from(columns), min_size=1), label="columns"):
            rows[i][c] = data.draw(respelt(rows[i][c]))
    if data.draw(st.booleans(), label="nfd header"):
        rows[0] = [unicodedata.normalize("NFD", h) for h in rows[0]]
    write(d, name, rows)
    assert outputs(d) == CLEAN_OUT[rule]
