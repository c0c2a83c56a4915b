"""Anyone reads the indicators, their values per area (chart with its data table) and the
API lists."""

from __future__ import annotations

from typing import Any

from indicators.tests.helpers import DISTRICTS, make_index, make_scenario


def test_list_and_detail_pages(client: Any, world: Any) -> None:
    make_index(world)
    client.cookies["klang_language"] = "en"
    listing = client.get("/indicators/")
    assert listing.status_code == 200 and "t-health" in listing.content.decode()
    detail = client.get("/indicators/t-health/?in=51")
    text = detail.content.decode()
    assert detail.status_code == 200
    assert detail.context["page"].paginator.count == 8
    assert text.count("<rect") == 8 and 'role="img"' in text   # the chart
    assert text.count('<th scope="row">') == 8                  # and its data table
    assert client.get("/indicators/t-health/?in=5199").status_code == 404
    assert client.get("/indicators/nothing-here/").status_code == 404


def test_the_api_lists_indicators_values_indices_and_allocations(client: Any,
                                                                 world: Any) -> None:
    scenario = make_scenario(world)
    indicators = client.get("/api/v1/indicators/").json()
    assert {"t-health", "t-poor", "population"} <= {i["code"] for i in indicators["results"]}
    values = client.get("/api/v1/indicators/t-health/values/?year=2568&area=51").json()
    assert values["count"] == 8
    assert [v["area"]["code"] for v in values["results"]] == DISTRICTS
    assert values["results"][0]["value"] == 50
    assert client.get("/api/v1/indicators/none/values/").status_code == 404
    assert client.get("/api/v1/indicators/t-health/values/?area=5199").status_code == 404
    indices = client.get("/api/v1/indices/").json()
    assert indices["count"] == 1
    assert indices["results"][0]["dimensions"] == {"health": ["t-health"],
                                                   "income": ["t-poor"]}
    index = client.get(f"/api/v1/indices/{scenario.index_id}/?limit=3").json()
    assert index["count"] == 8 and len(index["results"]) == 3 and index["next"]
    assert index["results"][0]["composite"] == 0.0 and index["results"][0]["rank"] == 8
    assert client.get("/api/v1/indices/999999/").status_code == 404
    allocations = client.get("/api/v1/allocations/").json()
    assert allocations["count"] == 1 and allocations["results"][0]["envelope"] == 90_000_000
    assert client.get("/api/v1/allocations/999999/").status_code == 404
