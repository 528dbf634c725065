"""Old against new results when KRL publishes new averages (issue 6): what changed, for whom.

Pure functions: they compare two TargetSets, StatusResults or AllocationResults computed from the
same scenario with the old and the new national file, and return the changes as plain dicts
(`{"level", "center", "sector", "year", "field", "old", "new"}`), ready for JSON and for the diff
tables in report/tables.py. No I/O, no printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .allocation import AllocationResult
from .jsonable import plain
from .status import StatusResult
from .targets import TargetSet

FIELD_ORDER = ["target", "benchmark", "status", "increment", "reduction"]
LEVEL_ORDER = ["sector", "center", "municipality"]


def _changes(
    old: pd.DataFrame, new: pd.DataFrame, key: list[str], fields: list[str], level: str
) -> pd.DataFrame:
    """Rows (key..., field, old, new) where a field differs between two tables keyed alike."""
    cols = [f for f in fields if f in old.columns or f in new.columns]
    a = old.reindex(columns=key + cols)
    b = new.reindex(columns=key + cols)
    m = a.merge(b, on=key, how="outer", suffixes=("_old", "_new"), sort=True)
    parts = []
    for f in cols:  # one vectorised comparison per field
        o, n = m[f"{f}_old"], m[f"{f}_new"]
        o_na, n_na = o.isna(), n.isna()
        on = pd.to_numeric(o, errors="coerce")
        nn = pd.to_numeric(n, errors="coerce")
        numeric = on.notna() & nn.notna()
        if numeric.any():
            # Each figure is its exact value correctly rounded (4.5, exact): equal floats are
            # an unchanged figure, any other difference is a change.
            differ_num = on != nn
        else:
            differ_num = pd.Series(False, index=m.index)
        differ_text = o.astype(object).ne(n.astype(object))
        differ = (o_na != n_na) | (~o_na & ~n_na & np.where(numeric, differ_num, differ_text))
        hit = m.loc[differ.to_numpy(), key].copy()
        hit["field"] = f
        hit["old"] = o[differ.to_numpy()].astype(object).to_numpy()
        hit["new"] = n[differ.to_numpy()].astype(object).to_numpy()
        parts.append(hit)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if out.empty:
        return pd.DataFrame(columns=["level", "center", "sector", "year", "field", "old", "new"])
    out["level"] = level
    for k in ("center", "sector", "year"):
        if k not in out.columns:
            out[k] = None
    return out


def _records(frames: list[pd.DataFrame]) -> list[dict]:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return []
    df = pd.concat(frames, ignore_index=True)
    df["_l"] = df["level"].map(LEVEL_ORDER.index)
    df["_f"] = df["field"].map(FIELD_ORDER.index)
    df["_c"] = df["center"].fillna("")
    df["_s"] = df["sector"].fillna("")
    df["_y"] = df["year"].fillna(0).astype(int)
    df = df.sort_values(["_l", "_c", "_s", "_y", "_f"], kind="stable")
    cols = ["level", "center", "sector", "year", "field", "old", "new"]
    out = []
    for rec in df[cols].itertuples(index=False, name=None):
        d = {c: plain(v) for c, v in zip(cols, rec, strict=True)}
        d["year"] = None if d["year"] is None else int(d["year"])
        for k in ("old", "new"):
            if isinstance(d[k], float) and d[k].is_integer() and d["field"] in ("increment",):
                d[k] = int(d[k])
        out.append(d)
    return out


def _by_year(table: pd.DataFrame, key: list[str], years: list[int], name: str) -> pd.DataFrame:
    """A wide table (one column per year, indexed by key) as rows key..., year, name."""
    df = table.reindex(columns=years).copy()
    df.columns = [int(c) for c in df.columns]
    long = df.reset_index().melt(id_vars=key, var_name="year", value_name=name)
    long["year"] = long["year"].astype(int)
    return long


def diff_targets(old: TargetSet, new: TargetSet) -> list[dict]:
    """Changed targets and benchmarks per unit, center and the municipality, for every year."""
    years = sorted(set(old.years) | set(new.years))
    key = ["center", "sector"]
    units = []
    for ts in (old, new):
        t = _by_year(ts.units, key, years, "target")
        b = _by_year(ts.benchmark, key, years, "benchmark")
        units.append(t.merge(b, on=[*key, "year"], how="outer"))
    centers = [_by_year(ts.centers, ["center"], years, "target") for ts in (old, new)]
    muni = [
        pd.DataFrame({"year": years, "target": [ts.municipality.get(y) for y in years]})
        for ts in (old, new)
    ]
    return _records(
        [
            _changes(units[0], units[1], [*key, "year"], ["target", "benchmark"], "sector"),
            _changes(centers[0], centers[1], ["center", "year"], ["target"], "center"),
            _changes(muni[0], muni[1], ["year"], ["target"], "municipality"),
        ]
    )


def diff_status(old: StatusResult, new: StatusResult) -> list[dict]:
    """Changed targets and green/red status per unit, center and the municipality."""
    fields = ["target", "status"]
    frames = []
    if new.level == "sector" or old.level == "sector":
        frames.append(
            _changes(old.units, new.units, ["center", "sector"], fields, "sector").assign(
                year=new.target_year
            )
        )
    frames.append(
        _changes(old.centers, new.centers, ["center"], fields, "center").assign(
            year=new.target_year
        )
    )
    mo = pd.DataFrame([{f: old.municipality.get(f) for f in fields}]).assign(k=0)
    mn = pd.DataFrame([{f: new.municipality.get(f) for f in fields}]).assign(k=0)
    m = _changes(mo, mn, ["k"], fields, "municipality").drop(columns="k", errors="ignore")
    frames.append(m.assign(year=new.target_year))
    return _records(frames)


def diff_allocation(old: AllocationResult, new: AllocationResult) -> list[dict]:
    """Changed status, target, increment and reduction per unit; increment and reduction per
    center (the totals do not change: the same scenario distributes the same amounts)."""
    key = ["center"] if new.level == "center" else ["center", "sector"]
    level = "center" if new.level == "center" else "sector"

    def units(res: AllocationResult) -> pd.DataFrame:
        """The units' compared fields, with the target of the year's status."""
        u = res.units[[*key, "status", "increment", "reduction"]].copy()
        if res.status is not None:
            st = res.status.units[[*key, "target"]]
            u = u.merge(st, on=key, how="left")
        return u

    frames = [
        _changes(
            units(old), units(new), key, ["target", "status", "increment", "reduction"], level
        ).assign(year=new.year)
    ]
    if level == "sector":
        frames.append(
            _changes(
                old.centers, new.centers, ["center"], ["increment", "reduction"], "center"
            ).assign(year=new.year)
        )
    return _records(frames)


def summary(changes: list[dict]) -> dict:
    """Counts per field and the units and centers whose status flips, for the table and JSON."""
    by_field: dict[str, int] = {}
    flips: dict[str, list[dict]] = {"green_to_red": [], "red_to_green": []}
    for c in changes:
        by_field[c["field"]] = by_field.get(c["field"], 0) + 1
        if c["field"] == "status" and {c["old"], c["new"]} == {"green", "red"}:
            who = {"level": c["level"], "center": c["center"], "sector": c["sector"]}
            flips["green_to_red" if c["new"] == "red" else "red_to_green"].append(who)
    return {"changes": len(changes), "by_field": by_field, **flips}


def lookup(changes: list[dict]) -> dict[tuple, dict]:
    """Changes by (level, center, sector, year, field), for highlighting table cells."""
    return {(c["level"], c["center"], c["sector"], c["year"], c["field"]): c for c in changes}
