"""`allocate --output`: one year's allocation per unit and per center, a chart, the assumptions."""

from __future__ import annotations

from pathlib import Path

from ...core import models
from .assumptions import assumptions_sheet
from .base import DAYS, FTE, GAP, MONEY, Col, Sheet
from .charts import bar_chart
from .labels import kr_text, weight_fmt
from .rows import records, shown_rows
from .save import write_sheets

_NOTE = (
    "Stigning: årets ændring af enhedens reduktion; det første år er andelen minus "
    "en tidligere reduktion (negativ = penge tilbage). Reduktion i alt = tidligere "
    "reduktion + alle stigninger."
)
# The unit columns after the key, in the sheet's order (the increments and reduction follow).
_UNIT_FIELDS = ["status", "fte", "days_per_fte", "target", "gap", "potential", "weight", "cap"]


def write_allocation_workbook(path, scenario, inputs, result, targets=None) -> Path:
    """`allocate --output`: the year's allocation per unit and center, a chart, the assumptions."""
    st = result.status
    period = st.period if st is not None else str(result.year - 1)
    totals = _totals(result)
    units = _units_sheet(scenario, result, period, totals)
    centers = _centers_sheet(scenario, result, totals)
    chart = bar_chart(
        centers,
        f"Budgetreduktion {result.year} pr. center",
        None,
        1,
        [len(result.years) + 3],
        MONEY,
    )
    krl = targets.krl_year if targets is not None else None
    extra = [("Fordelt år", result.year), ("Sammenlignet periode", period)]
    a = assumptions_sheet(scenario, inputs, krl, extra, result.warnings, result)
    anchor = f"A{centers.end_row + 2}"
    sheets = [(units, []), (centers, [(chart, anchor)]), (a, [])]
    return write_sheets(sheets, path, scenario, inputs)


def _key(result) -> list[str]:
    """The unit key columns: center and sector, or center alone."""
    return ["center", "sector"] if result.level != "center" else ["center"]


def _unit_columns(result, period: str) -> list[Col]:
    """'Fordeling': the key, the status the weights come from, the weights, the reduction."""
    year = result.year
    weight = models.get(result.model).label_da.split(" (")[0].lower()
    cols = [Col("Center")] + ([Col("Sektor")] if result.level != "center" else [])
    return cols + [
        Col("Status", kind="status"),
        Col(f"Årsværk {period}", FTE),
        Col(f"Fravær {period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {year}", DAYS),
        Col("Afvigelse (dage)", GAP),
        Col("Effektiviserings-potentiale", MONEY),
        Col(f"Vægt ({weight})", weight_fmt(result.model, result.weight)),
        Col("Loft", MONEY),
        Col(f"Andel {year}", MONEY),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {y.year}", MONEY) for y in result.years],
        Col(f"Reduktion {year} i alt", MONEY),
    ]


def _units_sheet(scenario, result, period: str, totals: list[int]) -> Sheet:
    """One row per unit (the absence figures of the year's own status), then the total row."""
    year, key = result.year, _key(result)
    incs = [f"increment_{y.year}" for y in result.years]
    last = result.years[-1].units
    units = result.units.copy()
    for col in ("days_per_fte", "target", "gap"):
        if col in last.columns:
            units[col] = last[col].to_numpy()
    name = models.get(result.model).label_da
    heading = [
        f"Budgetreduktion {year} – {name} – {scenario.name}",
        f"Fravær {period} mod måltal {year}. Reduktion i alt {kr_text(result.total)}, "
        f"heraf stigning {year}: {kr_text(result.increment)}.",
    ]
    s = Sheet("Fordeling", _unit_columns(result, period), heading=heading, freeze_cols=len(key))
    cols = [*key, *_UNIT_FIELDS, "share", "prior_reduction", *incs, "reduction"]
    for r in shown_rows(units[[c for c in cols if c in units.columns]]):
        s.add(
            [r[k] for k in key]
            + [r.get(k) for k in (*_UNIT_FIELDS, "share")]
            + [r["prior_reduction"], *[r[c] for c in incs], r["reduction"]]
        )
    mu = result.municipality
    sums = {"potential": mu["potential"], "weight": mu["weight"], "share": mu["share"]}
    total = [sums.get(k) for k in (*_UNIT_FIELDS, "share")]
    s.add(["I alt", *[None] * (len(key) - 1), *total, *totals], total=True)
    s.notes = [_NOTE]
    return s


def _totals(result) -> list[int]:
    """The total row's amounts: core's sums of the prior reductions, increments and reductions."""
    mu = result.municipality
    return [
        mu["prior_reduction"],
        *[mu[f"increment_{y.year}"] for y in result.years],
        mu["reduction"],
    ]


def _centers_sheet(scenario, result, totals: list[int]) -> Sheet:
    """'Centre': each center's prior reduction, increments and reduction, and the total row."""
    year = result.year
    incs = [f"increment_{y.year}" for y in result.years]
    c = Sheet(
        "Centre",
        [
            Col("Center"),
            Col("Tidligere reduktion", MONEY),
            *[Col(f"Stigning {y.year}", MONEY) for y in result.years],
            Col(f"Reduktion {year} i alt", MONEY),
        ],
        heading=[
            f"Budgetreduktion {year} pr. center – {scenario.name}",
            models.get(result.model).label_da,
        ],
    )
    for r in records(result.centers, ["center", "prior_reduction", *incs, "reduction"]):
        c.add([r["center"], r["prior_reduction"], *[r[k] for k in incs], r["reduction"]])
    c.add(["I alt", *totals], total=True)
    return c
