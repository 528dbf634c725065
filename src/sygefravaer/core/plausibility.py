"""Plausibility warnings (domain.md 3, issue 9): figures that may be right but are doubtful.

Each warning names its file, the period and the unit or the municipality, with the figures
behind it, so that an analyst can find the cause (hours in the days column, percentages, totals
typed in thousands). The checks are vectorised over the units; text is made only for the units
a check flags, and a warning lists at most `LISTED` of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputWarning

# domain.md 3: Danish municipalities have between 2 and 40 sick days per fte.
LOW_DAYS = 2.0
HIGH_DAYS = 40.0
LISTED = 10  # units named in one warning; the rest are counted


def unique_warnings(*groups: Iterable[InputWarning]) -> list[InputWarning]:
    """The warnings of `groups` in order, each once (the first time it occurs)."""
    return list(dict.fromkeys(w for group in groups for w in group))


def number(x: float, decimals: int = 2) -> str:
    """A figure in Danish form with at most `decimals` decimals, trailing zeros dropped
    (9.516,4; 80; 12,25); a figure under 1 with three significant digits (0,00525)."""
    x = float(x)
    if 0 < abs(x) < 1:
        text = np.format_float_positional(x, precision=3, unique=False, fractional=False)
    else:
        text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def kroner(n: int) -> str:
    """Whole kroner as the messages show them: 100.000 kr."""
    return f"{n:,} kr.".replace(",", ".")


def listed(items: Sequence[str], total: int | None = None) -> str:
    """The first LISTED of `items`, comma-separated, and how many more of `total` there are."""
    total = len(items) if total is None else total
    rest = total - min(len(items), LISTED)
    return ", ".join(items[:LISTED]) + (f" og {rest} flere" if rest > 0 else "")


def unit_name(key: object) -> str:
    """A unit as the messages name it: center / sector (or the center alone)."""
    return " / ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def _figures(dpf: float, sick: float, fte: float) -> str:
    """Days per fte with the sums behind it (4.1: the ratio of the sums)."""
    sums = f"{number(sick)} sygefraværsdage / {number(fte)} årsværk"
    return f"{number(dpf, 1)} dage pr. årsværk ({sums})"


_HINT = {
    "over": "Er det sygefraværstimer i sygefraværsdagenes kolonne? Så skal kolonnen hedde "
    "Sygefraværstimer (timerne omregnes til dage).",
    "under": "Er det fraværsprocenter eller andele (fx 4,5 % gemt som 0,045) i "
    "sygefraværsdagenes kolonne? Kolonnen skal have antal dage.",
}


def days_per_fte_warnings(
    levels: pd.DataFrame, period: str, file: str | Path | None, min_fte: float
) -> list[InputWarning]:
    """Days per fte outside LOW_DAYS..HIGH_DAYS (domain.md 3) in `period`: the municipality's
    (the ratio of the sums, 4.1), then the units with at least `min_fte` fte, each side once.

    `levels`: fte, sick_days and days_per_fte per unit, indexed by the unit key.
    """
    name = Path(file).name if file is not None else "fraværstabellen"
    fte = levels["fte"].to_numpy(dtype="float64")
    sick = levels["sick_days"].to_numpy(dtype="float64")
    dpf = levels["days_per_fte"].to_numpy(dtype="float64")
    out = _municipal_warning(float(sick.sum()), float(fte.sum()), name, period, file)
    with np.errstate(invalid="ignore"):  # NaN: a unit without fte has no level
        big = fte >= min_fte
        sides = {"over": big & (dpf > HIGH_DAYS), "under": big & (dpf < LOW_DAYS)}
    for side, hit in sides.items():
        if hit.any():
            figures = [dpf[hit], sick[hit], fte[hit]]
            where = (name, period, min_fte, file)
            out.append(_units_warning(levels.index[hit], *figures, side, *where))
    return out


def _municipal_warning(sick: float, fte: float, name: str, period: str, file) -> list:
    """The municipality's days per fte, the ratio of the sums (4.1), if outside the bounds."""
    dpf = sick / fte if fte > 0 else np.nan
    side = "over" if dpf > HIGH_DAYS else "under" if dpf < LOW_DAYS else None
    if side is None:
        return []
    text = f"{name}, {period}: kommunens sygefravær er {_figures(dpf, sick, fte)}"
    return [InputWarning(f"{text}, {_bound(side)}. {_HINT[side]}", file=file)]


def _bound(side: str) -> str:
    """The bound a figure passes, and what Danish municipalities have (domain.md 3)."""
    limit = number(HIGH_DAYS if side == "over" else LOW_DAYS)
    return (
        f"{side} {limit} (danske kommuner har mellem {number(LOW_DAYS)} og "
        f"{number(HIGH_DAYS)} dage pr. årsværk)"
    )


def _units_warning(keys, dpf, sick, fte, side, name, period, min_fte, file) -> InputWarning:
    """One warning for the units on one side of the bounds, each with its figures."""
    n = len(keys)
    first = zip(keys[:LISTED], dpf[:LISTED], sick[:LISTED], fte[:LISTED], strict=True)
    items = [f"{unit_name(k)}: {_figures(d, s, f)}" for k, d, s, f in first]
    return InputWarning(
        f"{name}, {period}: {n} {'enhed' if n == 1 else 'enheder'} med mindst "
        f"{number(min_fte)} årsværk har sygefravær {_bound(side)}: {listed(items, n)}. "
        f"{_HINT[side]}",
        file=file,
    )
