"""Periods (domain.md 2): `2013` is a calendar year, `2018Q1` the 12 months ending that quarter."""

from __future__ import annotations

import re

from .errors import InputError

PERIOD = re.compile(r"^(\d{4})(?:-?Q([1-4]))?$")


def period_text(v: object) -> str:
    """A period cell as text to match PERIOD: `2013.0` (a number cell) is 2013, spaces dropped."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip().upper().replace(" ", "")


def parse_period(text: object) -> tuple[int, int]:
    """`2013` -> (2013, 0); `2018Q1` -> (2018, 1); anything else is an input error."""
    m = PERIOD.match(period_text(text))
    if not m:
        raise InputError(
            f"perioden {text!r} er ikke et år eller et kvartal",
            hint="Skriv et kalenderår som 2017 eller et kvartal som 2018Q1.",
        )
    return int(m.group(1)), int(m.group(2) or 0)


def period_label(year: int, quarter: int) -> str:
    """The canonical label the tables use: `2013` or `2018Q1`."""
    return f"{year}Q{quarter}" if quarter else str(year)
