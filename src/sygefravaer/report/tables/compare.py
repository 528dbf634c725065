"""The three models side by side: what each center pays under each, and against the chosen one.

Each model's column and total row are the core's figures (AllocationResult.centers and
.municipality), so every total is the sum of the centers above it.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.text import Text

from ...core import models
from .labels import LABELS, bold, level_label, money, plain
from .layout import Grid, fitted


def compare_table(cmp, name: str, lang: str = "da", width: int | None = None) -> RenderableType:
    """What each center pays under each model in `year`, and the difference to the chosen one;
    laid out to fit `width` (None: natural widths)."""
    return fitted(lambda thousands: compare_grid(cmp, name, lang, thousands), width)


def compare_grid(cmp, name: str, lang: str, thousands: bool) -> Grid:
    """The compare table's cells, amounts in kr. or (`thousands`) in 1.000 kr."""
    L = LABELS[lang]
    chosen, names = cmp.chosen, cmp.models
    others = [m for m in names if m != chosen]
    frame, total = cmp.reductions()

    def amount(x) -> Text:
        return Text(money(x, lang, thousands))

    def cell(row, column: str) -> Text:
        return amount(row[column]) if column in frame.columns else Text("–")

    rows: list[tuple[Text, ...] | None] = []
    for _, r in frame.iterrows():
        own = [cell(r, m) for m in names]
        rows.append((plain(r["center"]), *own, *(cell(r, f"{m} - chosen") for m in others)))
    sums = [
        bold(money(total[m], lang, thousands)) if m in total else Text(L["cannot"], style="red")
        for m in names
    ]
    diffs = [
        bold(money(total[c], lang, thousands)) if c in total else Text("–")
        for c in (f"{m} - chosen" for m in others)
    ]
    rows += [None, (bold(L["total"]), *sums, *diffs)]
    headers = _headers(cmp, others, lang)
    level = cmp.level
    notes = (plain(L["compare_note"], style="dim"),) if level == "sector" else ()
    return Grid(
        title=plain(_title(cmp, name, level, lang, thousands)),
        headers=headers,
        short=headers,
        right=(False, *[True] * (len(headers) - 1)),
        rows=tuple(rows),
        notes=notes,
        part=L["part"],
    )


def _title(cmp, name: str, level: str, lang: str, thousands: bool) -> str:
    """'Modellerne side om side 2015 – valgt: <model> – sektorniveau – <name>'."""
    L = LABELS[lang]
    model = models.get(cmp.chosen).label(lang)
    title = L["compare_title"].format(
        year=cmp.year, model=model, level=level_label(level, lang), name=name
    )
    return title + (f" ({L['thousands']})" if thousands else "")


def _headers(cmp, others: list[str], lang: str) -> tuple[str, ...]:
    """Center, one column per model, one difference column per other model."""
    L = LABELS[lang]
    label = {m: models.get(m).label(lang) for m in cmp.models}
    own = [label[m] + (f" ({L['chosen']})" if m == cmp.chosen else "") for m in cmp.models]
    diffs = [f"{label[m]} − {label[cmp.chosen]}" for m in others]
    return (L["center"], *own, *diffs)


def compare_errors(cmp, console: Console, lang: str = "da") -> None:
    """Why a model could not allocate, one line each under the table (printed as written)."""
    for m, exc in cmp.errors.items():
        console.print(Text(f"{models.get(m).label(lang)}: {exc.message}", style="red"))
