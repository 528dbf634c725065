"""Rich tables for the meeting room: Danish labels and number forms by default, English on request.

Presentation only: every function receives a computed result and never computes figures itself.
One module per table (targets, status, allocation, compare), the old-against-new tables in diff,
labels and number forms in labels.
"""

from .allocation import allocation_table
from .compare import compare_errors, compare_table
from .diff import (
    allocation_diff_table,
    compare_diff_table,
    diff_note,
    run_diff_tables,
    status_diff_table,
    targets_diff_table,
)
from .labels import DIFF_LABELS, LABELS, dot, kr, number
from .status import status_table
from .targets import targets_table

__all__ = [
    "DIFF_LABELS",
    "LABELS",
    "allocation_diff_table",
    "allocation_table",
    "compare_diff_table",
    "compare_errors",
    "compare_table",
    "diff_note",
    "dot",
    "kr",
    "number",
    "run_diff_tables",
    "status_diff_table",
    "status_table",
    "targets_diff_table",
    "targets_table",
]
