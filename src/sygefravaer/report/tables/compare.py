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
    chosen, names, ok = cmp.chosen, cmp.models, cmp.results
    others = [m for m in names if m != chosen]
    by = {
        m: dict(zip(r.centers["center"], r.centers["reduction"], strict=True))
        for m, r in ok.items()
    }
    centers = sorted({c for r in ok.values() for c in r.centers["center"]})

    def amount(x) -> Text:
        return Text(money(x, lang, thousands))

    def difference(m: str, c: str) -> Text:
        """What the center pays under model m beyond what it pays under the chosen one."""
        if m not in ok or chosen not in ok:
            return Text("–")
        return amount(by[m].get(c, 0) - by[chosen].get(c, 0))

    rows: list[tuple[Text, ...] | None] = []
    for c in centers:
        row = [amount(by[m].get(c, 0)) if m in ok else Text("–") for m in names]
        rows.append((plain(c), *row, *(difference(m, c) for m in others)))
    total = [
        bold(money(ok[m].municipality["reduction"], lang, thousands))
        if m in ok
        else Text(L["cannot"], style="red")
        for m in names
    ]
    rows += [None, (bold(L["total"]), *total, *[Text("") for _ in others])]
    headers = _headers(cmp, others, lang)
    level = next(iter(ok.values())).level if ok else "sector"
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
