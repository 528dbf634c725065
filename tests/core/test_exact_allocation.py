"""Status and allocation (domain.md 4.4, 4.5) equal an exact Fraction reference, to the krone.

Random small municipalities are built from decimal inputs, written as CSV files (`;` with decimal
commas and thousands dots, or `,` with dot decimals) and loaded with the public API. Ties are built
on purpose: units whose (gap, payroll) and (gap, fte) pairs are proportional (0.3 · 2.000.000 =
0.2 · 3.000.000: equal potentials and excess days), equal payrolls, gaps exactly 0 and of 1e-10
days, potentials that are whole multiples of the rounding unit, and totals equal to the summed
caps (must allocate) or one rounding unit above them (shortfall). The reference is
tests/core/exact_reference.py.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import exact_reference as ref
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import sygefravaer
from sygefravaer import AllocationError, InputError

CENTERS = ["Nord", "Syd", "vest", "Åby", "Øst"]  # code-point order differs from the Danish one
SECTORS = ["Skoler", "Ældre", "Børn", "administration", "Hjem"]
GROUPS = ["Lærere", "Pædagoger"]
# Gaps g and the tie products: payroll = P/g and fte = Q/g are exact (P = 60.000·m, Q = 6·n),
# so g·payroll and g·fte are equal across the tie group: 0.3 · 2.000.000 = 0.2 · 3.000.000.
TIE_GAPS = ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.8", "1", "1.2", "1.5", "2", "2.4", "3"]
ROUND_GAPS = ["0.1", "0.2", "0.4", "0.5", "1", "2"]  # wd·potential/g is whole øre
EQUAL_PAYROLLS = [Decimal("2000000"), Decimal("2270000"), Decimal("3000000")]
# Substitute budgets: blank or 0 is none (domain.md 2); equal budgets tie.
BUDGETS = ["", Decimal(0), Decimal(100_000), Decimal(100_000), Decimal("250000.50")]
MONEY = ("payroll", "substitute_budget", "prior_reduction")
KINDS = ["tie", "tie", "tie", "zero", "tiny", "round", "random", "random"]
# Added to a one-decimal target: the half-up edge (x.x5 -> up, x.x499999999 -> down, 4.3).
TARGET_EDGES = [Decimal(0)] * 4 + [Decimal("0.05"), Decimal("0.0499999999")]

# No shrink phase: a failing example is reported at once (shrinking these file-backed cases
# takes minutes); it is small already (2-7 units, 1-3 years).
EXACT = settings(
    max_examples=150,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def dec(draw, lo: int, hi: int, places: int) -> Decimal:
    """A decimal in [lo, hi] with up to `places` decimals."""
    return Decimal(draw(st.integers(lo * 10**places, hi * 10**places))).scaleb(-places)


def split(draw, total: Decimal, parts: int) -> list[Decimal]:
    """`total` as `parts` non-negative decimals (2 places, the last one takes the rest)."""
    if parts == 1:
        return [total]
    first = Decimal(draw(st.integers(1, 99))) * total / 100
    first = first.quantize(Decimal("0.01")) if first > 0 else Decimal(0)
    return [first, total - first]


@st.composite
def unit_figures(draw, wd: int, rounding: int, tie_p: Decimal, tie_q: Decimal):
    """(gap, extra, fte, payroll) of one unit: sick days = (target + gap)·fte + extra; a random
    figure each year where gap is None."""
    kind = draw(st.sampled_from(KINDS))
    fte = dec(draw, 1, 120, draw(st.sampled_from([0, 1, 2])))
    payroll = draw(st.sampled_from(EQUAL_PAYROLLS)) if draw(st.booleans()) else None
    if payroll is None:
        payroll = dec(draw, 0, 5_000_000, draw(st.sampled_from([0, 0, 2])))
    gap: Decimal | None = None
    extra = Decimal(0)
    if kind == "tie":
        gap = Decimal(draw(st.sampled_from(TIE_GAPS)))
        fte, payroll = tie_q / gap, tie_p / gap
    elif kind == "zero":
        gap = Decimal(0)
    elif kind == "tiny":
        # 1e-10 days over (red) or under (green) the target: exact, no tolerance (4.4, 4.5).
        gap = Decimal(0)
        extra = draw(st.sampled_from([Decimal("1E-10"), Decimal("-1E-10"), Decimal("3E-10")]))
    elif kind == "round":
        # potential = g · payroll / wd = m · rounding exactly (1.0 · 2.270.000 / 227 = 10.000).
        gap = Decimal(draw(st.sampled_from(ROUND_GAPS)))
        payroll = wd * draw(st.integers(1, 50)) * max(1000, rounding) / gap
    return gap, extra, fte, payroll


def absence_rows(draw, key, period: int, fte: Decimal, sick: Decimal, hpd: Decimal) -> list:
    """The unit's absence rows of a period: one row, or two staff groups splitting fte and
    sick days; a row may give sick_hours instead of sick_days (days = hours / hours_per_day)."""
    parts = draw(st.sampled_from([1, 1, 2]))
    rows = []
    for i, (f, s) in enumerate(zip(split(draw, fte, parts), split(draw, sick, parts), strict=True)):
        row = {"center": key[0], "sector": key[1], "period": period, "fte": f}
        row["staff_group"] = GROUPS[i] if parts == 2 else ""
        if draw(st.integers(0, 3)) == 0:
            row["sick_days"], row["sick_hours"] = "", s * hpd
        else:
            row["sick_days"], row["sick_hours"] = s, ""
        rows.append(row)
    return rows


@st.composite
def cases(draw):
    """A scenario as plain structures (numbers as Decimals) with its policy."""
    years = list(range(2014, 2014 + draw(st.integers(1, 3))))
    wd = draw(st.sampled_from([227, 200]))
    rounding = draw(st.sampled_from([1, 10, 1000]))
    policy = {
        "working_days": wd,
        "hours_per_day": draw(st.sampled_from(["7.4", "7.37", "7.5"])),
        "decimals": 1,
        "model": draw(
            st.sampled_from(["over-target", "over-target", "green-harvester", "substitute"])
        ),
        "weight": draw(st.sampled_from(["value", "days"])),
        "cap": draw(st.booleans()),
        "rounding": rounding,
    }
    hpd = Decimal(policy["hours_per_day"])
    centers = draw(st.lists(st.sampled_from(CENTERS), min_size=1, max_size=3, unique=True))
    unit_keys = st.tuples(st.sampled_from(centers), st.sampled_from(SECTORS))
    keys = draw(st.lists(unit_keys, min_size=2, max_size=7, unique=True))
    tie_p = Decimal(60_000 * draw(st.sampled_from([1, 10, 50])))
    tie_q = Decimal(6 * draw(st.integers(1, 10)))
    units, absence, targets = [], [], []
    for key in keys:
        gap, extra, fte, payroll = draw(unit_figures(wd, rounding, tie_p, tie_q))
        units.append(
            {
                "center": key[0],
                "sector": key[1],
                "payroll": payroll,
                "substitute_budget": draw(st.sampled_from(BUDGETS)),
                "prior_reduction": draw(st.sampled_from([Decimal(0)] * 3 + [Decimal(12_345)])),
            }
        )
        for y in years:
            # Targets with one decimal, or at the half-up edge (11.05 -> 11.1, 11.0499.. -> 11.0).
            raw = dec(draw, 8, 14, 1) + draw(st.sampled_from(TARGET_EDGES))
            targets.append({"center": key[0], "sector": key[1], "year": y, "target": raw})
            target = decimal_of(ref.round_half_up(ref.exact(raw), policy["decimals"]))
            if gap is None:
                sick = dec(draw, int(fte * 5), int(fte * 18) + 1, 2)
            else:
                sick = (target + gap) * fte + extra
            absence += absence_rows(draw, key, y - 1, fte, sick, hpd)
    policy["totals"] = totals(draw, years, units, absence, targets, policy)
    return {"units": units, "absence": absence, "targets": targets, "policy": policy}


def totals(draw, years, units, absence, targets, policy) -> dict[int, int]:
    """Cumulative totals: each year's amount small (a few units to hand out by the tie rule),
    random, exactly the summed caps of the units over target, or one rounding unit more."""
    r, out, total = policy["rounding"], {}, 0
    for y in years:
        st_y = ref.status(ref_rows(units), ref_rows(absence), ref_rows(targets), y, policy)
        w = ref.weights(ref_rows(units), st_y, policy)
        room = sum(int(st_y[k]["potential"] // r) for k in w if w[k] > 0) * r
        mode = draw(st.sampled_from(["small", "random", "room", "room", "over"]))
        amount = {
            "small": draw(st.integers(0, 7)) * r,
            "random": draw(st.integers(0, 3000)) * r,
            "room": room,
            "over": room + r,
        }[mode]
        total += amount
        out[y] = total
    return out


def decimal_of(f: Fraction) -> Decimal:
    """A Fraction with a power-of-ten denominator as the Decimal it is."""
    return Decimal(f.numerator) / Decimal(f.denominator)


def ref_tables(case: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The case's units, absence and targets as the reference reads them."""
    return tuple(ref_rows(case[t]) for t in ("units", "absence", "targets"))


def ref_rows(rows: list[dict]) -> list[dict]:
    """The rows with their numbers as the decimal text the reference reads."""
    return [{k: text(v) if isinstance(v, Decimal) else v for k, v in r.items()} for r in rows]


def text(d: Decimal) -> str:
    """Plain decimal text; never exactly three decimals (45.125 reads as thousands, domain.md 3)."""
    s = format(d.normalize(), "f") if d != 0 else "0"
    if "." in s and len(s.split(".")[1]) == 3:
        s += "0"
    return s


def danish(d: Decimal, money: bool, thousands: bool) -> str:
    """Danish form: decimal comma, thousands dots in money columns when `thousands`."""
    whole, _, frac = text(d).partition(".")
    if money and thousands:
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        groups = []
        while len(digits) > 3:
            digits, groups = digits[:-3], [digits[-3:], *groups]
        whole = sign + ".".join([digits, *groups])
    return whole + ("," + frac if frac else "")


def write_table(path: Path, columns: list[str], rows: list[dict], style: str, thousands: bool):
    """A CSV table: `;` with Danish numbers, or `,` with dot decimals."""
    sep = ";" if style == "da" else ","

    def cell(c: str, v: object) -> str:
        if not isinstance(v, Decimal):
            return str(v)
        return danish(v, c in MONEY, thousands) if style == "da" else text(v)

    lines = [sep.join(columns)] + [sep.join(cell(c, r[c]) for c in columns) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_case(folder: Path, case: dict, style: str, thousands: bool) -> Path:
    """The case's units, absence and targets tables and a scenario (rule "file")."""
    write_table(folder / "units.csv", ["center", "sector", *MONEY], case["units"], style, thousands)
    cols = ["center", "sector", "period", "staff_group", "fte", "sick_days", "sick_hours"]
    write_table(folder / "absence.csv", cols, case["absence"], style, thousands)
    cols = ["center", "sector", "year", "target"]
    write_table(folder / "targets.csv", cols, case["targets"], style, thousands)
    p = case["policy"]
    totals = ", ".join(f"{y} = {v}" for y, v in p["totals"].items())
    lines = [
        'absence = "absence.csv"',
        'units = "units.csv"',
        f"working_days = {p['working_days']}",
        f"hours_per_day = {p['hours_per_day']}",
        "min_fte = 0",
        "[targets]",
        'rule = "file"',
        'file = "targets.csv"',
        f"decimals = {p['decimals']}",
        "[reduction]",
        f'model = "{p["model"]}"',
        f'weight = "{p["weight"]}"',
        f"cap = {str(p['cap']).lower()}",
        f"rounding = {p['rounding']}",
        f"totals = {{ {totals} }}",
    ]
    (folder / "scenario.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "scenario.toml"


def check_status(project, case: dict, year: int) -> None:
    """Every unit's status equals the reference's; fte, sick days and target were read right."""
    expected = ref.status(*ref_tables(case), year, case["policy"])
    got = {(u["center"], u["sector"]): u for u in project.status(year=year).to_dict()["units"]}
    assert got.keys() == expected.keys()
    for k, u in got.items():
        e = expected[k]
        assert u["fte"] == pytest.approx(float(e["fte"]), rel=1e-12), k
        assert u["sick_days"] == pytest.approx(float(e["sick_days"]), rel=1e-12), k
        assert u["target"] == pytest.approx(float(e["target"]), rel=1e-12), k
        assert u["status"] == e["status"], (k, e["gap"])


def check_allocation(project, case: dict) -> None:
    """Each year's increments and reductions equal the reference's, or both refuse."""
    years = sorted(case["policy"]["totals"])
    try:
        expected = ref.allocate(*ref_tables(case), case["policy"])
        refused = None
    except ref.Refused as exc:
        refused = exc
    if refused is not None:
        error = AllocationError if refused.kind == "shortfall" else InputError
        with pytest.raises(error):
            project.allocate(refused.year)
        if refused.year == years[0]:
            return
        years = [y for y in years if y < refused.year]
        expected = ref.allocate(
            *ref_tables(case),
            {**case["policy"], "totals": {y: case["policy"]["totals"][y] for y in years}},
        )
    last = years[-1]
    doc = project.allocate(last).to_dict()
    assert (doc["total"], doc["increment"]) == (
        expected[last]["total"],
        expected[last]["increment"],
    )
    for u in doc["units"]:
        k = (u["center"], u["sector"])
        assert u["increments"] == {str(y): expected[y]["increments"][k] for y in years}, k
        assert u["reduction"] == expected[last]["reduction"][k], k


@EXACT
@given(cases(), st.sampled_from(["da", "en"]), st.booleans())
def test_status_and_allocation_equal_the_exact_reference(tmp_path, case, style, thousands):
    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        project = sygefravaer.load(write_case(Path(d), case, style, thousands))
        for y in case["policy"]["totals"]:
            check_status(project, case, y)
        check_allocation(project, case)


def test_reference_rounds_half_up_exactly():
    # 11.05 -> 11.1 and 11.0499999999 -> 11.0 (4.3); 11.05 is not a binary float, it is exact here.
    assert ref.round_half_up(ref.exact("11.05"), 1) == Fraction(111, 10)
    assert ref.round_half_up(ref.exact("11.0499999999"), 1) == Fraction(110, 10)
    assert ref.exact(7.4) == Fraction(37, 5)


def test_reference_reads_a_file_cell_at_15_significant_digits():
    # docs/regler.md: every file format at 15 significant digits. 1510.260400000737 (16 digits,
    # sick hours a generated case wrote as hours_per_day x days) is 1510.26040000074; a program's
    # 0.30000000000000004 is 3/10; a cell of at most 15 digits is its text exactly.
    assert ref.cell("1510.260400000737") == Fraction("1510.26040000074")
    assert ref.cell("0.30000000000000004") == Fraction(3, 10)
    assert ref.cell("258.3000000001") == Fraction("258.3000000001")
    assert ref.cell("") == 0
