"""Speed-ups of the rules for a million absence rows (issues 7, 14); each gives what its rule
gives (tests/core/test_fast_paths.py, test_fast_core.py).

- `AbsenceSums`: an absence table's units, periods and staff groups numbered once (from the
  reader's codes), and fte and sick_days summed per unit and period in one pass. Made once per
  inputs (`AbsenceSums.of(inputs.absence)`) and passed explicitly to compute_targets,
  compute_status, allocate and compare, which make it when it is not given. Its methods equal
  the rules of core/absence.py (4.1).
- `combined_sums`: exact integer sums per code, `groupby(codes).sum()` in one unbuffered pass.
- `level_codes`, `exact_level_sums`, `level_sums`: the codes of one index level, and sums per
  value of it (exact for integers; floats as pandas adds them).
- `map_distinct`: `Series.map(fn)` with fn called once per distinct text.

Nothing here is remembered between calls: an AbsenceSums is an immutable value made from one
table, and it describes that table as it was when it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..periods import PERIOD
from .absence import (
    EXACT,
    KEY,
    Scales,
    calendar_rows,
    calendar_years,
    levels,
    reference_mask,
    with_exact,
    with_ratio,
)
from .exact import ints, magnitude
from .tables import InputTable


def _frozen(values) -> np.ndarray:
    """A read-only view of `values` (the array itself stays writable for its owner)."""
    view = np.asarray(values).view()
    view.flags.writeable = False
    return view


@dataclass(frozen=True)
class UnitPeriodSums:
    """The exact fte and sick days (integers over the table's Scales) summed per unit and period:
    one entry per (unit, period) with rows, sorted by unit number, then period code; integer
    sums, so exactly what grouping only that period's rows gives. `year` and `quarter` per period
    code are None unless every row of a code has the same ones and no two codes share them (then
    a calendar year's rows are one code's rows).
    """

    unit: np.ndarray
    period: np.ndarray
    fte_n: np.ndarray
    sick_n: np.ndarray
    year: np.ndarray | None
    quarter: np.ndarray | None


@dataclass(frozen=True)
class AbsenceSums:
    """An absence table's units and periods, numbered once, and its sums per unit and period.

    `data`: the table's rows. `unit`: per row the number of its (center, sector) among `keys`,
    the units in sorted order (the numbering of `groupby(KEY, sort=True)`; -1 for a blank key,
    which groupby drops). `period`: per row a period code, `labels[code]` its label; `present`
    the labels that have rows. `sums`: None for an empty table. Make one with
    `AbsenceSums.of(table, hours_per_day)` (from the reader's codes) or
    `AbsenceSums.from_frame(data, hours_per_day=...)`. `data` has the rows' exact columns
    (absence.EXACT) over `scales`. `groups`: per row a code of its staff group and the text of
    each code (`texts[codes]` is the staff_group column), or None.
    """

    data: pd.DataFrame
    scales: Scales
    unit: np.ndarray
    keys: pd.MultiIndex
    period: np.ndarray
    labels: tuple[str, ...]
    present: frozenset
    sums: UnitPeriodSums | None
    groups: tuple[np.ndarray, tuple[str, ...]] | None = None

    @classmethod
    def of(cls, table: InputTable, hours_per_day: float | None = None) -> AbsenceSums:
        """From a validated absence Table: its unit numbers (`sorted_units()`) and period codes
        (`codes["period"]`, canonical labels such as '2013' and '2018Q1') where it has them.
        `hours_per_day` (the scenario's) converts the rows that give sick hours (domain.md 2)."""
        data, scales = with_exact(table.data, hours_per_day)
        units = table.sorted_units()
        groups = _text_codes(table, "staff_group", len(data))
        coded = _text_codes(table, "period", len(data))
        if coded is None or not len(data):
            return cls._from_frame(data, scales, units, groups)
        codes, texts = coded
        return cls._make(data, scales, units, codes, list(texts), True, groups)

    @classmethod
    def from_frame(
        cls,
        data: pd.DataFrame,
        units: tuple[np.ndarray, pd.MultiIndex] | None = None,
        *,
        hours_per_day: float | None = None,
    ) -> AbsenceSums:
        """From an absence frame alone: units numbered by groupby, periods and staff groups
        by factorize."""
        data, scales = with_exact(data, hours_per_day)
        return cls._from_frame(data, scales, units, _factorized(data, "staff_group"))

    @classmethod
    def _from_frame(cls, data: pd.DataFrame, scales: Scales, units, groups) -> AbsenceSums:
        codes, labels = pd.factorize(data["period"])
        return cls._make(data, scales, units, codes, list(labels), False, groups)

    @classmethod
    def _make(cls, data, scales, units, codes, labels: list, canonical: bool, groups):
        if units is None:
            g = data.groupby(KEY, sort=True)
            units = g.ngroup().to_numpy(), g.size().index
        unit, keys = units
        codes = np.asarray(codes)
        counted = codes if not len(codes) or codes.min() >= 0 else codes[codes >= 0]
        used = np.bincount(counted, minlength=len(labels)) > 0
        present = frozenset(x for x, u in zip(labels, used, strict=True) if u)
        sums = _unit_period_sums(data, unit, codes, labels, canonical)
        if groups is not None:
            groups = (_frozen(groups[0]), tuple(groups[1]))
        frozen = _frozen(unit), keys, _frozen(codes), tuple(labels), present, sums, groups
        return cls(data, scales, *frozen)

    def calendar_years(self) -> list[int]:
        """`absence.calendar_years(data)`: the calendar years that have rows, from the period
        codes (no pass over the rows)."""
        ps = self.sums
        if ps is None or ps.year is None:
            return calendar_years(self.data)
        used = np.array([x in self.present for x in self.labels], dtype=bool)
        return sorted(set(ps.year[used & (ps.quarter == 0)].tolist()))

    def has_period(self, label: str) -> bool:
        """Whether any row has period `label`."""
        return label in self.present

    def period_rows(self, label: str) -> np.ndarray:
        """`(data["period"] == label).to_numpy()`, from the period codes."""
        code = self._code(label)
        return self.period == code if code is not None else np.zeros(len(self.period), bool)

    def period_levels(self, label: str) -> pd.DataFrame:
        """`levels(data[data["period"] == label], KEY)` (4.1), from the sums per period."""
        ps = self.sums
        if ps is None:
            return levels(self.data[self.period_rows(label)], KEY, self.scales)
        code = self._code(label)
        return self._levels(ps.period == code if code is not None else ps.period < 0)

    def year_levels(self, year: int) -> pd.DataFrame:
        """`levels` of calendar year `year`'s rows (4.1), from the sums per period."""
        ps = self.sums
        if ps is None or ps.year is None:
            return levels(self.data[calendar_rows(self.data, year)], KEY, self.scales)
        return self._levels((ps.year[ps.period] == year) & (ps.quarter[ps.period] == 0))

    def reference_fte(self, before: int) -> pd.Series:
        """The exact fte per unit (integers over `scales.fte`) over its latest calendar year
        before `before`: `levels` of the rows of `absence.reference_mask` (4.3)."""
        ps = self.sums
        if ps is None or ps.year is None:
            return levels(self.data[self.reference_mask(before)], KEY, self.scales)["fte_n"]
        ey, eq = ps.year[ps.period], ps.quarter[ps.period]
        cand = (eq == 0) & (ey < before)
        latest = np.full(len(self.keys), np.iinfo(np.int64).min, dtype=np.int64)
        np.maximum.at(latest, ps.unit[cand], ey[cand])
        # each unit's latest year: one entry, as no two period codes share a calendar year
        sel = cand & (ey == latest[ps.unit])
        return pd.Series(ps.fte_n[sel], index=self.keys[ps.unit[sel]], name="fte_n")

    def reference_mask(self, before: int) -> np.ndarray:
        """`absence.reference_mask(data, before)`: per unit and year whether it has rows, and
        each unit's latest such year, on the unit numbers (no hash grouping per target year)."""
        absence = self.data
        cal = ((absence["quarter"] == 0) & (absence["year"] < before)).to_numpy()
        unit, year = self.unit, absence["year"].to_numpy()
        keep = cal & (unit >= 0)  # -1: a blank key, as groupby drops
        if not keep.any():
            return keep
        y0, y1 = int(year[keep].min()), int(year[keep].max())
        if y1 - y0 >= 1000:
            return reference_mask(absence, before)
        seen = np.zeros((int(unit.max()) + 1, y1 - y0 + 1), dtype=bool)
        seen[unit[keep], year[keep] - y0] = True
        latest = y1 - np.argmax(seen[:, ::-1], axis=1)
        keep[keep] = year[keep] == latest[unit[keep]]
        return keep

    def glide_reference_mask(self, base_year: int) -> np.ndarray:
        """`absence.glide_reference_mask(data, base_year)`: the base-year rows, and for a unit
        without any its earliest calendar year's, on the unit numbers (4.3). Only the units
        missing the base year cost more than the base-year mask."""
        ps = self.sums
        if ps is not None and ps.year is not None:
            # the base year's period code (at most one), and the units with entries in it
            code = np.flatnonzero((ps.year == base_year) & (ps.quarter == 0)).tolist() or [-1]
            has_base = np.zeros(len(self.keys), dtype=bool)
            has_base[ps.unit[ps.period == code[0]]] = True
            if has_base[ps.unit[ps.quarter[ps.period] == 0]].all():  # every unit has them
                return (self.period == code[0]) & (self.unit >= 0)
        absence = self.data
        cal = ((absence["quarter"] == 0).to_numpy()) & (self.unit >= 0)  # -1: a blank key
        year = absence["year"].to_numpy()
        base = cal & (year == base_year)
        if not cal.any():
            return base
        n = int(self.unit.max()) + 1
        has_base = np.zeros(n, dtype=bool)
        has_base[self.unit[base]] = True
        if has_base[self.unit[cal]].all():
            return base
        earliest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(earliest, self.unit[cal], year[cal])
        chosen = np.where(has_base, base_year, earliest)
        return cal & (year == chosen[np.maximum(self.unit, 0)])

    def _code(self, label: str) -> int | None:
        """The code of period `label`; None when no code has that label."""
        return next((i for i, u in enumerate(self.labels) if u == label), None)

    def _levels(self, sel: np.ndarray) -> pd.DataFrame:
        """fte, sick_days and days_per_fte of the selected entries, one per unit, with the exact
        sums (absence.EXACT)."""
        ps = self.sums
        index = self.keys[ps.unit[sel]]
        exact = {"fte_n": ps.fte_n[sel], "sick_n": ps.sick_n[sel]}
        frame = pd.DataFrame({"fte": 0.0, "sick_days": 0.0, **exact}, index=index)
        return with_ratio(frame, self.scales)


def _text_codes(table: InputTable, column: str, n: int):
    """A table's (codes, texts) of one text column, when it has codes for every row."""
    codes, texts = table.codes.get(column), table.code_texts.get(column)
    if codes is None or texts is None or len(codes) != n or (n and codes.min() < 0):
        return None
    return np.asarray(codes), tuple(texts)


def _factorized(data: pd.DataFrame, column: str):
    """(codes, texts) of a column whose every cell is text, by factorize; else None."""
    if column not in data.columns or data[column].isna().any():
        return None
    if pd.api.types.infer_dtype(data[column], skipna=False) not in ("string", "empty"):
        return None
    codes, texts = pd.factorize(data[column])
    return codes, tuple(texts)


def _unit_period_sums(
    absence: pd.DataFrame, unit: np.ndarray, pcodes: np.ndarray, labels: list, canonical: bool
) -> UnitPeriodSums | None:
    """fte and sick_days per (unit, period) in one grouping of the whole table."""
    k, n = len(labels), len(absence)
    if n == 0 or k == 0 or pcodes.min() < 0:
        return None
    fte, sick = absence[EXACT[0]].to_numpy(), absence[EXACT[1]].to_numpy()
    combined = np.multiply(unit, k, dtype=np.int64)
    combined += pcodes
    ok = unit >= 0  # -1: a blank key, as groupby drops
    if not ok.all():
        combined, fte, sick = combined[ok], fte[ok], sick[ok]
    comb, (fte_n, sick_n) = combined_sums(combined, [fte, sick], k * (int(unit.max()) + 1))
    if canonical:
        year, quarter = _label_periods(labels)
    else:
        year, quarter = _row_periods(absence, pcodes, k)
    return UnitPeriodSums(
        _frozen(comb // k), _frozen(comb % k), _frozen(fte_n), _frozen(sick_n), year, quarter
    )


def combined_sums(codes: np.ndarray, columns: list[np.ndarray], size: int):
    """The codes 0..size-1 that occur (sorted) and each integer column's exact sums per code:
    `groupby(codes, sort=True).sum()` on Python ints. int64 columns whose sums cannot pass int64
    are added per code in one unbuffered pass over a table of `size` codes when that is no
    larger than the rows (issue 14: no hashing or sorting of a million codes); others (Python
    ints, or codes spread over more than the rows) go by pandas' grouping, exactly."""
    n = max(len(codes), 1)
    safe = [(t := magnitude(c)) is not None and (t + 1) * n < 2**63 for c in columns]
    if all(safe) and size <= max(n, 1 << 16):
        used = np.flatnonzero(np.bincount(codes, minlength=size))
        out = []
        for c in columns:
            total = np.zeros(size, dtype=np.int64)
            np.add.at(total, codes, c)
            out.append(total[used])
        return used, out
    cols = {i: c if ok else ints(c) for i, (c, ok) in enumerate(zip(columns, safe, strict=True))}
    g = pd.DataFrame(cols, copy=False).groupby(codes, sort=True).sum()
    return g.index.to_numpy(), [g[i].to_numpy() for i in range(len(columns))]


def _label_periods(labels: list) -> tuple[np.ndarray, np.ndarray]:
    """Year and quarter per code from the reader's labels: '2013' is (2013, 0), '2018Q1'
    (2018, 1); a label that is no period (the unused '') is (-1, -1)."""
    parsed = [PERIOD.match(str(x)) for x in labels]
    year = np.array([int(m.group(1)) if m else -1 for m in parsed], dtype=np.int64)
    quarter = np.array([int(m.group(2) or 0) if m else -1 for m in parsed], dtype=np.int64)
    return year, quarter


def _row_periods(absence: pd.DataFrame, pcodes: np.ndarray, k: int):
    """Year and quarter per code from the rows, or (None, None) unless the rows of each code
    share their year and quarter and no two codes share them."""
    n = len(absence)
    year, quarter = absence["year"].to_numpy(), absence["quarter"].to_numpy()
    rep = np.full(k, -1, dtype=np.int64)
    rep[pcodes] = np.arange(n)  # a row of each period code
    used = rep >= 0
    py, pq = np.where(used, year[rep], -1), np.where(used, quarter[rep], -1)
    yq = py[used] * 10 + pq[used]
    if (
        (py[pcodes] == year).all()
        and (pq[pcodes] == quarter).all()
        and len(np.unique(yq)) == len(yq)
    ):
        return py, pq
    return None, None


def same_index(a: pd.Index, b: pd.Index) -> bool:
    """`a.equals(b)`, from the codes where two MultiIndexes share their levels (issue 14:
    pandas compares the values of every level, 2 ms for 58,800 units)."""
    if a is b:
        return True
    if isinstance(a, pd.MultiIndex) and isinstance(b, pd.MultiIndex) and len(a) == len(b):
        if a.nlevels == b.nlevels and all(x is y for x, y in zip(a.levels, b.levels, strict=True)):
            return all(np.array_equal(x, y) for x, y in zip(a.codes, b.codes, strict=True))
    return a.equals(b)


def level_codes(index: pd.Index, level: str) -> tuple[np.ndarray, pd.Index]:
    """Per entry of `index` the number of its `level` value among the values that occur, in
    sorted order, and those values: `pd.factorize(index.get_level_values(level), sort=True)`,
    from a MultiIndex's codes where its level is sorted (issue 14: no hashing of the texts)."""
    if isinstance(index, pd.MultiIndex):
        i = index.names.index(level)
        values, codes = index.levels[i], index.codes[i]
        if values.is_monotonic_increasing and not (len(codes) and codes.min() < 0):
            present = np.bincount(codes, minlength=len(values)) > 0
            if present.all():
                return np.asarray(codes, dtype=np.intp), values.rename(level)
            number = np.cumsum(present) - 1
            return number[codes], values[present].rename(level)
    codes, uniques = pd.factorize(index.get_level_values(level), sort=True)
    return codes, pd.Index(uniques, name=level)


def exact_level_sums(index: pd.Index, level: str, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """Exact sums of integer columns (int64 or Python ints) per value of one index level, in
    sorted order: `level_sums` on Python ints, with int64 passes where no sum can pass int64."""
    codes, values = level_codes(index, level)
    cols = [np.asarray(c) for c in columns.values()]
    if len(codes) and codes.min() < 0:  # a missing value: no group, as groupby drops it
        keep = codes >= 0
        codes, cols = codes[keep], [c[keep] for c in cols]
    used, sums = combined_sums(codes, cols, len(values))
    return pd.DataFrame(dict(zip(columns, sums, strict=True)), index=values[used])


def level_sums(index: pd.Index, level: str, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """Sums of equal-length columns per value of one index level, in sorted order: for each
    column, `pd.Series(values, index=index).groupby(level=level, sort=True).sum()`.

    Grouped on the level's codes in one pass where the level's values are sorted and no code is
    missing (issue 7), else by pandas' grouping on the level. The columns stay apart (no NaN in
    one column changes how pandas adds another).
    """
    if isinstance(index, pd.MultiIndex):
        i = index.names.index(level)
        values, codes = index.levels[i], index.codes[i]
        if values.is_monotonic_increasing and not (len(codes) and codes.min() < 0):
            g = pd.DataFrame(columns, copy=False).groupby(codes, sort=True).sum()
            return g.set_axis(pd.Index(values[g.index.to_numpy()], name=level))
    frame = pd.DataFrame(columns, index=index, copy=False)
    return frame.groupby(level=level, sort=True).sum()


def map_distinct(values: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """`values.map(fn)`, with fn called once per distinct text (no Python call per row)."""
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
        codes, uniques = pd.factorize(values)
        out = np.array([fn(u) for u in uniques], dtype=object)
        return pd.Series(out[codes], index=values.index, dtype=object)
    return values.map(fn)
