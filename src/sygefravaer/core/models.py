"""The allocation models (domain.md 4.5) in one registry: a fourth model touches this file only.

Each model names its weight rule (a column of the status table, and whether only units over their
target take part), its labels in Danish and English, and why no unit can carry an increment.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError


@dataclass(frozen=True)
class Model:
    """One way of distributing the yearly increment (4.5)."""

    name: str  # the code name, in the scenario, --model and JSON
    label_da: str  # long Danish name, with its weight in brackets
    short_da: str  # column heading in the tables
    short_en: str
    weight_column: str  # the status column that weighs a unit ("potential" for over-target)
    only_red: bool  # only units over their target take part
    capped: bool  # `cap = true` limits each unit's share to its potential
    nobody_da: str  # why no unit can carry an increment
    basis_da: str  # how the reduction is distributed, a sentence for the workbooks
    label_en: str = ""
    basis_en: str = ""

    def label(self, lang: str = "da") -> str:
        """The short name shown in a table heading."""
        return self.short_en if lang == "en" else self.short_da

    def long_label(self, lang: str = "da") -> str:
        """The long name shown in the workbooks, with its weight in brackets."""
        return self.label_en if lang == "en" else self.label_da

    def basis(self, lang: str = "da") -> str:
        """How the reduction is distributed, a sentence for the workbooks ({weight} left open)."""
        return self.basis_en if lang == "en" else self.basis_da

    @property
    def needs_status(self) -> bool:
        """Its weights come from the status, so a year without one cannot be allocated."""
        return self.only_red

    def weight_of(self, weight: str) -> str:
        """The status column that weighs a unit: over-target weighs by value or by days."""
        if self.only_red and weight == "days":
            return "excess_days"
        return self.weight_column


MODELS: dict[str, Model] = {
    m.name: m
    for m in (
        Model(
            "green-harvester",
            "Grønthøstermodel (lønsum)",
            "Grønthøster",
            "Green-harvester",
            "payroll",
            only_red=False,
            capped=False,
            nobody_da="ingen enhed har en lønsum",
            basis_da="Reduktionen fordeles efter lønsum på alle enheder.",
            label_en="Green harvester (payroll)",
            basis_en="The reduction is shared by payroll among all units.",
        ),
        Model(
            "substitute",
            "Vikarkonti (vikarbudget)",
            "Vikarkonti",
            "Substitute",
            "substitute_budget",
            only_red=False,
            capped=False,
            nobody_da="ingen enhed har et vikarbudget",
            basis_da="Reduktionen fordeles efter vikarbudget.",
            label_en="Substitute accounts (substitute budget)",
            basis_en="The reduction is shared by substitute budget.",
        ),
        Model(
            "over-target",
            "For højt sygefravær (over måltal)",
            "Over måltal",
            "Over-target",
            "potential",
            only_red=True,
            capped=True,
            nobody_da="ingen enhed ligger over sit måltal",
            basis_da="Reduktionen fordeles på enheder over måltal efter {weight}.",
            label_en="Absence too high (over target)",
            basis_en="The reduction is shared among the units over their target by {weight}.",
        ),
    )
}
NAMES: tuple[str, ...] = tuple(MODELS)


def get(name: str) -> Model:
    """The model called `name`; an unknown name is an input error listing the known ones."""
    try:
        return MODELS[name]
    except KeyError:
        raise InputError(
            f"ukendt model {name!r}", hint=f"Accepterede modeller: {', '.join(NAMES)}."
        ) from None


# The other choices a scenario's settings offer (domain.md 3.4): the target rules, the levels,
# the over-target model's weights.
RULES: tuple[str, ...] = ("glide", "national", "file")
LEVELS: tuple[str, ...] = ("sector", "center")
WEIGHTS: tuple[str, ...] = ("value", "days")
