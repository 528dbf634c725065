"""The scenario's policy (domain.md 3.4), with its totals checked (4.5).

Paths are resolved relative to the scenario file. The consistency of the reduction totals
(non-decreasing, listed increments equal to their differences, multiples of the rounding unit) is
checked here, when the scenario is read, whatever year is asked for later (domain.md 4.5).

A scenario whose every setting has its plain TOML type and a valid value is read here directly;
any other goes through pydantic (scenario_schema.py), which coerces what it may and words each
problem: the same scenario either way (tests/core/test_scenario_fast.py), without pydantic's
0.1 s in the usual case (issue 14).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import InputError
from .models import LEVELS, NAMES, RULES, WEIGHTS


@dataclass
class TargetsConfig:
    """[targets]: how each unit's target is set."""

    rule: str = "glide"
    base_year: int | None = None
    final_year: int | None = None
    benchmark_year: int | None = None
    gap_closure: float = 1.0
    decimals: int = 1
    years: list[int] | None = None
    file: Path | None = None


@dataclass
class ReductionConfig:
    """[reduction]: the cumulative totals and how they are distributed."""

    model: str = "over-target"
    weight: str = "value"
    cap: bool = True
    rounding: int = 1
    totals: dict[int, int] = field(default_factory=dict)
    increments: dict[int, int] | None = None


@dataclass
class SheetsConfig:
    """[sheets]: the sheet of each xlsx/ods table; without one, the visible active sheet
    (domain.md 3)."""

    absence: str | None = None
    units: str | None = None
    national: str | None = None
    targets: str | None = None


@dataclass
class Scenario:
    """A whole scenario; `path` is the scenario file itself (not part of the TOML)."""

    absence: Path
    units: Path
    name: str = "Scenarie"
    national: Path | None = None
    working_days: float = 227
    hours_per_day: float = 7.4
    level: str = "sector"
    min_fte: float = 5.0
    targets: TargetsConfig = field(default_factory=TargetsConfig)
    reduction: ReductionConfig = field(default_factory=ReductionConfig)
    sheets: SheetsConfig = field(default_factory=SheetsConfig)
    path: Path | None = None

    def resolve(self, p: Path) -> Path:
        """A path from the scenario, relative to the scenario file's folder."""
        if p.is_absolute() or self.path is None:
            return p
        return (self.path.parent / p).resolve()

    def input_paths(self) -> dict[str, Path]:
        """Every input file the scenario names, resolved."""
        out = {"absence": self.resolve(self.absence), "units": self.resolve(self.units)}
        if self.national is not None:
            out["national"] = self.resolve(self.national)
        if self.targets.file is not None:
            out["targets"] = self.resolve(self.targets.file)
        return out

    def increments(self) -> dict[int, int]:
        """Yearly increments of the cumulative totals; the first year's is its total."""
        out: dict[int, int] = {}
        prev = 0
        for year in sorted(self.reduction.totals):
            out[year] = self.reduction.totals[year] - prev
            prev = self.reduction.totals[year]
        return out


def parse_scenario(raw: dict, path: Path, *, fast: bool = True) -> Scenario:
    """The scenario from its TOML dict; every problem is an InputError naming the file.

    `fast` False validates every scenario with pydantic (the general path the plain reading is
    tested against)."""
    path = Path(path)
    scenario = plain_scenario(raw) if fast else None
    if scenario is None:
        from .scenario_schema import validate

        scenario = _from_dict(validate(raw, path))
    scenario.path = path.resolve()
    check_totals(scenario)
    return scenario


def _from_dict(d: dict) -> Scenario:
    """The dataclasses of pydantic's validated settings."""
    d = {k: v for k, v in d.items() if k != "path"}
    return Scenario(
        **{k: v for k, v in d.items() if k not in ("targets", "reduction", "sheets")},
        targets=TargetsConfig(**d["targets"]),
        reduction=ReductionConfig(**d["reduction"]),
        sheets=SheetsConfig(**d["sheets"]),
    )


# --------------------------------------------------------------------------- the plain reading


class _NotPlain(Exception):
    """A setting outside the plain forms: pydantic decides (scenario_schema.py)."""


def _exact(kind: type) -> Callable[[object], object]:
    """A reader of a setting of exactly this type (a bool is no int here); anything else is
    pydantic's to coerce or refuse."""

    def read(x: object) -> object:
        if type(x) is not kind:
            raise _NotPlain
        return x

    return read


_text, _whole, _flag = _exact(str), _exact(int), _exact(bool)


def _path(x: object) -> Path:
    if _text(x) == "":
        raise _NotPlain
    return Path(x)


def _number(x: object) -> float:
    if type(x) not in (int, float) or not math.isfinite(x):
        raise _NotPlain
    return float(x)


def _one_of(*allowed: str):
    def read(x: object) -> str:
        if _text(x) not in allowed:
            raise _NotPlain
        return x

    return read


def _within(read, low: float | None = None, high: float | None = None, above: float | None = None):
    def check(x: object):
        v = read(x)
        if (
            (low is not None and v < low)
            or (high is not None and v > high)
            or (above is not None and v <= above)
        ):
            raise _NotPlain
        return v

    return check


def _years(x: object) -> list[int]:
    if type(x) is not list:
        raise _NotPlain
    return [_whole(v) for v in x]


_YEAR_KEY = re.compile(r"[1-9][0-9]*")


def _kroner_by_year(x: object) -> dict[int, int]:
    """{year: whole kroner}: TOML's keys are text (`2014 = 3200000`); a whole float is kroner."""
    if type(x) is not dict:
        raise _NotPlain
    out = {}
    for k, v in x.items():
        if type(k) is str and _YEAR_KEY.fullmatch(k):
            k = int(k)
        elif type(k) is not int:
            raise _NotPlain
        if type(v) is float and math.isfinite(v) and v.is_integer():
            v = int(v)
        out[k] = _whole(v)
    return out


_SETTINGS = {
    "name": _text,
    "absence": _path,
    "units": _path,
    "national": _path,
    "working_days": _within(_number, above=0),
    "hours_per_day": _within(_number, above=0),
    "level": _one_of(*LEVELS),
    "min_fte": _within(_number, low=0),
}
_TARGETS = {
    "rule": _one_of(*RULES),
    "base_year": _whole,
    "final_year": _whole,
    "benchmark_year": _whole,
    "gap_closure": _within(_number, low=0, high=1),
    "decimals": _within(_whole, low=0, high=4),
    "years": _years,
    "file": _path,
}
_REDUCTION = {
    "model": _one_of(*NAMES),
    "weight": _one_of(*WEIGHTS),
    "cap": _flag,
    "rounding": _within(_whole, above=0),
    "totals": _kroner_by_year,
    "increments": _kroner_by_year,
}
_SHEETS = {f.name: _text for f in fields(SheetsConfig)}


def _read(raw: object, readers: dict) -> dict:
    if type(raw) is not dict or not set(raw) <= set(readers):
        raise _NotPlain
    return {k: readers[k](v) for k, v in raw.items()}


def plain_scenario(raw: dict) -> Scenario | None:
    """The scenario when every setting has its plain TOML type and a valid value (what a
    scenario file usually holds), else None: pydantic then coerces or refuses (see the
    module's docstring)."""
    sub = {"targets": TargetsConfig, "reduction": ReductionConfig, "sheets": SheetsConfig}
    try:
        top = _read({k: v for k, v in raw.items() if k not in sub}, _SETTINGS)
        parts = {
            k: cls(**_read(raw.get(k, {}), readers))
            for (k, cls), readers in zip(sub.items(), (_TARGETS, _REDUCTION, _SHEETS), strict=True)
        }
        return Scenario(**top, **parts)
    except (_NotPlain, TypeError):  # TypeError: a required setting is missing
        return None


# --------------------------------------------------------------------------- the totals


def check_totals(scenario: Scenario) -> None:
    """Totals must not decrease, be multiples of the rounding unit, and match listed increments."""
    red = scenario.reduction
    file = scenario.path
    years = sorted(red.totals)
    for y in years:
        if red.totals[y] < 0:
            raise InputError(
                f"reduction.totals {y}: totalen kan ikke være negativ",
                file=file,
                value=red.totals[y],
            )
    for prev, y in zip(years, years[1:], strict=False):
        if red.totals[y] < red.totals[prev]:
            raise InputError(
                f"reduction.totals: totalen falder fra {prev} ({red.totals[prev]:,} kr.) til {y} "
                f"({red.totals[y]:,} kr.)".replace(",", "."),
                file=file,
                hint="Totalerne er kumulative (varige reduktioner) og må ikke falde.",
            )
    for y, delta in scenario.increments().items():
        if delta % red.rounding:
            raise InputError(
                f"reduction: stigningen i {y} ({delta:,} kr.) er ikke et multiplum af "
                f"afrundingen {red.rounding:,} kr.".replace(",", "."),
                file=file,
                hint="Ret totalerne eller afrundingen (reduction.rounding).",
            )
    if red.increments:
        diffs = scenario.increments()
        for y, listed in sorted(red.increments.items()):
            if y not in diffs:
                raise InputError(
                    f"reduction.increments {y}: året har ingen total i reduction.totals",
                    file=file,
                    hint=f"Årene med totaler er: {', '.join(map(str, years))}.",
                )
            if listed != diffs[y]:
                prev = max((p for p in years if p < y), default=None)
                how = (
                    f"{red.totals[y]:,} − {red.totals[prev]:,} = {diffs[y]:,}"
                    if prev is not None
                    else f"{diffs[y]:,}"
                ).replace(",", ".")
                raise InputError(
                    f"reduction.increments {y}: angivet stigning {listed:,} kr. passer ikke med "
                    f"totalerne ({how} kr.)".replace(",", "."),
                    file=file,
                    value=listed,
                    hint="Ret stigningen eller totalerne, så de stemmer.",
                )
