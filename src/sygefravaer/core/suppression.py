"""Small-unit suppression in the center workbooks (domain.md 3, `min_fte`)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


SMALL = "small"  # under min_fte
COMPLEMENT = "complement"  # hidden so that a small unit cannot be worked out from the total


def is_small(fte, min_fte: float) -> bool:
    """Fewer than `min_fte` full-time equivalents (domain.md 3); no fte is not small."""
    return min_fte > 0 and not _missing(fte) and fte < min_fte


def hidden_reasons(rows: Sequence[dict], min_fte: float) -> dict:
    """Sector -> why its absence figures are hidden in its center's workbook: SMALL (under
    `min_fte`) or COMPLEMENT (hidden beside the small ones, see `hidden_units`)."""
    hidden = hidden_units(rows, min_fte)
    small = {r["sector"] for r in rows if is_small(r.get("fte"), min_fte)}
    return {sector: SMALL if sector in small else COMPLEMENT for sector in hidden}


def hidden_units(rows: Sequence[dict], min_fte: float) -> set:
    """Sectors of one center whose absence figures are hidden in its workbook.

    Every unit under `min_fte`; and when those together have fewer than `min_fte`, also the
    smallest other units until they reach it (complementary suppression): otherwise the center's
    total minus the units shown would give a small unit's figures back.
    """
    if min_fte <= 0:
        return set()
    known = [r for r in rows if not _missing(r.get("fte"))]
    small = {r["sector"] for r in known if r["fte"] < min_fte}
    if not small:
        return small
    total = sum(r["fte"] for r in known if r["sector"] in small)
    for r in sorted(known, key=lambda r: (r["fte"], str(r["sector"]))):
        if total >= min_fte:
            break
        if r["sector"] not in small:
            small.add(r["sector"])
            total += r["fte"]
    return small
