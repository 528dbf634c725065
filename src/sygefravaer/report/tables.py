"""Rich tables for the meeting room: Danish labels and number forms by default, English on request.

Presentation only: every function receives a computed result and never computes figures itself.
"""

from __future__ import annotations

import math

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core import models

LABELS = {
    "da": {
        "unit": "Center / sektor",
        "center": "Center",
        "benchmark": "Landsgns.",
        "fte": "Årsværk",
        "sick_days": "Sygedage",
        "days_per_fte": "Fravær pr. årsværk",
        "target": "Måltal",
        "gap": "Afvigelse",
        "excess_days": "Overskydende dage",
        "potential": "Eff.-potentiale",
        "cost": "Fraværsomkostning",
        "status": "Status",
        "green": "grøn",
        "red": "rød",
        "total": "Kommunen i alt",
        "weight": "Vægt",
        "prior": "Tidl. reduktion",
        "increment": "Stigning",
        "reduction": "Reduktion",
        "targets_title": "Måltal for sygefravær (dage pr. fuldtidsbeskæftiget) – {name}",
        "status_title": "Status {period} mod måltal {year} – {name}",
        "allocate_title": "Budgetreduktion {year} – {model} – {name}",
        "compare_title": "Modellerne side om side {year} – {name}",
        "chosen": "valgt",
        "diff": "Forskel til valgt",
        "cannot": "kan ikke fordele",
        "rule": "Regel",
        "total_amount": "Total",
    },
    "en": {
        "unit": "Center / sector",
        "center": "Center",
        "benchmark": "National avg.",
        "fte": "FTE",
        "sick_days": "Sick days",
        "days_per_fte": "Days per FTE",
        "target": "Target",
        "gap": "Gap",
        "excess_days": "Excess days",
        "potential": "Potential",
        "cost": "Cost of absence",
        "status": "Status",
        "green": "green",
        "red": "red",
        "total": "Municipality",
        "weight": "Weight",
        "prior": "Prior reduction",
        "increment": "Increment",
        "reduction": "Reduction",
        "targets_title": "Sickness-absence targets (days per FTE) – {name}",
        "status_title": "Status {period} against the {year} target – {name}",
        "allocate_title": "Budget reduction {year} – {model} – {name}",
        "compare_title": "The models side by side {year} – {name}",
        "chosen": "chosen",
        "diff": "Difference to chosen",
        "cannot": "cannot allocate",
        "rule": "Rule",
        "total_amount": "Total",
    },
}


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x, decimals: int = 1, lang: str = "da") -> str:
    """12.9 -> '12,9' (Danish) or '12.9'; thousands with '.' (Danish) or ','."""
    if _missing(x):
        return "–"
    s = f"{float(x):,.{decimals}f}"
    if lang == "da":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


def kr(x, lang: str = "da") -> str:
    """1234567 -> '1.234.567 kr.' (Danish) or 'DKK 1,234,567'."""
    if _missing(x):
        return "–"
    s = number(round(float(x)), 0, lang)
    return f"{s} kr." if lang == "da" else f"DKK {s}"


def dot(status, lang: str = "da") -> Text:
    """A coloured dot with the word, so the status reads without colour too."""
    if status == "green":
        return Text(f"● {LABELS[lang]['green']}", style="green")
    if status == "red":
        return Text(f"● {LABELS[lang]['red']}", style="red")
    return Text("–")


def targets_table(tset, name: str, lang: str = "da") -> Table:
    """Targets per center (bold), its sectors below, and the municipality in a total row."""
    L = LABELS[lang]
    d = tset.decimals
    t = Table(title=L["targets_title"].format(name=name), title_justify="left")
    t.add_column(L["unit"])
    t.add_column(L["benchmark"], justify="right")
    for y in tset.years:
        t.add_column(str(y), justify="right")
    first = tset.years[0]
    for center, crow in tset.centers.iterrows():
        t.add_row(
            Text(center, style="bold"),
            "",
            *[Text(number(crow[y], d, lang), style="bold") for y in tset.years],
        )
        sub = tset.units.xs(center, level="center")
        for sector, row in sub.iterrows():
            b = tset.benchmark.at[(center, sector), first]
            t.add_row(
                f"  {sector}", number(b, 2, lang), *[number(row[y], d, lang) for y in tset.years]
            )
    t.add_section()
    t.add_row(
        Text(L["total"], style="bold"),
        "",
        *[Text(number(tset.municipality[y], d, lang), style="bold") for y in tset.years],
    )
    return t


def status_table(res, name: str, lang: str = "da", decimals: int = 1) -> Table:
    """Status grouped by center with a coloured dot, sectors under their center, a total row."""
    L = LABELS[lang]
    t = Table(
        title=L["status_title"].format(period=res.period, year=res.target_year, name=name),
        title_justify="left",
    )
    for key in (
        "unit",
        "status",
        "fte",
        "days_per_fte",
        "target",
        "gap",
        "excess_days",
        "potential",
        "cost",
    ):
        t.add_column(L[key], justify="left" if key in ("unit", "status") else "right")

    def cells(r, bold=False):
        style = "bold" if bold else ""
        vals = [
            number(r["fte"], 1, lang),
            number(r["days_per_fte"], 2, lang),
            number(r["target"], decimals, lang),
            number(r["gap"], 2, lang),
            number(r["excess_days"], 1, lang),
            kr(r["potential"], lang),
            kr(r["cost"], lang),
        ]
        return [Text(v, style=style) for v in vals]

    units = res.units
    for _, c in res.centers.iterrows():
        t.add_row(Text(c["center"], style="bold"), dot(c["status"], lang), *cells(c, True))
        if res.level == "sector":
            for _, r in units[units["center"] == c["center"]].iterrows():
                t.add_row(f"  {r['sector']}", dot(r["status"], lang), *cells(r))
    t.add_section()
    m = res.municipality
    t.add_row(Text(L["total"], style="bold"), dot(m["status"], lang), *cells(m, True))
    return t


def allocation_table(res, name: str, lang: str = "da") -> Table:
    """Each unit's status, weight, prior reduction, yearly increments and cumulative reduction."""
    L = LABELS[lang]
    model = models.get(res.model).label(lang)
    t = Table(
        title=L["allocate_title"].format(year=res.year, model=model, name=name),
        title_justify="left",
    )
    t.add_column(L["unit"])
    t.add_column(L["status"])
    t.add_column(L["weight"], justify="right")
    t.add_column(L["prior"], justify="right")
    years = [y.year for y in res.years]
    for y in years:
        t.add_column(f"{L['increment']} {y}", justify="right")
    t.add_column(f"{L['reduction']} {res.year}", justify="right")
    weight_fmt = (
        (lambda w: number(w, 1, lang))
        if models.get(res.model).weight_of(res.weight) == "excess_days"
        else (lambda w: kr(w, lang))
    )
    units = res.units
    sector_level = res.level == "sector"
    for _, c in res.centers.iterrows():
        sub = units[units["center"] == c["center"]]
        st = sub["status"].iloc[0] if not sector_level else None
        t.add_row(
            Text(c["center"], style="bold"),
            dot(st, lang) if not sector_level else "",
            Text(weight_fmt(sub["weight"].sum()), style="bold"),
            Text(kr(c["prior_reduction"], lang), style="bold"),
            *[Text(kr(c[f"increment_{y}"], lang), style="bold") for y in years],
            Text(kr(c["reduction"], lang), style="bold"),
        )
        if sector_level:
            for _, r in sub.iterrows():
                t.add_row(
                    f"  {r['sector']}",
                    dot(r["status"], lang),
                    weight_fmt(r["weight"]),
                    kr(r["prior_reduction"], lang),
                    *[kr(r[f"increment_{y}"], lang) for y in years],
                    kr(r["reduction"], lang),
                )
    t.add_section()
    tot = res.centers
    t.add_row(
        Text(L["total"], style="bold"),
        "",
        Text(weight_fmt(units["weight"].sum()), style="bold"),
        Text(kr(int(sum(tot["prior_reduction"])), lang), style="bold"),
        *[Text(kr(int(sum(tot[f"increment_{y}"])), lang), style="bold") for y in years],
        Text(kr(int(sum(tot["reduction"])), lang), style="bold"),
    )
    return t


def compare_table(cmp, name: str, lang: str = "da") -> Table:
    """What each center pays under each model in `year`, and the difference to the chosen one."""
    L = LABELS[lang]
    year, chosen = cmp.year, cmp.chosen
    t = Table(title=L["compare_title"].format(year=year, name=name), title_justify="left")
    t.add_column(L["center"])
    names = cmp.models
    for m in names:
        label = models.get(m).label(lang) + (f" ({L['chosen']})" if m == chosen else "")
        t.add_column(label, justify="right")
    others = [m for m in names if m != chosen]
    for m in others:
        t.add_column(
            f"{models.get(m).label(lang)} − {models.get(chosen).label(lang)}", justify="right"
        )
    ok = cmp.results
    centers = sorted({c for r in ok.values() for c in r.centers["center"]})
    by = {
        m: dict(zip(r.centers["center"], r.centers["reduction"], strict=True))
        for m, r in ok.items()
    }
    for c in centers:
        row = [kr(by[m].get(c, 0), lang) if m in ok else "–" for m in names]
        diffs = [
            kr(by[m].get(c, 0) - by[chosen].get(c, 0), lang) if m in ok and chosen in ok else "–"
            for m in others
        ]
        t.add_row(c, *row, *diffs)
    t.add_section()
    row = [
        Text(kr(int(sum(by[m].values())), lang), style="bold")
        if m in ok
        else Text(L["cannot"], style="red")
        for m in names
    ]
    t.add_row(Text(L["total"], style="bold"), *row, *["" for _ in others])
    return t


def compare_errors(cmp, console: Console, lang: str = "da") -> None:
    """Why a model could not allocate, one line each under the table."""
    for m, exc in cmp.errors.items():
        console.print(Text(f"{models.get(m).label(lang)}: {exc.message}", style="red"))


# ------------------------------------------------------------------ old against new (issue 6)

DIFF_LABELS = {
    "da": {
        "targets": "Måltal før og efter nyt landsgennemsnit – {name}",
        "status": "Status {period} mod måltal {year}, før og efter nyt landsgennemsnit – {name}",
        "allocate": "Budgetreduktion {year} før og efter nyt landsgennemsnit – {model} – {name}",
        "none": "Ingen ændringer: det nye landsgennemsnit ændrer ingen tal her.",
        "count": "{n} ændringer (gammel → ny)",
        "g2r": "grøn → rød",
        "r2g": "rød → grøn",
        "files": "Gammel: {old}   Ny: {new}",
    },
    "en": {
        "targets": "Targets before and after the new national average – {name}",
        "status": "Status {period} against the {year} target, before and after – {name}",
        "allocate": "Budget reduction {year} before and after – {model} – {name}",
        "none": "No changes: the new national average changes no figure here.",
        "count": "{n} changes (old → new)",
        "g2r": "green → red",
        "r2g": "red → green",
        "files": "Old: {old}   New: {new}",
    },
}


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
    L = LABELS[lang]
    d = new.decimals
    t = Table(title=DIFF_LABELS[lang]["targets"].format(name=name), title_justify="left")
    t.add_column(L["unit"])
    t.add_column(L["benchmark"], justify="right")
    for y in new.years:
        t.add_column(str(y), justify="right")
    first = new.years[0]
    for center, crow in new.centers.iterrows():
        cells = [
            _num_cell(changes.get(("center", center, None, y, "target")), crow[y], d, lang)
            for y in new.years
        ]
        t.add_row(Text(center, style="bold"), "", *cells)
        sub = new.units.xs(center, level="center")
        for sector, row in sub.iterrows():
            b = new.benchmark.at[(center, sector), first]
            bc = changes.get(("sector", center, sector, first, "benchmark"))
            t.add_row(
                f"  {sector}",
                _num_cell(bc, b, 2, lang),
                *[
                    _num_cell(changes.get(("sector", center, sector, y, "target")), row[y], d, lang)
                    for y in new.years
                ],
            )
    t.add_section()
    t.add_row(
        Text(L["total"], style="bold"),
        "",
        *[
            _num_cell(
                changes.get(("municipality", None, None, y, "target")), new.municipality[y], d, lang
            )
            for y in new.years
        ],
    )
    return t


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

    # The old gaps, shown next to the new where the target moved (the gap follows the target).
    old_gap = {("municipality", None, None): old.municipality.get("gap")}
    oc = old.centers
    old_gap |= {("center", c, None): g for c, g in zip(oc["center"], oc["gap"], strict=True)}
    if old.level == "sector":
        ou = old.units
        for c, s_, g in zip(ou["center"], ou["sector"], ou["gap"], strict=True):
            old_gap[("sector", c, s_)] = g

    def row(label, r, level, center, sector, bold=False):
        st = changes.get((level, center, sector, y, "status"))
        tg = changes.get((level, center, sector, y, "target"))
        style = "bold" if bold else ""
        gap = Text(number(r["gap"], 2, lang), style=style)
        if tg is not None and (level, center, sector) in old_gap:
            gap = _arrow(
                number(old_gap[(level, center, sector)], 2, lang),
                number(r["gap"], 2, lang),
                "yellow",
            )
        t.add_row(
            Text(label, style=style),
            _status_cell(st, r["status"], lang),
            Text(number(r["fte"], 1, lang), style=style),
            Text(number(r["days_per_fte"], 2, lang), style=style),
            _num_cell(tg, r["target"], decimals, lang),
            gap,
            Text(kr(r["potential"], lang), style=style),
        )

    for _, c in new.centers.iterrows():
        row(c["center"], c, "center", c["center"], None, True)
        if new.level == "sector":
            for _, r in new.units[new.units["center"] == c["center"]].iterrows():
                row(f"  {r['sector']}", r, "sector", r["center"], r["sector"])
    t.add_section()
    row(L["total"], new.municipality, "municipality", None, None, True)
    return t


def allocation_diff_table(
    old, new, changes: dict, name: str, lang: str = "da", decimals: int = 1
) -> Table:
    """Status, target, this year's increment and the reduction per unit, as 'old → new'."""
    L = LABELS[lang]
    y = new.year
    level = "center" if new.level == "center" else "sector"
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
    targets = {}
    if new.status is not None:
        key = ["center"] if level == "center" else ["center", "sector"]
        for rec in new.status.units[[*key, "target"]].itertuples(index=False, name=None):
            targets[rec[:-1]] = rec[-1]
    units = new.units
    for _, c in new.centers.iterrows():
        sub = units[units["center"] == c["center"]]
        if level == "center":
            r = sub.iloc[0]
            k = (c["center"],)
            t.add_row(
                Text(c["center"], style="bold"),
                _status_cell(
                    changes.get(("center", c["center"], None, y, "status")), r["status"], lang
                ),
                _num_cell(
                    changes.get(("center", c["center"], None, y, "target")),
                    targets.get(k),
                    decimals,
                    lang,
                ),
                _kr_cell(
                    changes.get(("center", c["center"], None, y, "increment")), r["increment"], lang
                ),
                _kr_cell(
                    changes.get(("center", c["center"], None, y, "reduction")), r["reduction"], lang
                ),
            )
            continue
        t.add_row(
            Text(c["center"], style="bold"),
            "",
            "",
            _kr_cell(
                changes.get(("center", c["center"], None, y, "increment")), c["increment"], lang
            ),
            _kr_cell(
                changes.get(("center", c["center"], None, y, "reduction")), c["reduction"], lang
            ),
        )
        for _, r in sub.iterrows():
            k = ("sector", r["center"], r["sector"], y)
            t.add_row(
                f"  {r['sector']}",
                _status_cell(changes.get((*k, "status")), r["status"], lang),
                _num_cell(
                    changes.get((*k, "target")),
                    targets.get((r["center"], r["sector"])),
                    decimals,
                    lang,
                ),
                _kr_cell(changes.get((*k, "increment")), r["increment"], lang),
                _kr_cell(changes.get((*k, "reduction")), r["reduction"], lang),
            )
    t.add_section()
    t.add_row(
        Text(L["total"], style="bold"),
        "",
        "",
        Text(kr(int(new.increment), lang), style="bold"),
        Text(kr(int(new.total), lang), style="bold"),
    )
    return t
