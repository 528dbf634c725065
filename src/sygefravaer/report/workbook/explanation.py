"""The "Forklaring" sheet of a center's workbook: the `explain` chain of each of its sectors (or
of the center itself at center level) in the last allocated year, one block per unit.

Presentation only: every label, formula and figure comes from the run's Explanations
(core/explain.py). A unit whose absence figures the workbook hides (min_fte) shows no chain.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Col, Sheet

_COLUMNS = [Col("Trin"), Col("Tal"), Col("Værdi"), Col("Nøjagtig værdi")]


def explanation_sheet(explanations: Iterable, center: str, hidden: dict[str, str]) -> Sheet:
    """'Forklaring': per unit its name, then each step (number and label, the formula in
    words, its figures with their exact values where they matter, its note). `hidden`: the
    sectors (or the center itself) whose chain is not shown, with the text saying why."""
    explanations = list(explanations)
    year = explanations[0].year if explanations else ""
    heading = [
        f"{center} – forklaring af måltal og andel {year}".strip(),
        "Hvert trin med tallene og formlen i ord, fra fraværsrækkerne til kronerne.",
    ]
    s = Sheet("Forklaring", _COLUMNS, heading=heading)
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
        s.add(["", "; ".join(f"{f.label}: {_text(f)}" for f in row), "", ""])
    if step.note:
        s.add(["", step.note, "", ""])


def _text(f) -> str:
    """A figure of a row, as text in Danish form (the row is one cell)."""
    v = f.plain()
    if v is None or v == "":
        return "–"
    if isinstance(v, float):
        return f"{v:,.{f.decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return str(v)
