"""`sygefravaer check`: every input read, every problem reported at once (issue 9).

Part of the public API beside api.py: each table is read on its own (a table that cannot be read
does not stop the others), then the tables are checked against each other, then every year is
computed (targets, status, the chosen model's allocation), and every error, warning and note is
collected, grouped by the file it concerns. Before a meeting an analyst runs this one command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, InputErrors, InputWarning


@dataclass
class FileReport:
    """What one file (or the computation, `path` None) gave: its errors, warnings and notes."""

    role: str
    path: Path | None
    rows: int | None = None
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    notes: list[InputWarning] = field(default_factory=list)

    def add(self, found: InputError | InputWarning) -> None:
        if isinstance(found, InputErrors):
            self.errors += found.errors
        elif isinstance(found, InputError):
            self.errors.append(found)
        elif found.is_note:
            self.notes.append(found)
        else:
            self.warnings.append(found)

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "path": None if self.path is None else str(self.path),
            "rows": self.rows,
            "errors": [_error_dict(e) for e in self.errors],
            "warnings": [str(w) for w in self.warnings],
            "notes": [str(n) for n in self.notes],
        }


def _error_dict(e: InputError) -> dict:
    keys = ("message", "file", "sheet", "row", "column", "hint")
    out = {k: getattr(e, k) for k in keys}
    out["value"] = None if e.value is None else str(e.value)
    out["text"] = e.render()
    return out


@dataclass
class CheckReport:
    """Every problem found in a scenario's inputs and computation, by file, and what was read."""

    scenario: Path
    name: str | None
    files: list[FileReport]
    summary: dict

    @property
    def errors(self) -> list[InputError]:
        return [e for f in self.files for e in f.errors]

    @property
    def warnings(self) -> list[InputWarning]:
        return [w for f in self.files for w in f.warnings]

    @property
    def notes(self) -> list[InputWarning]:
        return [n for f in self.files for n in f.notes]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        """The `check --json` document: {scenario, name, ok, counts, files, summary}."""
        counts = {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "notes": len(self.notes),
        }
        return {
            "scenario": str(self.scenario),
            "name": self.name,
            "ok": self.ok,
            "counts": counts,
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary,
        }


def check(scenario: str | Path, national: str | Path | None = None) -> CheckReport:
    """Read and compute everything a scenario names, collecting every problem instead of
    stopping at the first; an unreadable scenario file is the only problem then reported."""
    from .api import load_scenario

    path = Path(scenario)
    sc_report = FileReport("scenario", path)
    try:
        sc = load_scenario(path)
    except InputError as exc:
        sc_report.add(exc)
        return CheckReport(path, None, [sc_report], {})
    files, inputs = _read_tables(sc, Path(national) if national is not None else None)
    computed = FileReport("computation", None)
    if inputs is not None:
        shown = {str(w) for f in files.values() for w in f.warnings + f.notes}
        _compute(sc, inputs, computed, shown)
    reports = _by_file([sc_report, *files.values(), computed], files)
    return CheckReport(path, sc.name, reports, _summary(sc, inputs, files))


def _read_tables(sc, national: Path | None):
    """Each table read on its own, then (all read) checked against each other."""
    from .io.inputs import combine, read_each

    tables = read_each(sc, national)
    files = {}
    for role, table in tables.items():
        if isinstance(table, InputError):
            rep = FileReport(role, Path(table.file) if table.file else None)
            rep.add(table)
        else:
            rep = FileReport(role, table.path, rows=len(table.rows))
            for w in table.warnings:
                rep.add(w)
        files[role] = rep
    if any(isinstance(t, InputError) for t in tables.values()):
        return files, None
    try:
        return files, combine(sc, tables)
    except InputError as exc:  # the tables do not fit each other (an absence unit unknown)
        files["absence"].add(exc)
        return files, None


def _compute(sc, inputs, report: FileReport, shown: set[str]) -> None:
    """Targets, then each year's allocation with the chosen model (which needs that year's
    status), or without totals each target year's status; every distinct problem kept."""
    from .api import Project

    p = Project(sc, inputs)
    results: list = []

    def attempt(compute) -> None:
        try:
            results.append(compute())
        except InputError as exc:
            if all(e.render() != exc.render() for e in report.errors):
                report.add(exc)

    attempt(p.targets)
    years = sorted(sc.reduction.totals)
    # The last year's allocation computes every year's increment on its status (4.5) and
    # carries the warnings of each (issue 14: one allocation, not one per year); only when it
    # fails is each year tried on its own, so that every year's problem is reported.
    if years:
        before = len(report.errors)
        attempt(lambda: p.allocate(years[-1]))
        if len(report.errors) > before:
            for y in years[:-1]:
                attempt(lambda y=y: p.allocate(y))
    if not years and results:
        for y in results[0].years:
            attempt(lambda y=y: p.status(year=y))
    seen = set(shown)  # the tables' own warnings, already in their files' reports
    for w in [*inputs.warnings, *(w for r in results for w in getattr(r, "warnings", ()))]:
        if str(w) not in seen:
            seen.add(str(w))
            report.add(w)


def _by_file(reports: list[FileReport], files: dict[str, FileReport]) -> list[FileReport]:
    """The computation's warnings that name a file's path go with that file; the rest stay."""
    computed = reports[-1]
    by_path = {str(f.path): f for f in files.values() if f.path is not None}
    keep: list[InputWarning] = []
    for w in computed.warnings + computed.notes:
        target = by_path.get(str(w.file)) if w.file else None
        if target is not None and w not in target.warnings + target.notes:
            target.add(w)
        elif target is None:
            keep.append(w)
    computed.warnings = [w for w in keep if not w.is_note]
    computed.notes = [w for w in keep if w.is_note]
    return [r for r in reports if r.errors or r.warnings or r.notes or r.role != "computation"]


def _summary(sc, inputs, files: dict[str, FileReport]) -> dict:
    """What was read: rows per file, centers, units, periods, staff groups, KRL years, totals."""
    out: dict = {"rows": {role: f.rows for role, f in files.items()}}
    totals = sc.reduction.totals
    out["totals"] = {str(y): int(t) for y, t in sorted(totals.items())}
    if inputs is None:
        return out
    units = inputs.units.data
    absence = inputs.absence.data
    out["centers"] = int(units["center"].nunique())
    out["units"] = len(units)
    out["periods"] = sorted(absence["period"].unique().tolist(), key=lambda p: (len(p), p))
    groups = absence["staff_group"]
    out["staff_groups"] = int(groups[groups != ""].nunique())
    if inputs.national is not None:
        out["krl_years"] = sorted(int(y) for y in inputs.national.data["year"].unique())
    return out
