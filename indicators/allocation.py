"""Sharing a budget envelope among areas by an explainable rule (issue 6, part 3).

Rules (the weight of each area):

- ``population_gap`` (default): population × gap, where gap = 1 − composite index. Many people
  and far behind the best area → a large share;
- ``equal``: every area the same;
- ``population``: population only;
- ``gap``: gap only.

Each area's proportional share is envelope × weight / total weight. Floors and caps: an area
whose share would be below the floor gets the floor; one whose share would be above the cap
gets the cap; what is left of the envelope is shared again, in proportion to weight, among
the areas not yet fixed, and so on until no area is below the floor or above the cap. We
compute the end point of that process directly: amount = clamp(λ × weight, floor, cap) for the
one λ at which the amounts add up to the envelope (found by bisection, then made exact).

An area without the figure its rule needs (no population, no composite) has weight 0: it gets
the floor only and is flagged. Amounts are whole baht; the baht lost to rounding go to the
areas with the largest fractions, so the amounts always add up to the envelope exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

POPULATION_GAP = "population_gap"
EQUAL = "equal"
POPULATION = "population"
GAP = "gap"
RULES = (POPULATION_GAP, EQUAL, POPULATION, GAP)
NEEDS = {POPULATION_GAP: ("population", "index"), EQUAL: (), POPULATION: ("population",),
         GAP: ("index",)}


class AllocationError(ValueError):
    """The envelope cannot be shared as asked; ``code`` says why (the view words it)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class Claim:
    key: int
    population: float | None
    composite: float | None


@dataclass
class Share:
    key: int
    weight: float
    proportional: Decimal     # envelope × weight / total weight, before floor and cap
    amount: int
    share: float              # amount / envelope
    bound: str                # "", "floor" or "cap"
    missing: tuple[str, ...]  # the figures the rule needed and the area lacks


def weight_of(claim: Claim, rule: str) -> tuple[float, tuple[str, ...]]:
    missing = tuple(name for name in NEEDS[rule]
                    if (claim.population if name == "population" else claim.composite) is None)
    if missing:
        return 0.0, missing
    population = max(float(claim.population or 0), 0.0)
    gap = 1.0 - float(claim.composite) if claim.composite is not None else 0.0
    gap = min(max(gap, 0.0), 1.0)
    weight = {POPULATION_GAP: population * gap, EQUAL: 1.0, POPULATION: population,
              GAP: gap}[rule]
    return weight, ()


def allocate(claims: Sequence[Claim], envelope: int, rule: str = POPULATION_GAP,
             floor: int = 0, cap: int | None = None) -> list[Share]:
    if rule not in RULES:
        raise AllocationError("rule")
    if not claims:
        raise AllocationError("no_areas")
    if envelope <= 0:
        raise AllocationError("envelope")
    if floor < 0 or (cap is not None and cap < floor):
        raise AllocationError("cap_below_floor")
    weighed = [weight_of(c, rule) for c in claims]
    weights = [w for w, _missing in weighed]
    total = sum(weights)
    if total <= 0:
        raise AllocationError("no_weight")
    n = len(claims)
    if floor * n > envelope:
        raise AllocationError("floor_too_high")
    most = sum((cap if cap is not None else math.inf) if w > 0 else floor for w in weights)
    if most < envelope:
        raise AllocationError("cap_too_low")

    def spent(lam: float) -> float:
        return sum(min(max(lam * w, floor), cap if cap is not None else math.inf)
                   for w in weights)

    lo, hi = 0.0, envelope / min(w for w in weights if w > 0)
    while spent(hi) < envelope:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if spent(mid) < envelope:
            lo = mid
        else:
            hi = mid
    lam = hi
    bounds: list[str] = []
    for w in weights:
        if lam * w <= floor:
            bounds.append("floor")
        elif cap is not None and lam * w >= cap:
            bounds.append("cap")
        else:
            bounds.append("")
    fixed = sum(floor if b == "floor" else cap for b in bounds if b)  # type: ignore[misc]
    free_weight = sum(w for w, b in zip(weights, bounds, strict=True) if not b)
    exact: list[float] = []
    for w, b in zip(weights, bounds, strict=True):
        if b == "floor":
            exact.append(float(floor))
        elif b == "cap":
            exact.append(float(cap))  # type: ignore[arg-type]
        else:
            exact.append((envelope - fixed) * w / free_weight)
    amounts = whole_baht(exact, envelope, [not b for b in bounds])
    return [
        Share(key=c.key, weight=w,
              proportional=Decimal(envelope * w / total).quantize(Decimal("0.01"),
                                                                  ROUND_HALF_UP),
              amount=a, share=a / envelope, bound=b, missing=m)
        for c, (w, m), a, b in zip(claims, weighed, amounts, bounds, strict=True)
    ]


def whole_baht(exact: list[float], envelope: int, free: list[bool]) -> list[int]:
    """Round down, then give the baht left over to the largest fractions (free areas first:
    fixed areas already sit on a whole floor or cap)."""
    amounts = [math.floor(x + 1e-9) for x in exact]
    left = envelope - sum(amounts)
    order = sorted(range(len(exact)), key=lambda i: (not free[i], -(exact[i] - amounts[i]), i))
    for i in order[:max(left, 0)]:
        amounts[i] += 1
    return amounts
