"""An exact reference of domain.md 4.4 (status) and 4.5 (allocation) for the file target rule.

Plain Python over Fractions, written for reading, not speed: the tests compare the tool with it.
Inputs are plain structures holding the numbers as decimal text, read exactly (domain.md 4.5
"exact": every rule is on the exact decimal values of the inputs), a file's cells at 15
significant digits as docs/regler.md reads every file format (`cell`):

    units:    [{"center", "sector", "payroll", "substitute_budget", "prior_reduction"}]
    absence:  [{"center", "sector", "period", "fte", "sick_days" or "sick_hours"}]
    targets:  [{"center", "sector", "year", "target"}]   (the reference rounds them itself)
    policy:   {"working_days", "hours_per_day", "decimals", "model", "weight", "cap",
               "rounding", "totals": {year: kroner}}

`allocate` gives, per year of the totals, {"increments": {key: int}, "reduction": {key: int},
"total": R_y, "increment": Σ increments}, or raises Refused (a shortfall, nobody to carry it).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

Key = tuple[str, str]


class Refused(Exception):
    """The allocation cannot be made (4.5): `kind` is "shortfall" or "nobody"."""

    def __init__(self, kind: str, year: int) -> None:
        super().__init__(f"{kind} in {year}")
        self.kind, self.year = kind, year


def exact(text: object) -> Fraction:
    """A number as written (decimal text, int, or a TOML float by its repr); blank is 0."""
    if text is None or text == "":
        return Fraction(0)
    if isinstance(text, float):
        text = repr(text)
    return Fraction(Decimal(str(text)))


def cell(text: object) -> Fraction:
    """A number cell of a file as the tool reads it (docs/regler.md, "Exact arithmetic"): the
    decimal as written, taken at 15 significant digits in every file format (the double
    nearest the text, then its 15-digit decimal). A cell of at most 15 significant digits is
    exactly its text; blank is 0."""
    if text is None or text == "":
        return Fraction(0)
    return Fraction(Decimal(f"{float(Decimal(str(text))):.15g}"))


def round_half_up(x: Fraction, decimals: int) -> Fraction:
    """4.3: targets are published rounded half up, on the exact value."""
    scale = 10**decimals
    return Fraction(math.floor(x * scale + Fraction(1, 2)), scale)


def key_of(row: dict) -> Key:
    return (row["center"], row["sector"])


def row_sick_days(row: dict, hours_per_day: Fraction) -> Fraction:
    """Domain.md 2: sick_days, or sick_hours / hours_per_day where a row has only hours."""
    if row.get("sick_days") not in (None, ""):
        return cell(row["sick_days"])
    return cell(row["sick_hours"]) / hours_per_day


def period_sums(absence: list[dict], period: int, hours_per_day: Fraction) -> dict:
    """4.1: Σ fte and Σ sick_days over each unit's rows of the period."""
    sums: dict[Key, list[Fraction]] = {}
    for row in absence:
        if int(row["period"]) == period:
            s = sums.setdefault(key_of(row), [Fraction(0), Fraction(0)])
            s[0] += cell(row["fte"])
            s[1] += row_sick_days(row, hours_per_day)
    return sums


def status(units: list[dict], absence: list[dict], targets: list[dict], year: int, policy) -> dict:
    """4.4: absence of year-1 against the rounded target of `year`, per unit with absence rows.

    green iff days_per_fte <= target exactly; gap = actual - target; excess_days =
    max(0, gap)·fte; potential = max(0, gap)·payroll/working_days.
    """
    hours = exact(policy.get("hours_per_day", 7.4))
    wd = exact(policy["working_days"])
    sums = period_sums(absence, year - 1, hours)
    target = {
        key_of(t): round_half_up(cell(t["target"]), policy.get("decimals", 1))
        for t in targets
        if int(t["year"]) == year
    }
    out = {}
    for u in units:
        k = key_of(u)
        if k not in sums:
            continue
        fte, sick = sums[k]
        actual = sick / fte
        gap = actual - target[k]
        over = max(Fraction(0), gap)
        out[k] = {
            "fte": fte,
            "sick_days": sick,
            "days_per_fte": actual,
            "target": target[k],
            "gap": gap,
            "status": "green" if actual <= target[k] else "red",
            "excess_days": over * fte,
            "potential": over * cell(u["payroll"]) / wd,
        }
    return out


def weights(units: list[dict], st: dict, policy) -> dict[Key, Fraction]:
    """4.5: the model's weight per unit, 0 outside its set."""
    model = policy["model"]
    out = {}
    for u in units:
        k = key_of(u)
        if model == "green-harvester":  # every unit of the units table
            w = cell(u["payroll"])
        elif model == "substitute":
            w = cell(u["substitute_budget"])
        elif k in st and st[k]["status"] == "red":  # over-target: red units only
            w = st[k]["potential" if policy["weight"] == "value" else "excess_days"]
        else:
            w = Fraction(0)
        out[k] = max(Fraction(0), w)
    return out


def water_fill(units: int, w: dict[Key, Fraction], caps: dict[Key, int] | None) -> dict:
    """4.5: pro-rata quotas (in rounding units); a unit whose share would pass its cap gets
    the cap, the rest is shared among the others, repeated until none passes."""
    capped: dict[Key, Fraction] = {}
    while True:
        free = [k for k in w if w[k] > 0 and k not in capped]
        rest = units - sum(capped.values())
        wsum = sum(w[k] for k in free)
        quota = {k: rest * w[k] / wsum for k in free} if free else {}
        over = [k for k in free if caps is not None and quota[k] > caps[k]]
        if not over:
            return {k: capped.get(k, quota.get(k, Fraction(0))) for k in w}
        for k in over:
            capped[k] = Fraction(caps[k])


def round_shares(units: int, quota: dict[Key, Fraction], w: dict[Key, Fraction]) -> dict:
    """4.5: floor each quota; the units left go one each to the largest remainders, ties to
    the larger weight, then to (center, sector) in ascending code-point order."""
    floors = {k: math.floor(q) for k, q in quota.items()}
    left = units - sum(floors.values())
    order = sorted(quota, key=lambda k: (-(quota[k] - floors[k]), -w[k], k))
    for k in order[:left]:
        floors[k] += 1
    return floors


def shares(amount: int, units: list[dict], st: dict, policy, year: int) -> dict[Key, int]:
    """4.5: one year's amount shared on the model's weights, in whole rounding units."""
    r = policy["rounding"]
    w = weights(units, st, policy)
    if amount == 0:
        return {k: 0 for k in w}
    if not any(v > 0 for v in w.values()):
        raise Refused("nobody", year)
    caps = None
    if policy["model"] == "over-target" and policy["cap"]:
        # Caps bind in whole rounding units: the potential floored to the rounding unit.
        caps = {k: math.floor(st[k]["potential"] / r) if w[k] > 0 else 0 for k in w}
        if amount > r * sum(caps[k] for k in w if w[k] > 0):
            raise Refused("shortfall", year)
    units_of = round_shares(amount // r, water_fill(amount // r, w, caps), w)
    return {k: n * r for k, n in units_of.items()}


def allocate(units: list[dict], absence: list[dict], targets: list[dict], policy) -> dict:
    """4.5: every year of the cumulative totals; the first year pools the prior reductions
    (its total is shared whole and each unit's prior subtracted), later years share Δ_y."""
    totals = policy["totals"]
    prior = {key_of(u): int(cell(u["prior_reduction"])) for u in units}
    reduction = dict(prior)
    out, previous = {}, None
    for y in sorted(totals):
        st = status(units, absence, targets, y, policy)
        amount = totals[y] - (totals[previous] if previous is not None else 0)
        got = shares(amount, units, st, policy, y)
        inc = {k: got[k] - (prior[k] if previous is None else 0) for k in got}
        for k, v in inc.items():
            reduction[k] += v
        out[y] = {
            "increments": inc,
            "reduction": dict(reduction),
            "total": totals[y],
            "increment": sum(inc.values()),
        }
        previous = y
    return out
