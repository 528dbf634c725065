"""Every command explains itself (issue 6): `--help` with a worked example, `--version`, completion.

The commands are discovered from the app, so a command added later without an example fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from sygefravaer import __version__
from sygefravaer.cli import app
from sygefravaer.clitext import danish_message


def _commands(group, prefix=()):
    """Every leaf command as its argument path, e.g. ('national', 'import')."""
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(cmd, "commands"):
            yield path  # a group (e.g. `national`) needs an example too
            yield from _commands(cmd, path)
        else:
            yield path


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_expected_commands_exist():
    names = {" ".join(p) for p in COMMANDS}
    assert {"targets", "status", "allocate", "compare", "national", "national import"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_has_a_worked_example(path):
    r = CliRunner().invoke(app, [*path, "--help"])
    assert r.exit_code == 0, r.output
    # "Eksempel: sygefravaer <this command> ..." - an example that runs this very command.
    examples = re.findall(r"Eksempel: (sygefravaer [^\n]+)", r.stdout)
    assert examples, f"'{' '.join(path)} --help' has no 'Eksempel: sygefravaer ...' line"
    assert any(e.split()[1 : 1 + len(path)] == list(path) for e in examples), examples


def test_short_help_is_not_cut_at_an_abbreviation():
    """Click cuts the one-line summary at the first '. ' ('Måltal pr.'): not in our listing."""
    r = CliRunner().invoke(app, ["--help"])
    for line in r.stdout.splitlines():
        assert not line.rstrip().endswith(" pr."), line


def test_version():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"sygefravaer {__version__}"


def test_shell_completion_options_are_offered():
    r = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


def test_show_completion_prints_a_script():
    """The installed console script prints a completion script for bash."""
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sygefravaer.cli import main; main()",
            "--show-completion",
            "bash",
        ],
        env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", "SHELL": "/bin/bash"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 0, r.stderr
    assert "complete" in r.stdout


ROOT = __import__("pathlib").Path(__file__).parents[2]


def _examples() -> list[list[str]]:
    """Every 'Eksempel: sygefravaer ...' in the commands' help texts, as argument lists."""
    out = []

    def walk(cmd):
        for para in re.split(r"\n\s*\n", cmd.help or ""):
            m = re.search(r"Eksempel: sygefravaer (.+)", para, re.S)
            if m:
                out.append(m.group(1).split())
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return out


def _runnable(args: list[str], tmp) -> list[str] | None:
    """The example with its files made absolute and its outputs sent to tmp; None when it names
    a file the repository does not have (a placeholder such as KRL_2017.xlsx or SCENARIE)."""
    fixed = []
    for i, a in enumerate(args):
        prev = args[i - 1] if i else ""
        if prev in ("--out", "--output"):
            fixed.append(str(tmp / a))
        elif re.fullmatch(r"[A-ZÆØÅ_]+", a) or re.search(r"\.(toml|csv|xlsx)$", a):
            if not (ROOT / a).exists():
                return None
            fixed.append(str(ROOT / a))
        else:
            fixed.append(a)
    return fixed


def test_the_worked_examples_run(tmp_path):
    """An example in --help that names bundled files must actually run (exit 0)."""
    ran = 0
    for args in _examples():
        fixed = _runnable(args, tmp_path)
        if fixed is None:
            continue
        r = CliRunner().invoke(app, fixed)
        assert r.exit_code == 0, (args, r.output)
        ran += 1
    assert ran >= 4  # targets, status, allocate, compare on the bundled examples at least


# --- Issue 13: help and usage errors in Danish, English with --lang en ---------------------------

# Typer's (and click's) own English words; none may be left in Danish help or usage errors.
ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message and exit.",
    "Show the version and exit.",
    "Install completion",
    "Show completion",
    "[required]",
    "[default:",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<path>",
    "<int>",
    "<str>",
    "<float>",
    "Error:",
    "Try '",
    "for help.",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command",
    "No such option",
    "No such command",
    "Possible options",
    "Did you mean",
    "Invalid value",
    "Input should be",
    "Got unexpected extra argument",
    "requires an argument",
    "does not take a value",
    "Aborted!",
)
DANISH = ("Brug:", "Tilvalg:", "Argumenter:", "Kommandoer:", "Fejl:", "Prøv '", "påkrævet")

SCENARIO = "examples/eksempelkommune/scenario.toml"
# Usage errors (exit status 2) and the English phrase typer would write for each.
USAGE_ERRORS = [
    (["allocate"], "Missing argument"),
    (["allocate", SCENARIO], "Missing option"),
    (["allocate", SCENARIO, "--year"], "requires an argument"),
    (["allocate", SCENARIO, "--year", "2014.5"], "Invalid value"),
    (["run", SCENARIO, "--min-fte", "mange"], "Invalid value"),
    (["allocate", SCENARIO, "--yea", "2014"], "No such option"),
    (["allocate", SCENARIO, "--json=1", "--year", "2014"], "does not take a value"),
    (["alocate", SCENARIO], "No such command"),
    (["national", "imprt"], "No such command"),
    (["targets", SCENARIO, "ekstra"], "Got unexpected extra argument"),
    (["national", "import", "krl.csv"], "Missing option"),
]


def _invoke(args):
    return CliRunner().invoke(app, args)


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_is_danish(path):
    out = _invoke([*path, "--help"]).stdout
    assert [w for w in ENGLISH if w in out] == [], out
    assert "Brug: sygefravaer" in out and "Tilvalg:" in out and "Vis denne hjælp og stop." in out


def _takes_lang(path) -> bool:
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    return any(p.name == "lang" for p in cmd.params)


# `--lang en` after the command where the command takes --lang, before it (the root's) always.
LANG_EN = [(["--lang", "en"], p, []) for p in [(), *COMMANDS]] + [
    ([], p, order)
    for p in COMMANDS
    if _takes_lang(p)
    for order in (["--lang", "en"], ["--lang=en"])
]


@pytest.mark.parametrize(
    "before,path,after", LANG_EN, ids=[" ".join([*b, *p, "--help", *a]) for b, p, a in LANG_EN]
)
def test_help_is_english_with_lang_en(before, path, after):
    """`--help --lang en` and `--lang en --help`: typer's words as they are, ours in English."""
    r = _invoke([*before, *path, "--help", *after])
    assert r.exit_code == 0, r.output
    assert "Usage: sygefravaer" in r.stdout and "Show this message and exit." in r.stdout
    assert [w for w in DANISH if w in r.stdout] == [], r.stdout
    assert not re.search("[æøåÆØÅ]", r.stdout), r.stdout  # every help text has its English
    assert "Eksempel" not in r.stdout and "Example: sygefravaer" in r.stdout


def test_help_shows_defaults_and_required_in_danish():
    out = _invoke(["allocate", "--help"]).stdout
    assert "[påkrævet]" in out and "[standard: da]" in out and "--year <heltal>" in out
    assert "Brug: sygefravaer allocate [TILVALG] {scenario}" in out


@pytest.mark.parametrize("args,english", USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_danish(args, english):
    r = _invoke(args)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert [w for w in ENGLISH if w in r.stderr] == [], r.stderr
    assert "Fejl: " in r.stderr


@pytest.mark.parametrize("args,english", USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_english_with_lang_en(args, english):
    r = _invoke(["--lang", "en", *args])
    assert r.exit_code == 2, r.output
    assert english in r.stderr and "Error: " in r.stderr, r.stderr
    assert [w for w in DANISH if w in r.stderr] == [], r.stderr


def test_lang_en_after_the_arguments_gives_english_errors():
    r = _invoke(["allocate", SCENARIO, "--lang", "en"])
    assert r.exit_code == 2 and "Error: Missing option '--year'." in r.stderr


def test_usage_error_messages_in_danish():
    """The Danish wording itself, for the errors a user meets most."""
    r = _invoke(["allocate", SCENARIO])
    assert r.stderr.splitlines() == [
        "Brug: sygefravaer allocate [TILVALG] {scenario}",
        "Prøv 'sygefravaer allocate --help' for at få hjælp.",
        "",
        "Fejl: Mangler tilvalget '--year'.",
    ]
    assert "Fejl: Ukendt kommando 'alocate'. Mente du 'allocate'?" in _invoke(["alocate"]).stderr
    bad_year = _invoke(["allocate", SCENARIO, "--year", "x"]).stderr
    assert "Fejl: Ugyldig værdi for '--year': skal være et heltal" in bad_year


def test_lang_before_the_command_sets_the_tables_language():
    """`sygefravaer --lang en targets ...` is `targets ... --lang en`."""
    before = _invoke(["--lang", "en", "targets", SCENARIO])
    after = _invoke(["targets", SCENARIO, "--lang", "en"])
    assert before.exit_code == 0 and before.stdout == after.stdout
    assert "National avg." in before.stdout
    r = _invoke(["--lang", "fr", "targets", SCENARIO])
    assert r.exit_code == 2 and "Fejl: Ugyldig værdi for '--lang'" in r.stderr


def test_the_danish_words_stay_inside_the_invocation():
    """Running our CLI changes nothing for another typer program in the same process (the
    library's users): its help is typer's own, in English."""
    _invoke(["allocate", "--help"])
    other = typer.Typer(rich_markup_mode=None)

    @other.command()
    def hello(name: str, count: int = 1) -> None:
        """Say hello."""

    r = CliRunner().invoke(other, ["--help"])
    assert "Usage:" in r.stdout and "Options:" in r.stdout and "Show this message" in r.stdout
    assert "Brug:" not in r.stdout
    err = CliRunner().invoke(other, ["--count", "x"])
    assert "Error:" in err.stderr and "Fejl" not in err.stderr


def test_help_imports_neither_pandas_nor_rich():
    """`--help` in Danish stays light: the texts need only typer and the standard library."""
    code = (
        "import sys; from sygefravaer.cli import main; sys.argv = ['sygefravaer', 'allocate', "
        "'--help']\nimport atexit\n"
        "atexit.register(lambda: print('heavy', [m for m in ('pandas', 'numpy', 'rich', "
        "'openpyxl') if m in sys.modules], file=sys.stderr))\nmain()"
    )  # main() ends the process (cli.quick_exit) after the exit handlers
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert "Brug: sygefravaer allocate" in r.stdout
    assert "heavy []" in r.stderr, r.stderr


def test_english_help_does_not_stay_for_the_next_invocation():
    """Each call localises typer's fresh commands: English once, then Danish again."""
    english = _invoke(["--lang", "en", "status", "--help"]).stdout
    danish = _invoke(["status", "--help"]).stdout
    assert "Green/red status" in english and "Usage:" in english
    assert "Grøn/rød status" in danish and "Brug:" in danish and "Green/red" not in danish


def test_no_arguments_shows_the_danish_help():
    r = _invoke([])
    assert r.exit_code == 2 and "Brug: sygefravaer [TILVALG] KOMMANDO" in r.stderr
    assert [w for w in ENGLISH if w in r.stderr] == []


def test_click_worded_value_errors_in_danish():
    """typer before 0.29 words a bad value as click does; those messages are Danish too."""
    cases = {
        "Invalid value for '--year': 'x' is not a valid int.": (
            "Ugyldig værdi for '--year': skal være et heltal, ikke 'x'."
        ),
        "Invalid value for '--year': 'x' is not a valid integer.": (
            "Ugyldig værdi for '--year': skal være et heltal, ikke 'x'."
        ),
        "Invalid value for '--width': 5 is not in the range x>=20.": (
            "Ugyldig værdi for '--width': skal være mindst 20, ikke 5."
        ),
        "Invalid value for '--strict': 'jo' is not a valid boolean. Recognized values: 1, 0": (
            "Ugyldig værdi for '--strict': skal være ja eller nej, ikke 'jo'."
        ),
    }
    assert {m: danish_message(m) for m in cases} == cases
