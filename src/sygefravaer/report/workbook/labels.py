"""Danish wording shared by the workbooks: rule and file names, amounts, the model's reasoning."""

from __future__ import annotations

from ...core import models
from .base import DAYS, MONEY

RULE_NAMES = {
    "glide": "glidebane fra basisårets niveau mod landsgennemsnittet",
    "national": "landsgennemsnittet (seneste udgivne KRL-år før måltalsåret)",
    "file": "måltal fra fil",
}
ROLE_NAMES = {
    "scenario": "Scenariefil",
    "absence": "Fravær",
    "units": "Enheder",
    "national": "Landsgennemsnit (KRL)",
    "targets": "Måltal",
}


def kr_text(n) -> str:
    """1234567 -> '1.234.567 kr.'"""
    return f"{int(n):,} kr.".replace(",", ".")


def fte_text(x) -> str:
    """A number of full-time equivalents with a decimal comma, '5' rather than '5,0'."""
    return f"{x:.1f}".replace(".", ",").replace(",0", "")


def weight_fmt(model: str, weight: str) -> str:
    """The weight column's number format: days for excess days, kroner otherwise."""
    return DAYS if models.get(model).weight_of(weight) == "excess_days" else MONEY


def model_name(scenario) -> str:
    """The scenario's model, in Danish."""
    return models.get(scenario.reduction.model).label_da


def model_reason(scenario) -> str:
    """One sentence on how the scenario's model shares the reduction (its weight and cap)."""
    r = scenario.reduction
    m = models.get(r.model)
    if not m.only_red:
        return m.basis_da
    w = "effektiviseringspotentialet" if r.weight == "value" else "dagene over måltal"
    cap = " Ingen enhed betaler mere end sit potentiale." if (m.capped and r.cap) else ""
    return m.basis_da.format(weight=w) + cap
