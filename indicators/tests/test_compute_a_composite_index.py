"""The composite index reproduces a hand computation, flags missing values, and says clearly
when there is nothing to compute."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from indicators import composite, services
from indicators.composite import Component
from indicators.models import Dimension, Direction, IndexComponent, IndexConfig
from indicators.tests.helpers import indicator, set_values

# Three areas A (1), B (2), C (3); four indicators:
#   i1 health, positive:   A 10, B 20, C 30   → index A 0,   B 0.5, C 1
#   i2 health, negative:   A 2,  B 6,  C 4    → (x−2)/4 = A 0, B 1, C 0.5; reversed A 1, B 0, C 0.5
#   i3 income, positive:   A 100, B 300, C —  → A 0, B 1, C missing
#   i4 education, negative: A 50, B 40, C 30  → (x−30)/20 = A 1, B 0.5, C 0; reversed A 0, B 0.5, C 1
# Dimensions: health A (0+1)/2 = 0.5, B (0.5+0)/2 = 0.25, C (1+0.5)/2 = 0.75
#             income A 0, B 1, C none → C gets no composite and is flagged
#             education A 0, B 0.5, C 1
# Composite: A (0.5+0+0)/3 = 0.1667, B (0.25+1+0.5)/3 = 0.5833 → ranks B 1, A 2, C none.
VALUES = {
    "i1": {1: 10, 2: 20, 3: 30},
    "i2": {1: 2, 2: 6, 3: 4},
    "i3": {1: 100, 2: 300},
    "i4": {1: 50, 2: 40, 3: 30},
}
COMPONENTS = [Component("i1", "health"), Component("i2", "health", negative=True),
              Component("i3", "income"), Component("i4", "education", negative=True)]


def frame(values: dict[str, dict[int, float]]) -> pl.DataFrame:
    rows = [(area, code, float(v)) for code, per in values.items() for area, v in per.items()]
    return pl.DataFrame(rows, schema={"area_id": pl.Int64, "code": pl.String,
                                      "value": pl.Float64}, orient="row")


def by_area(result: composite.IndexResult) -> dict[int, dict[str, Any]]:
    return {r["area_id"]: r for r in result.areas.iter_rows(named=True)}


def test_the_hand_computed_fixture() -> None:
    result = composite.compute(frame(VALUES), COMPONENTS, [1, 2, 3],
                               dimension_order=Dimension.values)
    rows = by_area(result)
    assert result.dimensions == ["health", "education", "income"]
    assert rows[1]["health"] == pytest.approx(0.5)
    assert rows[2]["health"] == pytest.approx(0.25)
    assert rows[3]["health"] == pytest.approx(0.75)
    assert rows[1]["composite"] == pytest.approx(1 / 6)
    assert rows[2]["composite"] == pytest.approx(1.75 / 3)
    assert rows[3]["composite"] is None
    assert [rows[a]["rank"] for a in (1, 2, 3)] == [2, 1, None]
    assert rows[3]["missing_dims"] == ["income"]
    assert rows[1]["missing_dims"] == [] and rows[1]["partial_dims"] == []


def test_a_missing_indicator_inside_a_dimension_gives_a_partial_score() -> None:
    # C has i3 = 200 (income 0.5) but no i2: health uses i1 only → C health 1.0, flagged
    # partial. i2 over A, B only: A 1, B 0. Composite C (1 + 0.5 + 1)/3 = 0.8333 → rank 1.
    values = {**VALUES, "i2": {1: 2, 2: 6}, "i3": {1: 100, 2: 300, 3: 200}}
    rows = by_area(composite.compute(frame(values), COMPONENTS, [1, 2, 3]))
    assert rows[3]["health"] == pytest.approx(1.0)
    assert rows[3]["partial_dims"] == ["health"]
    assert rows[3]["composite"] == pytest.approx(2.5 / 3)
    assert [rows[a]["rank"] for a in (1, 2, 3)] == [3, 2, 1]


def test_equal_values_give_one_and_indicators_without_values_are_left_out() -> None:
    values = {"i1": {1: 7, 2: 7}, "i4": {1: 3, 2: 5}}
    result = composite.compute(frame(values), COMPONENTS, [1, 2])
    rows = by_area(result)
    assert result.no_spread == ["i1"] and rows[1]["health"] == 1.0
    assert set(result.left_out) == {"i2", "i3"}
    assert result.dimensions == ["health", "education"]


def test_no_values_is_an_error_not_a_division_by_zero() -> None:
    with pytest.raises(composite.NoValues):
        composite.compute(frame({}), COMPONENTS, [1, 2, 3])


@pytest.mark.django_db
def test_the_index_page_shows_scores_flags_and_the_method(client: Any, lamphun: Any) -> None:
    # The same fixture stored for three of Lamphun's districts.
    codes = {1: "5101", 2: "5102", 3: "5103"}
    directions = {"i1": Direction.POSITIVE, "i2": Direction.NEGATIVE,
                  "i3": Direction.POSITIVE, "i4": Direction.NEGATIVE}
    dimensions = {"i1": Dimension.HEALTH, "i2": Dimension.HEALTH, "i3": Dimension.INCOME,
                  "i4": Dimension.EDUCATION}
    config = IndexConfig.objects.create(name="สามอำเภอ", scope=lamphun, level="district",
                                        year=2568)
    for code, per in VALUES.items():
        ind = indicator(f"x-{code}", dimensions[code], directions[code])
        set_values(ind, 2568, {codes[a]: v for a, v in per.items()})
        IndexComponent.objects.create(config=config, indicator=ind, dimension=ind.dimension)
    table = services.compute_index(config)
    by_code = {r.area.code: r for r in table.rows}
    assert by_code["5102"].rank == 1 and by_code["5101"].rank == 2
    assert by_code["5103"].composite is None and by_code["5103"].missing == ["income"]
    # The other five districts have no value at all: no composite, flagged.
    assert by_code["5104"].missing == ["health", "education", "income"]
    client.cookies["klang_language"] = "en"
    response = client.get(f"/indicators/indices/{config.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "0.583" in text and "0.167" in text
    assert "No composite: no value in Income" in text
    assert "(value − lowest) ÷ (highest − lowest)" in text
    api = client.get(f"/api/v1/indices/{config.pk}/").json()
    rows = {r["area"]["code"]: r for r in api["results"]}
    assert rows["5102"]["rank"] == 1
    assert rows["5102"]["dimensions"]["income"] == pytest.approx(1.0)
    assert rows["5103"]["missing_dimensions"] == ["income"] and rows["5103"]["flags"]
    assert api["missing_rule"]


@pytest.mark.django_db
def test_an_index_over_areas_without_values_says_so(client: Any, lamphun: Any) -> None:
    config = IndexConfig.objects.create(name="ว่าง", scope=lamphun, level="district", year=2500)
    ind = indicator("x-empty")
    IndexComponent.objects.create(config=config, indicator=ind, dimension=ind.dimension)
    client.cookies["klang_language"] = "en"
    response = client.get(f"/indicators/indices/{config.pk}/")
    assert response.status_code == 200
    assert "so there is no index to show" in response.content.decode()
    assert client.get(f"/indicators/indices/{config.pk}/export/").status_code == 200
    assert client.get(f"/api/v1/indices/{config.pk}/").json()["error"]
