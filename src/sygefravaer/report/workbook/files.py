"""`run`'s files: the overview and one workbook per center, under names every system accepts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ...core.run import RunResult
from ..forked import map_forked
from .center import center_workbook
from .overview import overview_workbook
from .rows import run_rows
from .save import check_output, input_files

_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}  # names Windows keeps for devices, with any extension


def safe_filename(name: str) -> str:
    """A file name that works on Windows, macOS and Linux, keeping Danish letters."""
    s = ILLEGAL_CHARACTERS_RE.sub("", str(name))
    s = re.sub(r'[<>:"/\\|?*\s]+', "_", s).strip("._ ") or "center"
    if s.split(".")[0].upper() in _RESERVED:
        s = "_" + s
    return s[:100]


def center_filenames(centers: Sequence[str]) -> dict[str, str]:
    """center -> unique file name (`centre/<name>.xlsx`), case-insensitively unique."""
    out, used = {}, set()
    for c in centers:
        base = safe_filename(c)
        name, n = base, 2
        while name.casefold() in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name.casefold())
        out[c] = f"{name}.xlsx"
    return out


def write_run(
    run: RunResult,
    out: Path,
    per_center: bool = True,
    min_fte: float | None = None,
    lang: str = "da",
    processes: int = 1,
) -> list[Path]:
    """`run`: the overview workbook and (optionally) one workbook per center under out/centre/,
    in Danish or (lang="en") English; the file names stay (a center's file is its name).

    Every path is checked before anything is written; the run's tables are turned into rows
    once (`run_rows`) for all the workbooks. With `processes` above 1 the center workbooks are
    shared out over that many processes (forked.map_forked); the files are the same.
    """
    out = Path(out)
    overview = out / f"{safe_filename(run.scenario.name)}_oversigt.xlsx"
    centers = center_filenames(_centers(run)) if per_center else {}
    inputs = input_files(run.scenario, run.inputs).values()
    for p in [overview, *(out / "centre" / f for f in centers.values())]:
        check_output(p, inputs)  # refuse before writing anything
    rows = run_rows(run)
    if centers:
        run.explanations(lang)  # made once, before the centers' workbooks are shared out
    files = [overview_workbook(run, overview, rows, lang)]

    def write(center: str) -> Path:
        return center_workbook(run, center, out / "centre" / centers[center], min_fte, rows, lang)

    return files + map_forked(write, list(centers), processes)


def _centers(run: RunResult) -> list[str]:
    """Every center with targets or a reduction: each gets its own workbook."""
    names = set(run.targets.centers.index)
    for a in run.allocations.values():
        names |= set(a.centers["center"])
    return sorted(names)
