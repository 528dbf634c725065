"""Rich tables for the meeting room: Danish labels and number forms by default, English on request.

Presentation only: every function receives a computed result and never computes figures itself.
One module per table (targets, status, allocation, compare), the old-against-new tables in diff,
labels and number forms in labels, and fitting a table to the width in layout (issue 13: no
figure is ever cut; amounts in 1.000 kr. when a table would not fit otherwise).
"""

from .allocation import allocation_grid, allocation_table
from .compare import compare_errors, compare_grid, compare_table
from .diff import (
    allocation_diff_table,
    compare_diff_table,
    diff_note,
    run_diff_tables,
    status_diff_table,
    targets_diff_table,
)
from .explain import explain_table
from .labels import DIFF_LABELS, LABELS, SHORT_LABELS, dot, kr, money, number, thousand_kr
from .layout import Grid, Layout, choose_layout, fitted, measure, render
from .status import status_grid, status_table
from .targets import targets_grid, targets_table

__all__ = [
    "DIFF_LABELS",
    "LABELS",
    "SHORT_LABELS",
    "Grid",
    "Layout",
    "allocation_diff_table",
    "allocation_grid",
    "allocation_table",
    "compare_diff_table",
    "choose_layout",
    "compare_errors",
    "compare_grid",
    "compare_table",
    "diff_note",
    "dot",
    "explain_table",
    "fitted",
    "kr",
    "measure",
    "money",
    "number",
    "run_diff_tables",
    "render",
    "status_diff_table",
    "status_grid",
    "status_table",
    "targets_diff_table",
    "targets_grid",
    "targets_table",
    "thousand_kr",
]
