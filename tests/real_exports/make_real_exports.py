"""Write the real-exports corpus: input files made the way HR/payroll systems, Excel and LibreOffice
make them, each case a small change of one clean case.

    python tests/real_exports/make_real_exports.py            # every case
    python tests/real_exports/make_real_exports.py clean xlsx_error_cells   # only these

Each case folder holds scenario.toml, its input files and case.md (how it was made, what is special,
the reading an analyst would expect, the commands to check it). README.md (the table of cases) is
rewritten on every full run. This script only makes inputs; the expected outcomes belong to the
tests that use them.

Tools: CSV files are written as bytes by this script; xlsx files by openpyxl with fixed timestamps
(byte-reproducible); the LibreOffice cases by `soffice --headless` (package libreoffice-calc-nogui),
run with a throw-away profile and LC_ALL=da_DK.UTF-8 (a Danish-locale LibreOffice). Files written by
LibreOffice are kept exactly as it wrote them, so they are not byte-identical across runs (their
docProps hold the save time), but they are made the same way each time. Without soffice on PATH the
LibreOffice cases are left as they are (with a message) and the others are regenerated.

The clean case (read it to check the other cases by hand), working_days = 200, glide 2013 -> 2015
from KRL 2012, over-target with cap, totals {2014 = 300.000, 2015 = 450.000}:

    unit                                  2013 fte / days      benchmark (KRL 2012)      target 2014 / 2015
    Ældre og Sundhed / Hjemmeplejen Øst   SSA 40/840 = 21.0    14.0                      17.5 / 14.0
    Ældre og Sundhed / Plejecenter Åbo    SSA 8/144, Pæd 2/26  (8*14 + 2*11)/10 = 13.4   15.2 / 13.4
                                          = 170/10 = 17.0
    Børn og Unge / Skoler                 Lær 24/216, Pæd 6/60 (24*10 + 6*11)/30 = 10.2  10.2 / 10.2 (A < B)
                                          = 276/30 = 9.2
    2014: Hjemmeplejen Øst 760/40 = 19.0, Plejecenter Åbo 160/10 = 16.0, Skoler 300/30 = 10.0.

Units: payroll 16.000.000 / 4.054.000 / 12.000.000 (a day costs 2.000 / 2.027 / 2.000 kr.),
substitute budget 400.000 / 0 / 1.200.000, prior reduction 100.000 on Hjemmeplejen Øst only.
Status 2014 (absence 2013): Hjemmeplejen Øst red, 140 excess days, potential 280.000; Plejecenter Åbo
red, 18 days, 36.486; Skoler green. allocate --year 2015: increments 2014 = 165.415 (its share
265.415 minus the prior 100.000) and 34.585; 2015 = 132.538 and 17.462.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
RUN = "PYTHONPATH=src python -m sygefravaer.cli"
STATUS_2014 = "status {case}/scenario.toml --year 2014"
ALLOCATE_2015 = "allocate {case}/scenario.toml --year 2015 --json"

# ---------------------------------------------------------------------------------- clean data
ÆS, BU = "Ældre og Sundhed", "Børn og Unge"
HJ, PL, SK = "Hjemmeplejen Øst", "Plejecenter Åbo", "Skoler"
SSA, PÆD, LÆR = "Social- og sundhedsassistenter", "Pædagoger", "Lærere"
KIA = "Kommuner i alt"

ABSENCE_HEADER = ["Center", "Sektor", "Periode", "Personalegruppe", "Årsværk", "Sygefraværsdage"]
# center, sector, period, staff group, fte, sick days (full-time working days)
ABSENCE = [
    (ÆS, HJ, 2013, SSA, 40, 840),
    (ÆS, PL, 2013, SSA, 8, 144),
    (ÆS, PL, 2013, PÆD, 2, 26),
    (BU, SK, 2013, LÆR, 24, 216),
    (BU, SK, 2013, PÆD, 6, 60),
    (ÆS, HJ, 2014, SSA, 40, 760),
    (ÆS, PL, 2014, SSA, 8, 136),
    (ÆS, PL, 2014, PÆD, 2, 24),
    (BU, SK, 2014, LÆR, 24, 240),
    (BU, SK, 2014, PÆD, 6, 60),
]

UNITS_HEADER = ["Center", "Sektor", "Lønsum", "Vikarbudget", "Tidligere reduktion"]
UNITS = [
    (ÆS, HJ, 16_000_000, 400_000, 100_000),
    (ÆS, PL, 4_054_000, 0, 0),
    (BU, SK, 12_000_000, 1_200_000, 0),
]

NATIONAL_HEADER = ["År", "Personalegruppe", "Sygefravær pr. fuldtidsbeskæftiget"]
NATIONAL = [
    (2012, KIA, 12.0),
    (2012, SSA, 14.0),
    (2012, PÆD, 11.0),
    (2012, LÆR, 10.0),
    (2013, KIA, 11.5),
    (2013, SSA, 13.5),
    (2013, PÆD, 10.5),
    (2013, LÆR, 9.5),
]

GLIDE = """\
[targets]
rule = "glide"
base_year = 2013
final_year = 2015
benchmark_year = 2012
"""

REDUCTION = """\
[reduction]
model = "over-target"
totals = { 2014 = 300000, 2015 = 450000 }
"""


def scenario(
    absence: str = "absence.csv",
    units: str = "units.csv",
    national: str = "national.csv",
    targets: str = GLIDE,
    reduction: str | None = REDUCTION,
    extra: str = "",
    name: str = "Real exports",
) -> str:
    head = (
        f'name = "{name}"\nabsence = "{absence}"\nunits = "{units}"\nnational = "{national}"\n'
        "working_days = 200\n"
    )
    parts = [head, targets] + ([reduction] if reduction else []) + ([extra] if extra else [])
    return "\n".join(parts)


# ---------------------------------------------------------------------------------- formatting
def dk(v: object) -> str:
    """A number as a Danish export writes it: int 16.000.000, float 12,5 / 12,0; text unchanged."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if v is None else str(v)
    if isinstance(v, int):
        n = int(v)
        return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")
    whole, frac = repr(abs(float(v))).split(".")
    return ("-" if v < 0 else "") + f"{int(whole):,}".replace(",", ".") + "," + frac


PLAIN = {"Periode", "År"}  # periods and years are written without a thousands dot


def csv_text(header: list[str], rows: list[tuple | list], sep: str = ";", fmt=dk) -> str:
    plain = [h in PLAIN for h in header]
    out = [sep.join(header)]
    out += [sep.join(str(c) if p else fmt(c) for c, p in zip(r, plain, strict=True)) for r in rows]
    return "\n".join(out) + "\n"


def clean_absence(rows=None, header=None, **kw) -> str:
    return csv_text(header or ABSENCE_HEADER, ABSENCE if rows is None else rows, **kw)


def clean_units(rows=None, header=None, **kw) -> str:
    return csv_text(header or UNITS_HEADER, UNITS if rows is None else rows, **kw)


def clean_national(rows=None) -> str:
    return csv_text(NATIONAL_HEADER, NATIONAL if rows is None else rows)


def shifted(years: int) -> list[tuple]:
    """The clean absence with every period moved by `years` (for the national-rule cases)."""
    return [(c, s, p + years, g, f, d) for c, s, p, g, f, d in ABSENCE]


# ---------------------------------------------------------------------------------- xlsx (openpyxl)
FIXED = dt.datetime(2014, 1, 1)


def workbook_bytes(wb) -> bytes:
    """Save an openpyxl workbook with fixed timestamps, so regenerating changes no byte."""
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` with the clock
                part = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2014-01-01T00:00:00Z", part)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2014, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, part)
    return out.getvalue()


def new_workbook(sheets: dict[str, list[list]], money_format: str | None = "#,##0"):
    """An openpyxl workbook, one sheet per entry (first row the header); ints >= 1000 get
    `money_format` (shown 16.000.000 in a Danish-locale spreadsheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
        if money_format:
            for row in ws.iter_rows(min_row=2):
                for c in row:
                    if isinstance(c.value, int) and abs(c.value) >= 1000:
                        c.number_format = money_format
    return wb


def set_active(wb, index: int) -> None:
    wb.active = index
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == index


# ---------------------------------------------------------------------------------- LibreOffice
_PROFILE: Path | None = None


class NoSoffice(RuntimeError):
    pass


def soffice(args: list[str], cwd: Path) -> str:
    """Run `soffice --headless args` in `cwd` (Danish locale, throw-away profile); return the
    command line as documented in case.md."""
    global _PROFILE
    exe = shutil.which("soffice")
    if exe is None:
        raise NoSoffice("soffice not found (apt-get install libreoffice-calc-nogui)")
    if _PROFILE is None:
        _PROFILE = Path(tempfile.mkdtemp(prefix="real-exports-lo-"))
    env = dict(os.environ, LC_ALL="da_DK.UTF-8", LANG="da_DK.UTF-8")
    cmd = [exe, f"-env:UserInstallation={_PROFILE.as_uri()}", "--headless", *args]
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError(f"soffice failed ({p.returncode}): {p.stderr}")
    return "LC_ALL=da_DK.UTF-8 soffice --headless " + " ".join(shlex.quote(a) for a in args)


def lo_resave_xlsx(wb_or_bytes, out: Path, source_name: str = "kilde.xlsx") -> str:
    """Write an openpyxl workbook to a temp folder, let LibreOffice open and save it as xlsx
    (LibreOffice recalculates, writes cached values and its own workbook.xml); copy it to `out`."""
    data = wb_or_bytes if isinstance(wb_or_bytes, bytes) else workbook_bytes(wb_or_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / source_name).write_bytes(data)
        cmd = soffice(["--convert-to", "xlsx", "--outdir", "ud", source_name], t)
        made = t / "ud" / source_name
        if not made.exists():
            raise RuntimeError(f"soffice wrote no {made.name}")
        shutil.copyfile(made, out)
    return cmd


def lo_csv_to_xlsx(text: str, out: Path, source_name: str) -> str:
    """Let LibreOffice import a ';' UTF-8 CSV (Danish locale, so 16.000.000 becomes a number) and save
    it as xlsx; the sheet is named after the CSV file."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / source_name).write_text(text, encoding="utf-8")
        cmd = soffice(
            [
                "--infilter=CSV:59,34,76,1,,1030",
                "--convert-to",
                "xlsx",
                "--outdir",
                "ud",
                source_name,
            ],
            t,
        )
        made = t / "ud" / (Path(source_name).stem + ".xlsx")
        if not made.exists():
            raise RuntimeError(f"soffice wrote no {made.name}")
        shutil.copyfile(made, out)
    return cmd


def lo_xlsx_to_csv(wb, out: Path, filter_options: str, source_name: str = "Enheder.xlsx") -> str:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / source_name).write_bytes(workbook_bytes(wb))
        cmd = soffice(["--convert-to", f"csv:{filter_options}", "--outdir", "ud", source_name], t)
        made = t / "ud" / (Path(source_name).stem + ".csv")
        if not made.exists():
            raise RuntimeError(f"soffice wrote no {made.name}")
        shutil.copyfile(made, out)
    return cmd


def sheet_xml(path: Path, sheet_index: int) -> str:
    """The XML of the n-th sheet (0-based, workbook order) of an xlsx."""
    import openpyxl

    title = openpyxl.load_workbook(path, read_only=True).sheetnames[sheet_index]
    with zipfile.ZipFile(path) as z:
        wbx = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(r'<sheet [^>]*name="' + re.escape(title) + r'"[^>]*r:id="([^"]+)"', wbx)
        target = re.search(r'Id="' + rid.group(1) + r'"[^>]*Target="([^"]+)"', rels) or re.search(
            r'Target="([^"]+)"[^>]*Id="' + rid.group(1) + '"', rels
        )
        name = target.group(1).lstrip("/")
        name = name if name.startswith("xl/") else "xl/" + name
        return z.read(name).decode()


# ---------------------------------------------------------------------------------- registry
@dataclass
class Case:
    name: str
    made_by: str
    special: str
    expect: str
    run: list[str]
    build: Callable[[Path], list[str]]
    uses_soffice: bool = False
    notes: list[str] = field(default_factory=list)


CASES: dict[str, Case] = {}


def case(name, made_by, special, expect, run=(STATUS_2014, ALLOCATE_2015), soffice=False):
    def register(fn):
        CASES[name] = Case(name, made_by, special, expect, list(run), fn, soffice)
        return fn

    return register


def write_clean(d: Path, **files: str | bytes | None) -> None:
    """The clean case's files into `d`, with `files` (name -> content; None drops it) replacing."""
    base: dict[str, str | bytes | None] = {
        "scenario.toml": scenario(),
        "absence.csv": clean_absence(),
        "units.csv": clean_units(),
        "national.csv": clean_national(),
    }
    base.update(files)
    for fname, content in base.items():
        if content is None:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        (d / fname).write_bytes(data)


SCRIPT = "written as text by make_real_exports.py"
OPENPYXL = "openpyxl (never opened in a spreadsheet program)"
LO = "openpyxl, then opened and saved by LibreOffice"


# ================================================================================== cases
@case(
    "clean",
    SCRIPT,
    "the valid base: Danish names (Æ, Ø, Å), a staff-group column, two periods, Lønsum, "
    "Vikarbudget and Tidligere reduktion (100.000 on Hjemmeplejen Øst), KRL 2012 and 2013",
    "read right: the reference for every 'numbers equal to clean' below (exit 0)",
    run=(STATUS_2014, ALLOCATE_2015, "targets {case}/scenario.toml"),
)
def clean(d: Path) -> list[str]:
    write_clean(d)
    return ["all four files: `;`-separated, UTF-8 without BOM, LF line ends, Danish number form"]


# ---------------------------------------------------------------------------------- 1-2 total rows
@case(
    "units_grand_total_row",
    SCRIPT,
    "a last row `Hovedtotal;;32.054.000;1.600.000;100.000` (Center = Hovedtotal, Sektor blank), "
    "as a Danish Excel pivot table exports its grand total",
    "refuse: exit 2, naming units.csv, row 5, column Center, value 'Hovedtotal' (a totals row)",
)
def units_grand_total_row(d: Path) -> list[str]:
    total = ("Hovedtotal", "", *[sum(u[i] for u in UNITS) for i in (2, 3, 4)])
    write_clean(d, **{"units.csv": clean_units(UNITS + [total])})
    return ["units.csv: the clean rows plus the pivot's grand-total row, `;`, UTF-8"]


@case(
    "units_center_subtotal",
    "LibreOffice (CSV imported and saved as xlsx)",
    "units.xlsx, sheet 'Enheder': after each center's rows a subtotal row with Sektor 'I alt' "
    "(rows 4 and 6); money cells are numbers (LibreOffice's Danish-locale import turned "
    "16.000.000 into 16000000)",
    "refuse: exit 2, naming units.xlsx, sheet Enheder, row 4, column Sektor, value 'I alt'",
    soffice=True,
)
def units_center_subtotal(d: Path) -> list[str]:
    rows: list[tuple] = []
    for center in (ÆS, BU):
        mine = [u for u in UNITS if u[0] == center]
        rows += mine
        rows.append((center, "I alt", *[sum(u[i] for u in mine) for i in (2, 3, 4)]))
    cmd = lo_csv_to_xlsx(clean_units(rows), d / "units.xlsx", "Enheder.csv")
    write_clean(d, **{"units.csv": None, "scenario.toml": scenario(units="units.xlsx")})
    return [
        "Enheder.csv (`;`, UTF-8, Danish numbers, subtotal rows) converted by LibreOffice:",
        f"`{cmd}`",
        "then ud/Enheder.xlsx renamed units.xlsx",
    ]


@case(
    "absence_and_units_total_rows",
    SCRIPT,
    "absence.csv has a municipality total row after each period (Center 'I alt', Sektor and "
    "Personalegruppe blank; rows 7 and 13: 80 fte, 1.286 / 1.220 days); units.csv ends with "
    "'I alt;;32.054.000;1.600.000;100.000' (row 5)",
    "refuse: exit 2, naming absence.csv row 7 (or, if units are read first, units.csv row 5), "
    "column Center, value 'I alt'",
)
def absence_and_units_total_rows(d: Path) -> list[str]:
    rows: list[tuple] = []
    for period in (2013, 2014):
        mine = [r for r in ABSENCE if r[2] == period]
        rows += mine
        rows.append(("I alt", "", period, "", sum(r[4] for r in mine), sum(r[5] for r in mine)))
    total = ("I alt", "", *[sum(u[i] for u in UNITS) for i in (2, 3, 4)])
    write_clean(
        d, **{"absence.csv": clean_absence(rows), "units.csv": clean_units(UNITS + [total])}
    )
    return ["absence.csv and units.csv: the clean rows plus the total rows, `;`, UTF-8"]


# ---------------------------------------------------------------------------------- 3-4 groups
@case(
    "absence_blank_group_subtotal",
    SCRIPT,
    "after Plejecenter Åbo's two 2013 group rows, a row with blank Personalegruppe and their sums "
    "(10 fte, 170 days) at row 5: a unit subtotal without a total label",
    "refuse: exit 2, naming absence.csv, row 5, column Personalegruppe (blank beside rows with "
    "staff groups for Ældre og Sundhed / Plejecenter Åbo 2013)",
)
def absence_blank_group_subtotal(d: Path) -> list[str]:
    rows = list(ABSENCE)
    rows.insert(3, (ÆS, PL, 2013, "", 10, 170))
    write_clean(d, **{"absence.csv": clean_absence(rows)})
    return ["absence.csv: the clean rows plus the subtotal row as line 5"]


@case(
    "absence_group_case_twice",
    SCRIPT,
    "Skoler 2013 has 'Pædagoger' (6 fte, 60 days, row 6) and 'PÆDAGOGER' (2 fte, 30 days, row 7): "
    "the same staff group twice, differing only in letter case, with different figures",
    "refuse: exit 2, naming absence.csv, rows 6 and 7, column Personalegruppe, showing both "
    "spellings 'Pædagoger' and 'PÆDAGOGER'",
)
def absence_group_case_twice(d: Path) -> list[str]:
    rows = list(ABSENCE)
    rows.insert(5, (BU, SK, 2013, "PÆDAGOGER", 2, 30))
    write_clean(d, **{"absence.csv": clean_absence(rows)})
    return ["absence.csv: the clean rows plus the capitalised row as line 7"]


# ---------------------------------------------------------------------------------- 5 Unicode
@case(
    "names_nfd_mac",
    SCRIPT,
    "absence.csv entirely in Unicode NFD (Å = A + U+030A, as a Mac writes it), header included "
    "('Årsværk'); units.csv and national.csv in NFC. Only å/Å decompose: æ, ø, Æ, Ø have no "
    "decomposition, so 'Plejecenter Åbo' and the 'Årsværk' header are the names that differ",
    "read right: numbers equal to clean",
)
def names_nfd_mac(d: Path) -> list[str]:
    text = unicodedata.normalize("NFD", clean_absence())
    assert text != clean_absence() and "A\u030abo" in text and "A\u030arsværk" in text
    write_clean(d, **{"absence.csv": text})
    return ['absence.csv: the clean text through unicodedata.normalize("NFD", ...), UTF-8']


# ---------------------------------------------------------------------------------- 6 sheets
def units_sheet(rows=None, header=None) -> list[list]:
    return [list(header or UNITS_HEADER)] + [list(r) for r in (UNITS if rows is None else rows)]


LAST_YEAR = [(c, s, p // 2, v // 2, 0) for c, s, p, v, _ in UNITS]


@case(
    "xlsx_hidden_first_sheet",
    LO,
    "units.xlsx: first sheet 'Sidste år' is hidden (state='hidden') and holds last year's figures "
    "(payrolls and substitute budgets halved, no prior reduction); second sheet 'Enheder' is "
    "visible and active (activeTab=1) with the clean figures",
    "read right from the visible active sheet 'Enheder': numbers equal to clean",
    soffice=True,
)
def xlsx_hidden_first_sheet(d: Path) -> list[str]:
    import openpyxl

    wb = new_workbook({"Sidste år": units_sheet(LAST_YEAR), "Enheder": units_sheet()})
    wb["Sidste år"].sheet_state = "hidden"
    set_active(wb, 1)
    cmd = lo_resave_xlsx(wb, d / "units.xlsx")
    check = openpyxl.load_workbook(d / "units.xlsx")
    assert [ws.sheet_state for ws in check.worksheets] == ["hidden", "visible"], check.worksheets
    assert check.active.title == "Enheder"
    write_clean(d, **{"units.csv": None, "scenario.toml": scenario(units="units.xlsx")})
    return [
        "kilde.xlsx built by openpyxl (sheet 1 hidden, sheet 2 active), then opened and saved by "
        "LibreOffice:",
        f"`{cmd}`",
        "then ud/kilde.xlsx copied to units.xlsx; checked with openpyxl: sheet_state "
        "['hidden', 'visible'], active sheet 'Enheder'",
    ]


@case(
    "xlsx_very_hidden_first_sheet",
    OPENPYXL,
    "units.xlsx: first sheet 'Sidste år' is veryHidden (only a macro or the VBA editor can show "
    "it; LibreOffice cannot write this state) with last year's figures; second sheet 'Enheder' "
    "visible and active with the clean figures",
    "read right from the visible active sheet 'Enheder': numbers equal to clean",
)
def xlsx_very_hidden_first_sheet(d: Path) -> list[str]:
    wb = new_workbook({"Sidste år": units_sheet(LAST_YEAR), "Enheder": units_sheet()})
    wb["Sidste år"].sheet_state = "veryHidden"
    set_active(wb, 1)
    (d / "units.xlsx").write_bytes(workbook_bytes(wb))
    write_clean(d, **{"units.csv": None, "scenario.toml": scenario(units="units.xlsx")})
    return ["units.xlsx: openpyxl, sheet_state='veryHidden' on sheet 1, wb.active = 1"]


@case(
    "xlsx_sheets_setting",
    OPENPYXL,
    "units.xlsx with two visible sheets: 'Enheder 2013' (first AND active, other figures: "
    "payrolls halved, no prior) and 'Enheder 2014' (clean); the scenario names the sheet: "
    '[sheets] units = "Enheder 2014"',
    "read right from 'Enheder 2014' (the named sheet, not the first/active one): numbers equal to "
    "clean",
)
def xlsx_sheets_setting(d: Path) -> list[str]:
    wb = new_workbook({"Enheder 2013": units_sheet(LAST_YEAR), "Enheder 2014": units_sheet()})
    set_active(wb, 0)
    (d / "units.xlsx").write_bytes(workbook_bytes(wb))
    sc = scenario(units="units.xlsx", extra='[sheets]\nunits = "Enheder 2014"\n')
    write_clean(d, **{"units.csv": None, "scenario.toml": sc})
    return ["units.xlsx: openpyxl, two visible sheets, the first active"]


# ---------------------------------------------------------------------------------- 7-8 formulas
@case(
    "xlsx_formulas_no_cache",
    OPENPYXL,
    "units.xlsx, sheet 'Enheder': C2 (Lønsum) is the formula =16000000*1 and E2 (Tidligere "
    "reduktion) =C2*0+100000, with no cached values (the file was never opened in Excel or "
    "LibreOffice: `<f>..</f><v></v>`); every other cell is a plain number",
    "refuse: exit 2, naming units.xlsx, sheet Enheder, cell C2 (row 2, column Lønsum) as a formula "
    "without a computed value (and E2, column Tidligere reduktion); hint: open and save the file "
    "in Excel/LibreOffice",
)
def xlsx_formulas_no_cache(d: Path) -> list[str]:
    rows = units_sheet()
    rows[1][2] = "=16000000*1"
    rows[1][4] = "=C2*0+100000"
    wb = new_workbook({"Enheder": rows})
    p = d / "units.xlsx"
    p.write_bytes(workbook_bytes(wb))
    xml = sheet_xml(p, 0)
    assert re.search(r'<c r="C2"[^>]*><f>16000000\*1</f><v\s*/>', xml), xml
    assert re.search(r'<c r="E2"[^>]*><f>C2\*0\+100000</f><v\s*/>', xml), xml
    write_clean(d, **{"units.csv": None, "scenario.toml": scenario(units="units.xlsx")})
    return ["units.xlsx: openpyxl, cell values given as formula strings; checked: `<v/>` empty"]


@case(
    "xlsx_error_cells",
    LO,
    "units.xlsx, sheet 'Enheder': E2 (Tidligere reduktion of Hjemmeplejen Øst, 100.000 in clean) "
    "is =NA(), recalculated by LibreOffice, so the file stores the cached error: "
    '`<c r="E2" s="0" t="e"><f aca="false">NA()</f><v>#N/A</v></c>` (a failed VLOOKUP looks the same)',
    "refuse: exit 2, naming units.xlsx, sheet Enheder, cell E2 (row 2, column Tidligere "
    "reduktion), value #N/A; not read as blank/0 (that would silently drop the 100.000 prior)",
    soffice=True,
)
def xlsx_error_cells(d: Path) -> list[str]:
    rows = units_sheet()
    rows[1][4] = "=NA()"
    wb = new_workbook({"Enheder": rows})
    cmd = lo_resave_xlsx(wb, d / "units.xlsx")
    xml = sheet_xml(d / "units.xlsx", 0)
    assert re.search(r'<c r="E2"[^>]*t="e"[^>]*><f[^>]*>NA\(\)</f><v>#N/A</v></c>', xml), xml
    write_clean(d, **{"units.csv": None, "scenario.toml": scenario(units="units.xlsx")})
    return [
        "kilde.xlsx built by openpyxl with E2 = '=NA()' (no cached value), then opened, "
        "recalculated and saved by LibreOffice:",
        f"`{cmd}`",
        'then ud/kilde.xlsx copied to units.xlsx; checked: E2 is stored as t="e" with <v>#N/A</v>',
    ]


# ---------------------------------------------------------------------------------- 9 negative prior
@case(
    "units_negative_prior",
    SCRIPT,
    "Tidligere reduktion of Hjemmeplejen Øst written -100.000 (row 2): budget systems book cuts "
    "as negative amounts",
    "refuse: exit 2, naming units.csv, row 2, column Tidligere reduktion, value -100.000, with a "
    "hint that a reduction is written as a positive amount (100.000)",
)
def units_negative_prior(d: Path) -> list[str]:
    rows = [(c, s, p, v, -r) for c, s, p, v, r in UNITS]
    write_clean(d, **{"units.csv": clean_units(rows)})
    return ["units.csv: the clean rows with the prior reduction negated"]


# ---------------------------------------------------------------------------------- 10 headers
def header_case(label: str) -> list[str]:
    return UNITS_HEADER[:4] + [label]


@case(
    "units_header_tidl",
    SCRIPT,
    "units.csv header 'Tidl. reduktion' (the label the tool's own tables use) for Tidligere reduktion",
    "read right: numbers equal to clean",
)
def units_header_tidl(d: Path) -> list[str]:
    write_clean(d, **{"units.csv": clean_units(header=header_case("Tidl. reduktion"))})
    return ["units.csv: the clean file with the last header renamed"]


@case(
    "units_header_kr_suffix",
    SCRIPT,
    "units.csv header 'Tidligere reduktion (kr.)': a unit suffix as finance exports write it",
    "read right: numbers equal to clean",
)
def units_header_kr_suffix(d: Path) -> list[str]:
    write_clean(d, **{"units.csv": clean_units(header=header_case("Tidligere reduktion (kr.)"))})
    return ["units.csv: the clean file with the last header renamed"]


@case(
    "units_header_plural",
    SCRIPT,
    "units.csv header 'Tidligere reduktioner' (plural): ignored as an unknown column it would "
    "silently drop the 100.000 prior reduction",
    "refuse: exit 2, naming units.csv, row 1, the header 'Tidligere reduktioner', with "
    "\"mente du 'Tidligere reduktion'?\"",
)
def units_header_plural(d: Path) -> list[str]:
    write_clean(d, **{"units.csv": clean_units(header=header_case("Tidligere reduktioner"))})
    return ["units.csv: the clean file with the last header renamed"]


@case(
    "absence_header_misspelt_group",
    SCRIPT,
    "absence.csv header 'Personalegrupe' (one p): ignored, each unit would have two or more rows "
    "per period without a staff group",
    "refuse: exit 2, naming absence.csv, row 1, the header 'Personalegrupe', with "
    "\"mente du 'Personalegruppe'?\"",
)
def absence_header_misspelt_group(d: Path) -> list[str]:
    header = [("Personalegrupe" if h == "Personalegruppe" else h) for h in ABSENCE_HEADER]
    write_clean(d, **{"absence.csv": clean_absence(header=header)})
    return ["absence.csv: the clean file with the staff-group header misspelt"]


# ---------------------------------------------------------------------------------- 11 number forms
DA_CSV = "Text - txt - csv (StarCalc):44,34,76,1,,1030,false,true,true"


@case(
    "units_comma_csv_danish_locale",
    "LibreOffice (xlsx exported as CSV, Danish locale)",
    "units.csv `,`-separated, money as shown with format #.##0 in a Danish locale: 16.000.000, "
    '4.054.000, 400.000, 1.200.000 unquoted (a decimal such as 12,5 would be quoted "12,5"). '
    "The Tidligere reduktion column alone (100.000, 0, 0) is ambiguous; the other money columns "
    "(4.054.000) and the `,` separator show dots are thousands",
    "read right: numbers equal to clean",
    soffice=True,
)
def units_comma_csv_danish_locale(d: Path) -> list[str]:
    wb = new_workbook({"Enheder": units_sheet()}, money_format="#,##0")
    cmd = lo_xlsx_to_csv(wb, d / "units.csv", DA_CSV)
    data = (d / "units.csv").read_bytes()
    text = data.decode("utf-8")
    assert "4.054.000" in text and ",400.000," in text and ",100.000" in text, text
    write_clean(d, **{"units.csv": data})  # LibreOffice's bytes, unchanged
    return [
        "Enheder.xlsx built by openpyxl (money cells number_format '#,##0'), exported by "
        "LibreOffice (token 3 76 = UTF-8, 6 1030 = Danish, 9 true = save cell contents as shown):",
        f"`{cmd}`",
        "then ud/Enheder.csv copied to units.csv; checked: it holds 4.054.000 and 400.000",
    ]


DOT_ROWS = [
    (ÆS, HJ, 2014, SSA, 45.125, 760),
    (ÆS, PL, 2014, SSA, 12.5, 136),
]


def replace_rows(rows: list[tuple], new: list[tuple]) -> list[tuple]:
    """`rows` with the row of the same center, sector, period and group replaced by `new`'s."""
    key = {r[:4]: r for r in new}
    return [key.get(r[:4], r) for r in rows]


def dot_decimal(v: object) -> str:
    if isinstance(v, float) and not v.is_integer():
        return repr(v)
    return dk(v)


@case(
    "absence_semicolon_dot_decimals",
    SCRIPT,
    "`;` CSV with dot decimals (an English-locale HR export): Årsværk 45.125 (Hjemmeplejen Øst "
    "2014, row 7) and 12.5 (Plejecenter Åbo SSA 2014, row 8) in the same column; 12.5 cannot be "
    "a thousands form, so the column's dots are decimals. The figures differ from clean: "
    "reference_absence.csv has the same numbers in Danish form (45,125 and 12,5)",
    "read right as decimals: every output equal to that of reference_scenario.toml (45,125 and "
    "12,5 fte), exit 0",
    run=(
        STATUS_2014,
        ALLOCATE_2015,
        "allocate {case}/reference_scenario.toml --year 2015 --json",
    ),
)
def absence_semicolon_dot_decimals(d: Path) -> list[str]:
    rows = replace_rows(ABSENCE, DOT_ROWS)
    write_clean(
        d,
        **{
            "absence.csv": clean_absence(rows, fmt=dot_decimal),
            "reference_absence.csv": clean_absence(rows),
            "reference_scenario.toml": scenario(absence="reference_absence.csv"),
        },
    )
    return [
        "absence.csv: the clean rows with two fte changed, numbers with `.` decimals",
        "reference_absence.csv: the same rows in Danish form (the clean writer)",
    ]


@case(
    "absence_semicolon_ambiguous",
    SCRIPT,
    "`;` CSV whose only non-integer Årsværk are 45.125 (row 7) and 20.250 (row 10): three digits "
    "after the dot, no other evidence in the column (thousands 45125 or decimals 45,125?)",
    "refuse as ambiguous: exit 2, naming absence.csv, column Årsværk, value 45.125 (row 7) and "
    "20.250 (row 10)",
)
def absence_semicolon_ambiguous(d: Path) -> list[str]:
    rows = replace_rows(
        ABSENCE, [(ÆS, HJ, 2014, SSA, "45.125", 760), (BU, SK, 2014, LÆR, "20.250", 240)]
    )
    write_clean(d, **{"absence.csv": clean_absence(rows)})
    return ["absence.csv: the clean rows with two fte written as 45.125 and 20.250"]


# ---------------------------------------------------------------------------------- 12 KRL wide
NATIONAL_RULE = """\
[targets]
rule = "national"
years = [2018]
"""

KRL_WIDE = """\
Sygefravær pr. fuldtidsbeskæftiget (dage), kommuner;;;
Udtræk i KRL's tabelform (bred form); opdigtede tal til test;;
;;;
Personalegruppe;2015;2016;2017 (foreløbige tal)
Kommuner i alt;11,5;11,8;12,0
Social- og sundhedsassistenter;13,5;14,0;14,5
Pædagoger;10,5;11,0;11,5
Lærere;9,5;10,0;10,5
;;;
Anm.: Tallene for 2017 er foreløbige.;;;
Kilde: KRL (Kommunernes og Regionernes Løndatakontor);;;
"""


@case(
    "krl_wide_provisional",
    SCRIPT,
    "national file in KRL's wide form (title rows, groups as rows, one column per year 2015-2017, "
    "notes below) whose newest column is headed '2017 (foreløbige tal)'; rule national, years = "
    "[2018], so the 2017 column decides the target; absence periods 2016 and 2017 (the clean "
    "figures moved 3 years), no [reduction]",
    "read right as KRL year 2017 with a note that it is provisional (not a warning; exit 0 also "
    "with --strict): targets 2018 Hjemmeplejen Øst 14.5, Plejecenter Åbo (8*14.5+2*11.5)/10 = 13.9, "
    "Skoler (24*10.5+6*11.5)/30 = 10.7",
    run=("targets {case}/scenario.toml", "status {case}/scenario.toml --year 2018"),
)
def krl_wide_provisional(d: Path) -> list[str]:
    sc = scenario(national="KRL_sygefravaer.csv", targets=NATIONAL_RULE, reduction=None)
    write_clean(
        d,
        **{
            "scenario.toml": sc,
            "absence.csv": clean_absence(shifted(3)),
            "national.csv": None,
            "KRL_sygefravaer.csv": KRL_WIDE,
        },
    )
    return ["KRL_sygefravaer.csv laid out like examples/krl/KRL_sygefravaer_2017.csv, `;`, UTF-8"]


def krl_wide_sheet() -> list[list]:
    """KRL_WIDE as sheet rows: figures as numbers, blank cells as None."""
    rows = []
    for line in KRL_WIDE.splitlines():
        cells = [c or None for c in line.split(";")]
        rows.append([c if i == 0 or c is None else _krl_cell(c) for i, c in enumerate(cells)])
    return rows


def _krl_cell(text: str) -> float | int | str:
    try:
        v = float(text.replace(",", "."))
    except ValueError:
        return text  # '2017 (foreløbige tal)'
    return int(v) if "," not in text else v  # the year headings as whole numbers


def krl_wide_xlsx(d: Path, name: str) -> None:
    """The KRL wide case's scenario with the national file `name` (an xlsx)."""
    sc = scenario(national=name, targets=NATIONAL_RULE, reduction=None)
    write_clean(
        d,
        **{"scenario.toml": sc, "absence.csv": clean_absence(shifted(3)), "national.csv": None},
    )


@case(
    "krl_wide_xlsx_formula_no_cache",
    OPENPYXL,
    "KRL's wide form as an xlsx (sheet 'KRL'), the newest figure of Social- og sundhedsassistenter "
    "(D6, 14,5 in krl_wide_provisional) the formula =C6+0.5 with no cached value (never opened "
    "in a spreadsheet program: `<f>C6+0.5</f><v></v>`)",
    "refuse: exit 2, naming KRL_sygefravaer.xlsx, sheet KRL, cell D6 (row 6, column '2017 "
    "(foreløbige tal)') as a formula without a saved value; not read as no figure (that would "
    "silently give the group 'Kommuner i alt' 12,0 and Hjemmeplejen Øst a target of 12.0)",
    run=("targets {case}/scenario.toml",),
)
def krl_wide_xlsx_formula_no_cache(d: Path) -> list[str]:
    rows = krl_wide_sheet()
    rows[5][3] = "=C6+0.5"
    p = d / "KRL_sygefravaer.xlsx"
    p.write_bytes(workbook_bytes(new_workbook({"KRL": rows}, money_format=None)))
    xml = sheet_xml(p, 0)
    assert re.search(r'<c r="D6"[^>]*><f>C6\+0\.5</f><v\s*/>', xml), xml
    krl_wide_xlsx(d, p.name)
    return ["KRL_sygefravaer.xlsx: openpyxl, the rows of krl_wide_provisional's CSV, D6 a formula"]


@case(
    "krl_wide_xlsx_error_cell",
    LO,
    "KRL's wide form as an xlsx (sheet 'KRL'), D6 (Social- og sundhedsassistenter, 2017) =NA(), "
    "recalculated by LibreOffice, so the file stores the cached error `#N/A` (as a failed "
    "VLOOKUP into KRL's download does)",
    "refuse: exit 2, naming KRL_sygefravaer.xlsx, sheet KRL, cell D6 (row 6, column '2017 "
    "(foreløbige tal)'), value #N/A; not read as no figure",
    run=("targets {case}/scenario.toml",),
    soffice=True,
)
def krl_wide_xlsx_error_cell(d: Path) -> list[str]:
    rows = krl_wide_sheet()
    rows[5][3] = "=NA()"
    p = d / "KRL_sygefravaer.xlsx"
    cmd = lo_resave_xlsx(new_workbook({"KRL": rows}, money_format=None), p)
    xml = sheet_xml(p, 0)
    assert re.search(r'<c r="D6"[^>]*t="e"[^>]*><f[^>]*>NA\(\)</f><v>#N/A</v></c>', xml), xml
    krl_wide_xlsx(d, p.name)
    return [
        "kilde.xlsx built by openpyxl (the rows of krl_wide_provisional's CSV, D6 = '=NA()'), "
        "then opened, recalculated and saved by LibreOffice:",
        f"`{cmd}`",
        'then ud/kilde.xlsx copied to KRL_sygefravaer.xlsx; checked: D6 is t="e" with <v>#N/A</v>',
    ]


# ---------------------------------------------------------------------------------- 13 base year
@case(
    "absence_unit_missing_base_year",
    SCRIPT,
    "Børn og Unge / Skoler has rows for 2014 only, none in the glide base year 2013",
    "warn: exit 0 with a warning naming Børn og Unge / Skoler: its target is its benchmark "
    "(10.2, reference period 2014), domain.md 4.3; other units' targets and the allocation "
    "equal to clean",
)
def absence_unit_missing_base_year(d: Path) -> list[str]:
    rows = [r for r in ABSENCE if not (r[1] == SK and r[2] == 2013)]
    write_clean(d, **{"absence.csv": clean_absence(rows)})
    return ["absence.csv: the clean rows without Skoler's two 2013 rows"]


# ---------------------------------------------------------------------------------- 14 plausibility
@case(
    "xlsx_sick_days_percent",
    LO,
    "absence.xlsx (sheet 'Fravær') whose Sygefraværsdage cells hold absence percentages as "
    "fractions, e.g. 0.045 shown 4.5% (format 0.0%): sick days / (fte x 200), as an HR system "
    "exporting absence rates; read as days they give about 0.005 days per fte",
    "warn: status and targets exit 0 with a plausibility warning (days per fte under 2, with the "
    "figures); allocate then has no unit over target and exits 2, the warning shown before the "
    "error; never a silent result",
    run=(STATUS_2014, "targets {case}/scenario.toml", ALLOCATE_2015),
    soffice=True,
)
def xlsx_sick_days_percent(d: Path) -> list[str]:
    rows = [list(ABSENCE_HEADER)]
    for c, s, p, g, f, days in ABSENCE:
        rows.append([c, s, p, g, f, round(days / (f * 200), 4)])
    wb = new_workbook({"Fravær": rows}, money_format=None)
    for row in wb["Fravær"].iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].number_format = "0.0%"
    cmd = lo_resave_xlsx(wb, d / "absence.xlsx")
    write_clean(d, **{"absence.csv": None, "scenario.toml": scenario(absence="absence.xlsx")})
    return [
        "kilde.xlsx built by openpyxl (fractions, number_format '0.0%'), then opened and saved by "
        "LibreOffice:",
        f"`{cmd}`",
        "then ud/kilde.xlsx copied to absence.xlsx",
    ]


@case(
    "absence_hours_in_days_column",
    SCRIPT,
    "sick HOURS (days x 7.4, e.g. 6.216 for 840 days; 1.065,6 for 144) under the Sygefraværsdage "
    "header: 2013 gives 9.516,4 hours / 80 fte = 119 'days' per fte (155 for Hjemmeplejen Øst)",
    "warn: exit 0 with a plausibility warning (days per fte over 40, with the figures)",
)
def absence_hours_in_days_column(d: Path) -> list[str]:
    rows = [(c, s, p, g, f, round(days * 7.4, 1)) for c, s, p, g, f, days in ABSENCE]
    write_clean(d, **{"absence.csv": clean_absence(rows)})
    return ["absence.csv: the clean rows with sick days x 7.4, Danish number form"]


@case(
    "scenario_totals_in_thousands",
    SCRIPT,
    "scenario totals = { 2014 = 300, 2015 = 450 } (thousands of kroner) while units.csv has "
    "prior reductions in kroner (100.000): the first year's pooled total (300) is smaller than the "
    "prior reductions it includes",
    "warn: exit 0 with a warning that the totals look like thousands (300 kr. against a prior "
    "reduction of 100.000 kr.)",
)
def scenario_totals_in_thousands(d: Path) -> list[str]:
    sc = scenario().replace("2014 = 300000, 2015 = 450000", "2014 = 300, 2015 = 450")
    assert "2014 = 300," in sc
    write_clean(d, **{"scenario.toml": sc})
    return ["scenario.toml: the clean scenario with the totals divided by 1.000"]


# ---------------------------------------------------------------------------------- 15 national gap
NATIONAL_GAP = [
    (2016, KIA, 11.8),
    (2016, SSA, 14.0),
    (2016, PÆD, 11.0),
    (2016, LÆR, 10.0),
    (2017, KIA, 12.0),
    (2017, SSA, 14.5),
    (2017, LÆR, 10.5),
    (2018, KIA, 12.2),
    (2018, SSA, 15.0),
    (2018, PÆD, 12.0),
    (2018, LÆR, 11.0),
]


@case(
    "national_group_missing_one_year",
    SCRIPT,
    "rule national, years [2018, 2019]; national.csv has Pædagoger for 2016 and 2018 but not for "
    "2017, so its 2018 target (KRL 2017) would silently use Kommuner i alt (12,0); absence "
    "periods 2017 and 2018 (the clean figures moved 4 years), no [reduction]",
    "warn: exit 0 with a warning naming Pædagoger and KRL year 2017 (the fallback to Kommuner i "
    "alt for a group that has figures in other years); 2018 targets: Hjemmeplejen Øst 14.5, "
    "Plejecenter Åbo (8*14.5+2*12.0)/10 = 14.0, Skoler (24*10.5+6*12.0)/30 = 10.8",
    run=(
        "targets {case}/scenario.toml",
        "status {case}/scenario.toml --year 2018",
        "status {case}/scenario.toml --year 2019",
    ),
)
def national_group_missing_one_year(d: Path) -> list[str]:
    targets = NATIONAL_RULE.replace("[2018]", "[2018, 2019]")
    write_clean(
        d,
        **{
            "scenario.toml": scenario(targets=targets, reduction=None),
            "absence.csv": clean_absence(shifted(4)),
            "national.csv": clean_national(NATIONAL_GAP),
        },
    )
    return ["national.csv (long form) and absence.csv, `;`, UTF-8"]


# ---------------------------------------------------------------------------------- 16 encoding
@case(
    "absence_mixed_encoding",
    SCRIPT,
    "absence.csv in UTF-8 except line 5 ('Børn og Unge;Skoler;2013;Lærere;24;216'), which is "
    "cp1252 (ø = 0xF8, æ = 0xE6): two exports pasted together",
    "refuse: exit 2, naming absence.csv, line 5, as not valid UTF-8 (not a silent cp1252 reading "
    "of the whole file, which would turn every other 'ø' into 'Ã¸')",
)
def absence_mixed_encoding(d: Path) -> list[str]:
    lines = clean_absence().splitlines(keepends=True)
    assert lines[4].startswith("Børn og Unge;Skoler;2013;Lærere")
    data = b"".join(
        (ln.encode("cp1252") if i == 4 else ln.encode("utf-8")) for i, ln in enumerate(lines)
    )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("line 5 must not be UTF-8")
    write_clean(d, **{"absence.csv": data})
    return ["absence.csv: lines 1-4 and 6-11 encoded UTF-8, line 5 encoded cp1252"]


# ---------------------------------------------------------------------------------- 17 compare
@case(
    "compare_year_without_total",
    SCRIPT,
    "the clean case, run as `compare --year 2016`: reduction.totals has no total for 2016",
    "refuse like allocate: exit 2, naming scenario.toml and reduction.totals, 'ingen total for "
    "2016', listing the years with totals (2014, 2015)",
    run=(
        "compare {case}/scenario.toml --year 2016",
        "allocate {case}/scenario.toml --year 2016",
    ),
)
def compare_year_without_total(d: Path) -> list[str]:
    write_clean(d)
    return ["the clean files unchanged"]


# ================================================================================== writing
def case_md(c: Case, how: list[str]) -> str:
    run = "\n".join(f"    {RUN} {r.format(case='tests/real_exports/' + c.name)}" for r in c.run)
    files = "the clean case" if c.name == "clean" else "the clean case (tests/real_exports/clean)"
    how_text = "\n".join(f"- {h}" for h in how)
    return (
        f"# {c.name}\n\n"
        f"Made by: {c.made_by}; function `{c.build.__name__}` in ../make_real_exports.py, "
        f"starting from {files}.\n\n"
        f"{how_text}\n\n"
        f"Special: {c.special}.\n\n"
        f"Expected reading: {c.expect}.\n\n"
        f"Check (from the repository root):\n\n{run}\n"
    )


def readme() -> str:
    rows = "\n".join(
        f"| [{c.name}]({c.name}/case.md) | {c.made_by} | {c.special} | {c.expect} |"
        for c in CASES.values()
    )
    return f"""\
# Real exports

Input files made the way HR/payroll systems, Excel and LibreOffice make them, for the issue "real
exports are read right or refused, never silently wrong". Every case is a small change of
`clean/` (Danish names with Æ/Ø/Å, a staff-group column, 2013 and 2014, Lønsum, Vikarbudget and
Tidligere reduktion, KRL 2012-2013; see the docstring of `make_real_exports.py` for its figures
worked out by hand). Each folder holds `scenario.toml`, the inputs and `case.md` (how it was made,
the exact command, what is special, the expected reading and the commands to check it).

This folder holds only inputs; the expected outcomes are written by the tests that use them.
"read right" means: the same numbers as `clean` (status, targets, allocation), exit 0, no warning.
"refuse" means exit 2 with a message naming the file, sheet/row (as the spreadsheet numbers it),
column and value. "warn" means exit 0 with a warning on stderr (exit 2 with `--strict`).

Regenerate (needs `soffice`, package libreoffice-calc-nogui, for the LibreOffice cases):

    python tests/real_exports/make_real_exports.py              # all cases and this README
    python tests/real_exports/make_real_exports.py xlsx_error_cells   # one case

CSV and openpyxl files come out byte-identical on every run; files saved by LibreOffice differ in
their save timestamps (docProps) but are made the same way.

| folder | made by | special thing | expected reading |
|---|---|---|---|
{rows}

## What python-calamine (0.9.1, the xlsx reader) returns for these files

- `xlsx_error_cells` E2, a cached `#N/A` (`t="e"`): the empty string `''`, the same as an empty
  cell; the error is visible only in the sheet XML.
- `xlsx_formulas_no_cache` C2 and E2 (`<f>..</f><v/>`): `''` as well; calamine 0.9.1 has no
  formula API, so a formula without a cached value is visible only in the sheet XML.
- hidden sheets: `sheet_names` lists every sheet in workbook order, hidden ones included
  (`['Sidste år', 'Enheder']` for both hidden cases); `sheets_metadata[i].visible` is
  `SheetVisibleEnum.Visible`, `.Hidden` or `.VeryHidden`. The active sheet is not exposed: it is
  `activeTab` of `<workbookView>` in `xl/workbook.xml` (1 in both hidden cases, 0 in
  `xlsx_sheets_setting`).
- `xlsx_sick_days_percent`: the fractions as floats (0.105); the number format (`0.0%`) is not
  exposed.
"""


def main(argv: list[str]) -> int:
    names = argv or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print("unknown case(s):", ", ".join(unknown), file=sys.stderr)
        return 2
    skipped = []
    try:
        for n in names:
            c = CASES[n]
            if c.uses_soffice and shutil.which("soffice") is None:
                skipped.append(n)
                continue
            d = HERE / n
            tmp = HERE / f".{n}.tmp"
            if tmp.exists():
                shutil.rmtree(tmp)
            tmp.mkdir()
            how = c.build(tmp)
            (tmp / "case.md").write_text(case_md(c, how), encoding="utf-8")
            if d.exists():
                shutil.rmtree(d)
            tmp.rename(d)
    finally:
        if _PROFILE is not None:
            shutil.rmtree(_PROFILE, ignore_errors=True)
    if not argv:
        (HERE / "README.md").write_text(readme(), encoding="utf-8")
    if skipped:
        print("soffice not found; left as they are:", ", ".join(skipped), file=sys.stderr)
    print(len(names) - len(skipped), "cases written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
