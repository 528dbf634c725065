"""The "Forklaring" sheet of a center's workbook: the `explain` chain of each of its sectors (or
of the center itself at center level) in the last allocated year, one block per unit.

Presentation only: every label, formula and figure comes from the run's Explanations
(core/explain.py). A unit whose absence figures the workbook hides (min_fte) shows no chain.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Col, Sheet

# The sheet's words per language (the steps' own words come from the Explanations).
_WORDS = {
    "da": {
        "sheet": "Forklaring",
        "columns": ("Trin", "Tal", "Værdi", "Nøjagtig værdi"),
        "title": "{center} – forklaring af måltal og andel {year}",
        "intro": "Hvert trin med tallene og formlen i ord, fra fraværsrækkerne til kronerne.",
    },
    "en": {
        "sheet": "Explanation",
        "columns": ("Step", "Figure", "Value", "Exact value"),
        "title": "{center} – how the target and the share {year} were worked out",
        "intro": "Each step with its figures and the formula in words, from the absence rows to "
        "the kroner.",
    },
}


def explanation_sheet(
    explanations: Iterable, center: str, hidden: dict[str, str], lang: str = "da"
) -> Sheet:
    """'Forklaring': per unit its name, then each step (number and label, the formula in
    words, its figures with their exact values where they matter, its note). `hidden`: the
    sectors (or the center itself) whose chain is not shown, with the text saying why."""
    explanations = list(explanations)
    year = explanations[0].year if explanations else ""
    w = _WORDS[lang]
    heading = [w["title"].format(center=center, year=year).strip(), w["intro"]]
    s = Sheet(w["sheet"], [Col(c) for c in w["columns"]], heading=heading, lang=lang)
    for e in explanations:
        s.add([e.name, "", "", ""])
        why = hidden.get(e.sector if e.sector is not None else center)
        if why is not None:
            s.add(["", why, "", ""])
            continue
        for step in e.steps:
            _add_step(s, step)
        s.add(["", "", "", ""])
    return s


def _add_step(s: Sheet, step) -> None:
    """One step: its label and formula, then a line per figure, then the note."""
    s.add([f"{step.step}. {step.label}", step.formula, "", ""])
    for f in step.values:
        s.add(["", f.label, f.plain(), f.exact or ""])
    for row in step.rows:
        s.add(["", "; ".join(f"{f.label}: {_text(f, s.lang)}" for f in row), "", ""])
    if step.note:
        s.add(["", step.note, "", ""])


def _text(f, lang: str) -> str:
    """A figure of a row, as text in the sheet's number form (the row is one cell)."""
    v = f.plain()
    if v is None or v == "":
        return "–"
    if isinstance(v, float):
        s = f"{v:,.{f.decimals}f}"
        return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".") if lang == "da" else s
    return str(v)
