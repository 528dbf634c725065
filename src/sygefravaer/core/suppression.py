"""Small-unit suppression in the center workbooks (domain.md 3, `min_fte`)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


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
