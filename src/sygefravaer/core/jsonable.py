"""Plain-Python values for JSON: numpy scalars to int/float, NaN to None."""

from __future__ import annotations

import math
from itertools import repeat

import numpy as np
import pandas as pd


def plain(v: object) -> object:
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


def records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows of `df` as dicts with the given columns (missing columns skipped)."""
    cols = [c for c in columns if c in df.columns]
    if not cols:
        return [{} for _ in range(len(df))]
    values = [_plain_column(df[c]) for c in cols]
    rows = zip(*values, strict=True)
    return list(map(dict, map(zip, repeat(cols), rows)))  # no Python frame per row


def _plain_column(s: pd.Series) -> list:
    """A column as plain values, like `plain` per cell; numpy columns in bulk (issue 7)."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iubf":
        arr = s.to_numpy()
        out = arr.tolist()
        if s.dtype.kind == "f" and np.isnan(arr).any():
            out = [None if v != v else v for v in out]
        return out
    if s.dtype == object:
        kind = pd.api.types.infer_dtype(s, skipna=False)
        if kind == "string":
            return s.tolist()  # plain() leaves text as it is
        if kind == "integer":  # whole kroner as Python ints (numpy ints among them unwrapped)
            return list(map(int, s.tolist()))
    return [plain(v) for v in s.tolist()]
