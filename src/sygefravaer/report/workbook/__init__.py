"""Excel workbooks (openpyxl): presentation only, laid out from the results of the core.

Three workbooks: `allocate --output` (one year's allocation, allocation.py), and from `run` an
overview for the directorate (overview.py) and one per center (center.py), written by
`write_run` (files.py). Every cell holds a value (no formulas), text that looks like a formula
(`=`, `+`, `-`, `@`) is stored as text with a quote prefix (base.py), and files are written
atomically with fixed timestamps (save.py), so the same inputs give the same bytes. Every
workbook is written in openpyxl's write-only mode: rows stream to disk, so a sector sheet with
many thousand rows does not hold a cell object per value in memory.
"""

from .allocation import write_allocation_workbook
from .assumptions import assumptions_sheet
from .base import Col, Sheet, Shown, Suppressed, days_format, text_cell
from .center import center_workbook
from .files import center_filenames, safe_filename, write_run
from .overview import overview_workbook
from .rows import RunRows, YearRows, run_rows, year_rows
from .save import check_output, input_files, save_workbook, sha256, stamp

__all__ = [
    "Col",
    "RunRows",
    "Sheet",
    "Shown",
    "Suppressed",
    "YearRows",
    "assumptions_sheet",
    "center_filenames",
    "center_workbook",
    "days_format",
    "check_output",
    "input_files",
    "overview_workbook",
    "run_rows",
    "safe_filename",
    "save_workbook",
    "sha256",
    "stamp",
    "text_cell",
    "write_allocation_workbook",
    "write_run",
    "year_rows",
]
