"""`--diff` with the money (issue 13): allocate's and status's changes carry the kroner, and
`compare --diff` and `run --diff` say what a new KRL file changes for each model and each year.

Fixture tests/data/diff/ and its hand arithmetic: tests/core/test_diff_money.py (old: every
target 12.0, only Hjemmeplejen red and paying 20.000; new: every target 11.7, Administration
red too: it pays 5.000 and Hjemmeplejen 15.000).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sygefravaer.cli import app

DIFF = Path(__file__).parents[1] / "data" / "diff"
SCEN = str(DIFF / "scenario.toml")
NEW = str(DIFF / "national_2017.csv")
A, B = "Center A", "Center B"
ENV = {"SOURCE_DATE_EPOCH": "1700000000", "COLUMNS": "200"}


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV)


def doc(*args: str) -> dict:
    r = run(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # stdout holds exactly one JSON document


def row(text: str, name: str) -> str:
    """The first table line naming `name`."""
    return next(line for line in text.splitlines() if name in line)


def test_allocate_diff_changes_carry_the_money():
    d = doc("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff")
    mine = {
        c["field"]: (c["old"], c["new"])
        for c in d["changes"]
        if (c["level"], c["center"], c["sector"]) == ("sector", A, "Administration")
    }
    assert mine == {
        "target": (12.0, 11.7),
        "status": ("green", "red"),
        "potential": (0.0, 20000.0),
        "weight": (0.0, 20000.0),
        "share": (0, 5000),
        "increment": (0, 5000),
        "reduction": (0, 5000),
    }
    muni = {c["field"]: (c["old"], c["new"]) for c in d["changes"] if c["level"] == "municipality"}
    assert muni == {"weight": (30000.0, 80000.0), "potential": (30000.0, 80000.0)}
    # Every change's old and new are the figures of the old and the new document.
    units = {k: {(u["center"], u["sector"]): u for u in d[k]["units"]} for k in ("old", "new")}
    for c in d["changes"]:
        if c["level"] == "sector" and c["field"] != "target":
            assert units["old"][c["center"], c["sector"]][c["field"]] == c["old"]
            assert units["new"][c["center"], c["sector"]][c["field"]] == c["new"]


def test_allocate_diff_table_shows_money_old_to_new():
    r = run("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert r.exit_code == 0, r.output
    adm = row(r.stdout, "Administration")
    # weight and potential 0 -> 20.000, increment and reduction 0 -> 5.000
    assert adm.count("0 → 20.000 kr.") == 2 and adm.count("0 → 5.000 kr.") == 2
    hj = row(r.stdout, "Hjemmeplejen")
    assert hj.count("30.000 → 60.000 kr.") == 2 and hj.count("20.000 → 15.000 kr.") == 2
    skoler = row(r.stdout, "Skoler")
    assert "→ " not in skoler.split("│")[4] and "0 kr." in skoler  # unchanged: the value
    # The totals row: the municipality's sums from the core (weight 80.000 = 20.000 + 60.000),
    # the amount distributed unchanged.
    total = row(r.stdout, "Kommunen i alt")
    assert total.count("30.000 → 80.000 kr.") == 2 and total.count("20.000 kr.") == 2


def test_status_diff_table_shows_potential_and_excess_days():
    r = run("status", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert r.exit_code == 0, r.output
    assert "0,0 → 2,0" in row(r.stdout, "Administration")
    assert "0 → 20.000 kr." in row(r.stdout, "Administration")
    assert "3,0 → 6,0" in row(r.stdout, "Hjemmeplejen")
    assert "30.000 → 60.000 kr." in row(r.stdout, "Hjemmeplejen")
    total = row(r.stdout, "Kommunen i alt")
    assert "3,0 → 8,0" in total and "30.000 → 80.000 kr." in total  # the units' sums


def test_compare_diff_json():
    d = doc("compare", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert set(d) == {"old", "new", "changes", "summary", "national"}
    assert (
        set(d["old"]["models"])
        == set(d["new"]["models"])
        == {
            "green-harvester",
            "substitute",
            "over-target",
        }
    )
    assert {c["model"] for c in d["changes"]} == {"green-harvester", "substitute", "over-target"}
    over = [
        {k: v for k, v in c.items() if k != "model"}
        for c in d["changes"]
        if c["model"] == "over-target"
    ]
    # The chosen model's changes are allocate --diff's.
    assert over == doc("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff")["changes"]
    paid = {
        (c["model"], c["center"]): (c["old"], c["new"])
        for c in d["changes"]
        if c["field"] == "reduction" and c["level"] == "center"
    }
    # Payroll and substitute budgets do not follow the national average: only over-target moves.
    assert paid == {("over-target", A): (0, 5000), ("over-target", B): (20000, 15000)}
    assert d["summary"]["green_to_red"][0] == {
        "level": "sector",
        "center": A,
        "sector": "Administration",
        "year": 2018,
    }
    assert len(d["summary"]["green_to_red"]) == 1  # once, though every model sees it


def test_compare_diff_table():
    r = run("compare", SCEN, "--year", "2018", "--national", NEW, "--diff")
    assert r.exit_code == 0, r.output
    assert "Over måltal (valgt)" in r.stdout
    # green-harvester: 20.000 on payroll 22,7 + 45,4 of 113,5 mio.: A 12.000, B 8.000
    assert row(r.stdout, A).split("│")[2:5] == [
        "  12.000 kr. ",
        " 12.500 kr. ",
        "       0 → 5.000 kr. ",
    ]
    assert "20.000 → 15.000 kr." in row(r.stdout, B)
    total = row(r.stdout, "Kommunen i alt")
    assert total.count("20.000 kr.") == 3 and "→" not in total


def test_run_diff_json_and_workbooks(tmp_path):
    d = doc("run", SCEN, "--national", NEW, "--diff", "--out", tmp_path / "diff")
    assert set(d) == {"old", "new", "changes", "summary", "national"}
    assert d["old"]["out"] is None and d["old"]["files"] == []
    assert d["new"]["out"] == str(tmp_path / "diff")
    # The new workbooks are run's with the new national file, byte for byte.
    plain = doc("run", SCEN, "--national", NEW, "--out", tmp_path / "plain")
    sha = [f["sha256"] for f in d["new"]["files"]]
    assert sha == [f["sha256"] for f in plain["files"]] and len(sha) == 3
    assert {k: v for k, v in d["new"].items() if k not in ("out", "files")} == {
        k: v for k, v in plain.items() if k not in ("out", "files")
    }
    assert d["old"]["municipality"]["2018"]["status"] == "green"
    assert d["new"]["municipality"]["2018"]["status"] == "red"
    # Every year's changes are those of status --level sector --diff and allocate --diff.
    st = doc("status", SCEN, "--year", "2018", "--level", "sector", "--national", NEW, "--diff")
    al = doc("allocate", SCEN, "--year", "2018", "--national", NEW, "--diff")
    for command, other in (("status", st), ("allocate", al)):
        mine = [c for c in d["changes"] if c["command"] == command]
        assert [{k: v for k, v in c.items() if k != "command"} for c in mine] == other["changes"]
    assert d["summary"]["changes"] == len(st["changes"]) + len(al["changes"])


def test_run_diff_table(tmp_path):
    r = run("run", SCEN, "--national", NEW, "--diff", "--out", tmp_path)
    assert r.exit_code == 0, r.output
    assert "Status 2017 mod måltal 2018, før og efter" in r.stdout
    assert "Budgetreduktion 2018 før og efter" in r.stdout
    assert "grøn → rød: Center A / Administration, Center B, Kommunen i alt" in r.stdout
    assert r.stdout.count("Skrevet: ") == 3
    assert (tmp_path / "Revision_2018_oversigt.xlsx").exists()


def test_run_diff_needs_national(tmp_path):
    r = run("run", SCEN, "--diff", "--out", tmp_path)
    assert r.exit_code == 2 and "--national" in r.stderr
    assert not list(tmp_path.iterdir())  # nothing written


def test_names_are_printed_as_written_in_diff_tables(tmp_path):
    """A sector named with rich markup shows its brackets in every diff table."""
    for name in ("absence.csv", "units.csv", "national_2016.csv", "national_2017.csv"):
        text = (DIFF / name).read_text("utf-8").replace("Administration", "Adm [bold]Syd[/bold]")
        (tmp_path / name).write_text(text, "utf-8")
    scen = (DIFF / "scenario.toml").read_text("utf-8").replace("Revision 2018", "Rev [red]x")
    (tmp_path / "scenario.toml").write_text(scen, "utf-8")
    s, n = tmp_path / "scenario.toml", tmp_path / "national_2017.csv"
    for args in (
        ("status", s, "--year", "2018"),
        ("allocate", s, "--year", "2018"),
        ("compare", s, "--year", "2018"),
        ("targets", s),
        ("run", s, "--out", tmp_path / "out"),
    ):
        r = run(*args, "--national", n, "--diff")
        assert r.exit_code == 0, r.output
        assert "Rev [red]x" in r.stdout, args
        if args[0] != "compare":  # compare shows centers only
            assert "Adm [bold]Syd[/bold]" in r.stdout, args


def test_api_run_diff_is_the_cli_document(tmp_path):
    import sygefravaer

    res = sygefravaer.load(SCEN).diff(NEW).run(tmp_path / "api", strict=False, per_center=False)
    d = doc("run", SCEN, "--national", NEW, "--diff", "--no-per-center", "--out", tmp_path / "cli")
    assert res.changes == d["changes"] and res.summary == d["summary"]
    assert len(res.new.files) == 1  # the overview only
    assert res.to_dict()["old"] == d["old"]
