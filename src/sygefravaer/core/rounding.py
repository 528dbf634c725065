"""Whole kroner for every unit (domain.md 4.5, rounding and caps), in integer arithmetic.

`largest_remainder` is the rounding rule and `water_fill` the cap rule, both on exact integers;
`shares_plain` applies them to exact rational weights (payroll, efficiency potential) over their
common denominator. `apportion` works on the same exact weights through `shares`
(core/fast_shares.py), tested equal to `shares_plain`: weights over one denominator go by the
rule itself in integer arrays; the common denominator of 14,700 potentials is too large to write
out, so for them it compares float bounds and works out exactly only the near ties (4.5, exact:
remainders compare exactly and ties are real ties).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np
from numpy.typing import ArrayLike

from .exact import Q
from .fast_shares import key_ranks, shares


@dataclass(frozen=True)
class RemainderStep:
    """The largest-remainder step (4.5) in detail, per unit: its quota's floor, its remainder
    (`remainders[i] / denominator` rounding units), its `place` in the order the units left are
    handed out (1 = the largest remainder; None: a unit at its cap, which cannot take one more),
    and whether it got one more rounding unit (`given`); `left`: how many were handed out."""

    floors: list[int]
    remainders: list[int]
    denominator: int
    place: list[int | None]
    given: list[bool]
    left: int

    @property
    def shares(self) -> list[int]:
        """Each unit's share in rounding units: its floor, plus one where it was given one."""
        return [f + g for f, g in zip(self.floors, self.given, strict=True)]


def largest_remainder_steps(
    units: int,
    numerators: Sequence[int],
    denominator: int,
    tie_rank: Sequence[int],
    limits: Sequence[int | None],
) -> RemainderStep:
    """The largest-remainder rule (4.5) with its floors, remainders and order: `largest_remainder`
    is its shares. Each quota numerators[i]/denominator is floored; the units left go one each
    to the largest remainders, ties to the lower `tie_rank`; a share never passes its `limit`."""
    if sum(numerators) != units * denominator:
        raise ValueError("quotas do not add up to the units to distribute")
    floors = [n // denominator for n in numerators]
    left = units - sum(floors)
    order = sorted(
        (i for i in range(len(floors)) if limits[i] is None or floors[i] + 1 <= limits[i]),
        key=lambda i: (-(numerators[i] % denominator), tie_rank[i]),
    )
    if len(order) < left:
        raise ValueError("caps leave too little room for the rounding")
    place: list[int | None] = [None] * len(floors)
    for p, i in enumerate(order, 1):
        place[i] = p
    given = [p is not None and p <= left for p in place]
    remainders = [n % denominator for n in numerators]
    return RemainderStep(floors, remainders, denominator, place, given, left)


def largest_remainder(
    units: int,
    numerators: Sequence[int],
    denominator: int,
    tie_rank: Sequence[int],
    limits: Sequence[int | None],
) -> list[int]:
    """Split `units` whole rounding units in proportion to numerators/denominator (4.5).

    The quotas must add up to `units` exactly. Each quota is floored; the units left go one each
    to the largest remainders, ties to the lower `tie_rank` (larger weight, then center/sector
    order); a share never passes its `limit` (a cap, in rounding units). Integer arithmetic only.
    """
    return largest_remainder_steps(units, numerators, denominator, tie_rank, limits).shares


def water_fill(units: int, weights: Sequence[int], limits: Sequence[int]) -> tuple[list[int], int]:
    """Quotas of `units` pro rata on positive `weights` where no quota passes its limit (4.5).

    A unit whose pro-rata quota would pass its limit gets the limit, and the rest is shared among
    the others, repeated until none passes. Returns (numerators, denominator): quota i is
    numerators[i] / denominator, exactly. The limits must hold `units` (sum(limits) >= units).
    """
    active = list(range(len(weights)))
    capped: list[int] = []
    rest, wsum = units, sum(weights)
    while True:
        # quota_i = rest * w_i / wsum passes lim_i  <=>  rest * w_i > lim_i * wsum
        over = [i for i in active if rest * weights[i] > limits[i] * wsum]
        if not over:
            break
        capped.extend(over)
        gone = set(over)
        active = [i for i in active if i not in gone]
        rest -= sum(limits[i] for i in over)
        wsum -= sum(weights[i] for i in over)
    numerators = [0] * len(weights)
    for i in capped:
        numerators[i] = limits[i] * wsum
    for i in active:
        numerators[i] = rest * weights[i]
    return numerators, wsum


def _finite(values: ArrayLike) -> np.ndarray:
    """`values` as float64; NaN or infinity is no weight or cap (ValueError)."""
    v = np.asarray(values, dtype="float64")
    if not np.isfinite(v).all():
        raise ValueError("weights and caps must be finite numbers")
    return v


def exact_integers(values: ArrayLike) -> tuple[list[int], int]:
    """Finite floats as exact integers over one common power-of-two scale: (ints, scale).

    Each float is mantissa * 2**exponent (`np.frexp`, 53-bit integer mantissas); the scale is the
    power of two that makes the smallest exponent 0, so ints[i] / scale == values[i] exactly.
    Raises ValueError for NaN or infinity.
    """
    v = _finite(values)
    if not len(v):
        return [], 1
    m, e = np.frexp(v)
    mant = np.ldexp(m, 53).astype(np.int64)  # exact: a float has 53 significant bits
    e = e.astype(np.int64) - 53
    nz = mant != 0
    low = int(e[nz].min()) if nz.any() else 0
    shift = np.where(nz, e - low, 0)  # >= 0
    scale_exp = -low
    if int(shift.max()) <= 9:  # 53 + 9 bits: the products stay in int64
        ints = (mant << shift).tolist()
    else:
        ints = [x << k for x, k in zip(mant.tolist(), shift.tolist(), strict=True)]
    if scale_exp >= 0:
        return ints, 1 << scale_exp
    return [x << -scale_exp for x in ints], 1  # every float an integer times a power of two


def rationals(values: Q | ArrayLike) -> Q:
    """Weights or caps as exact rationals: a Q as it is, floats as their exact binary values."""
    if isinstance(values, Q):
        return values
    v, scale = exact_integers(values)
    return Q(np.array(v, dtype=object) if v else np.zeros(0, dtype=object), scale)


def cap_units(caps: Q | ArrayLike, rounding: int) -> list[int]:
    """Each cap (kr.) as the whole rounding units it can hold: floor(cap / rounding), exactly.

    Caps bind in whole rounding units (4.5); a negative cap holds nothing.
    """
    return whole_cap_units(caps, rounding).tolist()


def whole_cap_units(caps: Q | ArrayLike, rounding: int) -> np.ndarray:
    """cap_units as an integer array (int64, or Python ints where they do not fit), as
    `shares` takes its limits."""
    return (rationals(caps).max0() / rounding).floor()


def tie_order(nums: Sequence[int], dens: Sequence[int], keys: Sequence[tuple[str, ...]]):
    """The tie rule's order of units with equal remainders (4.5): larger weight first, then
    (center, sector) in code-point order. A sort key per unit position, exact."""
    return lambda i: (-Fraction(nums[i], dens[i]), keys[i])


def tie_ranks(weights: Q | ArrayLike, keys: Sequence[tuple[str, ...]]) -> list[int]:
    """Each unit's place among equal remainders (4.5), from `tie_order`."""
    q = rationals(weights)
    order = sorted(range(len(keys)), key=tie_order(q.num.tolist(), q.dens.tolist(), keys))
    rank = [0] * len(keys)
    for place, i in enumerate(order):
        rank[i] = place
    return rank


@dataclass(frozen=True)
class ShareSteps:
    """How whole rounding units were shared (4.5), per unit: its exact quota after the caps
    (`numerators[i] / denominator` rounding units), whether the cap decided it (`capped`), and
    the largest-remainder step on those quotas (`remainder`, whose shares are the result)."""

    numerators: list[int]
    denominator: int
    capped: list[bool]
    remainder: RemainderStep

    def quota(self, i: int) -> Fraction:
        """Unit i's exact quota in rounding units."""
        return Fraction(self.numerators[i], self.denominator)


def share_steps(
    units: int, weights: Q, keys: Sequence[tuple[str, ...]], limits: Sequence[int] | None
) -> ShareSteps:
    """The rule (4.5) as stated, step by step, for positive exact weights: the weights over
    their common denominator, water-filling on the limits, then largest remainder with the tie
    rule. Plain but slow for many distinct denominators (their lcm grows)."""
    dens = weights.dens.tolist()
    common = lcm(*dens) if dens else 1
    w = [n * (common // d) for n, d in zip(weights.num.tolist(), dens, strict=True)]
    rank = tie_ranks(weights, keys)
    if limits is None:
        nums, denominator, lims = [units * x for x in w], sum(w), [None] * len(w)
    else:
        (nums, denominator), lims = water_fill(units, w, list(limits)), list(limits)
    step = largest_remainder_steps(units, nums, denominator, rank, lims)
    capped = [lim is not None and n == lim * denominator for n, lim in zip(nums, lims, strict=True)]
    return ShareSteps(nums, denominator, capped, step)


def shares_plain(
    units: int, weights: Q, keys: Sequence[tuple[str, ...]], limits: Sequence[int] | None
) -> list[int]:
    """The rule (4.5) as stated (`share_steps`' shares), for positive exact weights; `shares`
    (core/fast_shares.py) is the fast path, tested equal to it."""
    return share_steps(units, weights, keys, limits).remainder.shares


def apportion(
    amount: int,
    weights: Q | ArrayLike,
    keys: Sequence[tuple[str, ...]],
    rounding: int = 1,
    caps: Q | ArrayLike | None = None,
    *,
    ranks: Sequence[int] | None = None,
) -> list[int]:
    """Distribute `amount` kr. pro rata on `weights`, in multiples of `rounding` (4.5).

    `weights` and `caps` are exact rationals (Q) or floats (their exact binary values). With
    `caps`, no share passes its cap (water-filling on the caps floored to the rounding unit).
    Shares are then floored to the rounding unit and the units left go to the largest
    remainders. Raises ValueError when the caps cannot hold the amount. `ranks`: each unit's
    place in the order of `keys` (fast_shares.key_ranks), when the caller has it already (an
    allocation's units are the same every year).
    """
    n = len(weights)
    found = _carriers(amount, weights, rounding, caps)
    if found is None:
        return [0] * n
    total_units, w, pos, lim = found
    rank = key_ranks(keys) if ranks is None else np.asarray(ranks, dtype=np.int64)
    got = shares(total_units, w.take(pos), [keys[i] for i in pos.tolist()], lim, ranks=rank[pos])
    out = np.zeros(n, dtype=object)
    out[pos] = np.array(got, dtype=object) * rounding  # Python ints: whole kroner, exact
    return out.tolist()


def apportion_steps(
    amount: int,
    weights: Q | ArrayLike,
    keys: Sequence[tuple[str, ...]],
    rounding: int = 1,
    caps: Q | ArrayLike | None = None,
) -> tuple[list[int], ShareSteps | None]:
    """`apportion` step by step (for `explain`): the positions of the units with a positive
    weight, the only ones the rule works on, and `share_steps` on them (None when nothing is
    distributed). A unit's share is its steps' share times `rounding`; 0 off those positions."""
    found = _carriers(amount, weights, rounding, caps)
    if found is None:
        return [], None
    total_units, w, pos, lim = found
    lim = lim.tolist() if lim is not None else None
    return pos.tolist(), share_steps(total_units, w.take(pos), [keys[i] for i in pos], lim)


def _carriers(amount: int, weights, rounding: int, caps):
    """What `apportion` works on: (amount in rounding units, exact weights, positions of the
    positive weights, their caps in rounding units or None); None when there is nothing to
    distribute. Raises ValueError for an amount off the rounding unit, a negative weight,
    nobody to carry the amount or caps that cannot hold it."""
    if amount % rounding:
        raise ValueError(f"amount {amount} is not a multiple of rounding {rounding}")
    if len(weights) == 0 or amount == 0:
        if amount:
            raise ValueError("no unit to carry the amount")
        return None
    w = rationals(weights)  # floats: ValueError for NaN or infinity
    if (w.sign() < 0).any():
        raise ValueError("negative weight")
    # A unit of weight 0 has quota 0 and remainder 0, and the units left over are fewer than
    # the units with a remainder, so it gets nothing: only the positive weights are worked on.
    pos = np.flatnonzero(w.positive())
    if not len(pos):
        raise ValueError("no unit to carry the amount")
    total_units = amount // rounding
    lim = None
    if caps is not None:
        lim = whole_cap_units(rationals(caps).take(pos), rounding)
        if total_units > sum(lim.tolist()):
            raise ValueError("caps too small")
    return total_units, w, pos, lim
