"""A scenario's input tables, read and checked against each other (domain.md 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputWarning
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

    `national` overrides the scenario's national-average file (`--national`).
    """
    paths = scenario.input_paths()
    absence = read_absence(paths["absence"], scenario.hours_per_day)
    units = read_units(paths["units"])
    nat_path = national if national is not None else paths.get("national")
    nat = read_national(nat_path) if nat_path is not None else None
    tgt = read_targets(paths["targets"]) if "targets" in paths else None
    inputs = Inputs(absence, units, nat, tgt)
    cross_check(inputs, scenario.min_fte)
    return inputs


def cross_check(inputs: Inputs, min_fte: float) -> None:
    """Check the tables against each other (domain.md 3): every absence unit has a units row
    (else an input error); warnings for units without absence, units under `min_fte` in the
    latest calendar year, units with absence but payroll 0, staff groups without a national
    figure, appended to `inputs.warnings`."""
    a, u = inputs.absence.data, inputs.units.data
    ukeys = pd.MultiIndex.from_frame(u[["center", "sector"]])
    # Each distinct (center, sector) once, and per row which one it is (issue 7).
    sorted_units = inputs.absence.sorted_units()
    if sorted_units is None:
        akeys = pd.MultiIndex.from_frame(a[["center", "sector"]])
        missing = ~akeys.isin(ukeys)
    else:
        unit, akeys = sorted_units
        missing = (~akeys.isin(ukeys))[unit]
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        lacking = sorted({f"{c} / {s}" for c, s in akeys[~akeys.isin(ukeys)]})
        raise inputs.absence.error(
            f"enheden findes ikke i enhedstabellen {inputs.units.path.name}",
            index=i,
            column="sector",
            value=f"{a['center'].iloc[i]} / {a['sector'].iloc[i]}",
            hint=f"Enheder uden række i enhedstabellen ({len(lacking)}): "
            + "; ".join(lacking[:10])
            + (" ..." if len(lacking) > 10 else ""),
        )
    unused = ~ukeys.isin(akeys)
    for c, s in ukeys[unused]:
        inputs.warnings.append(
            InputWarning(
                f"{inputs.units.path.name}: enheden {c} / {s} har ingen rækker i fraværstabellen"
            )
        )
    calendar = (a["quarter"] == 0).to_numpy()
    if calendar.any():
        year = a["year"].to_numpy()
        last = int(year[calendar].max())
        latest = calendar & (year == last)
        if sorted_units is None:
            fte = a[latest].groupby(["center", "sector"], sort=True)["fte"].sum()
        else:  # the same groups, numbered and ordered as groupby numbers them: the same sums
            sums = pd.Series(a["fte"].to_numpy()[latest]).groupby(unit[latest], sort=True).sum()
            fte = pd.Series(sums.to_numpy(), index=akeys[sums.index.to_numpy()])
        for (c, s), f in fte[fte < min_fte].items():
            inputs.warnings.append(
                InputWarning(
                    f"enheden {c} / {s} har kun {f'{f:.1f}'.replace('.', ',')} årsværk i "
                    f"{last} (under {min_fte:g}): tallene kan udpege enkeltpersoner"
                )
            )
    # A unit with absence but payroll 0 has day cost and potential 0: it carries nothing under a
    # model weighted by payroll or potential (domain.md 4.4-4.5), so say so rather than be silent.
    no_pay = u[(u["payroll"] == 0) & ukeys.isin(akeys)]
    for c, s in zip(no_pay["center"], no_pay["sector"], strict=True):
        inputs.warnings.append(
            InputWarning(
                f"{inputs.units.path.name}: enheden {c} / {s} har fravær men lønsum 0: dagspris, "
                "potentiale og fraværsomkostning bliver 0, og den bærer ingen reduktion efter "
                "lønsum eller potentiale"
            )
        )
    # A staff group with no national figure at all silently takes 'Kommuner i alt' (domain.md
    # 4.2): a misspelt group name would go unnoticed, so name it.
    if inputs.national is not None:
        known = set(inputs.national.data["group_key"])
        codes = inputs.absence.codes.get("staff_group")
        texts = inputs.absence.code_texts.get("staff_group")
        if codes is not None and texts is not None and len(codes) == len(a):
            used = np.bincount(codes, minlength=len(texts)) > 0  # per distinct text (issue 7)
            groups = set(np.asarray(texts, dtype=object)[used].tolist())
        else:
            groups = set(a["staff_group"].unique())
        groups |= set(u["staff_group"].unique())
        for g in sorted(str(g) for g in groups if g and group_key(g) not in known):
            inputs.warnings.append(
                InputWarning(
                    f"personalegruppen {g!r} findes ikke i landsgennemsnittene "
                    f"({inputs.national.path.name}); '{KRL_TOTAL}' bruges for den"
                )
            )
