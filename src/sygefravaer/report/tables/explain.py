"""The `explain` output: one unit's chain from the absence rows to the kroner, step by step.

Presentation only: every figure, label and formula comes from the Explanation (core/explain.py);
this module only lays them out and writes numbers in the language's forms. Names are user data
and are shown as written (rich Text, never markup).
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from .labels import number
from .layout import fit_table

_TITLE = {
    "da": "Forklaring: {unit} – måltal {year} ({level}{model}) – {name}",
    "en": "Explanation: {unit} – target {year} ({level}{model}) – {name}",
}
_LEVEL = {
    "da": {"sector": "sektorniveau", "center": "centerniveau"},
    "en": {"sector": "sector level", "center": "center level"},
}
_STATUS_STYLE = {"grøn": "green", "green": "green", "rød": "red", "red": "red"}
_EXACT_SHOWN = 24  # a fraction longer than this is left to --json


def explain_table(res, name: str, width: int | None = None) -> Group:
    """The chain as a title and, per step, its label, the formula in words, the figures in a
    small table, the rows the step sums over (absence rows, staff groups, sectors, years) and
    its note; the row tables fitted to `width` (nothing cut, layout.fit_table)."""
    lang = res.lang
    model = f", {res.model}" if res.model else ""
    title = _TITLE[lang].format(
        unit=res.name, year=res.year, level=_LEVEL[lang][res.level], model=model, name=name
    )
    parts: list = [Text(title, style="bold")]
    for step in res.steps:
        parts += [Text(""), Text(f"{step.step}. {step.label}", style="bold")]
        parts.append(Text(step.formula, style="italic"))
        parts.append(_figures_table(step, lang))
        if step.rows:
            parts.append(fit_table(_rows_table(step.rows, lang), width))
        if step.note:
            parts.append(Text(step.note))
    return Group(*parts)


def _figures_table(step, lang: str) -> Table:
    """A step's figures: label and value, one a line."""
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column()
    t.add_column(justify="right")
    for f in step.values:
        t.add_row(Text(f.label), shown(f, lang))
    return t


def _rows_table(rows, lang: str) -> Table:
    """The rows a step sums over, with the labels of their figures as the header."""
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for f in rows[0]:
        t.add_column(f.label, justify="left" if f.kind == "text" else "right")
    for row in rows:
        t.add_row(*(shown(f, lang) for f in row))
    return t


def shown(f, lang: str = "da") -> Text:
    """A figure as text: its number in the language's form with its decimals (kr. for money),
    the exact fraction beside it where it is short enough to read, '–' for no figure."""
    v = f.value
    if v is None:
        return Text("–")
    if f.kind == "text":
        text = str(v) if v != "" else "–"
        return Text(text, style=_STATUS_STYLE.get(text, ""))
    if f.kind in ("year", "count"):
        return Text(str(v))
    s = number(float(v), f.decimals, lang)
    if f.kind == "kr":
        s = f"{s} kr." if lang == "da" else f"DKK {s}"
    exact = f.exact
    if exact is not None and len(exact) <= _EXACT_SHOWN:
        s += f" (= {exact})"
    return Text(s)
