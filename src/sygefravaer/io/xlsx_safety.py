"""Checks an xlsx file must pass before calamine opens it (issue 5).

An xlsx file is a zip of XML parts: it can be a zip bomb, carry a DTD with entity bombs or
external entities, or name one far cell that makes calamine build a grid of billions of cells.
Each is refused as an InputError naming the file (and the part).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError

# Largest uncompressed xlsx we will open: protects against zip bombs (issue 5). An HR export of
# 100,000 rows is about 60 MiB of sheet XML; calamine needs roughly 3 bytes of memory per byte.
MAX_XLSX_UNCOMPRESSED = 256 << 20
MAX_XLSX_RATIO = 200
MAX_XLSX_PARTS = 10_000
# Largest grid (rows x columns from A1) calamine may build: about 70 bytes of memory per cell.
MAX_XLSX_CELLS = 10_000_000
_CELL_ROW = re.compile(rb'<c\s[^>]*?r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_COL = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3})[0-9]')


def _dtd_pattern() -> re.Pattern[bytes]:
    """`<!DOCTYPE` or `<!ENTITY`, any case, in UTF-8 or UTF-16 (a NUL byte between characters)."""

    def word(w: str) -> bytes:
        return b"\x00?".join(b"[" + c.lower().encode() + c.upper().encode() + b"]" for c in w)

    return re.compile(b"<\x00?!\x00?(?:" + word("doctype") + b"|" + word("entity") + b")")


_DTD = _dtd_pattern()
# What zipfile raises on a damaged, truncated or tampered archive (a bad CRC, a bad seek, ...).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)


def _damaged(path: Path) -> InputError:
    return InputError(
        "xlsx-filen er beskadiget eller afkortet", file=path, hint="Gem filen igen fra Excel."
    )


def check_xlsx(path: Path) -> None:
    """Refuse a zip bomb, an encrypted or oversized archive, a DTD or a far cell (issue 5)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(path) from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_XLSX_UNCOMPRESSED or (total > (64 << 20) and total / packed > MAX_XLSX_RATIO):
        raise InputError(
            f"xlsx-filen pakker ud til {total:,} bytes og afvises (mulig zip-bombe)".replace(
                ",", "."
            ),
            file=path,
            hint=f"Højst {MAX_XLSX_UNCOMPRESSED >> 20} MiB udpakket (og højst "
            f"{MAX_XLSX_RATIO} gange den pakkede størrelse over 64 MiB); del data op eller gem "
            "som CSV.",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                "xlsx-filen er krypteret", file=path, hint="Fjern adgangskoden i Excel og gem igen."
            )
    if len(infos) > MAX_XLSX_PARTS:
        raise InputError(f"xlsx-filen har {len(infos):,} dele og afvises", file=path)
    _scan_xml_parts(path, infos)


def _scan_xml_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts with a DTD (entity bombs, external entities) before calamine sees them.

    Streams each part in 1 MiB chunks; zipfile stops at the declared size and checks the CRC, so
    a part that inflates past what the directory says is refused as damaged (issue 5).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _scan_part(path, zf, info)
    except _ZIP_ERRORS as exc:
        raise _damaged(path) from exc


def _scan_part(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """One part: no DTD; for a worksheet, the extent of its cells (see _check_extent)."""
    sheet = "worksheets/" in info.filename.lower()
    tail, cells, max_row, max_col = b"", 0, 0, b""
    with zf.open(info) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk  # a declaration or cell reference cut between two chunks
            if _DTD.search(text):
                raise InputError(
                    "xlsx-filen indeholder en DOCTYPE/ENTITY-erklæring og afvises "
                    "(mulig XML-bombe)",
                    file=path,
                    value=info.filename,
                    hint="Excel skriver aldrig sådanne erklæringer; gem filen igen "
                    "fra Excel som .xlsx, eller brug CSV.",
                )
            if sheet:
                cells += chunk.count(b"<c")
                rows = _CELL_ROW.findall(text)
                max_row = max(max_row, max(map(int, rows), default=0))
                max_col = max({max_col, *_CELL_COL.findall(text)}, key=_col_key)
            tail = chunk[-32:]
    if sheet:
        _check_extent(path, info.filename, cells, max_row, max_col)


def _col_key(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


def _check_extent(path: Path, part: str, cells: int, max_row: int, max_col: bytes) -> None:
    """A sheet is read as a full grid from A1: one stray cell at XFD1048576 would need 17 billion
    cells (hundreds of GB), so the grid and the number of cells are bounded (issue 5)."""
    ncol = 0
    for ch in max_col:
        ncol = ncol * 26 + ch - 64
    if max(cells, max_row * ncol) > MAX_XLSX_CELLS:
        far = f"{max_col.decode()}{max_row}" if max_col and max_row else "?"
        raise InputError(
            f"arket går helt ud til celle {far} ({max_row:,} rækker × {ncol:,} kolonner) og "
            "afvises".replace(",", "."),
            file=path,
            value=part,
            hint="Slet indholdet i de fjerne celler (Ctrl+End viser arkets sidste celle) og gem "
            "igen, eller gem tabellen som CSV. Højst "
            + f"{MAX_XLSX_CELLS:,}".replace(",", ".")
            + " celler.",
        )
