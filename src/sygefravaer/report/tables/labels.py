"""Labels and number forms of the rich tables: Danish by default, English on request."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
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
        "targets_title": "Måltal for sygefravær (dage pr. fuldtidsbeskæftiget) – {level} – {name}",
        "status_title": "Status {period} mod måltal {year} – {level} – {name}",
        "allocate_title": "Budgetreduktion {year} – {model} – {level} – {name}",
        "compare_title": "Modellerne side om side {year} – valgt: {model} – {level} – {name}",
        "sector_level": "sektorniveau",
        "center_level": "centerniveau",
        "both_levels": "sektor- og centerniveau",
        "thousands": "beløb i 1.000 kr.",
        "part": "del {i} af {n}",
        "at_target": "på måltal",
        "status_note_sector": "Centrenes og kommunens fravær pr. årsværk, måltal, afvigelse og "
        "status er deres egne; årsværk, overskydende dage, eff.-potentiale og fraværsomkostning "
        "er summen af sektorernes.",
        "status_note_center": "Kommunens fravær pr. årsværk, måltal, afvigelse og status er dens "
        "egne; årsværk, overskydende dage, eff.-potentiale og fraværsomkostning er summen af "
        "centrenes.",
        "green_pays": "Grønne enheder med reduktion betaler for tidligere års stigninger "
        "(reduktionen er permanent).",
        "compare_note": "Beløbene er hvert centers samlede reduktion (summen af dets sektorer).",
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
        "targets_title": "Sickness-absence targets (days per FTE) – {level} – {name}",
        "status_title": "Status {period} against the {year} target – {level} – {name}",
        "allocate_title": "Budget reduction {year} – {model} – {level} – {name}",
        "compare_title": "The models side by side {year} – chosen: {model} – {level} – {name}",
        "sector_level": "sector level",
        "center_level": "center level",
        "both_levels": "sector and center level",
        "thousands": "amounts in DKK 1,000",
        "part": "part {i} of {n}",
        "at_target": "at target",
        "status_note_sector": "The centers' and the municipality's days per FTE, target, gap and "
        "status are their own; FTE, excess days, potential and cost of absence are the sums of "
        "their sectors'.",
        "status_note_center": "The municipality's days per FTE, target, gap and status are its "
        "own; FTE, excess days, potential and cost of absence are the sums of the centers'.",
        "green_pays": "Green units with a reduction pay for earlier years' increments (the "
        "reduction is permanent).",
        "compare_note": "The amounts are each center's reduction in all (the sum of its sectors).",
        "chosen": "chosen",
        "diff": "Difference to chosen",
        "cannot": "cannot allocate",
        "rule": "Rule",
        "total_amount": "Total",
    },
}

# Short headers for narrow widths (issue 13): the same words abbreviated, so that a header breaks
# between words onto two lines and never needs more room than the figures below it.
SHORT_LABELS = {
    "da": {
        "days_per_fte": "Fravær pr. årsv.",
        "gap": "Afv.",
        "excess_days": "Oversk. dage",
        "potential": "Eff.- pot.",
        "cost": "Fraværs- omk.",
        "prior": "Tidl. red.",
        "increment": "Stign.",
        "reduction": "Red.",
        "benchmark": "Lands- gns.",
    },
    "en": {
        "days_per_fte": "Days per FTE",
        "gap": "Gap",
        "excess_days": "Excess days",
        "potential": "Pot.",
        "cost": "Cost",
        "prior": "Prior red.",
        "increment": "Incr.",
        "reduction": "Red.",
        "benchmark": "Nat. avg.",
    },
}

# The old-against-new tables (issue 6).
DIFF_LABELS = {
    "da": {
        "targets": "Måltal før og efter nyt landsgennemsnit – sektor- og centerniveau – {name}",
        "status": (
            "Status {period} mod måltal {year}, før og efter nyt landsgennemsnit – {level} – {name}"
        ),
        "allocate": (
            "Budgetreduktion {year} før og efter nyt landsgennemsnit – {model} – {level} – {name}"
        ),
        "compare": (
            "Modellerne side om side {year}, før og efter nyt landsgennemsnit – {level} – {name}"
        ),
        "share": "Andel {year}",
        "none": "Ingen ændringer: det nye landsgennemsnit ændrer ingen tal her.",
        "count": "{n} ændringer (gammel → ny)",
        "g2r": "grøn → rød",
        "r2g": "rød → grøn",
        "files": "Gammel: {old}   Ny: {new}",
    },
    "en": {
        "targets": (
            "Targets before and after the new national average – sector and center level – {name}"
        ),
        "status": "Status {period} against the {year} target, before and after – {level} – {name}",
        "allocate": "Budget reduction {year} before and after – {model} – {level} – {name}",
        "compare": "The models side by side {year}, before and after – {level} – {name}",
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
    """1234567 -> '1.234.567 kr.' (Danish) or 'DKK 1,234,567'; whole kroner stay exact."""
    if _missing(x):
        return "–"
    s = _grouped(int(x), lang) if _whole(x) else number(round(float(x)), 0, lang)
    return f"{s} kr." if lang == "da" else f"DKK {s}"


def thousand_kr(x, lang: str = "da") -> str:
    """1234567 -> '1.235' (Danish) or '1,235': kroner in 1.000 kr., half away from zero, on the
    exact amount (the table's title says 'beløb i 1.000 kr.')."""
    if _missing(x):
        return "–"
    exact = Decimal(int(x)) if _whole(x) else Decimal(float(x))
    shown = (exact / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return ("-" if shown.is_signed() else "") + _grouped(abs(int(shown)), lang)


def money(x, lang: str = "da", thousands: bool = False) -> str:
    """An amount as the table shows it: kroner, or 1.000 kr. in a narrow table."""
    return thousand_kr(x, lang) if thousands else kr(x, lang)


def _whole(x) -> bool:
    """An amount held as an integer (Python int or numpy integer): formatted without a float."""
    return isinstance(x, int | np.integer) and not isinstance(x, bool)


def _grouped(n: int, lang: str) -> str:
    """An integer with thousands separators: '.' (Danish) or ','."""
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "da" else s


def dot(status, lang: str = "da", at_target: bool = False) -> Text:
    """A coloured dot with the word, so the status reads without colour too; a unit exactly at
    its target is green and says "på måltal" (domain.md 4.4)."""
    if status == "green":
        word = LABELS[lang]["at_target" if at_target else "green"]
        return Text(f"● {word}", style="green")
    if status == "red":
        return Text(f"● {LABELS[lang]['red']}", style="red")
    return Text("–")


def bold(text: str) -> Text:
    """Text in bold: a center, a total (literal: markup in a name is printed as written)."""
    return Text(text, style="bold")


def plain(text: str, style: str = "") -> Text:
    """A cell printed exactly as written: no rich markup, no emoji codes, no highlighting."""
    return Text(text, style=style)


def level_label(level: str, lang: str = "da") -> str:
    """'sektorniveau' / 'centerniveau' (sector level / center level) for a title."""
    return LABELS[lang]["center_level" if level == "center" else "sector_level"]
