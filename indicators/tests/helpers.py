"""Small real fixtures: indicators with values for Lamphun's districts, an index, a scenario."""

from __future__ import annotations

from typing import Any

from areas.models import Area
from indicators import services
from indicators.models import (
    Dimension,
    Direction,
    IndexComponent,
    IndexConfig,
    Indicator,
    IndicatorValue,
)

DISTRICTS = ["5101", "5102", "5103", "5104", "5105", "5106", "5107", "5108"]


def indicator(code: str, dimension: str = Dimension.HEALTH,
              direction: str = Direction.POSITIVE) -> Indicator:
    found, _created = Indicator.objects.get_or_create(code=code, defaults={
        "name_th": f"ตัวชี้วัด {code}", "name_en": f"Indicator {code}",
        "dimension": dimension, "direction": direction})
    return found


def set_values(ind: Indicator, year: int, values: dict[str, float]) -> None:
    areas = {a.code: a for a in Area.objects.filter(code__in=values)}
    for code, value in values.items():
        IndicatorValue.objects.update_or_create(indicator=ind, area=areas[code], year=year,
                                                defaults={"value": value})


def make_index(world: Any = None, year: int = 2568, name: str = "ดัชนีทดสอบ") -> IndexConfig:
    """Two dimensions over Lamphun's 8 districts, with population for the scenarios."""
    health = indicator("t-health", Dimension.HEALTH)
    income = indicator("t-poor", Dimension.INCOME, Direction.NEGATIVE)
    population = indicator(services.POPULATION, Dimension.CONTEXT)
    set_values(health, year, {c: 50 + i * 5 for i, c in enumerate(DISTRICTS)})
    set_values(income, year, {c: 20 - i * 2 for i, c in enumerate(DISTRICTS)})
    set_values(population, year, {c: 10_000 + i * 3_000 for i, c in enumerate(DISTRICTS)})
    config = IndexConfig.objects.create(name=name, scope=Area.objects.get(code="51"),
                                        level="district", year=year)
    IndexComponent.objects.bulk_create([
        IndexComponent(config=config, indicator=i, dimension=i.dimension)
        for i in (health, income)])
    return config


def make_scenario(world: Any = None, year: int = 2569, envelope: int = 90_000_000,
                  index: IndexConfig | None = None, **extra: Any) -> Any:
    return services.save_scenario(
        name=extra.pop("name", f"ทดสอบ {year}"), index=index or make_index(world),
        year=year, envelope=envelope, rule=extra.pop("rule", "population_gap"),
        floor=extra.pop("floor", 5_000_000), cap=extra.pop("cap", 20_000_000), **extra)
