"""An officer defines a composite index over the districts of their province."""

from __future__ import annotations

from typing import Any

from indicators.models import IndexConfig
from indicators.tests.helpers import indicator


def test_an_officer_defines_an_index(client: Any, world: Any) -> None:
    health, poor = indicator("d-health"), indicator("d-poor", "income", "negative")
    world.login(client, "provincial_officer")
    response = client.post("/indicators/indices/new/", {
        "name": "ดัชนีอำเภอ", "scope": "51", "level": "district", "year": "๒๕๖๘",
        "indicators": [health.pk, poor.pk]})
    config = IndexConfig.objects.get()
    assert response.status_code == 302 and response["Location"] == config.get_absolute_url()
    assert config.year == 2568 and config.created_by == world.people["provincial_officer"]
    assert dict(config.components.values_list("indicator__code", "dimension")) == {
        "d-health": "health", "d-poor": "income"}
    # No values yet: the page says so instead of failing.
    assert client.get(config.get_absolute_url()).context["table"].error


def test_bad_index_definitions_are_explained(client: Any, world: Any) -> None:
    health = indicator("d-health")
    world.login(client, "national_analyst")
    client.cookies["klang_language"] = "en"
    response = client.post("/indicators/indices/new/", {
        "name": "x", "scope": "5199", "level": "district", "year": "68",
        "indicators": [health.pk]})
    form = response.context["form"]
    assert "scope" in form.errors and "year" in form.errors
    response = client.post("/indicators/indices/new/", {
        "name": "x", "scope": "5104", "level": "province", "year": "2568",
        "indicators": [health.pk]})
    assert "level" in response.context["form"].errors
    assert not IndexConfig.objects.exists()


def test_chiang_mais_officer_may_not_define_one_for_lamphun(client: Any, world: Any) -> None:
    health = indicator("d-health")
    world.login(client, "other_province_officer")
    response = client.post("/indicators/indices/new/", {
        "name": "x", "scope": "51", "level": "district", "year": "2568",
        "indicators": [health.pk]})
    assert response.status_code == 403 and not IndexConfig.objects.exists()
