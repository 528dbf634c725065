"""Whole rounding units on exact rational weights, fast (4.5; tested equal to
rounding.shares_plain).

The quotas are units * w_i / W with W the sum of the weights. Two ways, each giving the shares of
the rule exactly, in numpy passes over the units (issue 14: no Python loop per unit per year):

- weights over one common denominator (payroll, substitute budgets): the rule itself on those
  integers, in int64 where it fits (else Python ints), the tie order from each unit's rank in
  (center, sector) order, given once per allocation (`ranks`).
- weights over a denominator each (14,700 efficiency potentials, each over its own fte: the
  common denominator has thousands of digits): each weight's float bounds every quota within a
  relative 2**-48; a decision (is a quota over its cap? its floor? which remainders are
  largest?) is taken from the bounds where they settle it, and exactly, with Fractions, only
  where they do not: near ties, and real ties, which then go by the tie rule.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .exact import Q, exact_ints, floordiv, magnitude, mul, sub, sum_fractions

# A quota's float is within 6 * 2**-53 of it, relatively (one rounding each of the weight, the
# sum, the product and the quotient; see _Bounds.quotas); 2**-48 leaves room for the rounding of
# the bounds themselves.
_REL = 2.0**-48
# Weights whose floats are in this range keep that error bound (no overflow, no subnormal).
_TINY, _HUGE = 2.0**-900, 2.0**900
# Quotas below this are integers and halves exactly as floats.
_FLOAT_INT = 2.0**51


def shares(
    units: int,
    weights: Q,
    keys: Sequence[tuple[str, ...]],
    limits: Sequence[int] | None,
    ranks: Sequence[int] | None = None,
) -> list[int]:
    """`units` whole rounding units split on positive exact `weights` (4.5): water-filling on
    `limits` (whole units, the caps), floors, and the units left to the largest remainders,
    ties to the larger weight, then the key. The same shares as rounding.shares_plain.

    `ranks`: each unit's place in the order of `keys` (made from `keys` when not given)."""
    if ranks is None:
        ranks = key_ranks(keys)
    rank = np.asarray(ranks, dtype=np.int64)
    if limits is not None and not isinstance(limits, np.ndarray):  # a list of ints
        limits = np.asarray(list(limits), dtype=object)
    lim = None if limits is None else exact_ints(limits)  # int64, or Python ints (object)
    common = _common_integers(weights)
    if common is not None:
        return _integer_shares(units, common, rank, lim).tolist()
    return _bounded_shares(units, weights, rank, lim).tolist()


def key_ranks(keys: Sequence[tuple[str, ...]]) -> np.ndarray:
    """Each key's place in code-point order (Python's tuple and string order; 4.5's tie rule).
    Keys already in that order (an allocation's units are) are checked in one pass."""
    if all(map(operator.lt, keys[:-1], keys[1:])):
        return np.arange(len(keys), dtype=np.int64)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(keys), dtype=np.int64)
    return rank


def _common_integers(weights: Q):
    """The weights as integers over their common denominator when they have one (every den
    equal), else None."""
    den = weights.den
    if not isinstance(den, np.ndarray):
        return weights.num
    if len(den) and (den == den[0]).all():
        return weights.num
    return None


def _integer_shares(units: int, w, rank: np.ndarray, limits) -> np.ndarray:
    """The rule on integer weights `w` (4.5): water-filling on the limits, floors, the units
    left to the largest remainders (ties: the larger weight, then the lower rank)."""
    n = len(w)
    out = _zeros(n, units, limits)
    active = np.arange(n)
    rest, total = units, _total(w)
    if limits is not None:
        while len(active):
            # quota_i = rest * w_i / total passes lim_i  <=>  rest * w_i > lim_i * total
            wa, la = w[active], limits[active]
            over = np.asarray(sub(mul(wa, rest), mul(la, total)) > 0, dtype=bool)
            if not over.any():
                break
            out[active[over]] = la[over]
            rest -= _total(la[over])
            total -= _total(wa[over])
            active = active[~over]
    if not len(active):
        return out
    wa = w[active]
    quota = mul(wa, rest)
    floors = floordiv(quota, total)
    out[active] = floors
    left = rest - _total(floors)
    if left > 0:
        rem = sub(quota, mul(floors, total))
        order = _order(rem, wa, rank[active])
        out[active[order[:left]]] += 1
    return out


def _order(rem, w, rank: np.ndarray) -> np.ndarray:
    """Positions by larger remainder, then larger weight, then lower rank (exact)."""
    if magnitude(rem) is not None and magnitude(w) is not None:
        return np.lexsort((rank, -w, -rem))
    negated = ([-x for x in rem.tolist()], [-x for x in w.tolist()], rank.tolist())
    rows = list(zip(*negated, strict=True))
    return np.asarray(sorted(range(len(rows)), key=rows.__getitem__), dtype=np.int64)


def _zeros(n: int, units: int, limits) -> np.ndarray:
    """n shares of 0: int64, or Python ints where a share might not fit."""
    if units < 2**62 and (limits is None or magnitude(limits) is not None):
        return np.zeros(n, dtype=np.int64)
    return np.zeros(n, dtype=np.int64).astype(object)


def _total(values) -> int:
    """The exact sum of an integer array, as a Python int."""
    if magnitude(values) is not None and len(values) * max(magnitude(values), 1) < 2**63:
        return int(values.sum())
    return sum(values.tolist())


class _Bounds:
    """Positive exact weights, their floats, and exact sums of sets of them on demand."""

    def __init__(self, weights: Q) -> None:
        self.weights = weights
        self.f = f = weights.to_float()
        # Outside the safe range a float or a quota does not keep the relative bound (overflow,
        # subnormals): then every decision is exact.
        self.safe = bool(
            len(f)
            and np.isfinite(f).all()
            and f.min() >= _TINY
            and f.max() <= _HUGE
            and f.max() <= f.min() * _HUGE
        )
        self._totals: dict[bytes, Fraction] = {}

    def exact(self, i: int) -> Fraction:
        return Fraction(int(self.weights.num[i]), int(self.weights.dens[i]))

    def total(self, idx: np.ndarray) -> Fraction:
        """The exact sum of the weights at `idx`, worked out once per set (the water-filling,
        the floors and the largest remainders of one set all need it, and only at near ties)."""
        key = np.asarray(idx, dtype=np.int64).tobytes()
        if key not in self._totals:
            w = self.weights.take(idx)
            self._totals[key] = sum_fractions(w.num.tolist(), w.dens.tolist())
        return self._totals[key]

    def quotas(self, rest: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Bounds lo < rest * w_i / W < hi for the weights at `idx` (W their sum): from the
        floats, each of the weight, the sum (math.fsum) and the product and quotient rounded
        once, so within 6 * 2**-53 relatively; -inf and inf where the floats are not safe."""
        if not self.safe or rest <= 0:
            return np.full(len(idx), -np.inf), np.full(len(idx), np.inf)
        f = self.f[idx]
        c = float(rest) * f / math.fsum(f.tolist())
        e = c * _REL
        return c - e, c + e


def _bounded_shares(units: int, weights: Q, rank: np.ndarray, limits) -> np.ndarray:
    """The rule (4.5) on weights with a denominator each, decided from float bounds where
    they settle it and exactly elsewhere."""
    b = _Bounds(weights)
    n = len(b.f)
    out = _zeros(n, units, limits)
    active, rest = np.arange(n), units
    if limits is not None:
        active, rest = _water_fill(b, active, rest, limits, out)
    if not len(active) or rest == 0:
        return out
    floors, lo, hi, known = _floors(b, rest, active)
    out[active] = floors
    left = rest - _total(floors)
    picked = _largest(b, rest, active, floors, lo, hi, known, left, rank)
    if picked:  # each unit at most once: one +1 per position (issue 14: no loop per unit)
        out[np.asarray(picked, dtype=np.intp)] += 1
    return out


def _water_fill(b: _Bounds, active: np.ndarray, rest: int, limits, out: np.ndarray):
    """Water-filling (4.5): a unit whose quota rest * w_i / W passes its limit gets it and
    leaves the set, repeated until none passes. Sets the capped units' shares in `out`;
    returns (active, rest)."""
    while len(active) and rest > 0:  # with nothing left no quota passes a limit (>= 0)
        lo, hi = b.quotas(rest, active)
        lim = limits[active]
        flim = np.asarray(lim, dtype="float64")
        over = lo > flim  # certainly over
        unsure = np.flatnonzero(~over & (hi > flim))
        if len(unsure):
            total = b.total(active)
            for j in unsure.tolist():
                i = int(active[j])
                over[j] = rest * b.exact(i) > int(lim[j]) * total
        if not over.any():
            break
        out[active[over]] = lim[over]
        rest -= _total(lim[over])
        active = active[~over]
    return active, rest


def _floors(b: _Bounds, rest: int, active: np.ndarray):
    """Each active quota's floor, and bounds lo <= r <= hi on its fractional part r (floats);
    `known`: the exact fractional parts of the quotas the bounds left undecided."""
    q_lo, q_hi = b.quotas(rest, active)
    f_lo, f_hi = np.floor(q_lo), np.floor(q_hi)
    sure = (f_lo == f_hi) & (q_hi < _FLOAT_INT)
    f_lo = np.where(sure, f_lo, 0.0)
    floors = f_lo.astype(np.int64)
    # The floor is exact and the subtractions too (Sterbenz: q_lo and its floor are within a
    # factor 2 where the floor is at least 1).
    lo, hi = np.where(sure, q_lo, 0.0) - f_lo, np.where(sure, q_hi, 0.0) - f_lo
    known: dict[int, Fraction] = {}
    undecided = np.flatnonzero(~sure)
    if len(undecided):
        floors = floors.astype(object)
        total = b.total(active)
        for j in undecided.tolist():
            q = rest * b.exact(int(active[j])) / total
            f = q.numerator // q.denominator
            floors[j], known[j] = f, q - f
            r = float(known[j])
            lo[j], hi[j] = np.nextafter(r, -np.inf), np.nextafter(r, np.inf)
        floors = exact_ints(floors)
    return floors, lo, hi, known


def _largest(b: _Bounds, rest, active, floors, lo, hi, known, left: int, rank) -> list[int]:
    """The `left` active units with the largest fractional parts (4.5), ties by the tie rule:
    taken from the bounds where they separate, exactly within the band where they overlap."""
    if left <= 0:
        return []
    order = np.argsort(-lo, kind="stable")
    chosen, others = order[:left], order[left:]
    bottom = lo[chosen[-1]]
    top_other = hi[others].max() if len(others) else -np.inf
    if bottom > top_other:
        return active[chosen].tolist()
    sure = chosen[lo[chosen] > top_other]
    band = np.concatenate([chosen[lo[chosen] <= top_other], others[hi[others] >= bottom]])
    total = b.total(active)

    def part(j: int) -> Fraction:
        if j not in known:
            known[j] = rest * b.exact(int(active[j])) / total - int(floors[j])
        return known[j]

    ordered = sorted(
        band.tolist(), key=lambda j: (-part(j), -b.exact(int(active[j])), int(rank[active[j]]))
    )
    picked = sure.tolist() + ordered[: left - len(sure)]
    return active[np.asarray(picked, dtype=np.int64)].tolist()
