"""The workbooks' wording, one dict per language (Danish by default, English with --lang en):
sheet names, headers, notes, rule and file names, amounts, the model's reasoning."""

from __future__ import annotations

from ...core import models
from .base import DAYS, FTE, GAP, INT, MONEY, Col

RULE_NAMES = {
    "da": {
        "glide": "glidebane fra basisårets niveau mod landsgennemsnittet",
        "national": "landsgennemsnittet (seneste udgivne KRL-år før måltalsåret)",
        "file": "måltal fra fil",
    },
    "en": {
        "glide": "glide path from the base year's level towards the national average",
        "national": "the national average (latest KRL year published before the target year)",
        "file": "targets from a file",
    },
}
ROLE_NAMES = {
    "da": {
        "scenario": "Scenariefil",
        "absence": "Fravær",
        "units": "Enheder",
        "national": "Landsgennemsnit (KRL)",
        "targets": "Måltal",
    },
    "en": {
        "scenario": "Scenario file",
        "absence": "Absence",
        "units": "Units",
        "national": "National average (KRL)",
        "targets": "Targets",
    },
}

# Every other text of the workbooks; `{...}` fields are filled in with str.format.
WORDS = {
    "da": {
        # shared column headers and row labels
        "center": "Center",
        "sector": "Sektor",
        "status": "Status",
        "fte": "Årsværk",
        "fte_period": "Årsværk {period}",
        "sick_days": "Sygedage",
        "absence": "Fravær (dage pr. årsværk)",
        "absence_period": "Fravær {period} (dage pr. årsværk)",
        "target": "Måltal",
        "target_year": "Måltal {year}",
        "target_years": "Måltalsår",
        "period": "Periode",
        "benchmark": "Landsgennemsnit",
        "gap": "Afvigelse (dage)",
        "excess_days": "Dage over måltal",
        "day_cost": "Dagsværdi",
        "potential": "Effektiviserings-potentiale",
        "weight": "Vægt",
        "weight_of": "Vægt ({weight})",
        "cap": "Loft",
        "share": "Andel",
        "share_year": "Andel {year}",
        "prior": "Tidligere reduktion",
        "increment": "Stigning",
        "increment_year": "Stigning {year}",
        "reduction": "Reduktion",
        "reduction_total": "Reduktion {year} i alt",
        "reduction_cumulative": "Reduktion (kumulativ)",
        "total": "I alt",
        "center_total": "{center} i alt",
        "municipality_total": "Kommunen i alt",
        "municipality": "Kommunen",
        "level": "Niveau",
        "year": "År",
        "days_axis": "dage pr. årsværk",
        "cannot": "kan ikke fordele",
        # allocate --output
        "allocation_sheet": "Fordeling",
        "centers_sheet": "Centre",
        "allocation_title": "Budgetreduktion {year} – {model} – {name}",
        "allocation_subtitle": "Fravær {period} mod måltal {year}. Reduktion i alt {total}, "
        "heraf stigning {year}: {increment}",  # the amount ends in "kr."
        "centers_title": "Budgetreduktion {year} pr. center – {name}",
        "reduction_chart": "Budgetreduktion {year} pr. center",
        "allocation_note": "Stigning: årets ændring af enhedens reduktion; det første år er "
        "andelen minus en tidligere reduktion (negativ = penge tilbage). Reduktion i alt = "
        "tidligere reduktion + alle stigninger.",
        "year_allocated": "Fordelt år",
        "period_compared": "Sammenlignet periode",
        # run: the overview
        "summary_sheet": "Oversigt",
        "sectors_sheet": "Sektorer",
        "targets_sheet": "Måltal",
        "models_sheet": "Modeller",
        "summary_title": "Sygefravær og budgetreduktion – {name}",
        "summary_subtitle": "Fravær {period} mod måltal {year}; model: {model}.",
        "no_reduction": "Ingen reduktion i scenariet.",
        "summary_notes": [
            "Fravær = sygefraværsdage pr. årsværk (summen af dage / summen af årsværk). "
            "Centrets og kommunens måltal er enhedernes måltal vægtet med årsværk.",
            "Stigning: årets ændring af reduktionen (første år: andel minus tidligere "
            "reduktion). Reduktionerne er varige og lægges sammen.",
        ],
        "absence_chart_centers": "Fravær {period} mod måltal {year} pr. center",
        "sectors_title": "Sektorer pr. år – {name}",
        "model_line": "Model: {model}",
        "center_level_note": "Reduktionen fordeles på centerniveau; se arket Oversigt.",
        "benchmark_krl": "Landsgennemsnit (KRL {krl})",
        "benchmark_year_krl": "Landsgennemsnit {year} (KRL {krl})",
        "targets_title": "Måltal pr. år – {name}",
        "rule_line": "Regel: {rule}",
        "models_title": "De tre modeller side om side – {name}",
        "models_subtitle": "Reduktion i alt pr. center (kumulativ) det år, under hver model.",
        "chosen": " – valgt",
        "cannot_note": "{year}, {model}: kan ikke fordele: {message}",
        # run: a center's workbook
        "center_sectors_sheet": "Sektorer",
        "center_years_sheet": "Sektorer pr. år",
        "versus_sheet": "Center og kommune",
        "center_title": "{center} – sygefravær og budgetreduktion {year}",
        "center_subtitle": "{name}. Fravær {period} mod måltal {year}; model: {model}.",
        "absence_chart_sectors": "Fravær {period} mod måltal {year} pr. sektor",
        "center_years_title": "{center} – sektorer pr. år",
        "versus_title": "{center} og kommunen",
        "center_fte": "Centrets årsværk",
        "center_absence": "Centrets fravær",
        "center_target": "Centrets måltal",
        "center_status": "Centrets status",
        "municipality_absence": "Kommunens fravær",
        "municipality_target": "Kommunens måltal",
        "municipality_status": "Kommunens status",
        "center_reduction": "Centrets reduktion (kumulativ)",
        "municipality_reduction": "Kommunens reduktion (kumulativ)",
        "cost_note": "Dagsværdi = lønsum / (årsværk × arbejdsdage). Effektiviseringspotentiale "
        "= dage over måltal × dagsværdi. ",
        "increment_note": "Stigning: årets ændring af reduktionen (første år: andel minus "
        "tidligere reduktion).",
        "center_own_note": "Fordelt på centerniveau: centret er enheden, så vægt, stigninger og "
        "reduktion i rækken i alt er centrets egne, beregnet på centrets samlede fravær mod dets "
        "måltal (centrets eget effektiviseringspotentiale: {own}); potentialet i rækken i alt er "
        "sektorernes sum.",
        "hidden_note": "Fraværstal for enheder med under {min_fte} årsværk er skjult, da de kan "
        "udpege enkeltpersoner; er de skjulte enheder tilsammen for små, skjules også den "
        "mindste anden enhed, så centrets total ikke afslører dem.",
        "hidden_small": "skjult (< {min_fte} årsværk)",
        "hidden_complement": "skjult (så en lille enhed ikke kan regnes ud)",
        "hide_under": "Skjul fravær under (årsværk)",
        "weight_value": "effektiviseringspotentialet",
        "weight_days": "dagene over måltal",
        "cap_note": " Ingen enhed betaler mere end sit potentiale.",
        # the assumptions sheet
        "assumptions_sheet": "Forudsætninger",
        "assumption": "Forudsætning",
        "value": "Værdi",
        "detail": "Detalje",
        "assumptions_title": "Forudsætninger – {name}",
        "assumptions_subtitle": "Indstillinger, inddatafiler og advarsler",
        "scenario": "Scenarie",
        "working_days": "Arbejdsdage pr. årsværk",
        "hours_per_day": "Timer pr. dag",
        "hours_detail": "sygefraværstimer omregnes til dage",
        "allocation_level": "Fordelingsniveau",
        "levels": {"sector": "sektor", "center": "center"},
        "min_fte": "Mindste antal årsværk",
        "file": "Fil: {role}",
        "program": "Program",
        "warning": "Advarsel",
        "warnings": "Advarsler",
        "none": "ingen",
        "rule": "Måltalsregel",
        "base_year": "Basisår",
        "base_year_detail": "fraværet dette år er glidebanens udgangspunkt",
        "final_year": "Slutår",
        "final_year_detail": "året, hvor målet er nået",
        "gap_closure": "Andel af afstanden, der lukkes",
        "target_years_list": "Måltalsår",
        "benchmark_year": "Landsgennemsnittets år (KRL)",
        "latest_before": "seneste før måltalsåret",
        "krl_used": "KRL-år brugt for måltal {year}",
        "no_krl": "intet",
        "decimals": "Decimaler i måltal",
        "half_up": "afrundet halvt op",
        "model": "Model",
        "weight_detail_value": "potentiale i kr.",
        "weight_detail_days": "dage over måltal",
        "cap_row": "Loft (effektiviseringspotentiale)",
        "yes": "ja",
        "no": "nej",
        "rounding": "Afrunding",
        "rounding_detail": "største rest får de resterende enheder",
        "reduction_cumulative_year": "Reduktion i alt {year} (kumulativ)",
        "increment_distributed": "Stigning {year} (årets reduktion)",
        "increment_pooled": "Stigning {year} fordelt",
        "pooled_detail": "årets {distributed} minus de tidligere reduktioner på {prior}, som "
        "lægges sammen med det første år: hver enheds første stigning er dens andel af årets "
        "reduktion minus dens tidligere reduktion",
        "years_allocated": "Fordelte år",
        "absence_compared": "Fravær sammenlignet med måltal {year}",
    },
    "en": {
        "center": "Center",
        "sector": "Sector",
        "status": "Status",
        "fte": "FTE",
        "fte_period": "FTE {period}",
        "sick_days": "Sick days",
        "absence": "Absence (days per FTE)",
        "absence_period": "Absence {period} (days per FTE)",
        "target": "Target",
        "target_year": "Target {year}",
        "target_years": "Target year",
        "period": "Period",
        "benchmark": "National average",
        "gap": "Gap (days)",
        "excess_days": "Days over target",
        "day_cost": "Day value",
        "potential": "Efficiency potential",
        "weight": "Weight",
        "weight_of": "Weight ({weight})",
        "cap": "Cap",
        "share": "Share",
        "share_year": "Share {year}",
        "prior": "Prior reduction",
        "increment": "Increment",
        "increment_year": "Increment {year}",
        "reduction": "Reduction",
        "reduction_total": "Total reduction {year}",
        "reduction_cumulative": "Reduction (cumulative)",
        "total": "Total",
        "center_total": "{center} total",
        "municipality_total": "Municipality total",
        "municipality": "Municipality",
        "level": "Level",
        "year": "Year",
        "days_axis": "days per FTE",
        "cannot": "cannot allocate",
        "allocation_sheet": "Allocation",
        "centers_sheet": "Centers",
        "allocation_title": "Budget reduction {year} – {model} – {name}",
        "allocation_subtitle": "Absence {period} against the {year} target. Total reduction "
        "{total}, of which the {year} increment: {increment}",  # the amount ends in "kr."
        "centers_title": "Budget reduction {year} per center – {name}",
        "reduction_chart": "Budget reduction {year} per center",
        "allocation_note": "Increment: the year's change in the unit's reduction; in the first "
        "year it is the share minus a prior reduction (negative = money back). Total "
        "reduction = prior reduction + every increment.",
        "year_allocated": "Year allocated",
        "period_compared": "Period compared",
        "summary_sheet": "Overview",
        "sectors_sheet": "Sectors",
        "targets_sheet": "Targets",
        "models_sheet": "Models",
        "summary_title": "Sickness absence and budget reduction – {name}",
        "summary_subtitle": "Absence {period} against the {year} target; model: {model}.",
        "no_reduction": "No reduction in the scenario.",
        "summary_notes": [
            "Absence = sick days per FTE (the sum of days / the sum of FTE). The center's and "
            "the municipality's targets are the units' targets weighted by FTE.",
            "Increment: the year's change in the reduction (first year: share minus prior "
            "reduction). The reductions are permanent and add up.",
        ],
        "absence_chart_centers": "Absence {period} against the {year} target per center",
        "sectors_title": "Sectors per year – {name}",
        "model_line": "Model: {model}",
        "center_level_note": "The reduction is allocated per center; see the sheet Overview.",
        "benchmark_krl": "National average (KRL {krl})",
        "benchmark_year_krl": "National average {year} (KRL {krl})",
        "targets_title": "Targets per year – {name}",
        "rule_line": "Rule: {rule}",
        "models_title": "The three models side by side – {name}",
        "models_subtitle": "Cumulative reduction per center that year, under each model.",
        "chosen": " – chosen",
        "cannot_note": "{year}, {model}: cannot allocate: {message}",
        "center_sectors_sheet": "Sectors",
        "center_years_sheet": "Sectors per year",
        "versus_sheet": "Center and municipality",
        "center_title": "{center} – sickness absence and budget reduction {year}",
        "center_subtitle": "{name}. Absence {period} against the {year} target; model: {model}.",
        "absence_chart_sectors": "Absence {period} against the {year} target per sector",
        "center_years_title": "{center} – sectors per year",
        "versus_title": "{center} and the municipality",
        "center_fte": "Center FTE",
        "center_absence": "Center absence",
        "center_target": "Center target",
        "center_status": "Center status",
        "municipality_absence": "Municipality absence",
        "municipality_target": "Municipality target",
        "municipality_status": "Municipality status",
        "center_reduction": "Center reduction (cumulative)",
        "municipality_reduction": "Municipality reduction (cumulative)",
        "cost_note": "Day value = payroll / (FTE × working days). Efficiency potential = days "
        "over target × day value. ",
        "increment_note": "Increment: the year's change in the reduction (first year: share "
        "minus prior reduction).",
        "center_own_note": "Allocated at center level: the center is the unit, so the weight, "
        "increments and reduction of the total row are the center's own, worked out on its "
        "summed absence against its target (the center's own efficiency potential: {own}); "
        "the potential of the total row is the sectors' sum.",
        "hidden_note": "Absence figures of units with fewer than {min_fte} FTE are hidden, as "
        "they can point out individuals; where the hidden units together are too small, the "
        "smallest other unit is hidden too, so that the center's total does not give them away.",
        "hidden_small": "hidden (< {min_fte} FTE)",
        "hidden_complement": "hidden (so that a small unit cannot be worked out)",
        "hide_under": "Hide absence under (FTE)",
        "weight_value": "the efficiency potential",
        "weight_days": "the days over target",
        "cap_note": " No unit pays more than its potential.",
        "assumptions_sheet": "Assumptions",
        "assumption": "Assumption",
        "value": "Value",
        "detail": "Detail",
        "assumptions_title": "Assumptions – {name}",
        "assumptions_subtitle": "Settings, input files and warnings",
        "scenario": "Scenario",
        "working_days": "Working days per FTE",
        "hours_per_day": "Hours per day",
        "hours_detail": "sick hours are converted to days",
        "allocation_level": "Allocation level",
        "levels": {"sector": "sector", "center": "center"},
        "min_fte": "Minimum FTE",
        "file": "File: {role}",
        "program": "Program",
        "warning": "Warning",
        "warnings": "Warnings",
        "none": "none",
        "rule": "Target rule",
        "base_year": "Base year",
        "base_year_detail": "the absence this year is the glide path's starting point",
        "final_year": "Final year",
        "final_year_detail": "the year the target is reached",
        "gap_closure": "Share of the gap closed",
        "target_years_list": "Target years",
        "benchmark_year": "Year of the national average (KRL)",
        "latest_before": "latest before the target year",
        "krl_used": "KRL year used for the {year} target",
        "no_krl": "none",
        "decimals": "Decimals in targets",
        "half_up": "rounded half up",
        "model": "Model",
        "weight_detail_value": "potential in kr.",
        "weight_detail_days": "days over target",
        "cap_row": "Cap (efficiency potential)",
        "yes": "yes",
        "no": "no",
        "rounding": "Rounding",
        "rounding_detail": "the largest remainders get the remaining units",
        "reduction_cumulative_year": "Total reduction {year} (cumulative)",
        "increment_distributed": "Increment {year} (the year's reduction)",
        "increment_pooled": "Increment {year} distributed",
        "pooled_detail": "the year's {distributed} minus the prior reductions of {prior}, which "
        "are pooled with the first year: each unit's first increment is its share of the year's "
        "reduction minus its prior reduction",
        "years_allocated": "Years allocated",
        "absence_compared": "Absence compared with the {year} target",
    },
}


# The number format of a column by its WORDS key (text columns have none), and the width names
# wrap at in the long tables.
_FORMATS = {"target_years": INT, "fte": FTE, "sick_days": FTE, "excess_days": FTE}
_FORMATS |= dict.fromkeys(("absence", "target", "benchmark", "gap"), DAYS) | {"gap": GAP}
_FORMATS |= dict.fromkeys(
    ("day_cost", "potential", "cap", "share", "increment", "reduction_cumulative"), MONEY
)
_WRAPS = {"center": 24, "sector": 22}


def columns(lang: str, keys: list[str], weight: str) -> list[Col]:
    """The columns of `keys` (WORDS keys) labelled in `lang`, each with its number format; the
    weight's is `weight` (see weight_fmt), a status column is styled as one."""
    w = WORDS[lang]
    return [
        Col(
            w[k],
            weight if k == "weight" else _FORMATS.get(k),
            kind="status" if k == "status" else None,
            wrap=_WRAPS.get(k),
        )
        for k in keys
    ]


def kr_text(n, lang: str = "da") -> str:
    """1234567 -> '1.234.567 kr.' ('1,234,567 kr.' in English)."""
    text = f"{int(n):,} kr."
    return text if lang == "en" else text.replace(",", ".")


def fte_text(x, lang: str = "da") -> str:
    """A number of full-time equivalents, '5' rather than '5,0' (a decimal point in English)."""
    text = f"{x:.1f}".removesuffix(".0")
    return text if lang == "en" else text.replace(".", ",")


def weight_fmt(model: str, weight: str) -> str:
    """The weight column's number format: days for excess days, kroner otherwise."""
    return DAYS if models.get(model).weight_of(weight) == "excess_days" else MONEY


def model_name(scenario, lang: str = "da") -> str:
    """The scenario's model, in the workbook's language."""
    return models.get(scenario.reduction.model).long_label(lang)


def model_reason(scenario, lang: str = "da") -> str:
    """One sentence on how the scenario's model shares the reduction (its weight and cap)."""
    r = scenario.reduction
    m = models.get(r.model)
    if not m.only_red:
        return m.basis(lang)
    w = WORDS[lang]["weight_value" if r.weight == "value" else "weight_days"]
    cap = WORDS[lang]["cap_note"] if (m.capped and r.cap) else ""
    return m.basis(lang).format(weight=w) + cap
