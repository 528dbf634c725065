"""Saving a workbook: atomically, with timestamps from the inputs, never over an input file.

The same inputs give the same bytes: every zip entry and the core properties carry one stamp
(SOURCE_DATE_EPOCH, else the newest input file's time), and the file appears by a rename.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.xml.functions import tostring

from ...errors import InputError
from .base import Sheet
from .layout import Page
from .sheetxml import insert_rows

_DEFAULT_STAMP = dt.datetime(2000, 1, 1)


def sha256(path: Path) -> str:
    """The file's SHA-256 (hex), read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_files(scenario, inputs) -> dict[str, Path]:
    """Every file the figures come from, by role: the scenario and its tables."""
    out: dict[str, Path] = {}
    if scenario.path is not None:
        out["scenario"] = Path(scenario.path)
    out.update(inputs.paths())
    return out


def stamp(scenario, inputs) -> dt.datetime:
    """The workbooks' timestamp: SOURCE_DATE_EPOCH, else the newest input file's time (UTC).

    Derived from the inputs, not the clock, so the same inputs give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        if epoch is not None:
            t = int(epoch)
        else:
            t = max(int(Path(p).stat().st_mtime) for p in input_files(scenario, inputs).values())
        when = dt.datetime.fromtimestamp(t, tz=dt.UTC).replace(tzinfo=None)
    except (ValueError, OSError, OverflowError):
        return _DEFAULT_STAMP
    return when if when.year >= 1980 else _DEFAULT_STAMP


def _same_file(out: Path, target: Path, other: Path) -> bool:
    """`out` (resolved: `target`) is `other`, by path or, when both exist, as the same file."""
    if target == other.resolve():
        return True
    if not out.exists():
        return False
    try:
        return os.path.samefile(out, other)
    except OSError:
        return False


def check_output(path: Path, inputs_paths: Iterable[Path]) -> Path:
    """Refuse an output path that is one of the input files (InputError, exit 2)."""
    out = Path(path)
    target = out.resolve()
    for p in inputs_paths:
        if _same_file(out, target, Path(p)):
            raise InputError(
                "uddatafilen er en af inddatafilerne, og den overskrives ikke",
                file=out,
                hint="Skriv projektmappen til en anden fil, fx fordeling.xlsx.",
            )
    if target.exists() and target.is_dir():
        raise InputError("uddatafilen er en mappe", file=out, hint="Angiv et filnavn, fx x.xlsx.")
    if out.suffix.lower() != ".xlsx":
        raise InputError(
            "uddatafilen skal hedde .xlsx (en Excel-projektmappe)",
            file=out,
            hint=f"Fx {out.with_suffix('.xlsx').name}.",
        )
    return out


def save_workbook(
    wb: Workbook,
    path: Path,
    when: dt.datetime,
    inputs_paths: Iterable[Path] = (),
    rows: dict[str, str] | None = None,
) -> Path:
    """Save atomically with fixed timestamps: a temporary file in the same folder, then a rename.

    A failure leaves any earlier file at `path` untouched; an input file is never the target.
    `rows`: sheet title -> the rows `Sheet.write` left as XML, put into that sheet.
    """
    path = check_output(path, inputs_paths)
    wb.properties.creator = "sygefravaer"
    wb.properties.lastModifiedBy = "sygefravaer"
    wb.properties.created = when
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps `modified` with the clock; repack puts `when` back
    wb.properties.modified = when
    core = tostring(wb.properties.to_tree())
    rows = rows or {}
    inserts = {ws.path.lstrip("/"): rows[ws.title] for ws in wb.worksheets if ws.title in rows}
    if len(inserts) != len(rows):  # rows of no sheet here: never a sheet silently left empty
        raise RuntimeError(f"rækker til ukendte ark: {sorted(rows)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"kan ikke skrive i mappen: {exc.strerror}", file=path.parent) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            repack(buf, f, when, core, inserts)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"kan ikke skrive filen: {exc.strerror or exc}", file=path) from exc
        raise
    return path


def repack(
    src: io.BytesIO, dst, when: dt.datetime, core: bytes, rows: dict[str, str] | None = None
) -> None:
    """Copy the xlsx zip `src` to `dst` with every entry stamped `when` and core.xml = `core`;
    `rows`: entry name -> rows (XML) to put into that sheet's empty <sheetData>."""
    rows = rows or {}
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    src.seek(0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = core if item.filename == "docProps/core.xml" else zin.read(item.filename)
            if item.filename in rows:
                data = insert_rows(data, rows[item.filename])
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)


def run_date(lang: str = "da") -> str:
    """The date printed on every page: SOURCE_DATE_EPOCH's day when it is set (so reruns give
    the same bytes), else today's; '14.11.2023' in Danish, '2023-11-14' in English."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.now(tz=dt.UTC).date()
    if epoch is not None:
        try:
            day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OSError, OverflowError):
            pass
    return day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")


def write_sheets(
    sheets: Sequence[tuple[Sheet, list]],
    path,
    scenario,
    inputs,
    center: str | None = None,
    lang: str = "da",
) -> Path:
    """A workbook of `sheets` (each with its (chart, anchor) pairs) saved at `path`.

    Every page prints the municipality (the scenario's name), `center`, the run date and its
    page number. The path is checked before any sheet streams rows; charts that came out None
    are left out.
    """
    files = list(input_files(scenario, inputs).values())
    check_output(Path(path), files)
    wb = Workbook(write_only=True)
    page = Page(scenario.name, run_date(lang), center, lang)
    rows: dict[str, str] = {}  # the sheets' rows as XML (Sheet.write), put in on saving
    for sheet, charts in sheets:
        sheet.write(wb, [c for c in charts if c[0] is not None], page, rows)
    return save_workbook(wb, Path(path), stamp(scenario, inputs), files, rows)
