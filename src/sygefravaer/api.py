"""The public API: load a scenario with its inputs, then ask for targets, status and allocations.

    >>> p = sygefravaer.load("examples/eksempelkommune/scenario.toml")
    >>> p.allocate(2014).to_frame()

The command line is a thin layer over this module: every command is one call here, and each
result's `to_dict()` is exactly the document `--json` prints. Loading reads and validates every
input (io/); the methods apply the rules (core/); only `run` writes files (report/).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .core.allocation import AllocationResult, CompareResult, allocate, compare
from .core.explain import Explanation
from .core.fast import AbsenceSums
from .core.run import RunResult, compute_run
from .core.scenario import Scenario, parse_scenario
from .core.status import StatusResult, compute_status
from .core.targets import TargetSet, compute_targets
from .errors import InputError, InputWarning, strict_error
from .io.inputs import Inputs, load_inputs
from .io.national import read_national
from .io.scenario import read_scenario_file


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (domain.md 3.4); problems are InputErrors."""
    path = Path(path)
    return parse_scenario(read_scenario_file(path), path)


def require_year_or_period(year: int | None, period: str | None) -> None:
    """A status needs a target year or a period (domain.md 4.4); say so in the CLI's words."""
    if year is None and period is None:
        raise InputError(
            "angiv --year ÅR eller --period PERIODE",
            hint="Fx --year 2014 (fravær 2013 mod måltal 2014) eller --period 2018Q1.",
        )


def load(scenario: str | Path, national: str | Path | None = None) -> Project:
    """Read a scenario and every table it names, checked against each other.

    `national` replaces the scenario's file of national averages (the CLI's `--national`).
    Raises InputError naming file, sheet, row and column for any problem in the inputs.
    """
    sc = load_scenario(scenario)
    return Project(sc, load_inputs(sc, Path(national) if national is not None else None))


@dataclass(frozen=True)
class Project:
    """A loaded scenario and its validated inputs; every method computes afresh from them.

    The tables are immutable, so results depend only on what was loaded. `sums` (the absence
    sums per unit and period) and `statuses` (each year's status, which the models and years of
    `compare` need alike) belong to this object and go with it.
    """

    scenario: Scenario
    inputs: Inputs
    sums: AbsenceSums | None = field(default=None, repr=False, compare=False)
    statuses: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The absence table's sums per unit and period (one grouping of every row), made once
        # for all the computations of this project.
        if self.sums is None:
            object.__setattr__(
                self, "sums", AbsenceSums.of(self.inputs.absence, self.scenario.hours_per_day)
            )

    @property
    def warnings(self) -> list[InputWarning]:
        """Doubts about the inputs found while reading them (shown on stderr by the CLI)."""
        return self.inputs.warnings

    def targets(self) -> TargetSet:
        """Targets of every unit, center and the municipality for the scenario's years (4.3)."""
        return compute_targets(self.scenario, self.inputs, sums=self.sums)

    def status(
        self, year: int | None = None, period: str | None = None, level: str | None = None
    ) -> StatusResult:
        """Green/red against target year `year` (absence of year-1) or an explicit `period`
        such as "2018Q1" (4.4); `level` "sector" or "center" overrides the scenario."""
        require_year_or_period(year, period)
        return compute_status(
            self.scenario, self.inputs, year=year, period=period, level=level, sums=self.sums
        )

    def allocate(
        self, year: int, model: str | None = None, level: str | None = None
    ) -> AllocationResult:
        """The cumulative reduction up to `year`, each year's increment on its status (4.5)."""
        return allocate(
            self.scenario,
            self.inputs,
            year,
            model=model,
            level=level,
            statuses=self.statuses,
            sums=self.sums,
        )

    def compare(self, year: int, level: str | None = None) -> CompareResult:
        """The three models side by side for `year`; a model that cannot allocate says why.
        A year without a total is an input error, as for `allocate`."""
        if year not in self.scenario.reduction.totals:
            self.allocate(year)  # raises allocate's error for a year without a total (4.5)
        return compare(
            self.scenario, self.inputs, year, level=level, statuses=self.statuses, sums=self.sums
        )

    def explain(
        self,
        year: int,
        unit: str | None = None,
        *,
        center: str | None = None,
        sector: str | None = None,
        period: str | None = None,
        model: str | None = None,
        level: str | None = None,
        lang: str = "da",
    ) -> Explanation:
        """Why a unit got its target and its share in `year`: the chain from the absence rows
        to the kroner, step by step (4.1-4.5). `unit` is "CENTER / SEKTOR" (a center alone at
        center level); `center` (with `sector`) names it for names holding " / "; a center
        without a sector is explained at center level. Options as for status and allocate."""
        from .core.explain import explain_basis, explain_unit, find_unit, parse_unit

        if unit is None and center is None:
            raise InputError('angiv enheden med --unit "CENTER / SEKTOR" eller --center')
        if level is None and center is not None and sector is None:
            level = "center"
        basis = explain_basis(
            self.scenario, self.inputs, year, period=period, model=model, level=level,
            lang=lang, sums=self.sums, statuses=self.statuses,
        )  # fmt: skip
        key = find_unit(basis, center, sector) if center is not None else parse_unit(basis, unit)
        return explain_unit(basis, key)

    def compute_run(self) -> RunResult:
        """Every year of the scenario: targets, status and the three models, nothing written."""
        return compute_run(self.scenario, self.inputs, sums=self.sums)

    def run(
        self,
        out: str | Path | None = None,
        per_center: bool = True,
        min_fte: float | None = None,
        strict: bool = False,
        lang: str = "da",
        processes: int = 1,
    ) -> RunOutput:
        """The whole yearly run, written as the directorate's workbook and one per center.

        `out` defaults to ./sygefravaer_<scenario name>; `min_fte` hides the absence figures of
        smaller units in the center workbooks (default: the scenario's min_fte). With `strict`,
        a warning about the data raises InputError before anything is written. `lang`: "da"
        (the default) or "en", the workbooks' language. `processes` above 1 writes the center
        workbooks in that many forked processes where the system forks (the CLI: one per core).
        """
        self.run_folder(out, min_fte)  # refuse bad options before the work
        result = self.compute_run()
        refused = strict_error(result.warnings, "ingen projektmapper er skrevet")
        if strict and refused is not None:
            raise refused
        return self.write_run(result, out, per_center, min_fte, lang, processes)

    def write_run(
        self,
        result: RunResult,
        out: str | Path | None = None,
        per_center: bool = True,
        min_fte: float | None = None,
        lang: str = "da",
        processes: int = 1,
    ) -> RunOutput:
        """Write a computed run: the directorate's workbook and (per_center) one per center, in
        Danish or (lang="en") English; `processes` as in `run`."""
        from .report.workbook import write_run

        folder = self.run_folder(out, min_fte)
        files = write_run(result, folder, per_center, min_fte, lang, processes)
        return RunOutput(result, folder, files)

    def run_folder(self, out: str | Path | None, min_fte: float | None = None) -> Path:
        """The folder `run` writes to (default ./sygefravaer_<name>), after checking that it
        can be one and that `min_fte` is not negative."""
        from .report.workbook import safe_filename

        if min_fte is not None and min_fte < 0:
            raise InputError("--min-fte kan ikke være negativ", value=min_fte)
        folder = Path(out) if out is not None else Path(f"sygefravaer_{safe_filename(self.name)}")
        if folder.exists() and not folder.is_dir():
            raise InputError("--out er en fil, ikke en mappe", file=folder)
        return folder

    def with_national(self, national: str | Path) -> Project:
        """The same scenario and tables with another file of national averages (a new KRL
        publication); the absence and units tables are not read again."""
        nat = read_national(Path(national))
        return Project(self.scenario, replace(self.inputs, national=nat), sums=self.sums)

    def with_data(self, absence=None, units=None) -> Project:
        """The same scenario with changed copies of the absence or units table (DataFrames as
        `inputs.absence.data` gives them): a what-if without writing files. The reader's rules
        are not checked again, so the copies must keep the columns and their kinds."""
        inputs = self.inputs
        if absence is not None:
            inputs = replace(inputs, absence=inputs.absence.with_data(absence))
        if units is not None:
            inputs = replace(inputs, units=inputs.units.with_data(units))
        return Project(self.scenario, inputs)

    def diff(self, national: str | Path) -> NationalDiff:
        """Old (this project's national file) against new (`national`), for targets, status and
        allocations: what a new KRL publication changes."""
        if self.inputs.national is None:
            raise InputError(
                "--diff sammenligner scenariets egen national-fil med --national, men scenariet "
                "angiver ingen national-fil",
                file=self.scenario.path,
                hint='Tilføj national = "national.csv" i scenariet.',
            )
        return NationalDiff(self, self.with_national(national))

    @property
    def name(self) -> str:
        """The scenario's name (the municipality), as titles and file names show it."""
        return self.scenario.name


@dataclass(frozen=True)
class DiffResult:
    """One result computed with the old and with the new national averages, and what changed:
    `changes` is a list of {"level", "center", "sector", "year", "field", "old", "new"} (compare's
    with "model" first); each old and new is the figure of the old and the new document."""

    old: TargetSet | StatusResult | AllocationResult | CompareResult
    new: TargetSet | StatusResult | AllocationResult | CompareResult
    changes: list[dict]
    national: dict[str, str]

    @property
    def new_warnings(self) -> list[InputWarning]:
        """The warnings of the result computed with the new national averages."""
        return list(getattr(self.new, "warnings", None) or ())

    @property
    def summary(self) -> dict:
        """Counts per field and the units whose status flips (for the table's note and JSON)."""
        from .core.diff import summary

        return summary(self.changes)

    def to_dict(self) -> dict:
        """The `--diff --json` document: {old, new, changes, summary, national}."""
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "changes": self.changes,
            "summary": self.summary,
            "national": self.national,
        }

    def to_frame(self):
        """The changes as a DataFrame (columns level, center, sector, year, field, old, new)."""
        import pandas as pd

        cols = ["level", "center", "sector", "year", "field", "old", "new"]
        return pd.DataFrame(self.changes, columns=cols)


@dataclass(frozen=True)
class NationalDiff:
    """The same scenario with its own national file (old) and a new one (new)."""

    old: Project
    new: Project

    @property
    def national(self) -> dict[str, str]:
        return {
            "old": str(self.old.inputs.national.path),
            "new": str(self.new.inputs.national.path),
        }

    def targets(self) -> DiffResult:
        from .core.diff import diff_targets

        old, new = self.old.targets(), self.new.targets()
        return DiffResult(old, new, diff_targets(old, new), self.national)

    def status(
        self, year: int | None = None, period: str | None = None, level: str | None = None
    ) -> DiffResult:
        from .core.diff import diff_status

        old, new = self.old.status(year, period, level), self.new.status(year, period, level)
        return DiffResult(old, new, diff_status(old, new), self.national)

    def allocate(self, year: int, model: str | None = None, level: str | None = None) -> DiffResult:
        from .core.diff import diff_allocation

        old, new = self.old.allocate(year, model, level), self.new.allocate(year, model, level)
        return DiffResult(old, new, diff_allocation(old, new), self.national)

    def compare(self, year: int, level: str | None = None) -> DiffResult:
        """The three models, old against new: what each center pays under each, before and
        after (a model that can allocate on one side only gives an "error" change)."""
        from .core.diff import diff_compare

        old, new = self.old.compare(year, level), self.new.compare(year, level)
        return DiffResult(old, new, diff_compare(old, new), self.national)

    def compute_run(self) -> tuple[RunResult, RunResult]:
        """The whole run with the old and with the new national averages, nothing written."""
        return self.old.compute_run(), self.new.compute_run()

    def run(self, out: str | Path | None = None, *, strict: bool = False, **options) -> RunDiff:
        """The whole run old against new; the NEW run's workbooks are written as Project.run
        writes them (`options`: its per_center, min_fte, lang and processes; with `strict`, a
        warning of the new run stops it before anything is written)."""
        self.new.run_folder(out, options.get("min_fte"))  # refuse bad options before the work
        old, new = self.compute_run()
        refused = strict_error(new.warnings, "ingen projektmapper er skrevet")
        if strict and refused is not None:
            raise refused
        return self.write_run(old, new, out, **options)

    def write_run(
        self,
        old: RunResult,
        new: RunResult,
        out: str | Path | None = None,
        per_center: bool = True,
        min_fte: float | None = None,
        lang: str = "da",
        processes: int = 1,
    ) -> RunDiff:
        """Write the new run (Project.write_run, in `lang`, in `processes`) and compare it with
        the old one."""
        from .core.diff import diff_run

        done = self.new.write_run(new, out, per_center, min_fte, lang, processes)
        return RunDiff(old, done, diff_run(old, new), self.national)


@dataclass(frozen=True)
class RunDiff:
    """A whole run with the old and the new national averages: the old run (computed, not
    written), the new one as written, and every year's changes (core.diff.diff_run: each with
    "year" and "command", "status" or "allocate")."""

    old: RunResult
    new: RunOutput
    changes: list[dict]
    national: dict[str, str]

    @property
    def summary(self) -> dict:
        """Counts per field and who flips in which year (core.diff.summary)."""
        from .core.diff import summary

        return summary(self.changes)

    def to_dict(self) -> dict:
        """The `run --diff --json` document: {old, new, changes, summary, national}; old and
        new are `run --json` summaries, the old one with "out": null and no files."""
        old = RunOutput(self.old, self.new.out, []).to_dict() | {"out": None}
        return {
            "old": old,
            "new": self.new.to_dict(),
            "changes": self.changes,
            "summary": self.summary,
            "national": self.national,
        }


@dataclass(frozen=True)
class RunOutput:
    """What `run` computed and wrote: the results, the folder and the files (in writing order)."""

    result: RunResult
    out: Path
    files: list[Path]

    @property
    def warnings(self) -> list[InputWarning]:
        return self.result.warnings

    def to_dict(self) -> dict:
        """The `run --json` summary: years, totals, increments, each year's municipal status, the
        last year's centers, the files written with their SHA-256, and the warnings."""
        from .report.workbook import sha256

        res, sc = self.result, self.result.scenario
        last = res.allocations.get(res.last)
        return {
            "scenario": sc.name,
            "out": str(self.out),
            "years": res.years,
            "target_years": list(res.targets.years),
            "model": sc.reduction.model,
            "level": sc.level,
            "totals": {str(y): int(t) for y, t in sorted(sc.reduction.totals.items())},
            "increments": {str(y): int(a.increment) for y, a in res.allocations.items()},
            "municipality": {
                str(y): {k: st.municipality.get(k) for k in ("days_per_fte", "target", "status")}
                for y, st in res.status.items()
                if st is not None
            },
            "centers": [] if last is None else last.to_dict()["centers"],
            "files": [{"path": str(p), "sha256": sha256(p)} for p in self.files],
            "warnings": [str(w) for w in res.warnings if not w.is_note],
            "notes": [str(w) for w in res.warnings if w.is_note],
        }
