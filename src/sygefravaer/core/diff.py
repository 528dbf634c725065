"""Old against new results when KRL publishes new averages (issue 6): what changed, for whom.

Pure functions: they compare two TargetSets, StatusResults, AllocationResults, CompareResults or
RunResults computed from the same scenario with the old and the new national file, and return the
changes as plain dicts (`{"level", "center", "sector", "year", "field", "old", "new"}`; compare's
also carry "model", run's "command"), ready for JSON and for the diff tables in report/tables.
A change's old and new are the figures of the old and the new JSON document at that place: money
of the allocation (share, increment, reduction) in whole kroner, potentials, weights and days as
the floats the documents carry. No I/O, no printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import models
from .allocation import AllocationResult, CompareResult
from .jsonable import plain
from .run import RunResult
from .status import StatusResult
from .targets import TargetSet

# The order of a unit's changes; "error": a model of `compare` that can allocate on one side only.
FIELD_ORDER = [
    "error",
    "target",
    "benchmark",
    "status",
    "excess_days",
    "potential",
    "cost",
    "weight",
    "share",
    "increment",
    "reduction",
]
LEVEL_ORDER = ["sector", "center", "municipality"]
# What a status diff compares, per unit, center and the municipality (4.4).
STATUS_FIELDS = ["target", "benchmark", "status", "excess_days", "potential", "cost"]
# What an allocation diff compares per unit; per center and the municipality the sums (4.5).
ALLOCATION_FIELDS = ["target", "status", "weight", "potential", "share", "increment", "reduction"]
SUMMED_FIELDS = ["weight", "potential", "share", "increment", "reduction"]
# Whole kroner (4.5, rounding): ints in the changes, as in the allocate document.
WHOLE_KRONER = ("share", "increment", "reduction")
COLUMNS = ["level", "center", "sector", "year", "field", "old", "new"]


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
        return pd.DataFrame(columns=COLUMNS)
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
    out = []
    for rec in df[COLUMNS].itertuples(index=False, name=None):
        d = {c: plain(v) for c, v in zip(COLUMNS, rec, strict=True)}
        d["year"] = None if d["year"] is None else int(d["year"])
        for k in ("old", "new"):
            if isinstance(d[k], float) and d[k].is_integer() and d["field"] in WHOLE_KRONER:
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


def _municipal(old: dict, new: dict, fields: list[str], year: int) -> pd.DataFrame:
    """The municipality's changed fields, from the two results' municipality dicts."""
    mo = pd.DataFrame([{f: old.get(f) for f in fields}]).assign(k=0)
    mn = pd.DataFrame([{f: new.get(f) for f in fields}]).assign(k=0)
    m = _changes(mo, mn, ["k"], fields, "municipality").drop(columns="k", errors="ignore")
    return m.assign(year=year)


def diff_status(old: StatusResult, new: StatusResult) -> list[dict]:
    """Changed targets, benchmarks, green/red status, excess days, potentials and costs per unit,
    center and the municipality (4.4). A center's and the municipality's excess days and
    potential are their units' sums (core/status.py), so their changes add up too."""
    y, fields = new.target_year, STATUS_FIELDS
    frames = []
    if new.level == "sector" or old.level == "sector":
        units = _changes(old.units, new.units, ["center", "sector"], fields, "sector")
        frames.append(units.assign(year=y))
    frames.append(_changes(old.centers, new.centers, ["center"], fields, "center").assign(year=y))
    frames.append(_municipal(old.municipality, new.municipality, fields, y))
    return _records(frames)


def diff_allocation(old: AllocationResult, new: AllocationResult) -> list[dict]:
    """Changed status, target, weight, potential, share, increment and reduction per unit; the
    centers' and the municipality's sums of weight, potential, share, increment and reduction
    (4.5: the municipality's increment and reduction are the scenario's and do not change)."""
    key = ["center"] if new.level == "center" else ["center", "sector"]
    level = "center" if new.level == "center" else "sector"

    def units(res: AllocationResult) -> pd.DataFrame:
        """The units' compared fields, with the target of the year's status."""
        cols = [c for c in ALLOCATION_FIELDS if c in res.units.columns]
        u = res.units[[*key, *cols]].copy()
        if res.status is not None:
            st = res.status.units[[*key, "target"]]
            u = u.merge(st, on=key, how="left")
        return u

    y = new.year
    frames = [_changes(units(old), units(new), key, ALLOCATION_FIELDS, level).assign(year=y)]
    if level == "sector":
        centers = _changes(old.centers, new.centers, ["center"], SUMMED_FIELDS, "center")
        frames.append(centers.assign(year=y))
    frames.append(_municipal(old.municipality, new.municipality, SUMMED_FIELDS, y))
    return _records(frames)


def diff_compare(old: CompareResult, new: CompareResult) -> list[dict]:
    """Each model's allocation diff (diff_allocation), with "model" first in every change; a
    model that can allocate on one side only (or fails differently) gives an "error" change."""
    out = []
    for m in [m for m in models.NAMES if m in old.models or m in new.models]:
        if m in old.results and m in new.results:
            found = diff_allocation(old.results[m], new.results[m])
        else:
            was, now = (r.errors[m].message if m in r.errors else None for r in (old, new))
            found = [] if was == now else [_error_change(new.year, was, now)]
        out += [{"model": m, **c} for c in found]
    return out


def _error_change(year: int, old: str | None, new: str | None) -> dict:
    """A model's error message on either side (None: it could allocate)."""
    return dict(zip(COLUMNS, ["municipality", None, None, year, "error", old, new], strict=True))


def diff_run(old: RunResult, new: RunResult) -> list[dict]:
    """Every year's status changes (sector level, as run shows them) and its allocation's under
    the scenario's model, each with "command" ("status" or "allocate") after "year": exactly
    what `status --year Y --level sector --diff` and `allocate --year Y --diff` list."""
    out = []
    for y in sorted(set(old.status) | set(new.status)):
        st_old, st_new = old.status.get(y), new.status.get(y)
        if st_old is not None and st_new is not None:
            out += [_tagged(c, "status") for c in diff_status(st_old, st_new)]
        if y in old.allocations and y in new.allocations:
            found = diff_allocation(old.allocations[y], new.allocations[y])
            out += [_tagged(c, "allocate") for c in found]
    return out


def _tagged(change: dict, command: str) -> dict:
    """A change with the command it comes from, after its year."""
    out = {}
    for k, v in change.items():
        out[k] = v
        if k == "year":
            out["command"] = command
    return out


def summary(changes: list[dict]) -> dict:
    """Counts per field and the units and centers whose status flips, for the table and JSON.

    A flip is listed once per year (compare's models and run's status and allocation see the
    same status)."""
    by_field: dict[str, int] = {}
    flips: dict[str, list[dict]] = {"green_to_red": [], "red_to_green": []}
    seen = set()
    for c in changes:
        by_field[c["field"]] = by_field.get(c["field"], 0) + 1
        if c["field"] == "status" and {c["old"], c["new"]} == {"green", "red"}:
            who = {k: c[k] for k in ("level", "center", "sector", "year")}
            if tuple(who.values()) not in seen:
                seen.add(tuple(who.values()))
                flips["green_to_red" if c["new"] == "red" else "red_to_green"].append(who)
    return {"changes": len(changes), "by_field": by_field, **flips}


def lookup(changes: list[dict], **where) -> dict[tuple, dict]:
    """Changes by (level, center, sector, year, field), for highlighting table cells; `where`
    keeps only the changes with those values (model="substitute", command="status")."""
    return {
        (c["level"], c["center"], c["sector"], c["year"], c["field"]): c
        for c in changes
        if all(c.get(k) == v for k, v in where.items())
    }
