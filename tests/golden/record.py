"""Record the golden outputs of the CLI: `python tests/golden/record.py` (see README.md here).

CASES below is the list of recorded commands; `main()` writes it to manifest.json, runs every
case in-process (typer's CliRunner on `sygefravaer.cli.app`, cwd = the repository root) and
writes what it printed and wrote to cases/<name>/. tests/cli/test_golden.py imports this module
for the same runner and compares each case with its goldens.

Placeholders: in argv, `{OUT}` is a fresh empty folder for the case and `{TMP}` the shared scratch
folder the setup commands write to (the imported KRL file). In the recorded outputs the absolute
paths of these folders and of the repository root become `<OUT>`, `<TMP>` and `<ROOT>`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import math
import os
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parent.parent
CASES_DIR = GOLDEN / "cases"
MANIFEST = GOLDEN / "manifest.json"
VERSIONS = GOLDEN / "recorded_with.json"  # informative: what the goldens were recorded with
PACKAGES = ("typer", "rich", "openpyxl", "pandas", "numpy", "python-calamine", "pydantic")

# Every case runs with this environment (None: the variable is unset during the case).
ENV: dict[str, str | None] = {
    "SOURCE_DATE_EPOCH": "1700000000",
    "COLUMNS": "200",
    "LINES": "50",
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}

EK = "examples/eksempelkommune/scenario.toml"
REV = "examples/revision2018/scenario.toml"
KRL = "data/krl_landsgennemsnit.csv"  # the bundled national averages (up to 2023)
KRL_WIDE = "examples/krl/KRL_sygefravaer_2017.csv"  # KRL's wide table, read directly
KRL_2017 = "{TMP}/krl_2017.csv"  # KRL_WIDE imported by the setup step
EK_YEARS = (2014, 2015, 2016, 2017)
MODELS = ("green-harvester", "substitute", "over-target")
IMPORT = f"national import {KRL_WIDE} --previous {KRL}"

# Run before the cases (each must exit 0); their outputs are not recorded.
SETUP: list[dict] = [{"name": "import_krl_2017", "argv": f"{IMPORT} --out {KRL_2017}".split()}]


def _case(name: str, command: str, files: bool = False, env: dict | None = None) -> dict:
    """A case: `command` is the argv after `sygefravaer`, split on blanks (no path has one)."""
    case: dict = {"name": name, "argv": command.split()}
    if env:
        case["env"] = env
    if files:
        case["files"] = True  # record every file the case writes under {OUT}
    return case


def build_cases() -> list[dict]:
    """Every recorded case, in order (names are unique and safe as folder names)."""
    c: list[dict] = []
    add = c.append
    nat = {"krl2017": KRL_2017, "krl": KRL, "krlwide": KRL_WIDE}
    levels = (("", ""), ("_center", "--level center"))

    # 1. The JSON of every command the READMEs show, on both examples.
    add(_case("ek_targets_json", f"targets {EK} --json"))
    add(_case("rev_targets_json", f"targets {REV} --json"))
    add(_case("rev_targets_national_krl_json", f"targets {REV} --national {KRL} --json"))
    for suf, lvl in levels:
        for y in EK_YEARS:
            add(_case(f"ek_status_{y}{suf}_json", f"status {EK} --year {y} {lvl} --json"))
        for p in ("2013", "2016"):  # a calendar year: against the target of the year after
            add(_case(f"ek_status_p{p}{suf}_json", f"status {EK} --period {p} {lvl} --json"))
        add(_case(f"rev_status_2018{suf}_json", f"status {REV} --year 2018 {lvl} --json"))
        for p in ("2018Q1", "2017"):
            add(_case(f"rev_status_p{p}{suf}_json", f"status {REV} --period {p} {lvl} --json"))
        add(
            _case(
                f"rev_status_p2018Q1_national_krl{suf}_json",
                f"status {REV} --period 2018Q1 --national {KRL} {lvl} --json",
            )
        )
    add(_case("ek_allocate_2014_json", f"allocate {EK} --year 2014 --json"))  # scenario's model
    for y in EK_YEARS:
        for model in MODELS:
            for level in ("sector", "center"):
                add(
                    _case(
                        f"ek_allocate_{y}_{model}_{level}_json",
                        f"allocate {EK} --year {y} --model {model} --level {level} --json",
                    )
                )
    # revision2018 has no [reduction]: every model exits 2 with the message on stderr
    add(_case("rev_allocate_2018_json", f"allocate {REV} --year 2018 --json"))
    for model in MODELS:
        add(
            _case(
                f"rev_allocate_2018_{model}_json",
                f"allocate {REV} --year 2018 --model {model} --json",
            )
        )
    for y in EK_YEARS:
        add(_case(f"ek_compare_{y}_json", f"compare {EK} --year {y} --json"))
    add(_case("ek_compare_2014_center_json", f"compare {EK} --year 2014 --level center --json"))
    add(_case("rev_compare_2018_json", f"compare {REV} --year 2018 --json"))
    # run: the JSON summary and every workbook it writes
    add(_case("ek_run_json", f"run {EK} --json --out {{OUT}}", files=True))
    add(_case("ek_run_min_fte_0_json", f"run {EK} --json --min-fte 0 --out {{OUT}}", files=True))
    add(_case("ek_run_no_per_center_json", f"run {EK} --json --no-per-center --out {{OUT}}"))
    add(_case("rev_run_json", f"run {REV} --json --out {{OUT}}", files=True))
    add(
        _case(
            "rev_run_national_krl2017_json",
            f"run {REV} --national {KRL_2017} --json --out {{OUT}}",
            files=True,
        )
    )
    add(
        _case(
            "rev_run_national_krl2017_quiet",
            f"run {REV} --national {KRL_2017} --out {{OUT}} --quiet",
        )
    )
    add(_case("ek_run_lang_en_json", f"run {EK} --json --lang en --out {{OUT}}", files=True))
    # allocate --output: the allocation workbook
    add(
        _case(
            "ek_allocate_2014_output_lang_en_json",
            f"allocate {EK} --year 2014 --json --lang en --output {{OUT}}/fordeling_2014.xlsx",
            files=True,
        )
    )
    add(
        _case(
            "ek_allocate_2014_output_json",
            f"allocate {EK} --year 2014 --json --output {{OUT}}/fordeling_2014.xlsx",
            files=True,
        )
    )
    add(
        _case(
            "ek_allocate_2017_green-harvester_center_output_json",
            f"allocate {EK} --year 2017 --model green-harvester --level center --json "
            "--output {OUT}/fordeling_2017.xlsx",
            files=True,
        )
    )
    add(
        _case(
            "ek_allocate_2014_diff_krl2017_output_json",
            f"allocate {EK} --year 2014 --national {KRL_2017} --diff --json "
            "--output {OUT}/fordeling_2014.xlsx",
            files=True,
        )
    )
    # national import: its report and the CSV it writes
    add(_case("national_import", f"{IMPORT} --out {{OUT}}/krl_2017.csv", files=True))
    add(_case("national_import_json", f"{IMPORT} --out {{OUT}}/krl_2017.csv --json"))
    # every --diff form, against the imported file, the bundled file and KRL's wide table
    for tag, scen in (("ek", EK), ("rev", REV)):
        for ntag, path in nat.items():
            add(
                _case(
                    f"{tag}_targets_diff_{ntag}_json",
                    f"targets {scen} --national {path} --diff --json",
                )
            )
    for ntag in ("krl2017", "krl"):
        for suf, lvl in levels:
            add(
                _case(
                    f"rev_status_p2018Q1_diff_{ntag}{suf}_json",
                    f"status {REV} --period 2018Q1 --national {nat[ntag]} --diff {lvl} --json",
                )
            )
        add(
            _case(
                f"rev_status_2018_diff_{ntag}_json",
                f"status {REV} --year 2018 --national {nat[ntag]} --diff --json",
            )
        )
        add(
            _case(
                f"ek_status_2014_diff_{ntag}_json",
                f"status {EK} --year 2014 --national {nat[ntag]} --diff --json",
            )
        )
    for y in EK_YEARS:
        add(
            _case(
                f"ek_allocate_{y}_diff_krl2017_json",
                f"allocate {EK} --year {y} --national {KRL_2017} --diff --json",
            )
        )
    add(
        _case(
            "ek_allocate_2014_diff_krl_json",
            f"allocate {EK} --year 2014 --national {KRL} --diff --json",
        )
    )
    add(
        _case(
            "ek_allocate_2014_center_diff_krl2017_json",
            f"allocate {EK} --year 2014 --level center --national {KRL_2017} --diff --json",
        )
    )
    add(
        _case(  # the README's form; exit 2 (no [reduction] in this scenario)
            "rev_allocate_2018_diff_krl2017_json",
            f"allocate {REV} --year 2018 --national {KRL_2017} --diff --json",
        )
    )
    # compare --diff and run --diff (issue 13); run writes the new workbooks
    add(
        _case(
            "ek_compare_2014_diff_krl2017_json",
            f"compare {EK} --year 2014 --national {KRL_2017} --diff --json",
        )
    )
    add(
        _case(
            "rev_run_diff_krl_json",
            f"run {REV} --national {KRL} --diff --json --out {{OUT}}",
            files=True,
        )
    )

    # 2. Tables (rich, width 200), in Danish and in English.
    tables = {
        "ek_targets": f"targets {EK}",
        "rev_targets": f"targets {REV}",
        "ek_status_2014": f"status {EK} --year 2014",
        "ek_status_2014_center": f"status {EK} --year 2014 --level center",
        "ek_status_p2013": f"status {EK} --period 2013",
        "rev_status_p2018Q1": f"status {REV} --period 2018Q1",
        "rev_status_p2018Q1_center": f"status {REV} --period 2018Q1 --level center",
        "ek_allocate_2014": f"allocate {EK} --year 2014",
        "ek_allocate_2014_center": f"allocate {EK} --year 2014 --level center",
        "ek_allocate_2016_green-harvester": f"allocate {EK} --year 2016 --model green-harvester",
        "ek_allocate_2015_substitute_center": (
            f"allocate {EK} --year 2015 --model substitute --level center"
        ),
        "ek_compare_2014": f"compare {EK} --year 2014",
        "ek_compare_2017_center": f"compare {EK} --year 2017 --level center",
        "rev_compare_2018": f"compare {REV} --year 2018",
        "rev_targets_diff_krl": f"targets {REV} --national {KRL} --diff",
        "ek_targets_diff_krl2017": f"targets {EK} --national {KRL_2017} --diff",
        "rev_status_p2018Q1_diff_krl": f"status {REV} --period 2018Q1 --national {KRL} --diff",
        "rev_status_p2018Q1_center_diff_krl2017": (
            f"status {REV} --period 2018Q1 --level center --national {KRL_2017} --diff"
        ),
        "ek_allocate_2014_diff_krl2017": f"allocate {EK} --year 2014 --national {KRL_2017} --diff",
        "ek_compare_2014_diff_krl2017": f"compare {EK} --year 2014 --national {KRL_2017} --diff",
        "rev_run_diff_krl": f"run {REV} --national {KRL} --diff --out {{OUT}}",
        "ek_run": f"run {EK} --out {{OUT}}",
        "rev_run": f"run {REV} --out {{OUT}}",
    }
    for name, command in tables.items():
        add(_case(f"{name}_table_da", command))
        add(_case(f"{name}_table_en", f"{command} --lang en"))

    # 3. The rest of the surface: version, help, input errors (exit 2).
    add(_case("version", "--version"))
    add(_case("help", "--help"))
    for cmd in ("targets", "status", "allocate", "compare", "run", "national", "national import"):
        add(_case(f"help_{cmd.replace(' ', '_')}", f"{cmd} --help"))
    add(_case("error_status_without_year", f"status {EK}"))
    add(_case("error_allocate_unknown_model", f"allocate {EK} --year 2014 --model x"))
    add(_case("error_status_unknown_level_json", f"status {EK} --year 2014 --level x --json"))
    add(_case("error_targets_diff_without_national", f"targets {EK} --diff"))
    add(_case("error_allocate_year_without_total", f"allocate {EK} --year 2013"))
    return c


def manifest() -> dict:
    return {"env": ENV, "setup": SETUP, "cases": build_cases()}


def load_manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def versions() -> dict:
    """Python and the packages whose output the goldens hold (help, tables, workbook bytes)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {"python": platform.python_version(), "packages": {p: v(p) for p in PACKAGES}}


def version_note() -> str:
    """A line for a failure message when the packages differ from the recording's."""
    try:
        then = json.loads(VERSIONS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    now = versions()
    then = {"python": then.get("python"), "packages": then.get("packages")}
    if then == now:
        return ""
    return f"\nnote: recorded with {_j(then)},\n      running with  {_j(now)}"


# ---------------------------------------------------------------------------------------------
# Running a case


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    files: dict[str, str | bytes] = field(default_factory=dict)  # xlsx: dump text; else bytes
    error: str | None = None  # a traceback when the CLI raised (not a clean exit)


def _placeholders(out: Path | None, scratch: Path | None) -> list[tuple[str, str]]:
    pairs = [(str(ROOT), "<ROOT>")]
    if out is not None:
        pairs.append((str(out), "<OUT>"))
    if scratch is not None:
        pairs.append((str(scratch), "<TMP>"))
    return sorted(pairs, key=lambda p: -len(p[0]))  # the longest first (one may hold another)


def _normalize(text: str, pairs) -> str:
    for path, name in pairs:
        text = text.replace(path, name)
    return text


def _expand(argv: list[str], out: Path | None, scratch: Path | None) -> list[str]:
    res = []
    for a in argv:
        if out is not None:
            a = a.replace("{OUT}", str(out))
        if scratch is not None:
            a = a.replace("{TMP}", str(scratch))
        res.append(a)
    return res


def invoke(argv: list[str], env: dict, out: Path | None = None, scratch: Path | None = None):
    """Run `sygefravaer ARGV` in-process from the repository root; the CliRunner result."""
    from typer.testing import CliRunner

    from sygefravaer.cli import app

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(app, _expand(argv, out, scratch), env=env)
    finally:
        os.chdir(cwd)


def run_setup(man: dict, scratch: Path) -> None:
    for step in man["setup"]:
        r = invoke(step["argv"], man["env"], scratch=scratch)
        if r.exit_code != 0:
            raise RuntimeError(
                f"setup step {step['name']} failed with exit code {r.exit_code}:\n"
                + r.stderr_bytes.decode("utf-8", "replace")
            )


def run_case(case: dict, env: dict, scratch: Path, out: Path) -> Outcome:
    """Run one case with `out` as {OUT} (an empty folder) and `scratch` as {TMP}."""
    r = invoke(case["argv"], {**env, **case.get("env", {})}, out=out, scratch=scratch)
    pairs = _placeholders(out, scratch)
    error = None
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        error = "".join(traceback.format_exception(*r.exc_info))
    res = Outcome(
        exit_code=r.exit_code,
        stdout=_normalize(r.stdout_bytes.decode("utf-8"), pairs),
        stderr=_normalize(r.stderr_bytes.decode("utf-8"), pairs),
        error=error,
    )
    if case.get("files"):
        for p in sorted(out.rglob("*")):
            if p.is_file():
                rel = p.relative_to(out).as_posix()
                if p.suffix == ".xlsx":
                    res.files[rel + ".json"] = format_dump(dump_workbook(p, pairs))
                else:
                    res.files[rel] = p.read_bytes()
    return res


# ---------------------------------------------------------------------------------------------
# Workbooks as JSON


def _cell(v, pairs):
    if v is None or isinstance(v, bool | int | str):
        return _normalize(v, pairs) if isinstance(v, str) else v
    if isinstance(v, float):
        return v if math.isfinite(v) else repr(v)
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    return repr(v)


def dump_workbook(path: Path, pairs=()) -> dict:
    """Sheet names and every sheet's rows of cell values (formulas as their text)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=False)
    try:
        return {
            "sheets": list(wb.sheetnames),
            "cells": {
                ws.title: [[_cell(v, pairs) for v in row] for row in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets
            },
        }
    finally:
        wb.close()


def _j(v) -> str:
    return json.dumps(v, ensure_ascii=False)


def format_dump(d: dict) -> str:
    """The dump as JSON text with one row per line (readable in a git diff)."""
    lines = ["{", f'  "sheets": {_j(d["sheets"])},', '  "cells": {']
    sheets = list(d["cells"].items())
    for i, (name, rows) in enumerate(sheets):
        lines.append(f"    {_j(name)}: [")
        lines += [f"      {_j(r)}" + ("," if j < len(rows) - 1 else "") for j, r in enumerate(rows)]
        lines.append("    ]" + ("," if i < len(sheets) - 1 else ""))
    return "\n".join([*lines, "  }", "}"]) + "\n"


# ---------------------------------------------------------------------------------------------
# Goldens on disk and comparison


def stdout_name(case: dict) -> str:
    return "stdout.json" if "--json" in case["argv"] else "stdout.txt"


def expected_files(case: dict) -> dict[str, bytes]:
    """The golden files of a case, relative to its folder."""
    d = CASES_DIR / case["name"]
    return {
        p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()
    }


def outcome_files(case: dict, res: Outcome) -> dict[str, bytes]:
    files = {
        "exit_code": f"{res.exit_code}\n".encode(),
        stdout_name(case): res.stdout.encode("utf-8"),
        "stderr.txt": res.stderr.encode("utf-8"),
    }
    for rel, content in res.files.items():
        files[f"files/{rel}"] = content.encode("utf-8") if isinstance(content, str) else content
    return files


def write_case(case: dict, res: Outcome) -> None:
    d = CASES_DIR / case["name"]
    if d.exists():
        shutil.rmtree(d)
    for rel, content in outcome_files(case, res).items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)


def _short(v, n: int = 300) -> str:
    s = repr(v)
    return s if len(s) <= n else s[:n] + f"... ({len(s)} chars)"


def first_difference(a, b, path: str = "$"):
    """(path, a, b) of the first place two JSON values differ (types strictly), or None."""
    if type(a) is not type(b):
        return path, a, b
    if isinstance(a, dict):
        if list(a) != list(b):
            for k in list(dict.fromkeys([*a, *b])):
                if k not in a or k not in b or list(a).index(k) != list(b).index(k):
                    return f"{path}[{k!r}] (keys)", list(a), list(b)
        for k in a:
            d = first_difference(a[k], b[k], f"{path}[{k!r}]")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path} (length {len(a)} vs {len(b)})", a[len(b) :], b[len(a) :]
        return None
    return None if a == b else (path, a, b)


def _column(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text_diff(name: str, expected: str, actual: str) -> str:
    pos = next(
        (i for i, (x, y) in enumerate(zip(expected, actual, strict=False)) if x != y),
        min(len(expected), len(actual)),
    )
    line = expected.count("\n", 0, pos) + 1
    head = f"{name}: first difference at character {pos} (line {line})"
    if expected.count("\n") <= 1 and actual.count("\n") <= 1:  # one long line (compact JSON)
        lo = max(0, pos - 120)
        return (
            f"{head}\n  expected: ...{expected[lo : pos + 120]!r}\n"
            f"  actual:   ...{actual[lo : pos + 120]!r}"
        )
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        f"golden {name}",
        f"actual {name}",
        n=3,
    )
    lines = list(diff)
    more = f"\n  ... ({len(lines) - 60} more diff lines)" if len(lines) > 60 else ""
    return head + "\n" + "".join(lines[:60]).rstrip("\n") + more


def explain(name: str, expected: bytes, actual: bytes) -> str:
    """A readable account of the first difference between a golden file and the output."""
    try:
        e_text, a_text = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        pos = next(
            (i for i, (x, y) in enumerate(zip(expected, actual, strict=False)) if x != y),
            min(len(expected), len(actual)),
        )
        return (
            f"{name}: bytes differ at offset {pos}: "
            f"{expected[pos : pos + 40]!r} vs {actual[pos : pos + 40]!r}"
        )
    if name.endswith(".json"):
        try:
            e_doc, a_doc = json.loads(e_text), json.loads(a_text)
        except ValueError:
            pass
        else:
            d = first_difference(e_doc, a_doc)
            where = ""
            if d is not None and name.endswith(".xlsx.json") and d[0].startswith("$['cells']"):
                parts = d[0].split("][")  # $['cells']['Sheet'][row][col]
                if len(parts) >= 3 and parts[-1].rstrip("]").isdigit():
                    row, col = int(parts[-2]), int(parts[-1].rstrip("]"))
                    where = f" (cell {_column(col)}{row + 1})"
            if d is not None:
                return (
                    f"{name}: first difference at {d[0]}{where}\n"
                    f"  expected: {_short(d[1])}\n  actual:   {_short(d[2])}\n"
                    + _text_diff(name, e_text, a_text)
                )
    return _text_diff(name, e_text, a_text)


def compare(case: dict, res: Outcome) -> list[str]:
    """Messages for every golden file of the case that the outcome does not reproduce."""
    problems = []
    if res.error:
        problems.append(f"the command raised instead of exiting:\n{res.error}")
    expected = expected_files(case)
    actual = outcome_files(case, res)
    for rel in sorted(set(expected) | set(actual)):
        if rel not in actual:
            problems.append(f"{rel}: in the goldens but not produced now")
        elif rel not in expected:
            problems.append(f"{rel}: produced now but not in the goldens")
        elif expected[rel] != actual[rel]:
            problems.append(explain(rel, expected[rel], actual[rel]))
    return problems


# ---------------------------------------------------------------------------------------------


def _source_commit() -> str | None:
    """The commit of the code recorded (with "+dirty" when src/ has changes), if git knows."""
    import subprocess

    import sygefravaer

    src = Path(sygefravaer.__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="re-record only these cases (default: all)")
    args = ap.parse_args(argv)
    man = manifest()
    names = {c["name"] for c in man["cases"]}
    if len(names) != len(man["cases"]):
        raise SystemExit("duplicate case names in build_cases()")
    unknown = set(args.names) - names
    if unknown:
        raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))}")
    import sygefravaer

    print(f"recording with sygefravaer from {Path(sygefravaer.__file__).parent}", file=sys.stderr)
    MANIFEST.write_text(json.dumps(man, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rec_with = versions() | {"source": _source_commit()}
    VERSIONS.write_text(json.dumps(rec_with, indent=1) + "\n", encoding="utf-8")
    if not args.names and CASES_DIR.exists():
        shutil.rmtree(CASES_DIR)
    base = Path(tempfile.mkdtemp(prefix="sygefravaer-golden-")).resolve()
    try:
        scratch = base / "scratch"
        scratch.mkdir()
        run_setup(man, scratch)
        for case in man["cases"]:
            if args.names and case["name"] not in args.names:
                continue
            out = base / "out" / case["name"]
            out.mkdir(parents=True)
            res = run_case(case, man["env"], scratch, out)
            if res.error:
                raise SystemExit(f"{case['name']}: the command raised:\n{res.error}")
            write_case(case, res)
            print(f"{res.exit_code}  {case['name']}", file=sys.stderr)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
