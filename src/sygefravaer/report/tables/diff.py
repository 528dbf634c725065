"""Old against new (issues 6 and 13): the targets, status, allocation, compare and run tables of
the new result, each changed figure shown as 'old → new' (money as '1.234 → 1.300 kr.'), an
unchanged one as its value, and a line saying how many changed and who flipped.

`changes` is diff.lookup(...) of the core's diff: (level, center, sector, year, field) ->
{"old", "new"}. Every total row is a figure of the core's result (a center's and the
municipality's sums), never summed here. Names are user data: every name is a Text, so rich
markup in it is printed as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.table import Table
from rich.text import Text

from ...core import models
from ...core.diff import lookup
from ...core.status import shown_decimals
from .labels import DIFF_LABELS, LABELS, dot, kr, level_label, number
from .targets import target_rows, targets_frame

__all__ = [
    "allocation_diff_table",
    "compare_diff_table",
    "diff_note",
    "kr_pair",
    "run_diff_tables",
    "status_diff_table",
    "targets_diff_table",
]


def _name(text: str, bold: bool = False) -> Text:
    """A center's or sector's name exactly as written (no markup read), bold for a center."""
    return Text(text, style="bold" if bold else "")


def _arrow(old: str, new: str, style: str) -> Text:
    """'old → new' for a changed cell, highlighted."""
    return Text(f"{old} → {new}", style=f"bold {style}")


def _up(change) -> bool:
    """The figure grew from old to new (a missing figure counts as 0)."""
    return (change["new"] or 0) > (change["old"] or 0)


def _num_cell(change, value, decimals: int, lang: str, style: str = "") -> Text:
    """A number, or 'old → new' (yellow) where it changed."""
    if change is None:
        return Text(number(value, decimals, lang), style=style)
    o, n = change["old"], change["new"]
    return _arrow(number(o, decimals, lang), number(n, decimals, lang), "yellow")


def kr_pair(old, new, lang: str = "da") -> str:
    """'1.234 → 1.300 kr.' (Danish) or 'DKK 1,234 → 1,300': kroner old → new, the unit once."""
    if lang == "da":
        return f"{number(_whole(old), 0, lang)} → {number(_whole(new), 0, lang)} kr."
    return f"DKK {number(_whole(old), 0, lang)} → {number(_whole(new), 0, lang)}"


def _whole(x):
    """Kroner shown whole, as labels.kr shows them (None stays missing)."""
    return x if x is None else round(float(x))


def _kr_cell(change, value, lang: str, style: str = "") -> Text:
    """Kroner, or 'old → new' where changed: red when the amount grows, green when it falls."""
    if change is None:
        return Text(kr(value, lang), style=style)
    colour = "red" if _up(change) else "green"
    return Text(kr_pair(change["old"], change["new"], lang), style=f"bold {colour}")


def _status_cell(change, value, lang: str) -> Text:
    """A status dot, or 'grøn → rød' (red) / 'rød → grøn' (green) when it flipped."""
    if change is None:
        return dot(value, lang)
    t = Text()
    t.append_text(dot(change["old"], lang))
    t.append(" → ", style="bold")
    t.append_text(dot(change["new"], lang))
    t.stylize("bold reverse" if change["new"] == "red" else "bold")
    return t


def _title(text: str) -> Text:
    """A table title as written (the scenario's name is user data)."""
    return Text(text)


def diff_note(summary: dict, lang: str = "da", old: str = "", new: str = "") -> Text:
    """One line under a diff table: how many changes, who flipped, and which files."""
    D = DIFF_LABELS[lang]
    t = Text()
    if old or new:
        t.append(D["files"].format(old=old, new=new) + "\n", style="dim")
    if not summary["changes"]:
        t.append(D["none"])
        return t
    t.append(D["count"].format(n=summary["changes"]), style="bold")
    years = {w.get("year") for w in summary["green_to_red"] + summary["red_to_green"]}

    def who(items) -> str:
        """'center / sector, ...' of the units that flipped (the municipality by its label),
        with the year where the changes span several."""
        names = []
        for w in items:
            name = " / ".join(x for x in (w["center"], w["sector"]) if x) or LABELS[lang]["total"]
            names.append(f"{name} ({w['year']})" if len(years) > 1 else name)
        return ", ".join(names)

    if summary["green_to_red"]:
        t.append(f"\n{D['g2r']}: ", style="bold red")
        t.append(who(summary["green_to_red"]))
    if summary["red_to_green"]:
        t.append(f"\n{D['r2g']}: ", style="bold green")
        t.append(who(summary["red_to_green"]))
    return t


def targets_diff_table(old, new, changes: dict, name: str, lang: str = "da") -> Table:
    """The targets table of the new result, each changed figure shown as 'old → new'.

    `changes` is diff.lookup(...) of diff.diff_targets(old, new).
    """
    d, years = new.decimals, new.years
    first = years[0]

    def target(level: str, center, sector, y, value, style=""):
        """A target, or 'old → new' where it changed."""
        change = changes.get((level, center, sector, y, "target"))
        return _num_cell(change, value, d, lang, style)

    t = targets_frame(_title(DIFF_LABELS[lang]["targets"].format(name=name)), years, lang)
    for center, crow, sectors in target_rows(new):
        cells = [target("center", center, None, y, crow[y], "bold") for y in years]
        t.add_row(_name(center, True), "", *cells)
        for sector, b, row in sectors:
            bc = changes.get(("sector", center, sector, first, "benchmark"))
            cells = [target("sector", center, sector, y, row[y]) for y in years]
            t.add_row(_name(f"  {sector}"), _num_cell(bc, b, 2, lang), *cells)
    t.add_section()
    total = [target("municipality", None, None, y, new.municipality[y], "bold") for y in years]
    t.add_row(_name(LABELS[lang]["total"], True), "", *total)
    return t


# The status table's columns (report/tables/status.py), the changed figures as old → new.
_STATUS_COLUMNS = "unit status fte days_per_fte target gap excess_days potential cost".split()


@dataclass(frozen=True)
class _StatusDiff:
    """The status diff table's cells: the year, the changes, the old gaps and the decimals of
    days per fte by row key (level, center, sector)."""

    year: int
    changes: dict
    old_gap: dict
    shown: dict
    lang: str
    decimals: int

    def cells(self, label: str, r, key: tuple, bold: bool = False) -> list:
        """One row; the gap shows 'old → new' where the target moved (it follows the target)."""
        lang = self.lang

        def change(field: str):
            return self.changes.get((*key, self.year, field))

        style = "bold" if bold else ""
        gap = Text(number(r["gap"], 2, lang), style=style)
        if change("target") is not None and key in self.old_gap:
            gap = _arrow(number(self.old_gap[key], 2, lang), number(r["gap"], 2, lang), "yellow")
        return [
            _name(label, bold),
            _status_cell(change("status"), r["status"], lang),
            Text(number(r["fte"], 1, lang), style=style),
            Text(number(r["days_per_fte"], self.shown.get(key, 2), lang), style=style),
            _num_cell(change("target"), r["target"], self.decimals, lang, style),
            gap,
            _num_cell(change("excess_days"), r["excess_days"], 1, lang, style),
            _kr_cell(change("potential"), r["potential"], lang, style),
            _kr_cell(change("cost"), r["cost"], lang, style),
        ]


def _status_rows(res) -> list[tuple[tuple, object]]:
    """(level, center, sector) and the row of every unit, center and the municipality."""
    rows = [(("municipality", None, None), res.municipality)]
    rows += [(("center", c["center"], None), c) for _, c in res.centers.iterrows()]
    if res.level == "sector":
        rows += [(("sector", r["center"], r["sector"]), r) for _, r in res.units.iterrows()]
    return rows


def _old_gaps(old) -> dict:
    """(level, center, sector) -> gap in the old status: municipality, centers, sectors."""
    return {key: r["gap"] for key, r in _status_rows(old)}


def _shown(old, new) -> dict:
    """(level, center, sector) -> decimals of days per fte: two, more where the rounded figure
    would equal the old or the new target of a red row (domain.md 4.4)."""
    before = dict(_status_rows(old))
    keys, rows = zip(*_status_rows(new), strict=True)
    dpf = np.array([r["days_per_fte"] for r in rows], dtype="float64")
    out = shown_decimals(
        dpf, np.array([r["target"] for r in rows]), np.array([r["status"] == "red" for r in rows])
    )
    if all(k in before for k in keys):
        prior = [before[k] for k in keys]
        was = shown_decimals(
            dpf,
            np.array([r["target"] for r in prior]),
            np.array([r["status"] == "red" for r in prior]),
        )
        out = np.maximum(out, was)
    return dict(zip(keys, out.tolist(), strict=True))


def status_diff_table(old, new, changes: dict, name: str, lang: str = "da", decimals: int = 1):
    """The new status table with every changed figure (target, status, excess days,
    potential, cost; the gap with the target) shown as 'old → new'."""
    L = LABELS[lang]
    y = new.target_year
    t = Table(
        title=_title(
            DIFF_LABELS[lang]["status"].format(
                period=new.period, year=y, level=level_label(new.level, lang), name=name
            )
        ),
        title_justify="left",
    )
    for key in _STATUS_COLUMNS:
        t.add_column(L[key], justify="left" if key in ("unit", "status") else "right")
    rows = _StatusDiff(y, changes, _old_gaps(old), _shown(old, new), lang, decimals)
    for _, c in new.centers.iterrows():
        t.add_row(*rows.cells(c["center"], c, ("center", c["center"], None), True))
        if new.level == "sector":
            for _, r in new.units[new.units["center"] == c["center"]].iterrows():
                key = ("sector", r["center"], r["sector"])
                t.add_row(*rows.cells(f"  {r['sector']}", r, key))
    t.add_section()
    t.add_row(*rows.cells(L["total"], new.municipality, ("municipality", None, None), True))
    return t


@dataclass(frozen=True)
class _AllocationDiff:
    """The allocation diff table's cells: the year, the changes, the new targets by unit, and
    whether the share column is shown (the first year, where priors are subtracted)."""

    year: int
    changes: dict
    targets: dict  # (center,) or (center, sector) -> the new target
    lang: str
    decimals: int
    days: bool  # the weight is excess days, not kroner
    share: bool

    def money(self, key: tuple, r, style: str = "") -> list:
        """Weight, potential, (share,) this year's increment and the reduction, 'old → new'."""
        fields = ["weight", "potential", *(["share"] if self.share else []), "increment"]
        cells = []
        for f in [*fields, "reduction"]:
            change = self.changes.get((*key, self.year, f))
            if f == "weight" and self.days:
                cells.append(_num_cell(change, r[f], 1, self.lang, style))
            else:
                cells.append(_kr_cell(change, r[f], self.lang, style))
        return cells

    def unit(self, label: str, key: tuple, r, target_key: tuple, bold: bool = False) -> list:
        """A unit's row: status and target, then its money, as 'old → new'."""
        k = (*key, self.year)
        target = self.targets.get(target_key)
        style = "bold" if bold else ""
        return [
            _name(label, bold),
            _status_cell(self.changes.get((*k, "status")), r["status"], self.lang),
            _num_cell(self.changes.get((*k, "target")), target, self.decimals, self.lang, style),
            *self.money(key, r, style),
        ]

    def total(self, label: str, key: tuple, r) -> list:
        """A center's row above its sectors, or the municipality's: only the sums."""
        return [_name(label, True), "", "", *self.money(key, r, "bold")]


def _new_targets(new, level: str) -> dict:
    """The targets of the new status by unit key, (center,) or (center, sector)."""
    if new.status is None:
        return {}
    key = ["center"] if level == "center" else ["center", "sector"]
    rows = new.status.units[[*key, "target"]].itertuples(index=False, name=None)
    return {rec[:-1]: rec[-1] for rec in rows}


def allocation_diff_table(
    old, new, changes: dict, name: str, lang: str = "da", decimals: int = 1
) -> Table:
    """Status, target, weight, potential, (share,) this year's increment and the reduction per
    unit, per center and for the municipality, as 'old → new' where they changed."""
    level = "center" if new.level == "center" else "sector"
    days = models.get(new.model).weight_of(new.weight) == "excess_days"
    # 4.5: the first year's share is the increment plus the prior reduction; later it is the
    # increment, so the column is shown only where it says something.
    share = len(new.years) == 1 and new.municipality["prior_reduction"] != 0
    t = _allocation_frame(new, name, lang, share)
    rows = _AllocationDiff(new.year, changes, _new_targets(new, level), lang, decimals, days, share)
    units = new.units
    for _, c in new.centers.iterrows():
        sub = units[units["center"] == c["center"]]
        if level == "center":
            key = ("center", c["center"], None)
            t.add_row(*rows.unit(c["center"], key, sub.iloc[0], (c["center"],), True))
            continue
        t.add_row(*rows.total(c["center"], ("center", c["center"], None), c))
        for _, r in sub.iterrows():
            key = ("sector", r["center"], r["sector"])
            t.add_row(*rows.unit(f"  {r['sector']}", key, r, (r["center"], r["sector"])))
    t.add_section()
    muni = ("municipality", None, None)
    t.add_row(*rows.total(LABELS[lang]["total"], muni, new.municipality))
    return t


def _allocation_frame(new, name: str, lang: str, share: bool) -> Table:
    """The empty allocation diff table: unit, status, target, weight, potential, (share,)
    increment, reduction."""
    L, D = LABELS[lang], DIFF_LABELS[lang]
    y = new.year
    model = models.get(new.model).label(lang)
    t = Table(
        title=_title(
            D["allocate"].format(year=y, model=model, level=level_label(new.level, lang), name=name)
        ),
        title_justify="left",
    )
    t.add_column(L["unit"])
    t.add_column(L["status"])
    for label in (L["target"], L["weight"], L["potential"]):
        t.add_column(label, justify="right")
    if share:
        t.add_column(D["share"].format(year=y), justify="right")
    t.add_column(f"{L['increment']} {y}", justify="right")
    t.add_column(f"{L['reduction']} {y}", justify="right")
    return t


def compare_diff_table(old, new, changes: dict[str, dict], name: str, lang: str = "da") -> Table:
    """What each center pays under each model, before and after: its reduction 'old → new'.

    `changes`: model -> diff.lookup(...) of that model's changes (diff.diff_compare)."""
    L = LABELS[lang]
    names, ok = new.models, new.results
    t = Table(
        title=_title(
            DIFF_LABELS[lang]["compare"].format(
                year=new.year, level=level_label(new.level, lang), name=name
            )
        ),
        title_justify="left",
    )
    t.add_column(L["center"])
    for m in names:
        chosen = f" ({L['chosen']})" if m == new.chosen else ""
        t.add_column(models.get(m).label(lang) + chosen, justify="right")
    y = new.year
    centers = {m: r.centers.set_index("center") for m, r in ok.items()}
    results = [*old.results.values(), *ok.values()]
    for c in sorted({c for r in results for c in r.centers["center"]}):
        cells = []
        for m in names:
            change = changes.get(m, {}).get(("center", c, None, y, "reduction"))
            value = centers[m]["reduction"].get(c) if m in centers else None
            cells.append(_kr_cell(change, value, lang))
        t.add_row(_name(c), *cells)
    t.add_section()
    totals = []
    for m in names:
        if m not in ok:
            totals.append(Text(L["cannot"], style="red"))
            continue
        change = changes.get(m, {}).get(("municipality", None, None, y, "reduction"))
        totals.append(_kr_cell(change, ok[m].municipality["reduction"], lang, "bold"))
    t.add_row(_name(L["total"], True), *totals)
    return t


def run_diff_tables(old, new, changes: list[dict], lang: str = "da") -> list[Table]:
    """Every year of a run, old → new: its status table (sector level) and its allocation
    table under the scenario's model. `changes`: diff.diff_run(old, new)."""
    sc = new.scenario
    decimals = sc.targets.decimals
    out = []
    for y in sorted(new.status):
        st_old, st_new = old.status.get(y), new.status.get(y)
        if st_old is not None and st_new is not None:
            found = lookup(changes, year=y, command="status")
            out.append(status_diff_table(st_old, st_new, found, sc.name, lang, decimals))
        if y in new.allocations and y in old.allocations:
            found = lookup(changes, year=y, command="allocate")
            a_old, a_new = old.allocations[y], new.allocations[y]
            out.append(allocation_diff_table(a_old, a_new, found, sc.name, lang, decimals))
    return out
