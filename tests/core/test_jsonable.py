"""jsonable: table columns to plain JSON values (numpy scalars unwrapped, NaN to None)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from sygefravaer.core.jsonable import plain, records


def test_records_match_plain_per_cell():
    # Each column kind the results hold: float with NaN, int64, whole kroner as Python ints in an
    # object column (with a numpy int and an int beyond int64), text, and status with None.
    df = pd.DataFrame(
        {
            "f": [1.5, np.nan, 2.0],
            "i": np.array([1, 2, 3], dtype="int64"),
            "kr": pd.Series([1, np.int64(2), 10**30], dtype=object),
            "t": ["a", "b", "c"],
            "status": pd.Series(["red", None, "green"], dtype=object),
        }
    )
    got = records(df, ["f", "i", "kr", "t", "status", "absent"])
    want = [{c: plain(df[c].iloc[r]) for c in df.columns} for r in range(3)]
    assert got == want
    assert [type(r["kr"]) for r in got] == [int, int, int]
    assert got[1]["f"] is None and not any(
        isinstance(v, float) and math.isnan(v) for r in got for v in r.values()
    )
    json.dumps(got)  # numpy scalars would not serialise
