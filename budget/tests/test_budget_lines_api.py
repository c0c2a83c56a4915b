"""The open-data API of budget lines: filters, pages and the summary."""

from __future__ import annotations

from typing import Any

import pytest

from budget.tests.helpers import make_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(world: Any) -> dict[str, Any]:
    return {
        "road": make_line("5101", project="ก่อสร้างถนน", amount="5000000",
                          budget_class="infrastructure", confirmed=True),
        "older": make_line("510403", project="ผู้สูงอายุ", amount="700000",
                           budget_class="quality-of-life", groups=("older-people",),
                           source="thaihealth"),
        "old": make_line("51", project="ปีก่อน", amount="100", fiscal_year=2568),
        "cm": make_line("50", project="เชียงใหม่", amount="300"),
    }


def ids(response: Any) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_filters(client: Any, lines: dict[str, Any]) -> None:
    url = "/api/v1/budget-lines/"
    everything = client.get(url).json()
    assert everything["count"] == 4
    assert ids(client.get(url + "?province=51")) == {lines[k].pk for k in ("road", "older",
                                                                           "old")}
    assert ids(client.get(url + "?province=51&fiscal_year=2569")) == {lines["road"].pk,
                                                                      lines["older"].pk}
    assert ids(client.get(url + "?area=5104")) == {lines["older"].pk}
    assert ids(client.get(url + "?area=510403")) == {lines["older"].pk}
    assert ids(client.get(url + "?class=infrastructure")) == {lines["road"].pk}
    assert ids(client.get(url + "?source=thaihealth")) == {lines["older"].pk}
    assert ids(client.get(url + "?group=older-people")) == {lines["older"].pk}
    assert ids(client.get(url + "?confirmed=true")) == {lines["road"].pk}
    row = client.get(url + "?group=older-people").json()["results"][0]
    assert row["target_groups"] == ["older-people"] and row["amount"] == "700000.00"
    assert row["area"]["code"] == "510403" and row["district_code"] == "5104"
    assert row["budget_class"] == "quality-of-life" and row["class_confirmed"] is False


def test_pages(client: Any, lines: dict[str, Any]) -> None:
    first = client.get("/api/v1/budget-lines/?limit=3").json()
    assert len(first["results"]) == 3 and first["next"] and first["previous"] is None
    # Newest year, largest amount first.
    assert [r["project"] for r in first["results"]] == ["ก่อสร้างถนน", "ผู้สูงอายุ", "เชียงใหม่"]


@pytest.mark.parametrize(("query", "field"), [
    ("province=99", "province"), ("province=5104", "province"), ("area=1234567", "area"),
    ("class=luxury", "class"), ("source=bank", "source"), ("group=aliens", "group"),
    ("fiscal_year=abc", "fiscal_year"),
])
def test_bad_filters_answer_400_naming_the_field(client: Any, areas: Any, query: str,
                                                 field: str) -> None:
    response = client.get(f"/api/v1/budget-lines/?{query}")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == field


def test_summary(client: Any, lines: dict[str, Any]) -> None:
    data = client.get("/api/v1/budget-lines/summary/?province=51&fiscal_year=2569").json()
    assert data["total"] == "5700000.00" and data["count"] == 2
    qol = data["quality_of_life"]
    assert qol["amount"] == "700000.00" and qol["to_vulnerable_groups"] == "700000.00"
    assert qol["to_vulnerable_groups_by_district"][0]["key"] == "5104"
    assert {r["key"] for r in data["by_class"]} == {"infrastructure", "quality-of-life"}
    latest = client.get("/api/v1/budget-lines/summary/?province=51").json()
    assert latest["fiscal_year"] == 2569
    assert client.get("/api/v1/budget-lines/summary/?province=10").status_code == 404
    assert client.get("/api/v1/budget-lines/summary/").status_code == 400


def test_one_line(client: Any, lines: dict[str, Any]) -> None:
    assert client.get(f"/api/v1/budget-lines/{lines['road'].pk}/").json()["project"] == \
        "ก่อสร้างถนน"
    assert client.get("/api/v1/budget-lines/999999/").status_code == 404
