"""The tables on the command line (issue 13, meeting layout): --width, COLUMNS when piped, 200
otherwise; names printed exactly as written (rich markup, a formula, emoji and emoji codes) in
every table at every width; `allocate --output` says what it wrote; `run` prints every year.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rendered_tables import in_thousands, parts, widest_line
from typer.testing import CliRunner

from sygefravaer.cli import app
from sygefravaer.core.models import NAMES as MODELS

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "eksempelkommune"
runner = CliRunner()

# Names that rich would print differently if it read them as markup or emoji codes.
RENAMED = {
    "Jobcentret;": "Skole [bold]Syd;",
    ";Sprogcentret;": ";[red]x[/red];",
    ";Plejecentre;": ";=SUM(A1);",
    "HR-Centret;": "Skole 🏫;",
    ";Tandplejen;": ";Tand :smile: pleje;",
}
NAMES = [v.strip(";") for v in RENAMED.values()]


def cli(*args, env: dict | None = None):
    """Invoke the app with COLUMNS unset unless `env` sets it (CliRunner's output is piped)."""
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": None, **(env or {})})


@pytest.fixture(scope="module")
def renamed(tmp_path_factory) -> Path:
    """The bundled example with five units renamed (see RENAMED)."""
    folder = tmp_path_factory.mktemp("renamed")
    for name in ("absence.csv", "units.csv"):
        text = (EXAMPLE / name).read_text(encoding="utf-8")
        for old, new in RENAMED.items():
            assert old in text, old
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    national = (ROOT / "data" / "krl_landsgennemsnit.csv").as_posix()
    toml = (EXAMPLE / "scenario.toml").read_text(encoding="utf-8")
    toml = toml.replace('"../../data/krl_landsgennemsnit.csv"', f"'{national}'")
    (folder / "scenario.toml").write_text(toml, encoding="utf-8")
    return folder / "scenario.toml"


def table_commands(scenario: Path) -> list[list]:
    """Every command that prints a table, at both levels and under every model."""
    cmds = [["targets", scenario], ["compare", scenario, "--year", 2015]]
    for level in ("sector", "center"):
        cmds.append(["status", scenario, "--year", 2014, "--level", level])
        cmds += [
            ["allocate", scenario, "--year", 2016, "--model", m, "--level", level] for m in MODELS
        ]
    return cmds


@pytest.mark.parametrize("width", [60, 200])
def test_names_print_exactly_as_written_in_every_table(renamed, width):
    for args in table_commands(renamed):
        r = cli(*args, "--width", width)
        assert r.exit_code == 0, (args, r.output)
        assert widest_line(r.stdout) <= width and "…" not in r.stdout, args
        # At center level the renamed sectors are no rows of their own.
        level = args[args.index("--level") + 1] if "--level" in args else "sector"
        expected = NAMES if level == "sector" and args[0] != "compare" else NAMES[::3]
        found = parts(r.stdout)
        assert found, (args, r.stdout)
        for part in found:
            rows = [row[0] for row in part.rows]
            assert all(n in rows for n in expected), (args, part.title, rows)
        assert "😄" not in r.stdout  # ':smile:' stays as written


def test_width_option_and_columns_and_the_default(renamed):
    args = ["allocate", EXAMPLE / "scenario.toml", "--year", 2015]
    narrow = cli(*args, "--width", 90)
    assert narrow.exit_code == 0 and widest_line(narrow.stdout) <= 90
    assert all(in_thousands(p) for p in parts(narrow.stdout))
    piped = cli(*args, env={"COLUMNS": "70"})  # piped: COLUMNS when it is set
    assert widest_line(piped.stdout) <= 70
    assert cli(*args, "--width", 70).stdout == piped.stdout
    default = cli(*args)  # piped without COLUMNS: 200 columns, wide enough for kroner
    assert 100 < widest_line(default.stdout) <= 200
    assert not in_thousands(parts(default.stdout)[0])
    assert "5.000.000 kr." in default.stdout


def test_width_option_is_documented_and_checked():
    r = cli("status", "--help")
    assert "--width" in r.stdout and "COLUMNS" in r.stdout
    assert cli("status", EXAMPLE / "scenario.toml", "--year", 2014, "--width", 5).exit_code == 2


def test_allocate_output_says_what_it_wrote(tmp_path):
    out = tmp_path / "fordeling.xlsx"
    r = cli("allocate", EXAMPLE / "scenario.toml", "--year", 2014, "--output", out, "--json")
    assert r.exit_code == 0 and out.exists()
    assert f"Skrevet: {out}" in r.stderr
    assert r.stdout.lstrip().startswith("{")  # stdout holds the JSON document only


def test_run_prints_every_years_table(tmp_path):
    r = cli("run", EXAMPLE / "scenario.toml", "--out", tmp_path / "out", "--width", 120)
    assert r.exit_code == 0, r.output
    titles = [p.title for p in parts(r.stdout)]
    for year in (2014, 2015, 2016, 2017):
        assert any(t.startswith(f"Budgetreduktion {year} – ") for t in titles), titles
    tables = "\n".join(x for x in r.stdout.splitlines() if not x.startswith("Skrevet: "))
    assert widest_line(tables) <= 120
