"""CSV encodings (domain.md 3, issue 9): UTF-8, else cp1252 when nothing in the file is UTF-8; a
UTF-8 file with a line in another encoding (two exports pasted together) is refused, naming
the first line that is not UTF-8, also when that line is past the first MiB (issue 7 reads only
the first MiB in Python and lets pandas read the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sygefravaer.errors import InputError
from sygefravaer.io.readers import read_absence
from sygefravaer.io.sources import HEAD_BYTES

HEADER = "Center;Sektor;Periode;Årsværk;Sygefraværsdage\n"


def lines(n: int, start: int = 0) -> str:
    return "".join(f"Ældre;Enhed {i};2013;10;1\n" for i in range(start, start + n))


def mixed(path: Path, before: str, line: str, after: str, bom: bool = False) -> Path:
    data = before.encode("utf-8") + line.encode("cp1252") + after.encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.mark.parametrize("fast", [True, False])
def test_a_cp1252_line_in_a_utf8_file_is_refused_naming_it(tmp_path, fast):
    p = mixed(tmp_path / "a.csv", HEADER + lines(3), "Børn;Skoler;2013;24;216\n", lines(2, 3))
    with pytest.raises(InputError) as e:
        read_absence(p, fast=fast)
    assert "linje 5 er ikke UTF-8 (byte 0xF8)" in e.value.message
    assert e.value.value == "Børn;Skoler;2013;24;216"  # the line as cp1252 shows it
    assert "Gem filen som UTF-8" in e.value.hint and e.value.file == str(p)


def test_a_file_that_is_cp1252_throughout_is_read_as_cp1252(tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes((HEADER + lines(3) + "Børn;Skoler;2013;24;216\n").encode("cp1252"))
    d = read_absence(p).data
    assert d["center"].tolist() == ["Ældre"] * 3 + ["Børn"]


def test_a_utf8_bom_then_cp1252_is_refused(tmp_path):
    # Only ASCII is UTF-8 in the body, but the BOM says the file is UTF-8.
    p = mixed(
        tmp_path / "a.csv",
        "Center;Sektor;Periode;Aarsvaerk;Sygedage\n",
        "Børn;S;2013;1;1\n",
        "",
        bom=True,
    )
    with pytest.raises(InputError, match="linje 2 er ikke UTF-8"):
        read_absence(p)


def test_line_numbers_count_cr_line_ends(tmp_path):
    before = (HEADER + lines(2)).replace("\n", "\r")
    p = mixed(tmp_path / "a.csv", before, "Børn;Skoler;2013;24;216\r", "")
    with pytest.raises(InputError, match="linje 4 er ikke UTF-8"):
        read_absence(p)


@pytest.mark.parametrize("fast", [True, False])
def test_a_cp1252_line_after_the_first_mib_is_refused_naming_it(tmp_path, fast):
    before = HEADER + lines(HEAD_BYTES // 20)  # UTF-8 'Æ' on every line, over the first MiB
    assert len(before.encode()) > HEAD_BYTES + 10_000
    p = mixed(tmp_path / "a.csv", before, "Børn;Skoler;2013;24;216\n", lines(5))
    with pytest.raises(InputError) as e:
        read_absence(p, fast=fast)
    assert f"linje {before.count(chr(10)) + 1} er ikke UTF-8" in e.value.message


def test_ascii_first_mib_then_cp1252_then_utf8_is_refused(tmp_path):
    ascii_rows = "".join(f"A;S{i};2013;10;1\n" for i in range(HEAD_BYTES // 14))
    before = "Center;Sektor;Periode;Aarsvaerk;Sygedage\n" + ascii_rows
    p = mixed(tmp_path / "a.csv", before, "Børn;Skoler;2013;24;216\n", "Ældre;Øst;2013;1;1\n")
    with pytest.raises(InputError, match=f"linje {before.count(chr(10)) + 1} er ikke UTF-8"):
        read_absence(p)
