"""The bad-input corpus (issue 5): every case under tests/bad_inputs/<case>/ is run via the CLI.

Each case folder holds a scenario, its input files and expected.toml (written by
tests/bad_inputs/make_corpus.py). A case must end with its exit status (2 for bad input), a message
on stderr (never stdout, never a traceback) that names the file and, where given, the sheet, the row
as the spreadsheet numbers it, the column and the offending value, plus the listed fragments (what
would be accepted). Afterwards every file in the folder is byte-identical and no file was added.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sygefravaer.cli import app

CORPUS = Path(__file__).parents[1] / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.toml").is_file())


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below `folder`, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_corpus_is_large_enough():
    bad = [c for c in CASES if tomllib.loads((CORPUS / c / "expected.toml").read_text())["exit"]]
    assert len(bad) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str) -> None:
    folder = CORPUS / name
    exp = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    args = [a.replace("{case}", str(folder)) for a in exp["args"]]
    before = snapshot(folder)

    result = CliRunner().invoke(app, args)

    out, err = result.stdout, result.stderr
    assert result.exit_code == exp["exit"], (result.exit_code, out, err, result.exception)
    assert "Traceback" not in out + err
    assert "Warning" not in err, "no Python/pandas warning reaches the user"
    if exp["exit"] == 2:  # the error last; warnings found on the way may stand before it
        head = err[: err.index("Fejl: ")] if "Fejl: " in err else err
        assert "Fejl: " in err and all(
            line.startswith(("Advarsel: ", "Bemærk: ")) for line in head.splitlines()
        ), err
        assert not out.strip(), "the message belongs on stderr, stdout stays empty"
        msg = err
    else:
        msg = err  # warnings go to stderr too
    if "file" in exp:  # the location names the file with its path
        assert f"fil {folder / exp['file']}" in msg, msg
    if "full_path" in exp:
        assert str((folder / exp["full_path"]).resolve()) in msg
    if "sheet" in exp:
        assert f"ark {exp['sheet']!r}" in msg
    if "row" in exp:
        assert f"række {exp['row']}" in msg
    if "column" in exp:
        assert f"kolonne {exp['column']!r}" in msg
    if "value" in exp:
        assert repr(exp["value"]) in msg or str(exp["value"]) in msg
    for fragment in exp.get("fragments", []):
        assert fragment.casefold() in msg.casefold(), (fragment, msg)

    assert snapshot(folder) == before, "a file in the case folder changed or was added"


# --------------------------------------------------------------------------- hostile spreadsheets
# Bombs are built in tmp_path (never committed). Each run is a fresh process so that its time and
# peak memory (os.wait4's rusage of that one child) can be measured.

BASE = CORPUS / "valid_base_case"
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Center</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Sektor</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Lønsum</t></is></c></row>'
)
UNIT_ROWS = "".join(
    f'<row><c t="inlineStr"><is><t>{c}</t></is></c><c t="inlineStr"><is><t>{s}</t></is></c>'
    f"<c><v>{p}</v></c></row>"
    for c, s, p in (("A", "S1", 4000000), ("A", "S2", 8000000), ("B", "S3", 12000000))
)
SHEET_TAIL = "</sheetData></worksheet>"


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _deflate_repeated(head: bytes, chunk: bytes, times: int, tail: bytes):
    """Raw deflate of head + chunk * times + tail without compressing it all: after a full flush
    the compressor starts afresh, so one compressed chunk can be repeated. Returns (data, crc,
    uncompressed size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * times + end, crc, len(head) + len(chunk) * times + len(tail)


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive from raw deflate data: (name, data, crc, declared uncompressed size)."""
    out, central = io.BytesIO(), []
    for name, data, crc, size in entries:
        offset, n = out.tell(), name.encode()
        fields = (8, 0, 0x21, crc, len(data), size, len(n), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, *fields) + n + data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, *fields, 0, 0, 0, 0, offset)
            + n
        )
    cd_at, cd = out.tell(), b"".join(central)
    out.write(cd)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), cd_at, 0)
    )
    return out.getvalue()


def _xlsx(sheet: bytes | tuple[bytes, int, int], shared: bytes | None = None) -> bytes:
    """A one-sheet xlsx around the given sheet XML (or a prebuilt (deflate, crc, size) triple)."""
    from openpyxl import Workbook

    buf = io.BytesIO()
    wb = Workbook()
    wb.active.title = "Enheder"
    wb.active.append(["x"])
    wb.save(buf)
    entries = []
    with zipfile.ZipFile(buf) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if isinstance(sheet, tuple):
                    entries.append((info.filename, *sheet))
                    continue
                data = sheet
            entries.append((info.filename, _deflate(data), zlib.crc32(data), len(data)))
    if shared is not None:
        entries.append(("xl/sharedStrings.xml", _deflate(shared), zlib.crc32(shared), len(shared)))
    return _zip(entries)


def _billion_laughs() -> str:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)
    )
    return f"<!DOCTYPE lolz [{ents}]>"


def entity_bomb_in_sheet() -> bytes:
    head = SHEET_HEAD.replace("\n", "\n" + _billion_laughs() + "\n")
    rows = UNIT_ROWS.replace("<t>S1</t>", "<t>&lol9;</t>")
    return _xlsx((head + HEADER_ROW + rows + SHEET_TAIL).encode())


def entity_bomb_in_shared_strings() -> bytes:
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + _billion_laughs()
        + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    rows = UNIT_ROWS.replace('<c t="inlineStr"><is><t>S1</t></is></c>', '<c t="s"><v>0</v></c>')
    return _xlsx((SHEET_HEAD + HEADER_ROW + rows + SHEET_TAIL).encode(), shared.encode())


def entity_bomb_utf16() -> bytes:
    head = SHEET_HEAD.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "\n", "\n" + _billion_laughs() + "\n"
    )
    return _xlsx(("\ufeff" + head + HEADER_ROW + UNIT_ROWS + SHEET_TAIL).encode("utf-16-le"))


def _row_bomb(mib: int, declared: int | None = None) -> bytes:
    row = UNIT_ROWS.split("</row>")[0] + "</row>"
    chunk = (row * (1048576 // len(row))).encode()
    data, crc, size = _deflate_repeated(
        (SHEET_HEAD + HEADER_ROW).encode(), chunk, mib, SHEET_TAIL.encode()
    )
    return _xlsx((data, crc, size if declared is None else declared))


def zip_bomb_1gib() -> bytes:
    # about 1.1 GiB of sheet XML in about 4 MB: over the absolute limit
    return _row_bomb(1100)


def zip_bomb_ratio() -> bytes:
    # 100 MiB of sheet XML at a ratio of about 290: under the absolute limit, over the ratio limit
    return _row_bomb(100)


def zip_bomb_lying_size() -> bytes:
    # the zip directory claims 1000 bytes for a sheet that inflates to 1.1 GiB
    return _row_bomb(1100, declared=1000)


def far_cell() -> bytes:
    # one stray value at XFD1048576: calamine would build a 17-billion-cell grid (an abort)
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _xlsx((SHEET_HEAD + HEADER_ROW + UNIT_ROWS + far + SHEET_TAIL).encode())


BOMBS = {
    "entity_bomb_in_sheet": (entity_bomb_in_sheet, "DOCTYPE/ENTITY"),
    "entity_bomb_in_shared_strings": (entity_bomb_in_shared_strings, "DOCTYPE/ENTITY"),
    "entity_bomb_utf16": (entity_bomb_utf16, "DOCTYPE/ENTITY"),
    "zip_bomb_1gib": (zip_bomb_1gib, "zip-bombe"),
    "zip_bomb_ratio": (zip_bomb_ratio, "zip-bombe"),
    "zip_bomb_lying_size": (zip_bomb_lying_size, "beskadiget"),
    "far_cell": (far_cell, "XFD1048576"),
}


def run_measured(args: list[str], cwd: Path) -> tuple[int, str, str, float, float]:
    """Run the CLI in a fresh process: (exit status, stdout, stderr, seconds, peak RSS in MiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "sygefravaer.cli", *args], cwd=cwd, stdout=out, stderr=err
        )
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            proc.returncode = 0  # reaped by wait4; keeps Popen from waiting again
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return code, out.read().decode(), err.read().decode(), seconds, usage.ru_maxrss / 1024


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory) -> float:
    """Peak memory of a normal run on the valid base case (the bombs may not use much more)."""
    folder = tmp_path_factory.mktemp("base")
    for p in BASE.iterdir():
        shutil.copy(p, folder / p.name)
    code, _, err, _, rss = run_measured(["status", "scenario.toml", "--year", "2014"], folder)
    assert code == 0, err
    return rss


@pytest.mark.parametrize("name", list(BOMBS))
def test_hostile_xlsx_refused_fast_and_small(name, tmp_path, baseline_rss):
    build, fragment = BOMBS[name]
    for p in BASE.iterdir():
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "units.xlsx").write_bytes(build())
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8").replace('"units.csv"', '"units.xlsx"'),
        encoding="utf-8",
    )
    before = snapshot(tmp_path)

    code, out, err, seconds, rss = run_measured(
        ["status", "scenario.toml", "--year", "2014"], tmp_path
    )

    assert code == 2, err
    assert out == "" and "Traceback" not in err
    assert "units.xlsx" in err and fragment in err
    assert seconds < 5, seconds
    # the whole sheet would need gigabytes; allow 150 MiB over a normal run for the check itself
    assert rss < baseline_rss + 150, (rss, baseline_rss)
    assert snapshot(tmp_path) == before


def test_openpyxl_reads_through_defusedxml():
    # openpyxl parses with defusedxml when it is installed (a dependency in pyproject.toml)
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
