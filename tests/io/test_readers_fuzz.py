"""Property tests (issue 5): random and mutated CSV and xlsx content fed to the readers.

The only acceptable outcomes are a loaded table or the tool's own InputError; any other exception
(a pandas, calamine, zip or decoding error escaping) would reach the user as a traceback. Bounded:
about 100-150 examples per property, no deadline (the first xlsx read imports calamine).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sygefravaer.errors import InputError
from sygefravaer.io.national import read_national
from sygefravaer.io.readers import read_absence, read_units
from sygefravaer.io.tables import Table

# a warning from pandas or numpy would reach the user's stderr (and may mean lost cells)
pytestmark = pytest.mark.filterwarnings(
    "error::pandas.errors.ParserWarning", "error::RuntimeWarning"
)

CORPUS = Path(__file__).parents[1] / "bad_inputs" / "valid_base_case"
VALID = {
    "absence": (CORPUS / "absence.csv").read_bytes(),
    "units": (CORPUS / "units.csv").read_bytes(),
    "national": (CORPUS / "national.csv").read_bytes(),
}
READERS = {"absence": read_absence, "units": read_units, "national": read_national}
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_dir = tempfile.TemporaryDirectory(prefix="sygefravaer-fuzz-")
WORK = Path(_dir.name)


def outcome(kind: str, data: bytes, suffix: str) -> Table | InputError:
    """Read `data` as a `kind` table; return the table or the InputError (anything else fails)."""
    path = WORK / f"{kind}{suffix}"
    path.write_bytes(data)
    try:
        table = READERS[kind](path)
    except InputError as exc:
        assert exc.file is not None, "an input error names its file"
        assert str(path.name) in exc.render()
        return exc
    assert isinstance(table, Table)
    assert len(table.data) == len(table.rows) > 0
    return table


# --------------------------------------------------------------------------- CSV

HEADERS = [
    "Center", "Sektor", "Periode", "År", "Årsværk", "Sygefraværsdage", "Sygefraværstimer",
    "Personalegruppe", "Lønsum", "Vikarbudget", "Tidligere reduktion", "year", "staff_group",
    "days_per_fte", "Kilde", "Noter", "",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        ["A", "S1", "2013", "2018Q1", "2018q4", "2013Q0", "10", "-5", "0", "12,5", "1.234",
         "1.234.567 kr.", "1,234.5", "3.200.000 kr.", "nan", "inf", "-inf", "1e400", "None",
         "Kommuner i alt", " ", "", '"', '";"', "9" * 30, "0x10", "½", "١٢"]
    ),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)  # fmt: skip


@st.composite
def csv_tables(draw) -> bytes:
    """A table-shaped CSV: a header of known and unknown names, then rows of odd cells."""
    sep = draw(st.sampled_from([";", ",", "\t"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    width = len(header) + draw(st.integers(-1, 1))
    rows = draw(
        st.lists(st.lists(CELLS, min_size=max(width, 0), max_size=max(width, 0)), max_size=6)
    )
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    if draw(st.booleans()):
        lines.insert(0, draw(st.text(max_size=20)))  # a title row
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return eol.join(lines).encode(encoding, errors="replace")


@st.composite
def mutated(draw, valid: bytes) -> bytes:
    """`valid` with a few random byte edits: flip, insert, delete, truncate, duplicate a span."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 16))]
        elif op == "truncate":
            del data[pos:]
        elif op == "dup":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 64))]
    return bytes(data)


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=csv_tables())
def test_random_csv_tables(kind, data):
    outcome(kind, data, ".csv")


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=st.data())
def test_mutated_csv(kind, data):
    outcome(kind, data.draw(mutated(VALID[kind])), ".csv")


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=st.binary(max_size=300))
def test_random_bytes(kind, data):
    outcome(kind, data, ".csv")


# --------------------------------------------------------------------------- xlsx


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    for r in rows:  # control characters cannot be stored in xlsx at all
        wb.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_rows(data: bytes) -> list[list[object]]:
    return [line.split(";") for line in data.decode("utf-8").splitlines()]


VALID_XLSX = {k: xlsx_bytes(csv_rows(v)) for k, v in VALID.items()}
XLSX_CELLS = st.one_of(
    CELLS,
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
)


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=st.data())
def test_xlsx_with_random_cells(kind, data):
    """A structurally sound workbook: the valid header, then rows of any cell type."""
    header = csv_rows(VALID[kind])[0]
    rows = data.draw(
        st.lists(st.lists(XLSX_CELLS, min_size=len(header), max_size=len(header)), max_size=5)
    )
    outcome(kind, xlsx_bytes([header, *rows]), ".xlsx")


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=st.data())
def test_mutated_xlsx_bytes(kind, data):
    outcome(kind, data.draw(mutated(VALID_XLSX[kind])), ".xlsx")


@FUZZ
@given(kind=st.sampled_from(list(READERS)), data=st.data())
def test_xlsx_with_mutated_sheet_xml(kind, data):
    """A valid zip whose sheet XML (or another part) is mangled: calamine's errors must not leak."""
    src = zipfile.ZipFile(io.BytesIO(VALID_XLSX[kind]))
    names = src.namelist()
    target = data.draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            part = src.read(name)
            if name == target:
                part = data.draw(mutated(part))
            zf.writestr(name, part)
    outcome(kind, out.getvalue(), ".xlsx")


@pytest.mark.parametrize("kind", list(READERS))
def test_unmutated_inputs_load(kind):
    # the seeds of the mutations are valid, so an InputError above comes from the mutation
    assert isinstance(outcome(kind, VALID[kind], ".csv"), Table)
    assert isinstance(outcome(kind, VALID_XLSX[kind], ".xlsx"), Table)


# --------------------------------------------------------------------------- found by the fuzzer


@pytest.mark.parametrize(
    ("kind", "data", "row"),
    [
        # a bare carriage return inside a field made csv raise csv.Error (krl.py's CSV split)
        ("national", b"\r\x01", None),
        # year 'inf' passed the whole-number check and pandas failed to cast it to int
        ("national", b"year;staff_group;days_per_fte\n2012;Kommuner i alt;12\ninf;A;1\n", 3),
        ("national", b"year;staff_group;days_per_fte\n1e20;Kommuner i alt;12\n", 2),
        # a vertical tab is no line end for pandas: the header row is its whole line
        ("national", b"year;staff_group;days_per_fte\x0b2012;Kommuner i alt;12,0\n", None),
        # a quoted field longer than csv's field limit (131072 characters)
        ("national", b'year;staff_group;days_per_fte\n2012;"' + b"x" * 200_000 + b'";1\n', None),
    ],
)
def test_fuzz_regressions(kind, data, row):
    result = outcome(kind, data, ".csv")
    assert isinstance(result, InputError)
    assert result.row == row


# --------------------------------------------------------------------------- whole commands

FTE = st.sampled_from([0.5, 1, 4, 10, 30, 1e6])
DAYS = st.sampled_from([0, 1, 50, 150, 450, 1e7])
# mostly staffed rows, sometimes an empty one (0 fte, 0 days; 0 fte with days is in the corpus)
ROW = st.one_of(st.tuples(FTE, DAYS), st.tuples(FTE, DAYS), st.just((0, 0)))
MONEY = st.sampled_from(["0", "1", "100.000", "4.000.000", ""])


@st.composite
def scenarios(draw) -> dict[str, str]:
    """A small scenario with odd but well-formed inputs: zeros, tiny and huge units, gaps."""
    units = draw(
        st.lists(
            st.tuples(st.sampled_from(["A", "B"]), st.sampled_from(["S1", "S2", "S3"])),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    absence = ["Center;Sektor;Periode;Årsværk;Sygefraværsdage"]
    for c, s in units:
        extra = draw(st.lists(st.sampled_from(["2011", "2014", "2014Q2"]), unique=True))
        for period in ["2012", "2013", *extra] if draw(st.integers(0, 9)) else extra:
            fte, days = draw(ROW)
            absence.append(f"{c};{s};{period};{fte};{days}".replace(".", ","))
    rows = ["Center;Sektor;Lønsum;Vikarbudget;Tidligere reduktion"]
    for c, s in units:
        payroll = draw(st.sampled_from(["0", "1", "4.000.000", "12.000.000"]))
        rows.append(f"{c};{s};{payroll};{draw(MONEY)};{draw(st.sampled_from(['', '0', '1000']))}")
    national = ["year;staff_group;days_per_fte"]
    for y in [2012, *draw(st.lists(st.sampled_from([2011, 2013]), unique=True))]:
        national.append(f"{y};Kommuner i alt;{draw(st.sampled_from(['0', '5', '12,0']))}")
    base = draw(st.sampled_from([2012, 2013]))
    final = base + draw(st.sampled_from([1, 2, 3, 1, 2, 3, 0]))
    totals = sorted(draw(st.lists(st.sampled_from([0, 1000, 50000, 100000, 10**9]), max_size=3)))
    years = range(2014, 2014 + len(totals))
    toml = [
        'name = "Fuzz"',
        'absence = "absence.csv"',
        'units = "units.csv"',
        'national = "national.csv"',
        f'level = "{draw(st.sampled_from(["sector", "center"]))}"',
        "[targets]",
        f'rule = "{draw(st.sampled_from(["glide", "national"]))}"',
        f"base_year = {base}",
        f"final_year = {final}",
        *(
            [f"benchmark_year = {draw(st.sampled_from([2011, 2012]))}"]
            if draw(st.booleans())
            else []
        ),
        "[reduction]",
        f'model = "{draw(st.sampled_from(["green-harvester", "substitute", "over-target"]))}"',
        f'weight = "{draw(st.sampled_from(["value", "days"]))}"',
        f"cap = {draw(st.sampled_from(['true', 'false']))}",
        f"rounding = {draw(st.sampled_from([1, 1000]))}",
        "totals = { " + ", ".join(f"{y} = {t}" for y, t in zip(years, totals, strict=True)) + " }",
    ]
    return {
        "scenario.toml": "\n".join(toml) + "\n",
        "absence.csv": "\n".join(absence) + "\n",
        "units.csv": "\n".join(rows) + "\n",
        "national.csv": "\n".join(national) + "\n",
    }


COMMANDS = st.sampled_from(
    [
        ["targets"],
        ["status", "--year", "2014"],
        ["status", "--period", "2014Q2"],
        ["status", "--year", "2014", "--level", "center"],
        ["allocate", "--year", "2014"],
        ["allocate", "--year", "2015", "--model", "green-harvester"],
        ["allocate", "--year", "2014", "--model", "substitute", "--level", "center"],
        ["compare", "--year", "2014"],
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=scenarios(), command=COMMANDS)
def test_commands_on_odd_inputs_end_in_0_or_2(files, command):
    """Whatever a well-formed scenario holds, a command ends done (0) or with an input error (2):
    never an internal error (1) or a traceback."""
    from typer.testing import CliRunner

    from sygefravaer.cli import app

    folder = WORK / "cmd"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    args = [command[0], str(folder / "scenario.toml"), *command[1:], "--json"]
    r = CliRunner().invoke(app, args)
    event(f"exit {r.exit_code}" + (f": {r.stderr.splitlines()[0][-50:]}" if r.exit_code else ""))
    assert r.exit_code in (0, 2), (r.exit_code, r.stderr, files)
    assert "Traceback" not in r.stderr
    assert "Warning" not in r.stderr, r.stderr  # no numpy/pandas warnings for the user
    if r.exit_code == 2:
        # the error last, after any warnings found on the way
        head = r.stderr.split("Fejl: ")[0].splitlines()
        assert r.stdout == "" and "Fejl: " in r.stderr
        assert all(line.startswith(("Advarsel: ", "Bemærk: ")) for line in head), r.stderr
