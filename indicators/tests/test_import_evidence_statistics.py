"""Klang's own published evidence statistics become indicator values; suppressed cells never
do."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from areas.models import Area
from evidence.models import AreaStatistic
from indicators.models import Indicator, IndicatorValue
from indicators.services import import_evidence_statistics


def statistic(code: str, indicator: str, group: str = "all", count: int | None = 12,
              rate: float | None = 0.2, suppressed: str = "") -> AreaStatistic:
    area = Area.objects.get(code=code)
    return AreaStatistic.objects.create(
        area=area, level=area.level, group=group, indicator=indicator, count=count,
        denominator=60 if count is not None else None, rate=rate, suppressed=suppressed,
        definition_version="test", computed_at=timezone.now())


def test_published_statistics_are_imported_and_suppressed_ones_are_not(lamphun: Any) -> None:
    statistic("5104", "poor_income", rate=0.25)
    statistic("5101", "poor_income", rate=0.05)
    statistic("5102", "poor_income", count=None, rate=None, suppressed="primary")
    statistic("5104", "bmn_06", group="disability", count=7, rate=0.4)
    assert import_evidence_statistics(2568) == 3
    poor = Indicator.objects.get(code="klang-poor_income")
    assert poor.direction == "negative" and poor.dimension == "income"
    values = dict(IndicatorValue.objects.filter(indicator=poor, year=2568)
                  .values_list("area__code", "value"))
    assert values == {"5104": 0.25, "5101": 0.05}
    water = Indicator.objects.get(code="klang-bmn_06-disability")
    assert water.dimension == "housing"
    # Running it again updates, never duplicates.
    assert import_evidence_statistics(2568) == 3
    assert IndicatorValue.objects.count() == 3


def test_an_analyst_brings_in_household_evidence_from_the_import_page(client: Any,
                                                                       world: Any) -> None:
    from django.utils import timezone

    from evidence.models import AreaStatistic

    AreaStatistic.objects.create(area=world.lamphun, level="province", group="all",
                                 indicator="target_poor", count=40, denominator=200, rate=0.2,
                                 definition_version="tpmap-1", computed_at=timezone.now())
    client.force_login(world.people["national_analyst"])
    assert b"import/evidence/" in client.get("/indicators/import/").content
    response = client.post("/indicators/import/evidence/", {"year": "2569"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator__code="klang-target_poor", year=2569)
    assert value.area == world.lamphun and value.value == pytest.approx(0.2)
    # A provincial officer may import files for the province but not redefine national data.
    client.force_login(world.people["provincial_officer"])
    assert b"import/evidence/" not in client.get("/indicators/import/").content
    assert client.post("/indicators/import/evidence/", {"year": "2569"}).status_code == 403
