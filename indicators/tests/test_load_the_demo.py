"""The demo loads Lamphun's illustrative indicators, two indices and two scenarios, once."""

from __future__ import annotations

from typing import Any

from indicators import demo
from indicators.models import IndexConfig, Scenario


def test_the_demo_loads_once_and_explains_the_90_million(client: Any, lamphun: Any) -> None:
    demo.load()
    demo.load()
    assert IndexConfig.objects.count() == 2
    assert Scenario.objects.count() == 2
    latest = Scenario.objects.get(year=2569)
    rows = list(latest.areas.select_related("area"))
    assert len(rows) == 8 and sum(r.amount for r in rows) == 90_000_000
    assert all(r.composite is not None for r in rows)
    # Li and Thung Hua Chang, the least developed, get more than Mueang Lamphun.
    amount = {r.area.code: r.amount for r in rows}
    assert amount["5104"] > amount["5101"] and amount["5105"] > amount["5101"]
    page = client.get(latest.get_absolute_url())
    assert page.status_code == 200
    assert page.context["previous"].year == 2568
    assert all(line.change is not None for line in page.context["lines"])
