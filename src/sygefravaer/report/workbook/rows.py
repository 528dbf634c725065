"""The run's result tables as rows (dicts), built once per `run` and shared by its workbooks.

The overview and every center workbook read the same tables; `run_rows` turns each year's status
and allocation tables into rows once, keyed for the look-ups the sheets make, and `write_run`
hands the result down. Nothing is kept between calls.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from ...core.run import RunResult
from ...core.status import shown_decimals
from .base import Shown, days_format
from .save import input_files, sha256

# The status figures every unit row of the run workbooks starts with, in their order.
STATUS_FIGURES = ("fte", "sick_days", "days_per_fte", "target", "benchmark", "gap", "status")


def records(df, cols: Sequence[str]) -> list[dict]:
    """Rows of `df` as dicts with the columns of `cols` that it has, in that order."""
    present = [c for c in cols if c in df.columns]
    return [dict(zip(present, row, strict=True)) for row in df[present].itertuples(index=False)]


@dataclass(frozen=True)
class YearRows:
    """One year of a run as rows: status and allocation per unit and per center.

    `allocation_units` is empty when the reduction is allocated per center. `keys` holds every
    (center, sector) with a status or an allocation row, sorted, grouped by center.
    """

    year: int
    status: object | None  # the StatusResult (sector level), None without one
    allocation: object | None  # the AllocationResult, None in a year without a reduction
    status_units: dict[tuple, dict]  # (center, sector) -> status row
    status_centers: dict[str, dict]  # center -> the center's status row
    status_by_center: dict[str, list[dict]]  # center -> its units' status rows, in table order
    allocation_units: dict[tuple, dict]  # (center, sector) -> allocation row
    allocation_centers: dict[str, dict]  # center -> the center's allocation row
    keys: dict[str, list[tuple]]  # center -> its (center, sector) keys, sorted
    municipality: dict  # the municipality's status row as shown ({} without a status)

    @property
    def period(self) -> str | None:
        """The absence period compared with the year's targets (None without a status)."""
        return self.status.period if self.status is not None else None

    def units(self, center: str | None = None) -> Iterator[tuple[tuple, dict, dict]]:
        """(key, status row, allocation row) per unit, in center and sector order; {} if none."""
        groups = self.keys.values() if center is None else [self.keys.get(center, [])]
        for keys in groups:
            for k in keys:
                yield k, self.status_units.get(k, {}), self.allocation_units.get(k, {})


def year_rows(year: int, status, allocation) -> YearRows:
    """The rows of one year's status and allocation (either may be None)."""
    status_rows = _status_rows(status)
    allocation_rows = _allocation_rows(allocation)
    keys: dict[str, list[tuple]] = {}
    for k in sorted(set(status_rows[0]) | set(allocation_rows[0])):
        keys.setdefault(k[0], []).append(k)
    shown = municipality_row(status)
    return YearRows(year, status, allocation, *status_rows, *allocation_rows, keys, shown)


def shown_rows(df) -> list[dict]:
    """A status table's rows as shown: days per fte with the decimals its status needs
    (core.status.shown_decimals, 4.4) and a unit exactly at its target as "at_target"."""
    rows = records(df, df.columns)
    if not rows:
        return rows
    decimals = shown_decimals(df["days_per_fte"], df["target"], df["status"] == "red")
    for r, d in zip(rows, decimals, strict=True):
        r["days_per_fte"] = Shown(r["days_per_fte"], days_format(int(d)))
        if r.get("at_target"):
            r["status"] = "at_target"
    return rows


def municipality_row(status) -> dict:
    """The municipality's status row as shown (see `shown_rows`); {} without a status."""
    if status is None:
        return {}
    return shown_rows(pd.DataFrame([status.municipality]))[0]


def _status_rows(status) -> tuple[dict, dict, dict]:
    """Status rows per (center, sector) and per center, and each center's unit rows in order."""
    units, by_center = {}, {}
    if status is None:
        return units, {}, by_center
    for r in shown_rows(status.units):
        units[(r["center"], r["sector"])] = r
        by_center.setdefault(r["center"], []).append(r)
    centers = {r["center"]: r for r in shown_rows(status.centers)}
    return units, centers, by_center


def _allocation_rows(allocation) -> tuple[dict, dict]:
    """Allocation rows per (center, sector) (none at center level) and per center."""
    if allocation is None:
        return {}, {}
    units = {}
    if allocation.level != "center":
        rows = records(allocation.units, allocation.units.columns)
        units = {(r["center"], r["sector"]): r for r in rows}
    centers = {r["center"]: r for r in records(allocation.centers, allocation.centers.columns)}
    return units, centers


@dataclass(frozen=True)
class RunRows:
    """Every year of a run as rows: the allocated years, else the target years; and the
    SHA-256 of each input file by role, which every workbook's assumptions sheet names."""

    years: list[int]
    by_year: dict[int, YearRows]
    sha256: dict[str, str]

    def get(self, year: int | None) -> YearRows | None:
        """The year's rows; None for no year."""
        return self.by_year.get(year) if year is not None else None


def run_rows(run: RunResult) -> RunRows:
    """The rows of every year of `run`, each table turned into rows once, and each input file
    read once for its SHA-256."""
    years = list(run.years or run.targets.years)
    by_year = {y: year_rows(y, run.status.get(y), run.allocations.get(y)) for y in years}
    hashes = {role: sha256(p) for role, p in input_files(run.scenario, run.inputs).items()}
    return RunRows(years, by_year, hashes)
