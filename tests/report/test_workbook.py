"""Excel workbooks (issue 4): every exported cell read back and checked against the JSON of the run.

Fixture tests/data/export/ (glide 2013 -> 2015 towards 10.0, working days 200, totals 500.000 and
800.000 kr., a prior reduction of 100.000 kr. on Omsorg / Hjemmepleje). Unit names that look like
formulas ('=SUM(A1)', '-Administration', '@Drift', '+Vej') must stay text, and Omsorg / Lille has
3 fte (under the default minimum of 5) so its absence is hidden in Omsorg's own workbook, with
=SUM(A1) (10 fte, the next smallest) as its complement: 3 + 10 >= 5, so Omsorg's total minus the
units shown cannot give Lille's figures back.
Hand check of 2014 (absence 2013 against target 2014 = A - (A - 10)/2):
  Hjemmepleje 800/40 = 20.0 vs 15.0, potential 5 * 16.000.000/200 = 400.000 (red)
  -Administration 80/8 = 10.0 vs 10.0 (green)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sygefravaer import __version__
from sygefravaer.cli import app
from sygefravaer.core.models import MODELS
from sygefravaer.report.workbook import center_filenames, save, text_cell

HERE = Path(__file__).parents[1] / "data" / "export"
runner = CliRunner()
HEADER_ROW = 4  # title, subtitle, blank line, header
FORMULA_NAMES = {"=SUM(A1)", "-Administration", "@Drift", "+Vej"}


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def cli_json(*args) -> dict:
    r = cli(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """A copy of the fixture, a run of it, and the JSON documents of the same inputs."""
    root = tmp_path_factory.mktemp("export")
    data = root / "data"
    shutil.copytree(HERE, data)
    sc = data / "scenario.toml"
    out = root / "out"
    summary = cli_json("run", sc, "--out", out)
    docs = {
        "summary": summary,
        "targets": cli_json("targets", sc),
        "status": {y: cli_json("status", sc, "--year", y) for y in (2014, 2015)},
        "allocate": {y: cli_json("allocate", sc, "--year", y) for y in (2014, 2015)},
        "compare": {y: cli_json("compare", sc, "--year", y) for y in (2014, 2015)},
    }
    return {"root": root, "data": data, "scenario": sc, "out": out, **docs}


def table(ws) -> list[dict]:
    """The data rows of a table sheet as dicts keyed by header label."""
    rows = list(ws.iter_rows(values_only=True))
    header = rows[HEADER_ROW - 1]
    out = []
    for r in rows[HEADER_ROW:]:
        if r and r[0] is None:  # the blank line before the notes ends the table
            break
        out.append(dict(zip(header, r, strict=False)))
    return out


def load(path):
    return openpyxl.load_workbook(path)  # not read-only: data types and styles are checked


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(b)))


STATUS = {"green": "grøn", "red": "rød"}


def shown_status(row: dict) -> str:
    """The status as a workbook shows it: a unit exactly at its target says "på måltal" (4.4)."""
    return "på måltal" if row.get("at_target") else STATUS[row["status"]]


# --------------------------------------------------------------------------- run: overview


def test_run_writes_overview_and_one_workbook_per_center(case):
    out = case["out"]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx"))
    assert files == ["Eksporttest_oversigt.xlsx", "centre/Omsorg.xlsx", "centre/Teknik.xlsx"]
    s = case["summary"]
    assert s["years"] == [2014, 2015]
    assert s["totals"] == {"2014": 500000, "2015": 800000}
    # increments: 2014 = 500.000 - prior 100.000 = 400.000; 2015 = 800.000 - 500.000
    assert s["increments"] == {"2014": 400000, "2015": 300000}
    listed = {Path(f["path"]).relative_to(out).as_posix(): f["sha256"] for f in s["files"]}
    assert sorted(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert any("Lille" in w for w in s["warnings"])


def test_summary_sheet_matches_status_and_allocate_json(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    assert wb.sheetnames == ["Oversigt", "Sektorer", "Måltal", "Modeller", "Forudsætninger"]
    rows = table(wb["Oversigt"])
    st = case["status"][2015]
    al = case["allocate"][2015]
    by_center = {c["center"]: c for c in st["centers"]}
    alloc_c = {c["center"]: c for c in al["centers"]}
    inc2014 = {}
    for u in al["units"]:
        inc2014[u["center"]] = inc2014.get(u["center"], 0) + u["increments"]["2014"]
    body, total = rows[:-1], rows[-1]
    assert [r["Center"] for r in body] == ["Omsorg", "Teknik"]
    for r in body:
        c = by_center[r["Center"]]
        assert close(r["Årsværk 2014"], c["fte"])
        assert close(r["Fravær 2014 (dage pr. årsværk)"], c["days_per_fte"])
        assert close(r["Måltal 2015"], c["target"])
        assert r["Status"] == shown_status(c)
        a = alloc_c[r["Center"]]
        assert r["Tidligere reduktion"] == a["prior_reduction"]
        assert r["Stigning 2015"] == a["increment"]
        assert r["Stigning 2014"] == inc2014[r["Center"]]
        assert r["Reduktion 2015 i alt"] == a["reduction"]
    # The total row adds up to the krone: the scenario's totals and increments.
    assert total["Center"] == "Kommunen i alt"
    assert total["Reduktion 2015 i alt"] == 800000 == sum(r["Reduktion 2015 i alt"] for r in body)
    assert total["Stigning 2014"] == 400000 == sum(r["Stigning 2014"] for r in body)
    assert total["Stigning 2015"] == 300000 == sum(r["Stigning 2015"] for r in body)
    assert total["Tidligere reduktion"] == 100000
    assert close(total["Fravær 2014 (dage pr. årsværk)"], st["municipality"]["days_per_fte"])
    assert close(total["Måltal 2015"], st["municipality"]["target"])


def test_sector_sheet_matches_every_years_json(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    rows = table(wb["Sektorer"])
    assert len(rows) == 12  # 6 units x 2 years
    for r in rows:
        y = r["Måltalsår"]
        st = {(u["center"], u["sector"]): u for u in case["status"][y]["units"]}
        al = {(u["center"], u["sector"]): u for u in case["allocate"][y]["units"]}
        key = (r["Center"], r["Sektor"])
        assert r["Periode"] == case["status"][y]["period"] == str(y - 1)
        for label, k in [
            ("Årsværk", "fte"),
            ("Sygedage", "sick_days"),
            ("Fravær (dage pr. årsværk)", "days_per_fte"),
            ("Måltal", "target"),
            ("Afvigelse (dage)", "gap"),
            ("Dage over måltal", "excess_days"),
            ("Effektiviserings-potentiale", "potential"),
        ]:
            assert close(r[label], st[key][k]), (key, y, label)
        assert r["Status"] == shown_status(st[key])
        assert close(r["Vægt"], al[key]["weight"])
        assert r["Stigning"] == al[key]["increment"]
        assert r["Reduktion (kumulativ)"] == al[key]["reduction"]
    for y, total in ((2014, 500000), (2015, 800000)):
        assert sum(r["Reduktion (kumulativ)"] for r in rows if r["Måltalsår"] == y) == total


def test_targets_sheet_matches_targets_json(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    rows = table(wb["Måltal"])
    doc = case["targets"]
    units = {(u["center"], u["sector"]): u for u in doc["units"]}
    centers = {c["center"]: c for c in doc["centers"]}
    seen = 0
    for r in rows:
        if r["Niveau"] == "Sektor":
            u = units[(r["Center"], r["Sektor"])]
            seen += 1
            for y in ("2014", "2015"):
                assert close(r[f"Måltal {y}"], u["targets"][y])
            assert close(r["Landsgennemsnit (KRL 2012)"], u["benchmark"])
            assert close(u["benchmark"], 10.0)
        elif r["Niveau"] == "Center":
            for y in ("2014", "2015"):
                assert close(r[f"Måltal {y}"], centers[r["Center"]]["targets"][y])
        else:
            for y in ("2014", "2015"):
                assert close(r[f"Måltal {y}"], doc["municipality"]["targets"][y])
    assert seen == len(units) == 6
    # Hand check: Hjemmepleje A = 20.0, B = 10.0: 2014 = 20 - 10 * 1/2 = 15.0, 2015 = 10.0
    hp = next(r for r in rows if r["Sektor"] == "Hjemmepleje")
    assert (hp["Måltal 2014"], hp["Måltal 2015"]) == (15.0, 10.0)


def test_models_sheet_matches_compare_json(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    rows = table(wb["Modeller"])
    labels = {m.name: m.label_da for m in MODELS.values()}
    labels["over-target"] += " – valgt"
    for y in (2014, 2015):
        doc = case["compare"][y]["models"]
        mine = [r for r in rows if r["År"] == y and r["Center"] != "I alt"]
        assert [r["Center"] for r in mine] == ["Omsorg", "Teknik"]
        for r in mine:
            for m, label in labels.items():
                want = {c["center"]: c["reduction"] for c in doc[m]["centers"]}[r["Center"]]
                assert r[label] == want, (y, m)
    totals = [r for r in wb["Modeller"].iter_rows(values_only=True) if r[1] == "I alt"]
    assert [(r[0], r[2], r[3], r[4]) for r in totals] == [
        (2014, 500000, 500000, 500000),
        (2015, 800000, 800000, 800000),
    ]


def test_assumptions_sheet_names_every_input_with_its_sha256(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    rows = list(wb["Forudsætninger"].iter_rows(values_only=True))
    by_label = {r[0]: r for r in rows if r and r[0]}
    for role, name in [
        ("Scenariefil", "scenario.toml"),
        ("Fravær", "absence.csv"),
        ("Enheder", "units.csv"),
        ("Landsgennemsnit (KRL)", "national.csv"),
    ]:
        r = by_label[f"Fil: {role}"]
        digest = hashlib.sha256((case["data"] / name).read_bytes()).hexdigest()
        assert r[1] == name and r[2] == f"SHA-256 {digest}"
    assert by_label["Program"][1] == f"sygefravaer {__version__}"
    assert by_label["Måltalsregel"][1] == "glide"
    assert by_label["Arbejdsdage pr. årsværk"][1] == 200
    assert by_label["KRL-år brugt for måltal 2015"][1] == 2012
    assert by_label["Reduktion i alt 2015 (kumulativ)"][1] == "800.000 kr."
    assert any(r[0] == "Advarsel" and "Lille" in r[1] for r in rows)


# --------------------------------------------------------------------------- cells and formats


def all_workbooks(case) -> list[Path]:
    return sorted(case["out"].rglob("*.xlsx"))


def test_no_formula_anywhere_and_formula_looking_names_stay_text(case):
    found = set()
    for path in all_workbooks(case):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    xml = z.read(name).decode()
                    assert "<f>" not in xml and "<f " not in xml, (path, name)
        wb = load(path)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value in FORMULA_NAMES:
                        assert c.data_type == "s" and c.quotePrefix, (path.name, c.coordinate)
                        found.add(c.value)
    assert found == FORMULA_NAMES


def test_formats_freeze_filter_fills_and_charts(case):
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    ws = wb["Oversigt"]
    header = [c.value for c in ws[HEADER_ROW]]
    col = {h: i + 1 for i, h in enumerate(header)}
    first = HEADER_ROW + 1
    assert ws.cell(first, col["Reduktion 2015 i alt"]).number_format == '#,##0 "kr."'
    assert ws.cell(first, col["Fravær 2014 (dage pr. årsværk)"]).number_format == "0.00"  # 4.4
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{ws.cell(1, len(header)).column_letter}6"
    fills = {
        ws.cell(r, col["Status"]).value: ws.cell(r, col["Status"]).fill.fgColor.rgb
        for r in (first, first + 1)
    }
    assert fills["rød"].endswith("FFC7CE")
    assert len(ws._charts) == 2  # reduction per center; absence against target per center
    reduction, absence = ws._charts
    last = ws.cell(1, col["Reduktion 2015 i alt"]).column_letter
    assert reduction.series[0].val.numRef.f == f"'Oversigt'!${last}$5:${last}$6"
    assert reduction.series[0].cat.strRef.f == "'Oversigt'!$A$5:$A$6"  # not the total row
    assert [s.val.numRef.f for s in absence.series] == [
        "'Oversigt'!$C$5:$C$6",
        "'Oversigt'!$D$5:$D$6",
    ]
    sectors = load(case["out"] / "centre" / "Teknik.xlsx")["Sektorer"]
    assert len(sectors._charts) == 1
    green = [c for c in sectors["H"] if c.value == "grøn"]
    assert green and green[0].fill.fgColor.rgb.endswith("C6EFCE")


# --------------------------------------------------------------------------- per-center


def test_center_workbook_sectors_match_allocate_json(case):
    wb = load(case["out"] / "centre" / "Teknik.xlsx")
    assert wb.sheetnames == [
        "Sektorer",
        "Sektorer pr. år",
        "Center og kommune",
        "Forklaring",
        "Forudsætninger",
    ]
    rows = table(wb["Sektorer"])
    al = {u["sector"]: u for u in case["allocate"][2015]["units"] if u["center"] == "Teknik"}
    st = {u["sector"]: u for u in case["status"][2015]["units"] if u["center"] == "Teknik"}
    body, total = rows[:-1], rows[-1]
    assert sorted(r["Sektor"] for r in body) == sorted(al)
    for r in body:
        a, s = al[r["Sektor"]], st[r["Sektor"]]
        assert close(r["Vægt"], a["weight"])
        assert close(r["Effektiviserings-potentiale"], s["potential"])
        # day cost = payroll / (fte * working days)
        assert close(
            r["Dagsværdi"],
            {
                "-Administration": 3.2e6 / (8 * 200),
                "@Drift": 8e6 / (20 * 200),
                "+Vej": 5e6 / (12 * 200),
            }[r["Sektor"]],
        )
        assert r["Stigning 2014"] == a["increments"]["2014"]
        assert r["Stigning 2015"] == a["increments"]["2015"]
        assert r["Reduktion 2015 i alt"] == a["reduction"]
        assert r["Status"] == shown_status(s)
    teknik = next(c for c in case["allocate"][2015]["centers"] if c["center"] == "Teknik")
    assert total["Sektor"] == "Teknik i alt"
    assert (
        total["Reduktion 2015 i alt"]
        == teknik["reduction"]
        == sum(r["Reduktion 2015 i alt"] for r in body)
    )
    vs = table(wb["Center og kommune"])
    assert [r["Måltalsår"] for r in vs] == [2014, 2015]
    for r in vs:
        doc = case["status"][r["Måltalsår"]]
        c = next(c for c in doc["centers"] if c["center"] == "Teknik")
        assert close(r["Centrets fravær"], c["days_per_fte"])
        assert close(r["Kommunens fravær"], doc["municipality"]["days_per_fte"])
        assert (
            r["Kommunens reduktion (kumulativ)"] == case["summary"]["totals"][str(r["Måltalsår"])]
        )


def test_small_units_are_hidden_in_the_centers_own_workbook(case):
    wb = load(case["out"] / "centre" / "Omsorg.xlsx")
    rows = {r["Sektor"]: r for r in table(wb["Sektorer"])}
    lille = rows["Lille"]
    hidden = "skjult (< 5 årsværk)"
    for label in (
        "Sygedage",
        "Fravær 2014 (dage pr. årsværk)",
        "Afvigelse (dage)",
        "Status",
        "Effektiviserings-potentiale",
        "Vægt",
    ):
        assert lille[label] == hidden, label
    assert lille["Årsværk 2014"] == 3
    assert lille["Reduktion 2015 i alt"] == next(
        u["reduction"] for u in case["allocate"][2015]["units"] if u["sector"] == "Lille"
    )
    # =SUM(A1) has 10 fte: hidden as the complement, and it says so (not "< 5 årsværk")
    complement = "skjult (så en lille enhed ikke kan regnes ud)"
    assert rows["=SUM(A1)"]["Sygedage"] == complement
    assert rows["Hjemmepleje"]["Fravær 2014 (dage pr. årsværk)"] == 17.5  # 700 / 40
    assert rows["Omsorg i alt"]["Sygedage"] == 865  # 700 + 120 + 45
    for r in table(wb["Sektorer pr. år"]):
        if r["Sektor"] in ("Lille", "=SUM(A1)"):
            assert r["Fravær (dage pr. årsværk)"] == (
                hidden if r["Sektor"] == "Lille" else complement
            )
        else:
            assert isinstance(r["Fravær (dage pr. årsværk)"], (int, float))
    # The directorate's overview is not suppressed.
    over = table(load(case["out"] / "Eksporttest_oversigt.xlsx")["Sektorer"])
    assert next(r for r in over if r["Sektor"] == "Lille")["Sygedage"] == 60


@pytest.mark.parametrize(
    ("min_fte", "hidden"),
    [
        ("0", set()),
        ("2", set()),
        # 3 + 10 = 13 < 15: the smallest other unit (Hjemmepleje, 40) joins the hidden ones
        ("15", {"Lille", "=SUM(A1)", "Hjemmepleje"}),
    ],
)
def test_min_fte_option(case, tmp_path, min_fte, hidden):
    r = cli("run", case["scenario"], "--out", tmp_path, "--min-fte", min_fte, "--quiet")
    assert r.exit_code == 0 and r.output == ""
    rows = table(load(tmp_path / "centre" / "Omsorg.xlsx")["Sektorer"])
    got = {r["Sektor"]: r["Sygedage"] for r in rows if str(r["Sygedage"]).startswith("skjult")}
    assert set(got) == hidden
    # only a unit under the minimum says "< N årsværk"; the others are its complement
    small = {s for s in hidden if s in ("Lille", "=SUM(A1)")}
    assert {s for s, v in got.items() if v == f"skjult (< {min_fte} årsværk)"} == small


def test_no_per_center_writes_only_the_overview(case, tmp_path):
    r = cli("run", case["scenario"], "--out", tmp_path, "--no-per-center", "--quiet")
    assert r.exit_code == 0
    assert [p.name for p in tmp_path.rglob("*.xlsx")] == ["Eksporttest_oversigt.xlsx"]


# --------------------------------------------------------------------------- allocate --output


def test_allocation_workbook_matches_allocate_json(case, tmp_path):
    path = tmp_path / "fordeling.xlsx"
    doc = cli_json("allocate", case["scenario"], "--year", 2015, "--output", path)
    wb = load(path)
    assert wb.sheetnames == ["Fordeling", "Centre", "Forudsætninger"]
    rows = table(wb["Fordeling"])
    units = {(u["center"], u["sector"]): u for u in doc["units"]}
    body, total = rows[:-1], rows[-1]
    assert len(body) == len(units)
    for r in body:
        u = units[(r["Center"], r["Sektor"])]
        assert r["Status"] == STATUS[u["status"]]
        assert close(r["Vægt (for højt sygefravær)"], u["weight"])
        assert r["Stigning 2015"] == u["increment"]
        assert r["Reduktion 2015 i alt"] == u["reduction"]
        assert r["Tidligere reduktion"] == u["prior_reduction"]
    assert total["Reduktion 2015 i alt"] == doc["total"] == 800000
    assert total["Stigning 2015"] == doc["increment"] == 300000
    assert sum(r["Reduktion 2015 i alt"] for r in body) == 800000
    centers = table(wb["Centre"])
    assert centers[-1]["Reduktion 2015 i alt"] == 800000
    assert {c["Center"]: c["Reduktion 2015 i alt"] for c in centers[:-1]} == {
        c["center"]: c["reduction"] for c in doc["centers"]
    }


# --------------------------------------------------------------------------- atomic, safe


def test_failed_write_leaves_the_earlier_file_untouched(case, tmp_path, monkeypatch):
    path = tmp_path / "fordeling.xlsx"
    assert cli("allocate", case["scenario"], "--year", 2014, "--output", path).exit_code == 0
    before = path.read_bytes()

    def broken(src, dst, *rest):  # repack's source, target, stamp, core.xml, rows
        dst.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save, "repack", broken)
    r = cli("allocate", case["scenario"], "--year", 2015, "--output", path)
    assert r.exit_code == 2
    assert "No space left on device" in r.output
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["fordeling.xlsx"]  # no temporary left


def test_interrupted_write_leaves_the_earlier_file_untouched(case, tmp_path, monkeypatch):
    path = tmp_path / "fordeling.xlsx"
    assert cli("allocate", case["scenario"], "--year", 2014, "--output", path).exit_code == 0
    before = path.read_bytes()

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(save.os, "replace", interrupted)
    r = cli("allocate", case["scenario"], "--year", 2015, "--output", path)
    assert r.exit_code != 0
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["fordeling.xlsx"]


@pytest.mark.parametrize("name", ["units.csv", "absence.csv", "scenario.toml", "national.csv"])
def test_output_equal_to_an_input_is_refused(tmp_path, name):
    data = tmp_path / "d"
    shutil.copytree(HERE, data)
    before = (data / name).read_bytes()
    # Given through another spelling of the same path: resolved before comparing.
    out = data / "sub" / ".." / name
    (data / "sub").mkdir()
    r = cli("allocate", data / "scenario.toml", "--year", 2014, "--output", out)
    assert r.exit_code == 2
    assert "inddatafilerne" in r.output and "Traceback" not in r.output
    assert (data / name).read_bytes() == before


def test_run_json_quiet_and_exit_codes(case, tmp_path):
    r = cli("run", case["scenario"], "--out", tmp_path / "a", "--quiet")
    assert r.exit_code == 0 and r.output == ""
    r = cli("run", case["scenario"], "--out", tmp_path / "b", "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)  # stdout holds the JSON document and nothing else
    assert doc["out"] == str(tmp_path / "b")
    r = cli("run", case["data"] / "missing.toml", "--out", tmp_path / "c")
    assert r.exit_code == 2 and "findes ikke" in r.output
    assert not (tmp_path / "c").exists()
    (tmp_path / "file").write_text("x")
    r = cli("run", case["scenario"], "--out", tmp_path / "file")
    assert r.exit_code == 2


def test_run_twice_gives_identical_bytes(case, tmp_path):
    for name in ("a", "b"):
        assert cli("run", case["scenario"], "--out", tmp_path / name, "--quiet").exit_code == 0
    for p in (tmp_path / "a").rglob("*.xlsx"):
        assert p.read_bytes() == (tmp_path / "b" / p.relative_to(tmp_path / "a")).read_bytes()


def test_safe_center_file_names():
    names = center_filenames(["Børn/Unge", "Børn:Unge", "CON", "a" * 300, " . ", "x?*"])
    assert names["Børn/Unge"] == "Børn_Unge.xlsx"
    assert names["Børn:Unge"] == "Børn_Unge_2.xlsx"  # unique after cleaning
    assert names["CON"] == "_CON.xlsx"
    assert len(names["a" * 300]) <= 105
    assert names[" . "] == "center.xlsx"
    assert names["x?*"] == "x.xlsx"


def test_text_cell_keeps_formula_looking_text():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("x")
    for text in ("=1+1", "+45", "-3", "@A", "plain"):
        c = text_cell(ws, text)
        assert c.data_type == "s" and c.value == text
        assert bool(c.quotePrefix) == (text != "plain")
    assert text_cell(ws, "Bell\x07 og\x00 tab").value == "Bell og tab"


def test_run_refuses_to_overwrite_an_input_named_like_its_output(tmp_path):
    data = tmp_path / "d"
    shutil.copytree(HERE, data)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["year", "staff_group", "days_per_fte"])
    ws.append([2012, "Kommuner i alt", 10.0])
    wb.save(data / "Eksporttest_oversigt.xlsx")
    sc = data / "scenario.toml"
    sc.write_text(
        sc.read_text(encoding="utf-8").replace('"national.csv"', '"Eksporttest_oversigt.xlsx"'),
        encoding="utf-8",
    )
    before = (data / "Eksporttest_oversigt.xlsx").read_bytes()
    r = cli("run", sc, "--out", data)
    assert r.exit_code == 2, r.output
    assert "inddatafilerne" in r.output
    assert (data / "Eksporttest_oversigt.xlsx").read_bytes() == before
    assert not (data / "centre").exists()


def test_run_without_reduction_totals_writes_targets_and_status(tmp_path):
    # tests/data/core/glide has no [reduction] totals and calendar absence for 2013 and 2014 only,
    # so the latest status is absence 2014 against the 2015 targets.
    sc = Path(__file__).parents[1] / "data" / "core" / "glide" / "scenario.toml"
    doc = cli_json("run", sc, "--out", tmp_path)
    assert doc["years"] == [] and doc["totals"] == {}
    assert sorted(doc["municipality"]) == ["2014", "2015"]
    wb = load(tmp_path / "Testkommune_oversigt.xlsx")
    header = [c.value for c in wb["Oversigt"][HEADER_ROW]]
    assert "Måltal 2015" in header and not any(str(h).startswith("Stigning") for h in header)
    status = cli_json("status", sc, "--year", 2015)
    rows = table(wb["Oversigt"])
    assert close(rows[-1]["Fravær 2014 (dage pr. årsværk)"], status["municipality"]["days_per_fte"])


@pytest.mark.parametrize("name", ["fordeling.csv", "fordeling", "mappe.xlsx"])
def test_output_must_be_an_xlsx_file(case, tmp_path, name):
    (tmp_path / "mappe.xlsx").mkdir()
    r = cli("allocate", case["scenario"], "--year", 2014, "--output", tmp_path / name)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mappe.xlsx"]


def test_assumptions_sheet_agrees_with_the_overview_on_the_pooled_prior(case):
    # 2014: the year's reduction 500.000 kr., of which the prior 100.000 kr. was imposed before:
    # distributed as increments 400.000 kr., the overview's 'Stigning 2014' total (4.5).
    wb = load(case["out"] / "Eksporttest_oversigt.xlsx")
    rows = {r[0]: r for r in wb["Forudsætninger"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Stigning 2014 (årets reduktion)"][1] == "500.000 kr."
    assert rows["Stigning 2014 fordelt"][1] == "400.000 kr."
    assert "100.000 kr." in rows["Stigning 2014 fordelt"][2]
    assert rows["Stigning 2015 (årets reduktion)"][1] == "300.000 kr."
    assert "Stigning 2015 fordelt" not in rows  # no prior reduction after the first year
    total = next(r for r in table(wb["Oversigt"]) if r["Center"] == "Kommunen i alt")
    assert total["Stigning 2014"] == 400000 == case["summary"]["increments"]["2014"]


def test_status_follows_from_the_days_shown(case):
    # Every status cell of every sheet: days per fte rounded to its cell's decimals compare with
    # the target as the status says (4.4): red above, green at or under, "på måltal" equal.
    books = [case["out"] / "Eksporttest_oversigt.xlsx", *sorted((case["out"] / "centre").glob("*"))]
    checked = 0
    for book in books:
        for ws in load(book):
            rows = list(ws.iter_rows())
            if len(rows) < HEADER_ROW:
                continue
            header = [c.value for c in rows[HEADER_ROW - 1]]
            days = [
                i for i, h in enumerate(header) if h and "Fravær" in str(h) and "dage" in str(h)
            ]
            target = [i for i, h in enumerate(header) if h and str(h).split(" ")[0] == "Måltal"]
            status = [i for i, h in enumerate(header) if h == "Status"]
            if not (days and target and status):
                continue
            for r in rows[HEADER_ROW:]:
                d, t, s = r[days[0]], r[target[0]], r[status[0]].value
                if not isinstance(d.value, (int, float)) or s is None:
                    continue
                shown = round(d.value, len(d.number_format.split(".")[1]))
                want = {
                    "rød": shown > t.value,
                    "grøn": shown <= t.value,
                    "på måltal": shown == t.value,
                }
                assert want[s], (book.name, ws.title, d.value, d.number_format, t.value, s)
                checked += 1
    assert checked > 10
