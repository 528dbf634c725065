"""The three models side by side: what each center pays under each, and against the chosen one."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...core import models
from .labels import LABELS, bold, kr


def compare_table(cmp, name: str, lang: str = "da") -> Table:
    """What each center pays under each model in `year`, and the difference to the chosen one."""
    L = LABELS[lang]
    chosen, names, ok = cmp.chosen, cmp.models, cmp.results
    others = [m for m in names if m != chosen]
    t = _frame(cmp, name, others, lang)
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
        bold(kr(int(sum(by[m].values())), lang)) if m in ok else Text(L["cannot"], style="red")
        for m in names
    ]
    t.add_row(bold(L["total"]), *row, *["" for _ in others])
    return t


def _frame(cmp, name: str, others: list[str], lang: str) -> Table:
    """The empty table: center, one column per model, one difference column per other model."""
    L = LABELS[lang]
    t = Table(title=L["compare_title"].format(year=cmp.year, name=name), title_justify="left")
    t.add_column(L["center"])
    for m in cmp.models:
        label = models.get(m).label(lang) + (f" ({L['chosen']})" if m == cmp.chosen else "")
        t.add_column(label, justify="right")
    for m in others:
        label = f"{models.get(m).label(lang)} − {models.get(cmp.chosen).label(lang)}"
        t.add_column(label, justify="right")
    return t


def compare_errors(cmp, console: Console, lang: str = "da") -> None:
    """Why a model could not allocate, one line each under the table."""
    for m, exc in cmp.errors.items():
        console.print(Text(f"{models.get(m).label(lang)}: {exc.message}", style="red"))
