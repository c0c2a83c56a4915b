"""Someone lists planning areas through the API, by level, by parent, by name."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("level", "count"), [
    ("province", 77), ("district", 928), ("subdistrict", 7436), ("region", 6), ("nation", 1),
])
def test_count_per_level(client: Any, areas: Any, level: str, count: int) -> None:
    body = client.get("/api/v1/areas/", {"level": level}).json()
    assert body["count"] == count
    assert all(item["level"] == level for item in body["results"])


def test_each_item_has_code_names_and_parent(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"level": "province", "limit": 200}).json()
    assert set(body) >= {"count", "results", "next"}
    lamphun = next(item for item in body["results"] if item["code"] == "51")
    assert lamphun["name_th"] == "ลำพูน"
    assert lamphun["name_en"] == "Lamphun"
    assert lamphun["parent_code"] == "G-01"
    assert lamphun["region_code"] == "R-N"
    assert lamphun["province_code"] == "51"


def test_default_page_is_50_and_next_keeps_the_filters(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"level": "district"}).json()
    assert len(body["results"]) == 50
    assert body["next"].startswith("http://testserver/api/v1/areas/?")
    assert "level=district" in body["next"] and "offset=50" in body["next"]
    following = client.get(body["next"]).json()
    assert following["results"][0]["code"] != body["results"][0]["code"]
    assert following["previous"] is not None


def test_page_size_is_capped_at_200(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"level": "subdistrict", "limit": 5000}).json()
    assert len(body["results"]) == 200


def test_last_page_has_no_next(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"level": "province", "offset": 70}).json()
    assert len(body["results"]) == 7
    assert body["next"] is None


def test_page_parameter(client: Any, areas: Any) -> None:
    first = client.get("/api/v1/areas/", {"level": "province", "limit": 10}).json()
    second = client.get("/api/v1/areas/", {"level": "province", "limit": 10, "page": 2}).json()
    assert second["results"][0]["code"] == client.get(first["next"]).json()["results"][0]["code"]


def test_parent_lists_direct_children(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"parent": "51"}).json()
    assert body["count"] == 8  # Lamphun's eight districts
    assert {item["parent_code"] for item in body["results"]} == {"51"}
    assert "5104" in [item["code"] for item in body["results"]]


def test_unknown_parent_is_404(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/", {"parent": "9999"})
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


def test_search_thai_substring(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"q": "ลำพู", "level": "province"}).json()
    assert [item["code"] for item in body["results"]] == ["51"]


def test_search_english_ignores_case(client: Any, areas: Any) -> None:
    body = client.get("/api/v1/areas/", {"q": "LAMPHUN", "level": "province"}).json()
    assert [item["code"] for item in body["results"]] == ["51"]


def test_bad_level_is_400_with_a_field_error(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/", {"level": "county"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["field"] == "level"
    assert "county" in error["message"] and "province" in error["message"]


def test_bad_limit_is_400_not_422(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/", {"limit": "many"})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "limit"


def test_a_page_of_200_takes_two_queries(client: Any, areas: Any,
                                         django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):
        client.get("/api/v1/areas/", {"level": "subdistrict", "limit": 200})
