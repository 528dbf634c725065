"""A scenario's input tables, read and checked against each other (domain.md 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning, raise_all
from ..names import KRL_TOTAL, group_key
from .national import read_national
from .readers import read_absence, read_targets, read_units
from .tables import Table


@dataclass
class Inputs:
    """The scenario's validated tables; `national` and `targets` may be absent."""

    absence: Table
    units: Table
    national: Table | None = None
    targets: Table | None = None
    warnings: list[InputWarning] = field(default_factory=list)

    def paths(self) -> dict[str, Path]:
        """Each input file by role, for the assumptions sheet."""
        out = {"absence": self.absence.path, "units": self.units.path}
        if self.national is not None:
            out["national"] = self.national.path
        if self.targets is not None:
            out["targets"] = self.targets.path
        return out


def load_inputs(scenario, national: Path | None = None) -> Inputs:
    """Read every table a scenario names and check them against each other.

    `national` overrides the scenario's national-average file (`--national`). The first problem
    found is raised (`read_each` reads every table even when one fails, for `check`).
    """
    tables = read_each(scenario, national)
    for table in tables.values():
        if isinstance(table, InputError):
            raise table
    return combine(scenario, tables)


def combine(scenario, tables: dict[str, Table]) -> Inputs:
    """The tables read (by role) as one Inputs, checked against each other: the tables' own
    warnings and notes (each names its file) first, then the cross-checks'."""
    found = [w for t in tables.values() for w in t.warnings]
    inputs = Inputs(
        tables["absence"], tables["units"], tables.get("national"), tables.get("targets"), found
    )
    cross_check(inputs, scenario.min_fte)
    return inputs


def table_paths(scenario, national: Path | None = None) -> dict[str, Path]:
    """Each table's file by role (absence, units, national, targets), `--national` applied."""
    paths = scenario.input_paths()
    if national is not None:
        paths["national"] = Path(national)
    return paths


def read_each(scenario, national: Path | None = None) -> dict[str, Table | InputError]:
    """Every table the scenario names, by role, each read on its own: a table that cannot be
    read is its InputError (or InputErrors), and the others are still read."""
    sheets = scenario.sheets  # [sheets]: a named sheet, else the visible active one
    readers = {
        "absence": lambda p: read_absence(p, scenario.hours_per_day, sheets.absence),
        "units": lambda p: read_units(p, sheets.units),
        # the sheet named for the scenario's own national file, not for --national's
        "national": lambda p: read_national(p, sheets.national if national is None else None),
        "targets": lambda p: read_targets(p, sheets.targets),
    }
    out: dict[str, Table | InputError] = {}
    for role, path in table_paths(scenario, national).items():
        try:
            out[role] = readers[role](path)
        except InputError as exc:
            out[role] = exc
    return out


def cross_check(inputs: Inputs, min_fte: float) -> None:
    """Check the tables against each other (domain.md 3): every absence unit has a units row
    (else an input error); warnings for units without absence, units under `min_fte` in the
    latest calendar year, units with absence but payroll 0, staff groups without a national
    figure, appended to `inputs.warnings`."""
    a, u = inputs.absence.data, inputs.units.data
    ukeys = pd.MultiIndex.from_frame(u[["center", "sector"]])
    # Each distinct (center, sector) once, and per row which one it is (issue 7).
    units = inputs.absence.sorted_units()
    akeys = _require_units(inputs, a, ukeys, units)
    name = inputs.units.path.name
    for c, s in ukeys[~ukeys.isin(akeys)]:
        inputs.warnings.append(
            InputWarning(f"{name}: enheden {c} / {s} har ingen rækker i fraværstabellen")
        )
    inputs.warnings += _small_units(a, units, min_fte)
    # A unit with absence but payroll 0 has day cost and potential 0: it carries nothing under a
    # model weighted by payroll or potential (domain.md 4.4-4.5), so say so rather than be silent.
    no_pay = u[(u["payroll"] == 0) & ukeys.isin(akeys)]
    for c, s in zip(no_pay["center"], no_pay["sector"], strict=True):
        inputs.warnings.append(
            InputWarning(
                f"{name}: enheden {c} / {s} har fravær men lønsum 0: dagspris, "
                "potentiale og fraværsomkostning bliver 0, og den bærer ingen reduktion efter "
                "lønsum eller potentiale"
            )
        )
    if inputs.national is not None:
        inputs.warnings += _unknown_groups(inputs.absence, u, inputs.national)


Units = tuple[np.ndarray, pd.MultiIndex] | None  # Table.sorted_units()


def _require_units(
    inputs: Inputs, a: pd.DataFrame, ukeys: pd.MultiIndex, units: Units
) -> pd.MultiIndex:
    """The absence table's units (per row, or each once from `units`); a unit without a row in
    the units table is an input error at its first absence row."""
    if units is None:
        akeys = pd.MultiIndex.from_frame(a[["center", "sector"]])
        missing = ~akeys.isin(ukeys)
    else:
        unit, akeys = units
        missing = (~akeys.isin(ukeys))[unit]
    if missing.any():
        lacking_keys = akeys[~akeys.isin(ukeys)]
        raise_all(_case_mismatches(inputs, a, ukeys, lacking_keys, missing))
        i = int(np.flatnonzero(missing)[0])
        lacking = sorted({f"{c} / {s}" for c, s in lacking_keys})
        raise inputs.absence.error(
            f"enheden findes ikke i enhedstabellen {inputs.units.path.name}",
            index=i,
            column="sector",
            value=f"{a['center'].iloc[i]} / {a['sector'].iloc[i]}",
            hint=f"Enheder uden række i enhedstabellen ({len(lacking)}): "
            + "; ".join(lacking[:10])
            + (" ..." if len(lacking) > 10 else ""),
        )
    return akeys


def _case_mismatches(
    inputs: Inputs,
    a: pd.DataFrame,
    ukeys: pd.MultiIndex,
    lacking: pd.MultiIndex,
    missing: np.ndarray,
) -> list[InputError]:
    """An error for each absence unit without a units row that has one spelled the same but
    for letter case (domain.md 3: refused, showing both spellings), at its first absence row."""
    spelled = {(group_key(c), group_key(s)): (c, s) for c, s in ukeys}
    rows = np.flatnonzero(missing)[::-1]  # the last first: each unit keeps its first row
    units = zip(a["center"].iloc[rows], a["sector"].iloc[rows], strict=True)
    first_row = dict(zip(units, rows.tolist(), strict=True))
    errors = []
    for c, s in lacking:
        other = spelled.get((group_key(c), group_key(s)))
        if other is not None:
            errors.append(
                inputs.absence.error(
                    "enheden er skrevet med andre store og små bogstaver end i enhedstabellen "
                    f"{inputs.units.path.name}: {c} / {s} her, {other[0]} / {other[1]} dér",
                    index=first_row[(c, s)],
                    column="center" if c != other[0] else "sector",
                    value=f"{c} / {s}",
                    hint="Skriv enhedens navn ens i begge tabeller (store og små bogstaver "
                    "tæller med).",
                )
            )
    return sorted(errors, key=lambda e: e.row or 0)


def _small_units(a: pd.DataFrame, units: Units, min_fte: float) -> list[InputWarning]:
    """A warning per unit under `min_fte` in the latest calendar year: its figures could point
    at single persons."""
    calendar = (a["quarter"] == 0).to_numpy()
    if not calendar.any():
        return []
    year = a["year"].to_numpy()
    last = int(year.max(where=calendar, initial=year.min()))  # no copy (issue 14)
    latest = calendar & (year == last)
    if units is None:
        fte = a[latest].groupby(["center", "sector"], sort=True)["fte"].sum()
    else:  # the same groups, numbered and ordered as groupby numbers them: the same sums
        unit, keys = units
        sums = pd.Series(a["fte"].to_numpy()[latest]).groupby(unit[latest], sort=True).sum()
        fte = pd.Series(sums.to_numpy(), index=keys[sums.index.to_numpy()])
    return [
        InputWarning(
            f"enheden {c} / {s} har kun {f'{f:.1f}'.replace('.', ',')} årsværk i "
            f"{last} (under {min_fte:g}): tallene kan udpege enkeltpersoner"
        )
        for (c, s), f in fte[fte < min_fte].items()
    ]


def _unknown_groups(absence: Table, u: pd.DataFrame, national: Table) -> list[InputWarning]:
    """A warning per staff group with no national figure at all: it silently takes 'Kommuner i
    alt' (domain.md 4.2), and a misspelt group name would go unnoticed."""
    known = set(national.data["group_key"])
    codes, texts = absence.codes.get("staff_group"), absence.code_texts.get("staff_group")
    if codes is not None and texts is not None:
        used = np.bincount(codes, minlength=len(texts)) > 0  # per distinct text (issue 7)
        groups = set(texts[used].tolist())
    else:
        groups = set(absence.data["staff_group"].unique())
    groups |= set(u["staff_group"].unique())
    return [
        InputWarning(
            f"personalegruppen {g!r} findes ikke i landsgennemsnittene "
            f"({national.path.name}); '{KRL_TOTAL}' bruges for den"
        )
        for g in sorted(str(g) for g in groups if g and group_key(g) not in known)
    ]
