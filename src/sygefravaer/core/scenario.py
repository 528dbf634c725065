"""The scenario's policy (domain.md 3.4), validated by pydantic, with its totals checked (4.5).

Paths are resolved relative to the scenario file. The consistency of the reduction totals
(non-decreasing, listed increments equal to their differences, multiples of the rounding unit) is
checked here, when the scenario is read, whatever year is asked for later (domain.md 4.5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError
from .models import NAMES

Rule = Literal["glide", "national", "file"]
Model = Literal[NAMES]
Level = Literal["sector", "center"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetsConfig(_Strict):
    """[targets]: how each unit's target is set."""

    rule: Rule = "glide"
    base_year: int | None = None
    final_year: int | None = None
    benchmark_year: int | None = None
    gap_closure: float = Field(1.0, ge=0.0, le=1.0)
    decimals: int = Field(1, ge=0, le=4)
    years: list[int] | None = None
    file: Path | None = None


class ReductionConfig(_Strict):
    """[reduction]: the cumulative totals and how they are distributed."""

    model: Model = "over-target"
    weight: Literal["value", "days"] = "value"
    cap: bool = True
    rounding: int = Field(1, gt=0)
    totals: dict[int, int] = Field(default_factory=dict)
    increments: dict[int, int] | None = None

    @field_validator("totals", "increments", mode="before")
    @classmethod
    def _whole_kroner(cls, v: object) -> object:
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if isinstance(x, float):
                    if not x.is_integer():
                        raise ValueError(f"{k}: beløbet skal være hele kroner, ikke {x}")
                    x = int(x)
                out[k] = x
            return out
        return v


class SheetsConfig(_Strict):
    """[sheets]: the sheet of each xlsx/ods table; without one, the visible active sheet
    (domain.md 3)."""

    absence: str | None = None
    units: str | None = None
    national: str | None = None
    targets: str | None = None


class Scenario(_Strict):
    """A whole scenario; `path` is the scenario file itself (not part of the TOML)."""

    name: str = "Scenarie"
    absence: Path
    units: Path
    national: Path | None = None
    working_days: float = Field(227, gt=0)
    hours_per_day: float = Field(7.4, gt=0)
    level: Level = "sector"
    min_fte: float = Field(5.0, ge=0)
    targets: TargetsConfig = Field(default_factory=TargetsConfig)
    reduction: ReductionConfig = Field(default_factory=ReductionConfig)
    sheets: SheetsConfig = Field(default_factory=SheetsConfig)
    path: Path | None = Field(default=None, exclude=True)

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


def _loc(err: dict) -> str:
    return ".".join(str(p) for p in err.get("loc", ()) if p != "[key]")


def parse_scenario(raw: dict, path: Path) -> Scenario:
    """The scenario from its TOML dict; every problem is an InputError naming the file."""
    path = Path(path)
    # TOML tables have string keys; years are written as keys like 2014 = 3200000.
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _loc(err)
        msg = err.get("msg", "ugyldig værdi")
        hint = None
        if err.get("type") == "extra_forbidden":
            msg = f"ukendt indstilling {where!r}"
            hint = _accepted_hint(err.get("loc", ()))
        elif err.get("type") == "literal_error":
            msg = "ukendt værdi"
            expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
            hint = f"Accepterede værdier: {expected}."
        elif err.get("type") == "missing":
            msg = f"indstillingen {where!r} mangler"
        else:
            msg = _danish(err)
        raise InputError(
            f"{where}: {msg}" if err.get("type") != "extra_forbidden" else msg,
            file=path,
            column=None,
            value=err.get("input")
            if err.get("type") not in ("missing", "extra_forbidden")
            else None,
            hint=hint,
        ) from exc
    scenario.path = path.resolve()
    check_totals(scenario)
    return scenario


# Danish wording of pydantic's most common complaints about a setting's value.
_DANISH = {
    "int_parsing": "skal være et helt tal",
    "int_type": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "float_parsing": "skal være et tal",
    "float_type": "skal være et tal",
    "bool_parsing": "skal være true eller false",
    "bool_type": "skal være true eller false",
    "string_type": "skal være tekst i anførselstegn",
    "path_type": "skal være et filnavn i anførselstegn",
    "dict_type": "skal være en tabel, fx { 2014 = 3200000 }",
    "list_type": "skal være en liste, fx [2018]",
    "greater_than": "skal være større end {gt}",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than_equal": "må højst være {le}",
}


def _danish(err: dict) -> str:
    kind = err.get("type", "")
    if err.get("loc", ())[-1:] == ("[key]",):
        return "skal være et år (et helt tal), fx 2014 = 3200000"
    if kind in _DANISH:
        ctx = {
            k: f"{v:g}".replace(".", ",") if isinstance(v, float) else v
            for k, v in err.get("ctx", {}).items()
        }
        return _DANISH[kind].format(**ctx)
    return str(err.get("msg", "ugyldig værdi")).removeprefix("Value error, ")


def _accepted_hint(loc: tuple) -> str:
    model: type[BaseModel] = Scenario
    if loc and loc[0] == "targets":
        model = TargetsConfig
    elif loc and loc[0] == "reduction":
        model = ReductionConfig
    elif loc and loc[0] == "sheets":
        model = SheetsConfig
    names = [n for n in model.model_fields if n != "path"]
    return f"Accepterede indstillinger her: {', '.join(names)}."


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
