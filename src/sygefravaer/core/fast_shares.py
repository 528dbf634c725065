"""Whole rounding units on exact rational weights, fast (4.5; tested equal to
rounding.shares_plain).

The quotas are units * w_i / W with W the sum of the weights, a rational whose denominator is
the lcm of every unit's (14,700 efficiency potentials, each over its own fte: thousands of
digits). Each weight is known to 2**-K relative precision as an integer `approx`, which bounds
W and every quota in an interval; a decision (is a quota over its cap? its floor? which
remainders are largest?) is taken from the bounds where they settle it, and exactly, with
Fractions, only where they do not: near ties, and real ties, which then go by the tie rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .exact import Q, sum_fractions

# Bits of precision of each weight's approximation; J: of the quotas' fractional parts.
_BITS = 96
_J = 64


class _Weights:
    """Positive exact weights with their approximations and exact sums on demand."""

    def __init__(self, weights: Q) -> None:
        self.nums = weights.num.tolist()
        self.dens = weights.dens.tolist()
        pairs = zip(self.nums, self.dens, strict=True)
        k = max(_BITS + d.bit_length() - n.bit_length() for n, d in pairs)
        self.k = max(k, 0)
        # w_i * 2**k - 1 < approx[i] <= w_i * 2**k, and approx[i] >= 2**(_BITS - 2)
        self.approx = [(n << self.k) // d for n, d in zip(self.nums, self.dens, strict=True)]
        self._totals: dict[tuple[int, ...], Fraction] = {}

    def exact(self, i: int) -> Fraction:
        return Fraction(self.nums[i], self.dens[i])

    def total(self, idx: Sequence[int]) -> Fraction:
        """The exact sum of the weights at `idx`, worked out once per set (the floors and the
        largest remainders of one set both need it, and only at near ties)."""
        key = tuple(idx)
        if key not in self._totals:
            nums, dens = [self.nums[i] for i in key], [self.dens[i] for i in key]
            self._totals[key] = sum_fractions(nums, dens)
        return self._totals[key]


def shares(
    units: int, weights: Q, keys: Sequence[tuple[str, ...]], limits: Sequence[int] | None
) -> list[int]:
    """`units` whole rounding units split on positive exact `weights` (4.5): water-filling on
    `limits` (whole units, the caps), floors, and the units left to the largest remainders,
    ties to the larger weight, then the key. The same shares as rounding.shares_plain."""
    w = _Weights(weights)
    active = list(range(len(w.nums)))
    capped: list[int] = []
    rest = units
    if limits is not None:
        active, capped, rest = _water_fill(w, units, list(limits))
    out = [0] * len(w.nums)
    for i in capped:
        out[i] = limits[i]
    if not active:
        return out
    floors, lo, hi, known = _floors(w, rest, active)
    for i in active:
        out[i] = floors[i]
    left = rest - sum(floors[i] for i in active)
    for i in _largest(w, rest, active, floors, lo, hi, known, left, keys):
        out[i] += 1
    return out


def _water_fill(w: _Weights, units: int, limits: list[int]) -> tuple[list[int], list[int], int]:
    """Water-filling (4.5): a unit whose quota rest * w_i / W passes its limit gets it and
    leaves the set, repeated until none passes. Returns (active, capped, rest)."""
    active, capped, rest = list(range(len(w.nums))), [], units
    while active:
        approx_sum, m = sum(w.approx[i] for i in active), len(active)
        over = []
        for i in active:
            a, lim = rest * w.approx[i], limits[i]
            if a > lim * (approx_sum + m):  # certainly over
                over.append(i)
            elif a + rest > lim * approx_sum:  # not settled by the bounds
                if rest * w.exact(i) > lim * w.total(active):
                    over.append(i)
        if not over:
            break
        gone = set(over)
        active = [i for i in active if i not in gone]
        capped += over
        rest -= sum(limits[i] for i in over)
    return active, capped, rest


def _floors(w: _Weights, rest: int, active: list[int]):
    """Each active quota's floor, and bounds lo <= r * 2**J <= hi on its fractional part r;
    `known`: the exact fractional parts of the quotas the bounds left undecided."""
    approx_sum, m = sum(w.approx[i] for i in active), len(active)
    floors, lo, hi, known = {}, {}, {}, {}
    for i in active:
        a = rest * w.approx[i]
        q_lo = (a << _J) // (approx_sum + m)
        q_hi = -((-((a + rest) << _J)) // approx_sum)
        if q_lo >> _J == q_hi >> _J:
            f = q_lo >> _J
            floors[i], lo[i], hi[i] = f, q_lo - (f << _J), q_hi - (f << _J)
            continue
        q = rest * w.exact(i) / w.total(active)
        f = q.numerator // q.denominator
        floors[i], known[i] = f, q - f
        r = (known[i].numerator << _J) // known[i].denominator
        lo[i], hi[i] = r, r + 1
    return floors, lo, hi, known


def _largest(w, rest, active, floors, lo, hi, known, left: int, keys) -> list[int]:
    """The `left` active units with the largest fractional parts (4.5), ties by the tie rule:
    taken from the bounds where they separate, exactly within the band where they overlap."""
    if left <= 0:
        return []
    order = sorted(active, key=lambda i: -lo[i])
    chosen, others = order[:left], order[left:]
    bottom = lo[chosen[-1]]
    top_other = max((hi[j] for j in others), default=-1)
    if bottom > top_other:
        return chosen
    sure = [i for i in chosen if lo[i] > top_other]
    band = [i for i in chosen if lo[i] <= top_other] + [j for j in others if hi[j] >= bottom]
    total = w.total(active)

    def part(i: int) -> Fraction:
        if i not in known:
            known[i] = rest * w.exact(i) / total - floors[i]
        return known[i]

    band.sort(key=lambda i: (-part(i), -w.exact(i), keys[i]))
    return sure + band[: left - len(sure)]
