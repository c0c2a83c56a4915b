"""The allocation rule reproduces a hand computation with a floor and a cap, its variants,
and refuses impossible envelopes with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.allocation import AllocationError, Claim, allocate

# Envelope 1,000,000 baht, floor 100,000, cap 400,000, rule population × gap:
#   A pop 10,000, index 0.2 → gap 0.8 → weight  8,000
#   B pop 20,000, index 0.5 → gap 0.5 → weight 10,000
#   C pop  5,000, index 0.8 → gap 0.2 → weight  1,000
#   D pop 30,000, index 0.3 → gap 0.7 → weight 21,000      total weight 40,000
# Proportional: A 200,000, B 250,000, C 25,000, D 525,000.
# C is below the floor → 100,000; D above the cap → 400,000. 500,000 remain for A and B in
# proportion 8,000 : 10,000 → A 222,222.22, B 277,777.78. Whole baht: 222,222 and 277,777
# leave one baht, which goes to the largest fraction (B) → B 277,778. Total 1,000,000.
CLAIMS = [Claim(1, 10_000, 0.2), Claim(2, 20_000, 0.5), Claim(3, 5_000, 0.8),
          Claim(4, 30_000, 0.3)]


def test_population_times_gap_with_floor_and_cap() -> None:
    shares = allocate(CLAIMS, 1_000_000, "population_gap", floor=100_000, cap=400_000)
    assert [s.amount for s in shares] == [222_222, 277_778, 100_000, 400_000]
    assert [s.bound for s in shares] == ["", "", "floor", "cap"]
    assert [s.proportional for s in shares] == [Decimal("200000.00"), Decimal("250000.00"),
                                                Decimal("25000.00"), Decimal("525000.00")]
    assert shares[0].weight == pytest.approx(8_000)
    assert sum(s.amount for s in shares) == 1_000_000


def test_areas_fixed_at_the_floor_are_released_when_the_cap_binds() -> None:
    # Weights 1, 1, 8 (same gap), envelope 1,000, floor 200, cap 500. Proportional 100, 100,
    # 800: A and B go up to the floor (200 each), C gets the rest, 600, above the cap → 500.
    # 100 baht would be left over, so A and B are no longer held at the floor: they share the
    # 500 left after C's cap in proportion 1 : 1 → 250 each.
    claims = [Claim(1, 1, 0), Claim(2, 1, 0), Claim(3, 8, 0)]
    shares = allocate(claims, 1_000, "population_gap", floor=200, cap=500)
    assert [s.amount for s in shares] == [250, 250, 500]
    assert [s.bound for s in shares] == ["", "", "cap"]


def test_the_variants() -> None:
    equal = allocate(CLAIMS[:3], 1_000_000, "equal")
    assert [s.amount for s in equal] == [333_334, 333_333, 333_333]
    population = allocate(CLAIMS, 650_000, "population")
    assert [s.amount for s in population] == [100_000, 200_000, 50_000, 300_000]
    gap = allocate(CLAIMS, 220_000, "gap")  # gaps 0.8, 0.5, 0.2, 0.7 of 2.2
    assert [s.amount for s in gap] == [80_000, 50_000, 20_000, 70_000]


def test_an_area_without_figures_gets_the_floor_and_is_flagged() -> None:
    claims = [*CLAIMS[:2], Claim(9, None, 0.4)]
    shares = allocate(claims, 1_000_000, "population_gap", floor=50_000)
    assert shares[2].amount == 50_000 and shares[2].missing == ("population",)
    assert sum(s.amount for s in shares) == 1_000_000


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"floor": 300_000}, "floor_too_high"),
    ({"cap": 200_000}, "cap_too_low"),
    ({"floor": 10, "cap": 5}, "cap_below_floor"),
])
def test_impossible_envelopes_are_refused(kwargs: dict, code: str) -> None:
    with pytest.raises(AllocationError) as error:
        allocate(CLAIMS, 1_000_000, "population_gap", **kwargs)
    assert error.value.code == code


def test_no_figures_at_all_is_refused() -> None:
    with pytest.raises(AllocationError) as error:
        allocate([Claim(1, None, None), Claim(2, None, None)], 1_000, "population_gap")
    assert error.value.code == "no_weight"
