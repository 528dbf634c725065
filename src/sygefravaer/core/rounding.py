"""Whole kroner for every unit (domain.md 4.5, rounding and caps), in integer arithmetic.

`largest_remainder` is the rounding rule and `water_fill` the cap rule, both on exact integers.
`apportion` turns the float weights and caps (payroll, efficiency potential) into exact integers
first, so remainders compare exactly and ties are real ties (4.5, exact), then applies both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


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
    for i in order[:left]:
        floors[i] += 1
    return floors


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
    power of two that makes the smallest exponent 0, so ints[i] / scale == values[i] exactly. Only
    ratios and `x // scale` are used, so any exact common scale gives the same shares (issue 7: no
    Fraction or integer ratio per unit). Raises ValueError for NaN or infinity.
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


def cap_units(caps: np.ndarray, rounding: int) -> list[int]:
    """Each cap (kr., a float) as the whole rounding units it can hold: floor(cap / rounding).

    Caps bind in whole rounding units (4.5); a negative cap holds nothing. floor(c / r) ==
    floor(floor(c) / r) for a whole r, and np.floor of a float is exact.
    """
    c = np.floor(_finite(np.clip(np.asarray(caps, dtype="float64"), 0.0, None)))
    if len(c) and c.max() < 2.0**62:
        return (c.astype(np.int64) // rounding).tolist()
    return [int(x) // rounding for x in c.tolist()]


def tie_ranks(weights: np.ndarray, keys: Sequence[tuple[str, ...]]) -> list[int]:
    """Each unit's place among equal remainders (4.5): larger weight first, then (center,
    sector) in code-point order. Floats order as their exact integers do."""
    k = len(weights)
    by_key = sorted(range(k), key=keys.__getitem__)
    ranked = np.asarray(by_key, dtype=np.int64)[np.argsort(-weights[by_key], kind="stable")]
    rank = np.empty(k, dtype=np.int64)
    rank[ranked] = np.arange(k)
    return rank.tolist()


def apportion(
    amount: int,
    weights: np.ndarray,
    keys: Sequence[tuple[str, ...]],
    rounding: int = 1,
    caps: np.ndarray | None = None,
) -> list[int]:
    """Distribute `amount` kr. pro rata on `weights`, in multiples of `rounding` (4.5).

    With `caps`, no share passes its cap (water-filling on the caps floored to the rounding
    unit). Shares are then floored to the rounding unit and the units left go to the largest
    remainders. Raises ValueError when the caps cannot hold the amount.
    """
    n = len(weights)
    if amount % rounding:
        raise ValueError(f"amount {amount} is not a multiple of rounding {rounding}")
    if n == 0 or amount == 0:
        if amount:
            raise ValueError("no unit to carry the amount")
        return [0] * n
    wf = _finite(weights)
    if (wf < 0).any():
        raise ValueError("negative weight")
    # A unit of weight 0 has quota 0 and remainder 0, and the units left over are fewer than
    # the units with a remainder, so it gets nothing: only the positive weights are worked on.
    pos = np.flatnonzero(wf > 0)
    if not len(pos):
        raise ValueError("no unit to carry the amount")
    w, _ = exact_integers(wf[pos])
    rank = tie_ranks(wf[pos], [keys[i] for i in pos.tolist()])
    total_units = amount // rounding
    if caps is None:
        nums, denominator = [total_units * x for x in w], sum(w)
        shares = largest_remainder(total_units, nums, denominator, rank, [None] * len(w))
    else:
        # The cap that can bind is the cap floored to the rounding unit. Water-filling on those
        # whole-unit caps leaves every fraction with a unit that has room for one more (a capped
        # quota is whole), so the largest remainders never pass a cap.
        lim = cap_units(np.asarray(caps, dtype="float64")[pos], rounding)
        if total_units > sum(lim):
            raise ValueError("caps too small")
        nums, denominator = water_fill(total_units, w, lim)
        shares = largest_remainder(total_units, nums, denominator, rank, lim)
    out = [0] * n
    for i, s in zip(pos.tolist(), shares, strict=True):
        out[i] = s * rounding
    return out
