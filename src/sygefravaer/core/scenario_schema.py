"""The scenario's settings as pydantic models: the general path of reading a scenario (3.4).

scenario.py reads a scenario whose every setting has its plain TOML type itself (issue 14:
pydantic's import and models cost about 0.1 s of every command); any other scenario is validated
here, where pydantic coerces what it may (`"5"` for 5) and words every problem. Its result is
turned into scenario.py's dataclasses; tests/core/test_scenario_fast.py checks the two agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError
from .models import LEVELS, NAMES, RULES, WEIGHTS

Rule = Literal[RULES]
Model = Literal[NAMES]
Level = Literal[LEVELS]


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
    weight: Literal[WEIGHTS] = "value"
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


def _loc(err: dict) -> str:
    return ".".join(str(p) for p in err.get("loc", ()) if p != "[key]")


def validate(raw: dict, path: Path) -> dict:
    """The scenario's settings from its TOML dict, coerced and checked by pydantic, as plain
    values (sub-tables as dicts); every problem is an InputError naming the file."""
    # TOML tables have string keys; years are written as keys like 2014 = 3200000.
    try:
        return Scenario.model_validate(raw).model_dump()
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
    "dict_type": "skal være en tabel, fx {{ 2014 = 3200000 }}",
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
