"""The command line's own words (issue 13): help and usage errors in Danish, English with --lang en.

Typer (with the click it carries) writes its help and usage errors in English, and its strings are
not marked for translation. So the words are changed where they are written, for one invocation
only: `LocalisedGroup.main` reads `--lang` from the command line, gives the commands of this
invocation (typer builds them anew for every call) a help formatter that writes Danish, and shows
usage errors itself, in Danish. With `--lang en` typer's words are left as they are and the
project's own help texts are given in English (`EN`). Nothing here changes a module, a class or
gettext: `import sygefravaer` leaves the user's program as it was.

Only the standard library and typer are imported, so that `--help` stays fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 carries its own copy of click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - older typer uses click itself
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

LANGS = ("da", "en")

# Typer's headings, usage words, value types and the help of the options it adds.
HEADINGS = {
    "Usage": "Brug",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
}
USAGE_WORDS = {
    "[OPTIONS]": "[TILVALG]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]...",
    "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]...": "KOMMANDO1 [ARGUMENTER]... "
    "[KOMMANDO2 [ARGUMENTER]...]...",
}
VALUE_TYPES = {
    "path": "sti",
    "int": "heltal",
    "integer": "heltal",
    "float": "tal",
    "str": "tekst",
    "text": "tekst",
    "bool": "ja/nej",
    "file": "fil",
    "choice": "valg",
}
OPTION_HELP = {
    "Show this message and exit.": "Vis denne hjælp og stop.",
    "Show the version and exit.": "Vis versionen og stop.",
    "Install completion for the current shell.": "Installér tab-fuldførelse for den aktuelle skal.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Vis tab-fuldførelsen for den aktuelle skal, så den kan kopieres eller tilpasses."
    ),
    "Install completion for the specified shell.": (
        "Installér tab-fuldførelse for den angivne skal."
    ),
    "Show completion for the specified shell, to copy it or customize the installation.": (
        "Vis tab-fuldførelsen for den angivne skal, så den kan kopieres eller tilpasses."
    ),
}
# The bracketed notes after an option's help: "[default: da]", "[required]", "[env var: X]".
NOTES = {"default": "standard", "required": "påkrævet", "env var": "miljøvariabel"}

# Typer's usage errors: an English pattern, " => ", its Danish form (applied in order); typer
# 0.29 words a bad value as pydantic does, earlier versions as click does ('x' is not a valid int).
MESSAGES = tuple(
    tuple(line.split(" => "))
    for line in r"""
^Missing argument (.+)\.$ => Mangler argumentet \1.
^Missing option (.+)\.$ => Mangler tilvalget \1.
^Missing parameter (.+)\.$ => Mangler parameteren \1.
^Missing parameter: (.+)$ => Mangler parameteren \1
^Missing command\.$ => Mangler en kommando.
^No such option: (\S+) => Ukendt tilvalg: \1
\(Possible options: (.+)\)$ => (mulige tilvalg: \1)
^No such command (.+?)\. => Ukendt kommando \1.
 Did you mean (.+)\?$ =>  Mente du \1?
^Got unexpected extra argument\(s\) \((.*)\)$ => Uventet ekstra argument (\1)
^Option (.+) requires an argument\.$ => Tilvalget \1 kræver en værdi.
^Option (.+) requires (\d+) arguments\.$ => Tilvalget \1 kræver \2 værdier.
^Option (.+) does not take a value\.$ => Tilvalget \1 tager ingen værdi.
^Argument (.+) takes (\d+) values\.$ => Argumentet \1 tager \2 værdier.
^Invalid value for (.+?): => Ugyldig værdi for \1:
^Invalid value: => Ugyldig værdi:
^Could not open file (.+?): => Kunne ikke åbne filen \1:
Input should be a valid integer, unable to parse string as an integer => skal være et heltal
Input should be a valid integer, got a number with a fractional part => skal være et heltal
Input should be a valid integer => skal være et heltal
Input should be a valid number, unable to parse string as a number => skal være et tal
Input should be a valid number => skal være et tal
Input should be a valid boolean.*$ => skal være ja eller nej
Input should be a finite number => skal være et endeligt tal
^Value (.+) is not a valid (.+)\.$ => Værdien \1 er ikke en gyldig \2.
(?<=: )(.+) is not a valid int(?:eger)?\.$ => skal være et heltal, ikke \1.
(?<=: )(.+) is not a valid float\.$ => skal være et tal, ikke \1.
(?<=: )(.+) is not a valid boolean\..*$ => skal være ja eller nej, ikke \1.
(?<=: )(.+) is not in the range x>=(\S+)\.$ => skal være mindst \2, ikke \1.
(?<=: )(.+) is not in the range x<=(\S+)\.$ => skal være højst \2, ikke \1.
""".strip().splitlines()
)
ERROR = {"da": "Fejl", "en": "Error"}
TRY = {
    "da": "Prøv '{command} {option}' for at få hjælp.",
    "en": "Try '{command} {option}' for help.",
}
ABORTED = {"da": "Afbrudt!", "en": "Aborted!"}


def requested_lang(args: Sequence[str]) -> str:
    """The language the command line asks for: `--lang en` or `--lang=en` anywhere (before a
    `--`), else Danish; the last one given wins, as for any option."""
    lang = "da"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "da"


def danish_message(message: str) -> str:
    """A usage error of typer's in Danish (a message it does not know is left as it is)."""
    for pattern, repl in MESSAGES:
        message = re.sub(pattern, repl, message)
    return message


def danish_usage(args: str) -> str:
    for en, da in USAGE_WORDS.items():
        args = args.replace(en, da)
    return args


def danish_term(term: str) -> str:
    """An option's or argument's first column: `--year <int>` becomes `--year <heltal>`."""
    return re.sub(r"<(\w+)>", lambda m: f"<{VALUE_TYPES.get(m.group(1), m.group(1))}>", term)


def danish_help(text: str) -> str:
    """An option's help: typer's own help texts and the bracketed notes after ours."""
    body, notes = text, ""
    m = re.search(r"(?:^|  )\[([^\[\]]*)\]$", text)
    if m:
        body, notes = text[: m.start()], m.group(1)
        parts = []
        for part in notes.split("; "):
            key, sep, value = part.partition(": ")
            parts.append(NOTES.get(key, key) + sep + value)
        notes = ("  " if body else "") + "[" + "; ".join(parts) + "]"
    return OPTION_HELP.get(body, body) + notes


class DanishHelpFormatter(typer.Context.formatter_class):
    """Typer's help formatter, writing its own words in Danish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, danish_usage(args), "Brug: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        rows = [(danish_term(a), danish_help(b) if b else b) for a, b in rows]
        super().write_dl(rows, *args, **kwargs)


class DanishContext(typer.Context):
    """A context whose help is written by DanishHelpFormatter."""

    formatter_class = DanishHelpFormatter


def _commands(cmd) -> Iterable:
    yield cmd
    for sub in getattr(cmd, "commands", {}).values():
        yield from _commands(sub)


def localise(root, lang: str) -> None:
    """Give this invocation's commands the words of `lang`: a Danish help formatter, or the
    English version of the project's help texts. The commands are typer's fresh objects of this
    call, so nothing outlives it."""
    for cmd in _commands(root):
        if lang == "da":
            cmd.context_class = DanishContext
            continue
        cmd.help = english(cmd.help)
        cmd.short_help = english(cmd.short_help)
        for param in cmd.params:
            if getattr(param, "help", None):
                param.help = english(param.help)


def lang_defaults(group, lang: str) -> dict:
    """A click default map giving every command under `group` that takes --lang the language
    given before the command (`sygefravaer --lang en status ...`)."""
    out: dict = {}
    for name, cmd in getattr(group, "commands", {}).items():
        if hasattr(cmd, "commands"):
            out[name] = lang_defaults(cmd, lang)
        elif any(p.name == "lang" for p in cmd.params):
            out[name] = {"lang": lang}
    return out


def english(text: str | None) -> str | None:
    """The English version of one of the project's help texts, paragraph by paragraph (a
    paragraph without one is left in Danish)."""
    if not text:
        return text
    out = []
    for para in re.split(r"\n\s*\n", text):
        flat = " ".join(para.split())
        m = re.match(r"(Eksempel|Når KRL udgiver nye tal): (.*)$", flat)
        if m:
            lead = "Example" if m.group(1) == "Eksempel" else "When KRL publishes new averages"
            out.append(f"{lead}: {m.group(2)}")
        else:
            out.append(EN.get(flat, para))
    return "\n\n".join(out)


def show_error(exc: ClickException, lang: str) -> None:
    """A usage error as typer shows it, in the invocation's language."""
    if lang == "en" or isinstance(exc, NoArgsIsHelpError):
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = TRY["da"].format(command=ctx.command_path, option=ctx.help_option_names[0])
        typer.echo(f"{ctx.get_usage()}\n{hint}\n", err=True, color=ctx.color)
    typer.echo(f"{ERROR['da']}: {danish_message(exc.format_message())}", err=True)


class LocalisedGroup(TyperGroup):
    """The root command: help and usage errors in the language `--lang` asks for (Danish unless
    `--lang en`), for this invocation only."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        lang = requested_lang(args)
        localise(self, lang)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except ClickException as exc:
            show_error(exc, lang)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(ABORTED[lang], err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


# The project's help texts in English, keyed by the Danish paragraph (whitespace folded). Example
# paragraphs ("Eksempel: ...", "Når KRL udgiver nye tal: ...") are translated by their lead.
# The long help texts of cli.py's options, here once: cli.py shows them, EN translates them.
WIDTH_HELP = (
    "Tabellernes bredde i tegn (standard: terminalens bredde; når uddata sendes videre eller "
    "til en fil: COLUMNS, hvis den er sat, ellers 200). Tabeller, der ikke kan være der, "
    "vises i 1.000 kr., med navne og overskrifter ombrudt og til sidst delt i flere tabeller; "
    "et tal eller et navn klippes aldrig."
)
DIFF_HELP = (
    "Sammenlign gammel (scenariets egen national-fil) med ny (--national): ændringer vises "
    'som "gammel → ny" (beløb som "1.234 → 1.300 kr."). Med --json: {"old": <dokument>, '
    '"new": <dokument>, "changes": [{"level", "center", "sector", "year", "field", "old", '
    '"new"}], "summary", "national"}; level er sector, center eller municipality; field er '
    "target, benchmark (targets); target, benchmark, status, excess_days, potential, cost "
    "(status); target, status, weight, potential, share, increment, reduction (allocate: "
    "enheder; centre og kommunen: summerne af weight, potential, share, increment, "
    "reduction). old og new er tallene i det gamle og det nye dokument: share, increment og "
    "reduction hele kroner, potential, weight og dage decimaltal."
)
COMPARE_DIFF_HELP = (
    "Sammenlign gammel (scenariets egen national-fil) med ny (--national): hvad hvert center "
    'betaler under hver model før og efter, som "gammel → ny". Med --json: {"old": <compare>, '
    '"new": <compare>, "changes": [{"model", "level", "center", "sector", "year", "field", '
    '"old", "new"}], "summary", "national"}: hver models ændringer som allocate --diff; field '
    '"error", når modellen kun kan fordele på den ene side (old/new er fejlbeskeden eller '
    "null)."
)
RUN_DIFF_HELP = (
    "Sammenlign gammel (scenariets egen national-fil) med ny (--national) for hele kørslen: "
    "hvert års status og fordeling før og efter. Projektmapperne skrives med de nye tal. Med "
    '--json: {"old": <run-resumé, "out": null, ingen filer>, "new": <run-resumé>, "changes": '
    '[{"level", "center", "sector", "year", "command", "field", "old", "new"}], "summary", '
    '"national"}; command er status (sektorniveau, som status --diff) eller allocate '
    "(scenariets model, som allocate --diff)."
)

EN = {
    "Måltal for sygefravær og fordeling af budgetreduktion i en kommune.": (
        "Sickness-absence targets and the allocation of a budget reduction in a municipality."
    ),
    "Vis versionen og stop.": "Show the version and exit.",
    "Vis hele traceback ved interne fejl.": "Show the whole traceback on internal errors.",
    "Sprog i tabeller, hjælp og fejlbeskeder: da eller en.": (
        "Language of tables, help and error messages: da or en."
    ),
    "Måltal pr. center og sektor for hvert år i scenariet.": (
        "Targets per center and sector for every year of the scenario."
    ),
    "Scenariefilen (TOML), fx examples/eksempelkommune/scenario.toml.": (
        "The scenario file (TOML), e.g. examples/eksempelkommune/scenario.toml."
    ),
    "Anden fil med landsgennemsnit, fx data/krl_landsgennemsnit.csv.": (
        "Another file of national averages, e.g. data/krl_landsgennemsnit.csv."
    ),
    DIFF_HELP: (
        "Compare old (the scenario's own national file) with new (--national): changes are "
        'shown as "old → new" (amounts as "1.234 → 1.300 kr."). With --json: {"old": '
        '<document>, "new": <document>, "changes": [{"level", "center", "sector", "year", '
        '"field", "old", "new"}], "summary", "national"}; level is sector, center or '
        "municipality; field is target, benchmark (targets); target, benchmark, status, "
        "excess_days, potential, cost (status); target, status, weight, potential, share, "
        "increment, reduction (allocate: units; centers and the municipality: the sums of "
        "weight, potential, share, increment, reduction). old and new are the figures of the "
        "old and the new document: share, increment and reduction whole kroner, potential, "
        "weight and days decimals."
    ),
    COMPARE_DIFF_HELP: (
        "Compare old (the scenario's own national file) with new (--national): what each "
        'center pays under each model before and after, as "old → new". With --json: {"old": '
        '<compare>, "new": <compare>, "changes": [{"model", "level", "center", "sector", '
        '"year", "field", "old", "new"}], "summary", "national"}: each model\'s changes as '
        'allocate --diff; field "error" where the model can allocate on one side only '
        "(old/new is the error message or null)."
    ),
    RUN_DIFF_HELP: (
        "Compare old (the scenario's own national file) with new (--national) for the whole "
        "run: every year's status and allocation before and after. The workbooks are written "
        'with the new figures. With --json: {"old": <run summary, "out": null, no files>, '
        '"new": <run summary>, "changes": [{"level", "center", "sector", "year", "command", '
        '"field", "old", "new"}], "summary", "national"}; command is status (sector level, as '
        "status --diff) or allocate (the scenario's model, as allocate --diff)."
    ),
    WIDTH_HELP: (
        "Width of the tables in characters (default: the terminal's width; when the output is "
        "piped or goes to a file: COLUMNS if it is set, else 200). Tables that do not fit are "
        "shown in DKK 1,000, with names and headers wrapped, and at last split into several "
        "tables; a figure or a name is never cut."
    ),
    "Skriv ét JSON-dokument på stdout.": "Write one JSON document to stdout.",
    "Stop med status 2 ved enhver advarsel om data (for scripts, der ikke må fortsætte med "
    "tvivlsomme tal); bemærkninger stopper ikke.": (
        "Stop with status 2 on any warning about the data (for scripts that must not go on with "
        "doubtful figures); notes do not stop."
    ),
    "Grøn/rød status mod måltallet pr. sektor, center og for kommunen.": (
        "Green/red status against the target per sector, center and for the municipality."
    ),
    "Grøn/rød status mod måltallet pr. sektor, center og kommune.": (
        "Green/red status against the target per sector, center and municipality."
    ),
    "Måltalsåret; fraværet året før sammenlignes.": (
        "The target year; the absence of the year before is compared."
    ),
    "En bestemt periode, fx 2018Q1 (12 måneder til og med kvartalet).": (
        "A given period, e.g. 2018Q1 (the 12 months up to and including the quarter)."
    ),
    "Niveau: sector eller center (overstyrer scenariet).": (
        "Level: sector or center (overrides the scenario)."
    ),
    "Fordel budgetreduktionen for et år (alle tidligere års stigninger ligger fast).": (
        "Allocate the budget reduction of a year (every earlier year's increment stays)."
    ),
    "Året, der fordeles (med alle år før).": "The year to allocate (with every year before).",
    "green-harvester, substitute eller over-target.": "green-harvester, substitute or over-target.",
    "Skriv også en Excel-projektmappe, fx fordeling_2014.xlsx.": (
        "Also write an Excel workbook, e.g. fordeling_2014.xlsx."
    ),
    "De tre modeller side om side for et år: hvad hvert center betaler under hver.": (
        "The three models side by side for a year: what each center pays under each."
    ),
    "Året, der sammenlignes.": "The year to compare.",
    # explain (issue 13)
    "Hvorfor en enhed fik sit måltal og sin andel, trin for trin.": (
        "Why a unit got its target and its share, step by step."
    ),
    "Forklar én enheds måltal, status og andel: fra fraværsrækkerne til kronerne.": (
        "Explain one unit's target, status and share: from the absence rows to the kroner."
    ),
    "Hvert trin med tallene og formlen i ord: fraværet lagt sammen, niveauet i basisåret, "
    "benchmark efter personalegrupper (KRL-år), glidebanen eller den nationale regel, "
    "afrunding, status, dagsværdi og potentiale, modellens vægt og andel, loft, største rest, "
    "tidligere stigninger og reduktionen.": (
        "Each step with its figures and the formula in words: the absence summed, the base-year "
        "level, the benchmark by staff group (KRL year), the glide path or the national rule, "
        "rounding, status, day value and potential, the model's weight and share, cap, largest "
        "remainder, earlier increments and the reduction."
    ),
    'Enheden kan også skrives --unit "Jobcentret / Jobindsats"; --center alene forklarer '
    "centret på centerniveau.": (
        'The unit may also be written --unit "Jobcentret / Jobindsats"; --center alone '
        "explains the center at center level."
    ),
    "Måltalsåret (og fordelingsåret).": "The target year (and the allocation year).",
    'Enheden som "CENTER / SEKTOR" (på centerniveau: CENTER).': (
        'The unit as "CENTER / SECTOR" (at center level: CENTER).'
    ),
    "Centret (uden --sector: centerniveau).": "The center (without --sector: center level).",
    'Sektoren i --center (for navne med " / ").': 'The sector in --center (for names with " / ").',
    "En anden fraværsperiode, fx 2018Q1.": "Another absence period, e.g. 2018Q1.",
    "Hele årets kørsel: måltal, status og fordeling for hvert år, skrevet som projektmapper.": (
        "The whole yearly run: targets, status and allocation for every year, written as workbooks."
    ),
    "Skriver DIR/<navn>_oversigt.xlsx (direktionens oversigt) og DIR/centre/<center>.xlsx.": (
        "Writes DIR/<name>_oversigt.xlsx (the directorate's overview) and DIR/centre/<center>.xlsx."
    ),
    "Mappen, der skrives til (standard: ./sygefravaer_<scenariets navn>). Oversigten hedder "
    "<navn>_oversigt.xlsx, centrenes projektmapper ligger i centre/.": (
        "The folder to write to (default: ./sygefravaer_<scenario name>). The overview is "
        "<name>_oversigt.xlsx, the centers' workbooks are in centre/."
    ),
    "Skriv også én projektmappe pr. center.": "Also write one workbook per center.",
    "I centrenes projektmapper skjules fraværstal for enheder med færre årsværk (standard: "
    "scenariets min_fte, 5; 0 viser alt).": (
        "In the centers' workbooks the absence figures of units with fewer fte are hidden "
        "(default: the scenario's min_fte, 5; 0 shows everything)."
    ),
    "Skriv intet, når alt går godt.": "Write nothing when all goes well.",
    "Skriv et JSON-resumé på stdout (år, totaler, skrevne filer med SHA-256, advarsler).": (
        "Write a JSON summary to stdout (years, totals, files written with SHA-256, warnings)."
    ),
    "Kontrollér alle inddata på én gang: hver fejl, advarsel og bemærkning, fil for fil.": (
        "Check every input at once: every error, warning and note, file by file."
    ),
    "Læser hver tabel for sig (én fil med fejl stopper ikke de andre), kontrollerer dem mod "
    "hinanden og beregner hvert år. Status 2, når der er en fejl (med --strict også ved en "
    "advarsel). Kør den før et møde.": (
        "Reads each table on its own (a file with errors does not stop the others), checks them "
        "against each other and computes every year. Status 2 when there is an error (with "
        "--strict also on a warning). Run it before a meeting."
    ),
    'Skriv rapporten som JSON: {"scenario", "name", "ok", "counts", "files": [{"role", "path", '
    '"rows", "errors", "warnings", "notes"}], "summary"}.': (
        'Write the report as JSON: {"scenario", "name", "ok", "counts", "files": [{"role", '
        '"path", "rows", "errors", "warnings", "notes"}], "summary"}.'
    ),
    "Landsgennemsnit fra KRL: indlæs en ny tabel (lang eller bred form) til den lange CSV.": (
        "National averages from KRL: import a new table (long or wide form) to the long CSV."
    ),
    "Indlæs KRL's landsgennemsnit og skriv dem i lang form (year,staff_group,days_per_fte).": (
        "Import KRL's national averages and write them in long form "
        "(year,staff_group,days_per_fte)."
    ),
    "Læser KRL's tabel som den udgives eller eksporteres: lang eller bred form, danske "
    "overskrifter, decimalkomma, titel- og noterækker. Skriver atomisk (aldrig over inddatafilen) "
    "og melder, hvad der blev læst (år, personalegrupper), og hvilke gruppenavne der ikke matcher "
    "den forrige fil.": (
        "Reads KRL's table as it is published or exported: long or wide form, Danish headers, "
        "decimal commas, title and note rows. Writes atomically (never over the input file) and "
        "reports what was read (years, staff groups) and which group names do not match the "
        "previous file."
    ),
    '--json giver {"file", "form", "sheet", "out", "rows", "rows_written", "years", "groups", '
    '"previous", "new_groups", "dropped_groups", "suggestions", "new_years", "dropped_years", '
    '"revised": [{"year", "staff_group", "old", "new"}], "mismatch"}; uden forrige fil er '
    "sammenligningsfelterne null.": (
        '--json gives {"file", "form", "sheet", "out", "rows", "rows_written", "years", "groups", '
        '"previous", "new_groups", "dropped_groups", "suggestions", "new_years", "dropped_years", '
        '"revised": [{"year", "staff_group", "old", "new"}], "mismatch"}; without a previous file '
        "the comparison fields are null."
    ),
    "Indlæs KRL's tabel (lang eller bred) og skriv den lange CSV.": (
        "Import KRL's table (long or wide) and write the long CSV."
    ),
    "KRL-tabellen (.csv eller .xlsx): lang form (år, personalegruppe, dage) eller bred form "
    "(personalegrupper i rækker, en kolonne pr. år).": (
        "The KRL table (.csv or .xlsx): long form (year, staff group, days) or wide form (staff "
        "groups in rows, one column per year)."
    ),
    "Den lange CSV, der skrives (year,staff_group,days_per_fte[,source]).": (
        "The long CSV to write (year,staff_group,days_per_fte[,source])."
    ),
    "Forrige fil at sammenligne gruppenavne og tal med (standard: --out, hvis den findes).": (
        "The previous file to compare group names and figures with (default: --out, if it exists)."
    ),
    "Arket i en xlsx-fil (standard: det første).": (
        "The sheet of an xlsx file (default: the first)."
    ),
    "Kilde til kolonnen source (standard: en 'Kilde: ...'-note i tabellen).": (
        "Source for the source column (default: a 'Kilde: ...' note in the table)."
    ),
    "Behold den forrige fils år og grupper, som den nye tabel ikke har.": (
        "Keep the previous file's years and groups that the new table does not have."
    ),
    "Skriv intet og stop med status 2, hvis gruppenavne ikke matcher den forrige fil.": (
        "Write nothing and stop with status 2 if group names do not match the previous file."
    ),
}
