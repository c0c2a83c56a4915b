"""Developers read the planning calendar as open data: /api/v1/calendar/."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from planning.calendar import today
from planning.tests.pulse_helpers import make_cycle

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/"


def cycles(world: Any) -> None:
    make_cycle("province-annual", [
        {"name": "Provincial hearing", "start": 3, "end": 20, "how": "Bring proposals.",
         "deadline": True},
        {"name": "Committee approval", "start": 25, "end": 30, "estimate": False}])
    make_cycle("village", [{"name": "Village forum", "start": 2, "end": 8}])
    make_cycle("province-annual", [{"name": "Lamphun hearing", "start": 4, "end": 6,
                                    "estimate": False}], area=world.lamphun,
               year=None)


def titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title_en"] for row in response.json()["results"]]


def test_an_area_gets_the_dates_that_apply_there(client: Any, world: Any) -> None:
    cycles(world)
    response = client.get(URL, {"area": "51"})
    assert titles(response) == ["Lamphun hearing"]
    row = response.json()["results"][0]
    assert row["plan_type"]["slug"] == "province-annual"
    assert row["is_estimate"] is False and row["area"]["code"] == "51"
    assert row["start"] == (today() + dt.timedelta(days=4)).isoformat()
    # Chiang Mai: the national template; a district: its village plans.
    assert titles(client.get(URL, {"area": "50"})) == ["Provincial hearing",
                                                       "Committee approval"]
    chiang_mai = client.get(URL, {"area": "50"}).json()["results"][0]
    assert chiang_mai["area"] is None and chiang_mai["is_estimate"] is True
    assert chiang_mai["civil_society_en"] == "Bring proposals."
    assert chiang_mai["is_entry_deadline"] is True
    assert titles(client.get(URL, {"area": "5104"})) == ["Village forum"]


def test_without_an_area_the_national_template(client: Any, world: Any) -> None:
    cycles(world)
    assert titles(client.get(URL)) == ["Village forum", "Provincial hearing",
                                       "Committee approval"]


def test_filters_and_pages(client: Any, world: Any) -> None:
    cycles(world)
    assert titles(client.get(URL, {"plan_type": "village"})) == ["Village forum"]
    day = today() + dt.timedelta(days=22)
    assert titles(client.get(URL, {"from": day.isoformat()})) == ["Committee approval"]
    assert titles(client.get(URL, {"to": (today() + dt.timedelta(days=2)).isoformat()})) == [
        "Village forum"]
    page = client.get(URL, {"limit": 1}).json()
    assert page["count"] == 3 and len(page["results"]) == 1 and "offset=1" in page["next"]


def test_commitments_due_in_the_area(client: Any, world: Any, monkeypatch: Any) -> None:
    cycles(world)
    due = SimpleNamespace(pk=7, title="Joint survey report", agreement="MOU",
                          due_date=today() + dt.timedelta(days=5),
                          get_absolute_url=lambda: "/agreements/1/")
    monkeypatch.setattr("planning.calendar.commitments_due", lambda area, start, end: [due])
    rows = client.get(URL, {"area": "51"}).json()["results"]
    assert [(r["kind"], r["title_th"]) for r in rows] == [
        ("milestone", "Lamphun hearing"), ("commitment", "Joint survey report")]


def test_bad_input(client: Any, world: Any) -> None:
    response = client.get(URL, {"from": "2569-13-45"})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "from"
    response = client.get(URL, {"from": "2026-02-01", "to": "2026-01-01"})
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "to"
    response = client.get(URL, {"plan_type": "nothing"})
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "plan_type"
    assert client.get(URL, {"area": "5199"}).status_code == 404
