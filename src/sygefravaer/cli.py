"""The command line: a thin Typer layer over the core (domain.md section 5).

Heavy modules (pandas, openpyxl, rich tables) are imported inside the commands, so `--help` and
`--version` stay fast. Input problems end with exit status 2 and one message on stderr; internal
errors with exit status 1 (the traceback only under --debug).
"""

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .clitext import (
    COMPARE_DIFF_HELP,
    DIFF_HELP,
    RUN_DIFF_HELP,
    WIDTH_HELP,
    LocalisedGroup,
    lang_defaults,
)

app = typer.Typer(
    name="sygefravaer",
    cls=LocalisedGroup,  # help and usage errors in Danish, English with --lang en
    help="Måltal for sygefravær og fordeling af budgetreduktion i en kommune.\n\n"
    "Eksempel: sygefravaer status examples/eksempelkommune/scenario.toml --year 2014",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# The global options of the current invocation, set by main_callback before every command (typer
# runs commands without a click context to read them from).
_options = {"debug": False}

LEVELS = ("sector", "center")
LANGS = ("da", "en")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sygefravaer {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Vis versionen og stop."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Vis hele traceback ved interne fejl.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Sprog i tabeller, hjælp og fejlbeskeder: da eller en."),
    ] = None,
) -> None:
    """Måltal for sygefravær og fordeling af budgetreduktion i en kommune."""
    _options["debug"] = debug
    if lang is not None:  # `sygefravaer --lang en COMMAND ...`: the command's --lang default
        if lang not in LANGS:
            raise typer.BadParameter(f"{lang!r}; brug da eller en", param_hint="'--lang'")
        ctx.default_map = lang_defaults(ctx.command, lang)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"Fejl: {message}", err=True)
    raise typer.Exit(code)


def _guard(fn: Callable[[], None]) -> None:
    """Run a command body: InputError -> exit 2, anything unexpected -> exit 1."""
    from .errors import InputError

    try:
        fn()
    except InputError as exc:
        _warn(getattr(exc, "warnings", ()))  # doubts found on the way often explain the error
        _fail(exc.render(), 2)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _fail("afbrudt", 130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _options["debug"]:
            import traceback

            traceback.print_exc()
        _fail(f"intern fejl: {type(exc).__name__}: {exc} (kør med --debug for detaljer)", 1)


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    from .errors import InputError

    if value is not None and value not in allowed:
        raise InputError(
            f"ukendt værdi for {option}: {value!r}",
            hint=f"Accepterede værdier: {', '.join(allowed)}.",
        )
    return value


def _console(width: int | None = None):
    """The console the tables print on, `width` columns wide (--width); else the terminal's
    width, or when the output is piped or redirected COLUMNS when it is set, else 200."""
    import os

    from rich.console import Console

    if width is None and not sys.stdout.isatty():
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else 200
    return Console(width=width)


def _found(result) -> list:
    """The warnings a result carries (those of the inputs and of its computation)."""
    return list(getattr(result, "warnings", None) or ())


@dataclass(frozen=True)
class Out:
    """How a command presents its result: JSON or a table, the language, and --strict."""

    as_json: bool = False
    lang: str = "da"
    strict: bool = False
    width: int | None = None


def _warn(warnings, strict: bool = False, doing: str = "intet er skrevet") -> None:
    """Warnings and notes on stderr, each once; with --strict a warning (not a note) stops the
    command with exit status 2 before anything is printed on stdout or written."""
    from .errors import strict_error

    shown = set()
    for w in warnings:
        if str(w) not in shown:
            shown.add(str(w))
            typer.echo(f"{'Bemærk' if w.is_note else 'Advarsel'}: {w}", err=True)
    if strict and (exc := strict_error(list(warnings), doing)) is not None:
        raise exc


def _emit_json(doc: dict) -> None:
    """Indented on a terminal; compact when piped or redirected, where Python 3.11's json uses its
    C encoder (indent is pure Python: 0.17 s of 2.3 s for the whole country, issue 7)."""
    if sys.stdout.isatty():
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")


def _emit_result(res) -> None:
    """A result's `to_dict()` document as _emit_json writes it; compact from the result's own
    `to_json()` (the same text, written from its columns: issue 14)."""
    if sys.stdout.isatty():
        return _emit_json(res.to_dict())
    sys.stdout.write(res.to_json() + "\n")


def _load(scenario: Path, national: Path | None = None):
    """The scenario and its inputs, through the public API (sygefravaer.load)."""
    from .api import load

    return load(scenario, national)


ScenarioArg = Annotated[
    Path,
    typer.Argument(
        help="Scenariefilen (TOML), fx examples/eksempelkommune/scenario.toml.", show_default=False
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Stop med status 2 ved enhver advarsel om data (for scripts, der ikke må fortsætte "
        "med tvivlsomme tal); bemærkninger stopper ikke.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv ét JSON-dokument på stdout.")]
LangOpt = Annotated[
    str, typer.Option("--lang", help="Sprog i tabeller, hjælp og fejlbeskeder: da eller en.")
]
LevelOpt = Annotated[
    str | None, typer.Option("--level", help="Niveau: sector eller center (overstyrer scenariet).")
]
NationalOpt = Annotated[
    Path | None,
    typer.Option(
        "--national", help="Anden fil med landsgennemsnit, fx data/krl_landsgennemsnit.csv."
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=20,
        help=WIDTH_HELP,
    ),
]
DiffOpt = Annotated[
    bool,
    typer.Option(
        "--diff",
        help=DIFF_HELP,
    ),
]
CompareDiffOpt = Annotated[
    bool,
    typer.Option(
        "--diff",
        help=COMPARE_DIFF_HELP,
    ),
]
RunDiffOpt = Annotated[
    bool,
    typer.Option(
        "--diff",
        help=RUN_DIFF_HELP,
    ),
]


def _load_diff(scenario: Path, national: Path | None):
    """For --diff: the scenario with its own national file (old) and with --national (new)."""
    from .errors import InputError

    if national is None:
        raise InputError(
            "--diff kræver --national NY_FIL (det nye landsgennemsnit)",
            hint="Fx --national data/krl_landsgennemsnit.csv --diff.",
        )
    return _load(scenario).diff(national)


def _emit_diff(res, table, lang: str, width: int | None = None) -> None:
    """--diff output: one JSON document {old, new, changes, summary, national}, or a table
    fitted to the width."""
    from .report.tables.layout import fit_table

    if table is None:
        _emit_json(res.to_dict())
        return
    con = _console(width)
    con.print(fit_table(table, con.width))
    con.print(_diff_note(res, lang))


def _targets_diff(scenario: Path, national: Path | None, out: Out) -> None:
    from .core.diff import lookup
    from .report.tables import targets_diff_table

    d = _load_diff(scenario, national)
    res = d.targets()
    _warn([*d.new.warnings, *res.new_warnings], out.strict)
    table = None
    if not out.as_json:
        table = targets_diff_table(res.old, res.new, lookup(res.changes), d.new.name, out.lang)
    _emit_diff(res, table, out.lang, out.width)


def _status_diff(scenario, national, year, period, level, out: Out) -> None:
    from .core.diff import lookup
    from .report.tables import status_diff_table

    d = _load_diff(scenario, national)
    res = d.status(year, period, level)
    _warn([*d.new.warnings, *res.new_warnings], out.strict)
    table = None
    if not out.as_json:
        decimals = d.new.scenario.targets.decimals
        changes = lookup(res.changes)
        table = status_diff_table(res.old, res.new, changes, d.new.name, out.lang, decimals)
    _emit_diff(res, table, out.lang, out.width)


def _allocate_diff(scenario, national, year, model, level, output, out: Out) -> None:
    from .core.diff import lookup
    from .report.tables import allocation_diff_table

    d = _load_diff(scenario, national)
    res = d.allocate(year, model, level)
    _warn([*d.new.warnings, *res.new_warnings], out.strict)
    if output is not None:  # the workbook holds the new figures
        from .report.workbook import write_allocation_workbook

        write_allocation_workbook(output, d.new.scenario, d.new.inputs, res.new, lang=out.lang)
        typer.echo(f"Skrevet: {output}", err=True)
    table = None
    if not out.as_json:
        decimals = d.new.scenario.targets.decimals
        changes = lookup(res.changes)
        table = allocation_diff_table(res.old, res.new, changes, d.new.name, out.lang, decimals)
    _emit_diff(res, table, out.lang, out.width)


def _compare_diff(scenario, national, year, level, out: Out) -> None:
    from .core.diff import lookup
    from .core.models import NAMES as MODELS
    from .report.tables import compare_diff_table, compare_errors
    from .report.tables.layout import fit_table

    d = _load_diff(scenario, national)
    res = d.compare(year, level)
    _warn([*d.new.warnings, *res.new_warnings], out.strict)
    if out.as_json:
        return _emit_diff(res, None, out.lang)
    changes = {m: lookup(res.changes, model=m) for m in MODELS}
    con = _console(out.width)
    table = compare_diff_table(res.old, res.new, changes, d.new.name, out.lang)
    con.print(fit_table(table, con.width))
    compare_errors(res.new, con, out.lang)
    con.print(_diff_note(res, out.lang))


def _diff_note(res, lang: str):
    """The note under a diff's tables: its summary and the two national files."""
    from .report.tables import diff_note

    return diff_note(res.summary, lang, res.national["old"], res.national["new"])


def _run_diff(scenario, national, options: dict, quiet: bool, out: Out) -> None:
    from .report.tables import run_diff_tables
    from .report.tables.layout import fit_table

    d = _load_diff(scenario, national)
    d.new.run_folder(options["out"], options["min_fte"])  # refuse bad options before the work
    old, new = d.compute_run()
    if not quiet or out.strict:
        _warn(new.warnings, out.strict, doing="ingen projektmapper er skrevet")
    res = d.write_run(old, new, **options)
    if out.as_json:
        return _emit_json(res.to_dict())
    if quiet:
        return
    con = _console(out.width)
    for table in run_diff_tables(old, new, res.changes, out.lang):
        con.print(fit_table(table, con.width))
    con.print(_diff_note(res, out.lang))
    for f in res.new.files:
        typer.echo(f"Skrevet: {f}")


@app.command(short_help="Måltal pr. center og sektor for hvert år i scenariet.")
def targets(
    scenario: ScenarioArg,
    national: NationalOpt = None,
    diff: DiffOpt = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """Måltal pr. center og sektor for hvert år i scenariet.

    Eksempel: sygefravaer targets examples/eksempelkommune/scenario.toml --json

    Når KRL udgiver nye tal: sygefravaer targets SCENARIE --national NY.csv --diff
    """

    def body() -> None:
        _choice(lang, LANGS, "--lang")
        if diff:
            return _targets_diff(scenario, national, Out(as_json, lang, strict, width))
        p = _load(scenario, national)
        tset = p.targets()
        _warn([*p.warnings, *_found(tset)], strict)
        if as_json:
            _emit_result(tset)
        else:
            from .report.tables import targets_table

            con = _console(width)
            con.print(targets_table(tset, p.name, lang, con.width))

    _guard(body)


@app.command(short_help="Grøn/rød status mod måltallet pr. sektor, center og kommune.")
def status(
    scenario: ScenarioArg,
    year: Annotated[
        int | None, typer.Option("--year", help="Måltalsåret; fraværet året før sammenlignes.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="En bestemt periode, fx 2018Q1 (12 måneder til og med kvartalet)."
        ),
    ] = None,
    level: LevelOpt = None,
    national: NationalOpt = None,
    diff: DiffOpt = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """Grøn/rød status mod måltallet pr. sektor, center og for kommunen.

    Eksempel: sygefravaer status examples/eksempelkommune/scenario.toml --year 2014

    Eksempel: sygefravaer status examples/revision2018/scenario.toml --period 2018Q1
    --national data/krl_landsgennemsnit.csv --diff
    """

    def body() -> None:
        from .api import require_year_or_period

        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        require_year_or_period(year, period)
        if diff:
            return _status_diff(
                scenario, national, year, period, level, Out(as_json, lang, strict, width)
            )
        p = _load(scenario, national)
        res = p.status(year=year, period=period, level=level)
        _warn([*p.warnings, *_found(res)], strict)
        if as_json:
            _emit_result(res)
        else:
            from .report.tables import status_table

            con = _console(width)
            decimals = p.scenario.targets.decimals
            con.print(status_table(res, p.name, lang, decimals, con.width))

    _guard(body)


@app.command()
def allocate(
    scenario: ScenarioArg,
    year: Annotated[int, typer.Option("--year", help="Året, der fordeles (med alle år før).")],
    model: Annotated[
        str | None, typer.Option("--model", help="green-harvester, substitute eller over-target.")
    ] = None,
    level: LevelOpt = None,
    national: NationalOpt = None,
    diff: DiffOpt = False,
    as_json: JsonOpt = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Skriv også en Excel-projektmappe, fx fordeling_2014.xlsx."),
    ] = None,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """Fordel budgetreduktionen for et år (alle tidligere års stigninger ligger fast).

    Eksempel: sygefravaer allocate examples/eksempelkommune/scenario.toml --year 2014

    Når KRL udgiver nye tal: sygefravaer allocate SCENARIE --year 2018 --national NY.csv --diff
    """

    def body() -> None:
        from .core.models import NAMES as MODELS

        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        _choice(model, MODELS, "--model")
        if diff:
            out = Out(as_json, lang, strict, width)
            return _allocate_diff(scenario, national, year, model, level, output, out)
        p = _load(scenario, national)
        res = p.allocate(year, model=model, level=level)
        _warn([*p.warnings, *_found(res)], strict)
        if output is not None:
            from .report.workbook import write_allocation_workbook

            write_allocation_workbook(output, p.scenario, p.inputs, res, lang=lang)
            typer.echo(f"Skrevet: {output}", err=True)
        if as_json:
            _emit_result(res)
        else:
            from .report.tables import allocation_table  # rich is not needed for --json

            con = _console(width)
            con.print(allocation_table(res, p.name, lang, con.width))

    _guard(body)


@app.command(short_help="Hvorfor en enhed fik sit måltal og sin andel, trin for trin.")
def explain(
    scenario: ScenarioArg,
    year: Annotated[int, typer.Option("--year", help="Måltalsåret (og fordelingsåret).")],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help='Enheden som "CENTER / SEKTOR" (på centerniveau: CENTER).'),
    ] = None,
    center: Annotated[
        str | None,
        typer.Option("--center", help="Centret (uden --sector: centerniveau)."),
    ] = None,
    sector: Annotated[
        str | None,
        typer.Option("--sector", help='Sektoren i --center (for navne med " / ").'),
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="En anden fraværsperiode, fx 2018Q1.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="green-harvester, substitute eller over-target.")
    ] = None,
    level: LevelOpt = None,
    national: NationalOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """Forklar én enheds måltal, status og andel: fra fraværsrækkerne til kronerne.

    Hvert trin med tallene og formlen i ord: fraværet lagt sammen, niveauet i basisåret,
    benchmark efter personalegrupper (KRL-år), glidebanen eller den nationale regel,
    afrunding, status, dagsværdi og potentiale, modellens vægt og andel, loft, største rest,
    tidligere stigninger og reduktionen.

    Eksempel: sygefravaer explain examples/eksempelkommune/scenario.toml --year 2014
    --center Jobcentret --sector Jobindsats

    Enheden kan også skrives --unit "Jobcentret / Jobindsats"; --center alene forklarer
    centret på centerniveau.
    """

    def body() -> None:
        from .core.models import NAMES as MODELS
        from .errors import InputError

        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        _choice(model, MODELS, "--model")
        if sector is not None and center is None:
            raise InputError("--sector kræver --center")
        if unit is not None and center is not None:
            raise InputError("angiv enten --unit eller --center, ikke begge")
        p = _load(scenario, national)
        res = p.explain(
            year, unit, center=center, sector=sector, period=period, model=model, level=level,
            lang=lang,
        )  # fmt: skip
        _warn([*p.warnings, *res.warnings], strict)
        if as_json:
            _emit_json(res.to_dict())
        else:
            from .report.tables import explain_table

            con = _console(width)
            con.print(explain_table(res, p.name, con.width))

    _guard(body)


@app.command()
def compare(
    scenario: ScenarioArg,
    year: Annotated[int, typer.Option("--year", help="Året, der sammenlignes.")],
    level: LevelOpt = None,
    national: NationalOpt = None,
    diff: CompareDiffOpt = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """De tre modeller side om side for et år: hvad hvert center betaler under hver.

    Eksempel: sygefravaer compare examples/eksempelkommune/scenario.toml --year 2014

    Når KRL udgiver nye tal: sygefravaer compare SCENARIE --year 2014 --national NY.csv --diff
    """

    def body() -> None:
        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        if diff:
            return _compare_diff(scenario, national, year, level, Out(as_json, lang, strict, width))
        p = _load(scenario, national)
        cmp = p.compare(year, level=level)
        _warn([*p.warnings, *(w for r in cmp.results.values() for w in _found(r))], strict)
        if as_json:
            _emit_result(cmp)
        else:
            from .report.tables import compare_errors, compare_table

            con = _console(width)
            con.print(compare_table(cmp, p.name, lang, con.width))
            compare_errors(cmp, con, lang)

    _guard(body)


@app.command()
def run(
    scenario: ScenarioArg,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Mappen, der skrives til (standard: ./sygefravaer_<scenariets navn>). "
            "Oversigten hedder <navn>_oversigt.xlsx, centrenes projektmapper ligger i centre/.",
        ),
    ] = None,
    per_center: Annotated[
        bool,
        typer.Option("--per-center/--no-per-center", help="Skriv også én projektmappe pr. center."),
    ] = True,
    min_fte: Annotated[
        float | None,
        typer.Option(
            "--min-fte",
            help="I centrenes projektmapper skjules fraværstal for enheder med færre årsværk "
            "(standard: scenariets min_fte, 5; 0 viser alt).",
        ),
    ] = None,
    national: NationalOpt = None,
    diff: RunDiffOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Skriv intet, når alt går godt.")] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Skriv et JSON-resumé på stdout (år, totaler, skrevne filer med SHA-256, "
            "advarsler).",
        ),
    ] = False,
    lang: LangOpt = "da",
    strict: StrictOpt = False,
    width: WidthOpt = None,
) -> None:
    """Hele årets kørsel: måltal, status og fordeling for hvert år, skrevet som projektmapper.

    Skriver DIR/<navn>_oversigt.xlsx (direktionens oversigt) og DIR/centre/<center>.xlsx.

    Eksempel: sygefravaer run examples/eksempelkommune/scenario.toml --out resultater

    Når KRL udgiver nye tal: sygefravaer run SCENARIE --national NY.csv --diff --out DIR
    """

    def body() -> None:
        _choice(lang, LANGS, "--lang")
        if diff:
            options = {"out": out, "per_center": per_center, "min_fte": min_fte, "lang": lang}
            options["processes"] = _cores()
            return _run_diff(scenario, national, options, quiet, Out(as_json, lang, strict, width))
        p = _load(scenario, national)
        p.run_folder(out, min_fte)  # refuse bad options before the work
        res = p.compute_run()
        if not quiet or strict:
            _warn(res.warnings, strict, doing="ingen projektmapper er skrevet")
        done = p.write_run(res, out, per_center, min_fte, lang, processes=_cores())
        if as_json:
            _emit_json(done.to_dict())
        elif not quiet:
            _print_run(done.result, lang, width)
            for f in done.files:
                typer.echo(f"Skrevet: {f}")

    _guard(body)


def _cores() -> int:
    """The processes `run` writes its center workbooks in: one per core it may use."""
    from .report.forked import usable_cores

    return usable_cores()


def _print_run(res, lang: str, width: int | None = None) -> None:
    """The tables `run` shows: every year's allocation, else every year's status (README)."""
    from .report.tables import allocation_table, status_table

    sc = res.scenario
    con = _console(width)
    shown = [res.allocations[y] for y in res.years if y in res.allocations]
    for k, alloc in enumerate(shown):
        if k:
            con.print()
        con.print(allocation_table(alloc, sc.name, lang, con.width))
    if shown:
        return
    statuses = [st for _, st in sorted(res.status.items()) if st is not None]
    for k, st in enumerate(statuses):
        if k:
            con.print()
        con.print(status_table(st, sc.name, lang, sc.targets.decimals, con.width))


@app.command()
def check(
    scenario: ScenarioArg,
    national: NationalOpt = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Skriv rapporten som JSON: {"scenario", "name", "ok", "counts", "files": '
            '[{"role", "path", "rows", "errors", "warnings", "notes"}], "summary"}.',
        ),
    ] = False,
    strict: StrictOpt = False,
) -> None:
    """Kontrollér alle inddata på én gang: hver fejl, advarsel og bemærkning, fil for fil.

    Læser hver tabel for sig (én fil med fejl stopper ikke de andre), kontrollerer dem mod
    hinanden og beregner hvert år. Status 2, når der er en fejl (med --strict også ved en
    advarsel). Kør den før et møde.

    Eksempel: sygefravaer check examples/eksempelkommune/scenario.toml
    """

    def body() -> None:
        from .check import check as run_check

        report = run_check(scenario, national)
        if as_json:
            _emit_json(report.to_dict())
        else:
            from .report.check import check_lines

            for line in check_lines(report):
                typer.echo(line)
        if not report.ok or (strict and report.warnings):
            raise typer.Exit(2)

    _guard(body)


national_app = typer.Typer(
    help="Landsgennemsnit fra KRL: indlæs en ny tabel (lang eller bred form) til den lange CSV.\n\n"
    "Eksempel: sygefravaer national import KRL_2017.xlsx --out data/krl_landsgennemsnit.csv",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(national_app, name="national")


@national_app.command(
    "import", short_help="Indlæs KRL's tabel (lang eller bred) og skriv den lange CSV."
)
def national_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="KRL-tabellen (.csv eller .xlsx): lang form (år, personalegruppe, dage) eller "
            "bred form (personalegrupper i rækker, en kolonne pr. år).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Den lange CSV, der skrives (year,staff_group,days_per_fte[,source])."
        ),
    ],
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="Forrige fil at sammenligne gruppenavne og tal med (standard: --out, hvis den "
            "findes).",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Arket i en xlsx-fil (standard: det første).")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Kilde til kolonnen source (standard: en 'Kilde: ...'-note i tabellen).",
        ),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge", help="Behold den forrige fils år og grupper, som den nye tabel ikke har."
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Skriv intet og stop med status 2, hvis gruppenavne ikke matcher den forrige fil.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Indlæs KRL's landsgennemsnit og skriv dem i lang form (year,staff_group,days_per_fte).

    Læser KRL's tabel som den udgives eller eksporteres: lang eller bred form, danske overskrifter,
    decimalkomma, titel- og noterækker. Skriver atomisk (aldrig over inddatafilen) og melder, hvad
    der blev læst (år, personalegrupper), og hvilke gruppenavne der ikke matcher den forrige fil.

    Eksempel: sygefravaer national import KRL_sygefravaer_2017.xlsx --out data/krl.csv

    --json giver {"file", "form", "sheet", "out", "rows", "rows_written", "years", "groups",
    "previous", "new_groups", "dropped_groups", "suggestions", "new_years", "dropped_years",
    "revised": [{"year", "staff_group", "old", "new"}], "mismatch"}; uden forrige fil er
    sammenligningsfelterne null.
    """

    def body() -> None:
        from .errors import InputError
        from .io.krl import compare_national, long_frame, merge_previous, write_long
        from .io.national import read_national, read_national_form

        if out.exists() and _same_file(out, file):
            raise InputError(
                "--out er selve inddatafilen, og den overskrives ikke",
                file=out,
                hint="Skriv til en anden fil, fx data/krl_landsgennemsnit.csv.",
            )
        table, form = read_national_form(file, sheet)  # one read of the file
        _warn(table.warnings)  # e.g. a provisional KRL year (a note)
        new = long_frame(table)
        if source is not None:
            new["source"] = source
        prev_path = previous if previous is not None else (out if out.exists() else None)
        old = long_frame(read_national(prev_path)) if prev_path is not None else None
        report = compare_national(new, old, str(prev_path) if prev_path is not None else None)
        if strict and report.mismatch:
            raise InputError(
                "gruppenavnene matcher ikke den forrige fil: "
                + "; ".join(
                    [f"nye: {', '.join(report.new_groups)}"] * bool(report.new_groups)
                    + [f"mangler: {', '.join(report.dropped_groups)}"] * bool(report.dropped_groups)
                ),
                file=file,
                hint="Ret navnene, så de svarer til den forrige fil, eller kør uden --strict.",
            )
        frame = merge_previous(new, old) if (merge and old is not None) else new
        write_long(frame, out, inputs=(file,))
        if as_json:
            doc = {"file": str(file), "form": form, "sheet": table.sheet, "out": str(out)}
            _emit_json(doc | {"rows_written": len(frame)} | report.to_dict())
            return
        for line in _import_lines(file, form, table.sheet, out, len(frame), report, merge):
            typer.echo(line)

    _guard(body)


def _same_file(a: Path, b: Path) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _import_lines(file, form, sheet, out, written, rep, merged) -> list[str]:
    """The human report of `national import`: what was read and how it differs from before."""

    def num(x: float) -> str:
        return f"{x:g}".replace(".", ",")

    where = f"{file}" + (f", ark {sheet!r}" if sheet else "")
    kind = "bred form" if form == "wide" else "lang form"
    years = rep.years
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    lines = [
        f"Læst: {where} ({kind}): {rep.rows} tal, år {span}, {len(rep.groups)} personalegrupper",
        "  Personalegrupper: " + "; ".join(rep.groups),
        f"Skrevet: {out} ({written} rækker{', flettet med den forrige fil' if merged else ''})",
    ]
    if rep.previous is None:
        return lines
    lines.append(f"Sammenlignet med: {rep.previous}")
    if not rep.mismatch:
        lines.append("  Alle gruppenavne findes i den forrige fil.")
    for name in rep.new_groups:
        like = rep.suggestions.get(name)
        hint = f" (ligner {like!r})" if like else ""
        lines.append(
            f"  ADVARSEL: nyt gruppenavn, som ikke findes i den forrige fil: {name!r}{hint}"
        )
    for name in rep.dropped_groups:
        lines.append(f"  ADVARSEL: gruppenavn i den forrige fil, som mangler nu: {name!r}")
    if rep.new_years:
        lines.append("  Nye år: " + ", ".join(map(str, rep.new_years)))
    if rep.dropped_years:
        keep = "" if merged else " (brug --merge for at beholde dem)"
        lines.append(
            "  År i den forrige fil, som ikke er i den nye: "
            + ", ".join(map(str, rep.dropped_years))
            + keep
        )
    for r in rep.revised:
        lines.append(
            f"  Ændret tal: {r['year']} {r['staff_group']}: {num(r['old'])} → {num(r['new'])}"
        )
    return lines


def main() -> None:
    """Console-script entry point: malloc kept from returning memory (`keep_freed_memory`), the
    command, then a quick exit (`quick_exit`)."""
    keep_freed_memory()
    try:
        app()
    except SystemExit as exc:
        quick_exit(_exit_code(exc.code))


def _exit_code(code: object) -> int:
    """SystemExit's code as the process's status: None is 0; a message goes to stderr, status 1
    (as the interpreter does)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def keep_freed_memory() -> None:
    """Have glibc's malloc keep what the process frees for its next arrays (issue 14): a column
    of the country is a few MB, and memory given back to the system comes back as new pages,
    each faulted in on first touch (up to 9 us a page on a virtual machine). Arrays up to 32 MiB
    (four times the country's columns) then come from the heap, and the heap is not trimmed;
    the peak stays what the largest step needs. One arena for every thread: what the threads
    that read a CSV's pieces free is then there for the arrays made after them (each thread's
    own arena kept 0.1 GiB on four times the country that no later array could use, and those
    arrays came from new pages: 0.5 s). Nothing where the C library has no mallopt."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt  # glibc's; musl has none
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold, m_arena_max = -1, -3, -8  # malloc.h
    mallopt(m_mmap_threshold, 32 << 20)  # glibc's largest (HEAP_MAX_SIZE / 2 on 64 bits)
    mallopt(m_trim_threshold, (1 << 31) - 1)
    mallopt(m_arena_max, 1)


def quick_exit(code: int) -> NoReturn:
    """End the process without the interpreter's teardown (freeing every module, class and
    table one object at a time: 0.1-0.25 s after `allocate` on the country; issue 14), as
    mypy's console script does. The exit handlers (atexit, weakref.finalize) still run and the
    output is flushed; with another thread still running or a failed flush (a closed pipe),
    the normal exit does the rest."""
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":
    main()
