"""Random valid scenarios written as files, for the properties that must hold on any input.

`scenarios()` is a hypothesis strategy of `Drawn` plans; `write(plan, folder)` writes the absence,
units and national tables and the scenario TOML, and returns the scenario's path. Names include
rich markup, a formula-looking text and emoji, since every output must print them as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

# Center and sector names a real export may hold, and a few that would fool a printer.
CENTER_NAMES = ["Skole [bold]Syd", "=SUM(A1)", "Ældre 👵", "Børn og Unge", "Teknik", "a"]
SECTOR_NAMES = ["Administration", "[red]Drift[/red]", "+45 Pleje", "Skoler 🏫", "Køkken", "Å"]
GROUPS = ["Lærere", "Pædagogisk personale", "Social- og sundhedspersonale"]
NATIONAL = {"Kommuner i alt": 12.0, "Lærere": 10.2, "Pædagogisk personale": 14.1}
MODELS = ["green-harvester", "substitute", "over-target"]


@dataclass(frozen=True)
class Drawn:
    """One scenario: units (center, sector, payroll, substitute, prior), absence rows and policy."""

    units: list[tuple[str, str, int, int, int]]
    absence: list[tuple[str, str, int, str, float, float]]  # center, sector, year, group, fte, days
    model: str
    rule: str
    rounding: int
    totals: dict[int, int]


@st.composite
def scenarios(draw) -> Drawn:
    """A valid scenario over 2-7 units in 1-3 centers, absence 2013-2015, totals 2014-2016."""
    centers = draw(st.lists(st.sampled_from(CENTER_NAMES), min_size=1, max_size=3, unique=True))
    units = []
    for c in centers:
        for s in draw(st.lists(st.sampled_from(SECTOR_NAMES), min_size=1, max_size=3, unique=True)):
            payroll = draw(st.integers(1, 400)) * 25_000
            sub = draw(st.integers(0, 40)) * 10_000
            prior = draw(st.sampled_from([0, 0, 10_000, 35_000]))
            units.append((c, s, payroll, sub, prior))
    absence = []
    for c, s, *_ in units:
        for year in (2013, 2014, 2015):
            for g in draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2, unique=True)):
                fte = draw(st.integers(1, 400)) / 10
                days = round(fte * draw(st.integers(40, 220)) / 10, 1)
                absence.append((c, s, year, g, fte, days))
    rounding = draw(st.sampled_from([1, 100, 1000]))
    steps = draw(st.lists(st.integers(0, 40), min_size=3, max_size=3))
    prior = sum(u[4] for u in units)
    first = prior + (steps[0] + 1) * rounding * 50
    totals = {2014: first, 2015: first + steps[1] * rounding * 50}
    totals[2016] = totals[2015] + steps[2] * rounding * 50
    model = draw(st.sampled_from(MODELS))
    return Drawn(
        units, absence, model, draw(st.sampled_from(["glide", "national"])), rounding, totals
    )


def write(plan: Drawn, folder: Path, level: str = "sector") -> Path:
    """The plan's tables (Danish exports: semicolons, decimal commas) and scenario; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["Center;Sektor;Lønsum;Vikarbudget;Tidligere reduktion"]
    rows += [f"{c};{s};{p};{b};{r}" for c, s, p, b, r in plan.units]
    (folder / "units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Center;Sektor;Periode;Personalegruppe;Årsværk;Sygefraværsdage"]
    for c, s, y, g, fte, days in plan.absence:
        rows.append(f"{c};{s};{y};{g};{str(fte).replace('.', ',')};{str(days).replace('.', ',')}")
    (folder / "absence.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["year,staff_group,days_per_fte"]
    rows += [
        f"{y},{g},{v + (y - 2012) * 0.1:.1f}"
        for y in range(2012, 2017)
        for g, v in NATIONAL.items()
    ]
    (folder / "national.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    totals = ", ".join(f"{y} = {v}" for y, v in plan.totals.items())
    targets = (
        'rule = "glide"\nbase_year = 2013\nfinal_year = 2017\nbenchmark_year = 2012\n'
        "gap_closure = 0.5\n"
        if plan.rule == "glide"
        else 'rule = "national"\n'
    )
    lines = [
        'name = "Tilfældig kommune"',
        'absence = "absence.csv"',
        'units = "units.csv"',
        'national = "national.csv"',
        "working_days = 220",
        f'level = "{level}"',
        "min_fte = 0",
        "[targets]",
        targets,
        "[reduction]",
        f'model = "{plan.model}"',
        f"rounding = {plan.rounding}",
        f"totals = {{ {totals} }}",
    ]
    path = folder / "scenario.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
