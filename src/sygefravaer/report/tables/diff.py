"""Old against new (issue 6): the targets, status and allocation tables of the new result, each
changed figure shown as 'old → new', and a line saying how many changed and who flipped.

`changes` is diff.lookup(...) of the core's diff: (level, center, sector, year, field) ->
{"old", "new"}.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from ...core import models
from .labels import DIFF_LABELS, LABELS, bold, dot, kr, number
from .targets import target_rows, targets_frame


def _arrow(old: str, new: str, style: str) -> Text:
    """'old → new' for a changed cell, highlighted."""
    return Text(f"{old} → {new}", style=f"bold {style}")


def _num_cell(change, value, decimals: int, lang: str, up: str = "yellow", down: str = "yellow"):
    """A number, or 'old → new' when it changed (styled by direction)."""
    if change is None:
        return number(value, decimals, lang)
    o, n = change["old"], change["new"]
    style = up if (o is not None and n is not None and n > o) else down
    return _arrow(number(o, decimals, lang), number(n, decimals, lang), style)


def _kr_cell(change, value, lang: str):
    """Kroner, or 'old → new' when changed: red when the reduction grows, green when it falls."""
    if change is None:
        return kr(value, lang)
    o, n = change["old"], change["new"]
    style = "red" if (o or 0) < (n or 0) else "green"
    return _arrow(kr(o, lang), kr(n, lang), style)


def _status_cell(change, value, lang: str):
    """A status dot, or 'grøn → rød' (red) / 'rød → grøn' (green) when it flipped."""
    if change is None:
        return dot(value, lang)
    t = Text()
    t.append_text(dot(change["old"], lang))
    t.append(" → ", style="bold")
    t.append_text(dot(change["new"], lang))
    t.stylize("bold reverse" if change["new"] == "red" else "bold")
    return t


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

    def who(items):
        """'center / sector, ...' of the units that flipped (the municipality by its label)."""
        return ", ".join(
            " / ".join(x for x in (w["center"], w["sector"]) if x) or LABELS[lang]["total"]
            for w in items
        )

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

    def target(level: str, center, sector, y, value):
        """A target, or 'old → new' where it changed."""
        return _num_cell(changes.get((level, center, sector, y, "target")), value, d, lang)

    t = targets_frame(DIFF_LABELS[lang]["targets"].format(name=name), years, lang)
    for center, crow, sectors in target_rows(new):
        t.add_row(bold(center), "", *[target("center", center, None, y, crow[y]) for y in years])
        for sector, b, row in sectors:
            bc = changes.get(("sector", center, sector, first, "benchmark"))
            cells = [target("sector", center, sector, y, row[y]) for y in years]
            t.add_row(f"  {sector}", _num_cell(bc, b, 2, lang), *cells)
    t.add_section()
    total = [target("municipality", None, None, y, new.municipality[y]) for y in years]
    t.add_row(bold(LABELS[lang]["total"]), "", *total)
    return t


@dataclass(frozen=True)
class _StatusDiff:
    """The status diff table's cells: the year, the changes, and the old gaps by unit."""

    year: int
    changes: dict
    old_gap: dict  # (level, center, sector) -> the old result's gap
    lang: str
    decimals: int

    def cells(self, label: str, r, key: tuple, bold: bool = False) -> list:
        """One row; the gap shows 'old → new' where the target moved (it follows the target)."""
        lang = self.lang
        st = self.changes.get((*key, self.year, "status"))
        tg = self.changes.get((*key, self.year, "target"))
        style = "bold" if bold else ""
        gap = Text(number(r["gap"], 2, lang), style=style)
        if tg is not None and key in self.old_gap:
            old = number(self.old_gap[key], 2, lang)
            gap = _arrow(old, number(r["gap"], 2, lang), "yellow")
        return [
            Text(label, style=style),
            _status_cell(st, r["status"], lang),
            Text(number(r["fte"], 1, lang), style=style),
            Text(number(r["days_per_fte"], 2, lang), style=style),
            _num_cell(tg, r["target"], self.decimals, lang),
            gap,
            Text(kr(r["potential"], lang), style=style),
        ]


def _old_gaps(old) -> dict:
    """(level, center, sector) -> gap in the old status: municipality, centers, sectors."""
    gaps = {("municipality", None, None): old.municipality.get("gap")}
    oc = old.centers
    gaps |= {("center", c, None): g for c, g in zip(oc["center"], oc["gap"], strict=True)}
    if old.level == "sector":
        ou = old.units
        for c, s_, g in zip(ou["center"], ou["sector"], ou["gap"], strict=True):
            gaps[("sector", c, s_)] = g
    return gaps


def status_diff_table(old, new, changes: dict, name: str, lang: str = "da", decimals: int = 1):
    """The new status table with target and status shown as 'old → new' where they changed."""
    L = LABELS[lang]
    y = new.target_year
    t = Table(
        title=DIFF_LABELS[lang]["status"].format(period=new.period, year=y, name=name),
        title_justify="left",
    )
    for key in ("unit", "status", "fte", "days_per_fte", "target", "gap", "potential"):
        t.add_column(L[key], justify="left" if key in ("unit", "status") else "right")
    rows = _StatusDiff(y, changes, _old_gaps(old), lang, decimals)
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
    """The allocation diff table's cells: the year, the changes, and the new targets by unit."""

    year: int
    changes: dict
    targets: dict  # (center,) or (center, sector) -> the new target
    lang: str
    decimals: int

    def unit(self, label, key: tuple, r, target_key: tuple) -> list:
        """A unit's row: status, target, this year's increment and reduction, as 'old → new'."""
        ch, lang = self.changes, self.lang
        k = (*key, self.year)
        target = self.targets.get(target_key)
        return [
            label,
            _status_cell(ch.get((*k, "status")), r["status"], lang),
            _num_cell(ch.get((*k, "target")), target, self.decimals, lang),
            _kr_cell(ch.get((*k, "increment")), r["increment"], lang),
            _kr_cell(ch.get((*k, "reduction")), r["reduction"], lang),
        ]

    def center(self, c) -> list:
        """A center's row above its sectors: only its increment and reduction."""
        k = ("center", c["center"], None, self.year)
        inc = _kr_cell(self.changes.get((*k, "increment")), c["increment"], self.lang)
        red = _kr_cell(self.changes.get((*k, "reduction")), c["reduction"], self.lang)
        return [bold(c["center"]), "", "", inc, red]


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
    """Status, target, this year's increment and the reduction per unit, as 'old → new'."""
    L = LABELS[lang]
    y = new.year
    level = "center" if new.level == "center" else "sector"
    t = _allocation_frame(new, name, lang)
    rows = _AllocationDiff(y, changes, _new_targets(new, level), lang, decimals)
    units = new.units
    for _, c in new.centers.iterrows():
        sub = units[units["center"] == c["center"]]
        if level == "center":
            key = ("center", c["center"], None)
            t.add_row(*rows.unit(bold(c["center"]), key, sub.iloc[0], (c["center"],)))
            continue
        t.add_row(*rows.center(c))
        for _, r in sub.iterrows():
            key = ("sector", r["center"], r["sector"])
            t.add_row(*rows.unit(f"  {r['sector']}", key, r, (r["center"], r["sector"])))
    t.add_section()
    increment, total = kr(int(new.increment), lang), kr(int(new.total), lang)
    t.add_row(bold(L["total"]), "", "", bold(increment), bold(total))
    return t


def _allocation_frame(new, name: str, lang: str) -> Table:
    """The empty allocation diff table: unit, status, target, increment, reduction."""
    L = LABELS[lang]
    y = new.year
    model = models.get(new.model).label(lang)
    t = Table(
        title=DIFF_LABELS[lang]["allocate"].format(year=y, model=model, name=name),
        title_justify="left",
    )
    t.add_column(L["unit"])
    t.add_column(L["status"])
    t.add_column(L["target"], justify="right")
    t.add_column(f"{L['increment']} {y}", justify="right")
    t.add_column(f"{L['reduction']} {y}", justify="right")
    return t
