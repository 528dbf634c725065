"""Plain-Python values for JSON: numpy scalars to int/float, NaN to None."""

from __future__ import annotations

import math

import numpy as np


def plain(v):
    """A JSON-ready value: numpy scalars unwrapped, NaN and missing as None."""
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if math.isnan(f) else f
    return v


def records(df, columns: list[str]) -> list[dict]:
    """Rows of `df` as dicts with the given columns (missing columns skipped)."""
    cols = [c for c in columns if c in df.columns]
    return [
        {c: plain(v) for c, v in zip(cols, row, strict=True)}
        for row in df[cols].itertuples(index=False, name=None)
    ]
