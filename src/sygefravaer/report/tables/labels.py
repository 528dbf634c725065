"""Labels and number forms of the rich tables: Danish by default, English on request."""

from __future__ import annotations

import math

from rich.text import Text

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

# The old-against-new tables (issue 6).
DIFF_LABELS = {
    "da": {
        "targets": "Måltal før og efter nyt landsgennemsnit – {name}",
        "status": "Status {period} mod måltal {year}, før og efter nyt landsgennemsnit – {name}",
        "allocate": "Budgetreduktion {year} før og efter nyt landsgennemsnit – {model} – {name}",
        "compare": "Modellerne side om side {year}, før og efter nyt landsgennemsnit – {name}",
        "share": "Andel {year}",
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
        "compare": "The models side by side {year}, before and after – {name}",
        "share": "Share {year}",
        "none": "No changes: the new national average changes no figure here.",
        "count": "{n} changes (old → new)",
        "g2r": "green → red",
        "r2g": "red → green",
        "files": "Old: {old}   New: {new}",
    },
}


def _missing(x) -> bool:
    """No figure: None or NaN (shown as '–')."""
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


def bold(text: str) -> Text:
    """Text in bold: a center, a total."""
    return Text(text, style="bold")
