"""The command line: a thin Typer layer over the core (domain.md section 5).

Heavy modules (pandas, openpyxl, rich tables) are imported inside the commands, so `--help` and
`--version` stay fast. Input problems end with exit status 2 and one message on stderr; internal
errors with exit status 1 (the traceback only under --debug).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__

app = typer.Typer(
    name="sygefravaer",
    help="Måltal for sygefravær og fordeling af budgetreduktion i en kommune.\n\n"
    "Eksempel: sygefravaer status examples/eksempelkommune/scenario.toml --year 2014",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}

LEVELS = ("sector", "center")
LANGS = ("da", "en")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sygefravaer {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Vis versionen og stop."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Vis hele traceback ved interne fejl.")
    ] = False,
) -> None:
    """Måltal for sygefravær og fordeling af budgetreduktion i en kommune."""
    _state["debug"] = debug


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"Fejl: {message}", err=True)
    raise typer.Exit(code)


def _guard(fn: Callable[[], None]) -> None:
    """Run a command body: InputError -> exit 2, anything unexpected -> exit 1."""
    from .errors import InputError

    try:
        fn()
    except InputError as exc:
        _fail(exc.render(), 2)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _fail("afbrudt", 130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _state["debug"]:
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


def _console():
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 200)


def _warn(warnings) -> None:
    for w in warnings:
        typer.echo(f"Advarsel: {w}", err=True)


def _emit_json(doc: dict) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _load(scenario: Path, national: Path | None = None):
    from .readers import load_inputs
    from .scenario import load_scenario

    sc = load_scenario(scenario)
    return sc, load_inputs(sc, national)


ScenarioArg = Annotated[
    Path,
    typer.Argument(
        help="Scenariefilen (TOML), fx examples/eksempelkommune/scenario.toml.", show_default=False
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv ét JSON-dokument på stdout.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Sprog i tabellerne: da eller en.")]
LevelOpt = Annotated[
    str | None, typer.Option("--level", help="Niveau: sector eller center (overstyrer scenariet).")
]
NationalOpt = Annotated[
    Path | None,
    typer.Option(
        "--national", help="Anden fil med landsgennemsnit, fx data/krl_landsgennemsnit.csv."
    ),
]


@app.command()
def targets(
    scenario: ScenarioArg,
    national: NationalOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
) -> None:
    """Måltal pr. center og sektor for hvert år i scenariet.

    Eksempel: sygefravaer targets examples/eksempelkommune/scenario.toml --json
    """

    def body() -> None:
        _choice(lang, LANGS, "--lang")
        from .render import targets_table
        from .targets import compute_targets

        sc, inputs = _load(scenario, national)
        tset = compute_targets(sc, inputs)
        _warn(inputs.warnings)
        if as_json:
            _emit_json(tset.to_dict())
        else:
            _console().print(targets_table(tset, sc.name, lang))

    _guard(body)


@app.command()
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
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
) -> None:
    """Grøn/rød status mod måltallet pr. sektor, center og for kommunen.

    Eksempel: sygefravaer status examples/eksempelkommune/scenario.toml --year 2014
    """

    def body() -> None:
        from .errors import InputError

        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        if year is None and period is None:
            raise InputError(
                "angiv --year ÅR eller --period PERIODE",
                hint="Fx --year 2014 (fravær 2013 mod måltal 2014) eller --period 2018Q1.",
            )
        from .render import status_table
        from .status import compute_status

        sc, inputs = _load(scenario, national)
        res = compute_status(sc, inputs, year=year, period=period, level=level)
        _warn(inputs.warnings)
        if as_json:
            _emit_json(res.to_dict())
        else:
            _console().print(status_table(res, sc.name, lang, sc.targets.decimals))

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
    as_json: JsonOpt = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Skriv også en Excel-projektmappe, fx fordeling_2014.xlsx."),
    ] = None,
    lang: LangOpt = "da",
) -> None:
    """Fordel budgetreduktionen for et år (alle tidligere års stigninger ligger fast).

    Eksempel: sygefravaer allocate examples/eksempelkommune/scenario.toml --year 2014
    """

    def body() -> None:
        from .scenario import MODELS

        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        _choice(model, MODELS, "--model")
        from .allocation import allocate as run_allocate
        from .render import allocation_table

        sc, inputs = _load(scenario, national)
        res = run_allocate(sc, inputs, year, model=model, level=level)
        _warn(res.warnings)
        if output is not None:
            from .export import write_allocation_workbook

            write_allocation_workbook(output, sc, inputs, res)
        if as_json:
            _emit_json(res.to_dict())
        else:
            _console().print(allocation_table(res, sc.name, lang))

    _guard(body)


@app.command()
def compare(
    scenario: ScenarioArg,
    year: Annotated[int, typer.Option("--year", help="Året, der sammenlignes.")],
    level: LevelOpt = None,
    national: NationalOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "da",
) -> None:
    """De tre modeller side om side for et år: hvad hvert center betaler under hver.

    Eksempel: sygefravaer compare examples/eksempelkommune/scenario.toml --year 2014
    """

    def body() -> None:
        _choice(lang, LANGS, "--lang")
        _choice(level, LEVELS, "--level")
        from .allocation import compare as run_compare
        from .render import compare_errors, compare_table

        sc, inputs = _load(scenario, national)
        results = run_compare(sc, inputs, year, level=level)
        _warn(inputs.warnings)
        if as_json:
            models = {
                m: (
                    r.to_dict()
                    if not isinstance(r, Exception)
                    else {"error": getattr(r, "message", str(r))}
                )
                for m, r in results.items()
            }
            _emit_json({"year": year, "chosen": sc.reduction.model, "models": models})
        else:
            con = _console()
            con.print(compare_table(results, sc.reduction.model, year, sc.name, lang))
            compare_errors(results, con, lang)

    _guard(body)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
