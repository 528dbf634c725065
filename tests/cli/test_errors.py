"""One error path (issue 5): user problems exit 2 with the message on stderr only; internal errors
exit 1 with a short message, the traceback only under the global `--debug` option."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sygefravaer import Project
from sygefravaer.cli import app
from sygefravaer.errors import InputError

BASE = Path(__file__).parents[1] / "bad_inputs" / "valid_base_case"


@pytest.fixture
def case(tmp_path) -> Path:
    """A copy of the corpus' valid base case."""
    for p in BASE.iterdir():
        shutil.copy(p, tmp_path / p.name)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_valid_base_case_runs(case):
    r = invoke("status", case / "scenario.toml", "--year", "2014", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


@pytest.mark.parametrize("as_json", [False, True])
def test_input_error_exit_2_message_on_stderr_only(case, as_json):
    (case / "units.csv").write_text("Center;Sektor;Lønsum\nA;S1;mange\n", encoding="utf-8")
    extra = ["--json"] if as_json else []
    r = invoke("status", case / "scenario.toml", "--year", "2014", *extra)
    assert r.exit_code == 2
    assert r.stdout == ""  # with --json, stdout stays empty (no half document)
    assert r.stderr.startswith("Fejl: fil ")
    assert "række 2, kolonne 'Lønsum'" in r.stderr and "'mange'" in r.stderr
    assert "Traceback" not in r.stderr


def boom(*args, **kwargs):
    raise RuntimeError("kaput")


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("status", ["status", "{s}", "--year", "2014"]),
        ("allocate", ["allocate", "{s}", "--year", "2014", "--json"]),
    ],
)
def test_internal_error_exit_1_short_message(case, monkeypatch, method, args):
    monkeypatch.setattr(Project, method, boom)
    argv = [a.replace("{s}", str(case / "scenario.toml")) for a in args]

    r = invoke(*argv)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "intern fejl" in r.stderr and "RuntimeError: kaput" in r.stderr
    assert "--debug" in r.stderr  # says how to see more
    assert "Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) == 1

    r = invoke("--debug", *argv)
    assert r.exit_code == 1
    assert "Traceback (most recent call last)" in r.stderr
    assert "RuntimeError: kaput" in r.stderr
    assert r.stdout == ""


def test_debug_does_not_change_input_errors(case):
    (case / "absence.csv").write_text("", encoding="utf-8")
    r = invoke("--debug", "status", case / "scenario.toml", "--year", "2014")
    assert r.exit_code == 2
    assert "filen er tom" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["status", "{s}", "--yaer", "2014"],  # unknown option
        ["status", "{s}", "--year", "tyve"],  # not an integer
        ["allocate", "{s}"],  # --year missing
        ["status", "{s}", "--year", "2014", "--level", "kommune"],
        ["allocate", "{s}", "--year", "2014", "--model", "vikarkonti"],
        ["status", "{s}"],  # neither --year nor --period
        ["status", "{s}", "--period", "forår"],
        ["status", "{s}", "--year", "2030"],  # no absence for 2029
        ["allocate", "{s}", "--year", "2013"],  # no total for 2013
        ["frobnicate", "{s}"],  # unknown command
    ],
)
def test_usage_errors_exit_2_without_traceback(case, args):
    r = invoke(*[a.replace("{s}", str(case / "scenario.toml")) for a in args])
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert r.stderr.strip()
    assert "Traceback" not in r.stderr


def test_scenario_not_utf8(case):
    (case / "scenario.toml").write_bytes('name = "Kø"\n'.encode("cp1252"))
    r = invoke("targets", case / "scenario.toml")
    assert r.exit_code == 2 and "UTF-8" in r.stderr


def test_scenario_is_a_folder(case):
    r = invoke("targets", case)
    assert r.exit_code == 2 and "mappe" in r.stderr and str(case) in r.stderr


def test_scenario_setting_of_wrong_type_in_danish(case):
    text = (case / "scenario.toml").read_text(encoding="utf-8")
    (case / "scenario.toml").write_text(
        text.replace("working_days = 200", 'working_days = "mange"'), encoding="utf-8"
    )
    r = invoke("targets", case / "scenario.toml")
    assert r.exit_code == 2
    assert "working_days: skal være et tal" in r.stderr and "'mange'" in r.stderr


def test_scenario_gap_closure_out_of_range(case):
    text = (case / "scenario.toml").read_text(encoding="utf-8")
    (case / "scenario.toml").write_text(
        text.replace("benchmark_year = 2012", "benchmark_year = 2012\ngap_closure = 1.5"),
        encoding="utf-8",
    )
    r = invoke("targets", case / "scenario.toml")
    assert r.exit_code == 2
    assert "targets.gap_closure: må højst være 1" in r.stderr and "1,5" in r.stderr


def test_warnings_go_to_stderr_and_json_stays_clean(case):
    # a unit without absence (warning) must not break the JSON on stdout
    with (case / "units.csv").open("a", encoding="utf-8") as fh:
        fh.write("C;S9;1.000.000;0\n")
    r = invoke("status", case / "scenario.toml", "--year", "2014", "--json")
    assert r.exit_code == 0
    assert "Advarsel" in r.stderr and "C / S9" in r.stderr
    import json

    doc = json.loads(r.stdout)
    assert doc["target_year"] == 2014


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (np.float64(-30.0), "-30"),
        (-4000000.0, "-4.000.000"),
        (12.5, "12,5"),
        (np.int64(60000), "60.000"),
        ("tyve", "'tyve'"),
        (True, "'True'"),
    ],
)
def test_offending_value_shown_as_the_user_writes_it(value, shown):
    text = InputError("x", file="f.csv", row=3, column="Årsværk", value=value).render()
    assert text == f"fil f.csv, række 3, kolonne 'Årsværk': x (værdi: {shown})"


# --------------------------------------------------------------------------- nothing lost


def _allocate(case: Path, output: Path | str, *extra: str):
    return invoke("allocate", case / "scenario.toml", "--year", "2014", "--output", output, *extra)


def test_failed_run_leaves_earlier_output_as_it_was(case):
    out = case / "fordeling.xlsx"
    assert _allocate(case, out).exit_code == 0
    before = out.read_bytes()
    (case / "units.csv").write_text("Center;Sektor;Lønsum\nA;S1;x\n", encoding="utf-8")
    r = _allocate(case, out)
    assert r.exit_code == 2
    assert out.read_bytes() == before


def test_crash_while_writing_leaves_earlier_output_and_no_temp_file(case, monkeypatch):
    from sygefravaer.report.workbook import save

    out = case / "fordeling.xlsx"
    assert _allocate(case, out).exit_code == 0
    before = sorted(p.name for p in case.iterdir()), out.read_bytes()

    def half_written(src, dst, *args):
        dst.write(b"PK\x03\x04 half a workbook")
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(save, "repack", half_written)
    r = _allocate(case, out)
    assert r.exit_code == 1 and "intern fejl" in r.stderr
    assert (sorted(p.name for p in case.iterdir()), out.read_bytes()) == before


@pytest.mark.parametrize("spelling", ["units.csv", "sub/../units.csv", "./absence.csv"])
def test_output_equal_to_an_input_is_refused(case, spelling):
    (case / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in case.iterdir() if p.is_file()}
    r = _allocate(case, f"{case}/{spelling}")
    assert r.exit_code == 2
    assert "overskrives ikke" in r.stderr
    assert {p.name: p.read_bytes() for p in case.iterdir() if p.is_file()} == before


def test_output_equal_to_an_xlsx_input_via_symlink_is_refused(case):
    from openpyxl import Workbook

    wb = Workbook()
    for line in (case / "units.csv").read_text(encoding="utf-8").splitlines():
        wb.active.append(line.split(";"))
    wb.save(case / "units.xlsx")
    text = (case / "scenario.toml").read_text(encoding="utf-8")
    (case / "scenario.toml").write_text(text.replace("units.csv", "units.xlsx"), encoding="utf-8")
    (case / "link.xlsx").symlink_to(case / "units.xlsx")
    before = (case / "units.xlsx").read_bytes()
    r = _allocate(case, case / "link.xlsx")
    assert r.exit_code == 2 and "overskrives ikke" in r.stderr
    assert (case / "units.xlsx").read_bytes() == before
    assert (case / "link.xlsx").is_symlink()


def test_utf16_csv_from_excel_unicode_text_is_read(case):
    # Excel's "Unicode text" export: UTF-16 with BOM, tab separated; it used to be "binær"
    text = (case / "units.csv").read_text(encoding="utf-8").replace(";", "\t")
    (case / "units.csv").write_bytes(text.encode("utf-16"))
    r = invoke("status", case / "scenario.toml", "--year", "2014", "--json")
    assert r.exit_code == 0, r.stderr


def test_deeply_nested_scenario_is_an_input_error(case):
    # tomllib recurses into nested arrays: a RecursionError used to escape as an internal error
    text = (case / "scenario.toml").read_text(encoding="utf-8")
    (case / "scenario.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n" + text)
    r = invoke("targets", case / "scenario.toml")
    assert r.exit_code == 2 and "indlejret" in r.stderr


def test_toml_error_at_end_of_document_in_danish(case):
    (case / "scenario.toml").write_text("name = 'x'\nabsence", encoding="utf-8")
    r = invoke("targets", case / "scenario.toml")
    assert r.exit_code == 2
    assert "ved filens slutning: forventede '='" in r.stderr


def test_failed_run_creates_no_output_folder(case):
    (case / "absence.csv").write_text("Center;Sektor\n", encoding="utf-8")
    r = invoke("run", case / "scenario.toml", "--out", case / "resultater")
    assert r.exit_code == 2
    assert not (case / "resultater").exists()


@pytest.mark.parametrize("locked", ["units.csv", "scenario.toml"])
def test_unreadable_file_is_an_input_error(case, monkeypatch, locked):
    # a file on a drive without read access (or locked): PermissionError used to escape as exit 1
    import builtins
    import pathlib

    real_open, real_read_bytes = builtins.open, pathlib.Path.read_bytes

    def guarded(path, *args, **kwargs):
        if Path(path).name == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def guarded_read_bytes(self):
        if self.name == locked:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read_bytes)
    r = invoke("status", case / "scenario.toml", "--year", "2014")
    assert r.exit_code == 2, r.stderr
    assert "kan ikke læses (Permission denied)" in r.stderr and locked in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["targets"],
        ["status", "--year", "2014"],
        ["allocate", "--year", "2014"],
        ["compare", "--year", "2014"],
        ["run", "--out", "{out}"],
    ],
)
def test_every_command_shows_input_warnings_on_stderr(case, args):
    import json

    with (case / "units.csv").open("a", encoding="utf-8") as fh:
        fh.write("C;S9;0;0\n")  # no absence rows: a warning, not an error
    argv = [a.replace("{out}", str(case / "ud")) for a in args]
    r = invoke(argv[0], case / "scenario.toml", *argv[1:], "--json")
    assert r.exit_code == 0, r.stderr
    assert "Advarsel" in r.stderr and "C / S9" in r.stderr
    json.loads(r.stdout)  # stdout holds the JSON document and nothing else


def test_warnings_reach_the_assumptions_sheet(case):
    from openpyxl import load_workbook

    # three warnings: a unit without absence, a unit with absence but payroll 0, a small unit
    units = (case / "units.csv").read_text(encoding="utf-8")
    (case / "units.csv").write_text(
        units.replace("A;S2;8.000.000;0", "A;S2;0;0") + "C;S9;1.000.000;0\n", encoding="utf-8"
    )
    absence = (case / "absence.csv").read_text(encoding="utf-8")
    (case / "absence.csv").write_text(absence.replace("A;S1;2014;10;140", "A;S1;2014;3;40"))
    r = _allocate(case, case / "fordeling.xlsx")
    assert r.exit_code == 0, r.stderr
    lines = [x for x in r.stderr.splitlines() if not x.startswith("Skrevet: ")]  # the workbook
    shown = [line.removeprefix("Advarsel: ") for line in lines]
    assert len(shown) == 3
    wb = load_workbook(case / "fordeling.xlsx", read_only=True)
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    for message in shown:
        assert message in cells
