"""Someone browses the organisation registry through the API."""

from __future__ import annotations

from typing import Any

import pytest

from orgs.models import Contact, Organisation

pytestmark = pytest.mark.django_db


def names(body: dict[str, Any]) -> list[str]:
    return [item["name_en"] for item in body["results"]]


def test_lists_every_organisation_with_count(client: Any, world: Any) -> None:
    body = client.get("/api/v1/organisations/").json()
    assert body["count"] == 2
    assert body["next"] is None
    assert sorted(names(body)) == ["Lamphun Disability Association", "Li Ethnic Network"]


def test_item_fields(client: Any, world: Any) -> None:
    body = client.get("/api/v1/organisations/", {"q": "Disability"}).json()
    [item] = body["results"]
    assert item["id"] == world.org.pk
    assert item["name_th"] == "สมาคมคนพิการจังหวัดลำพูน"
    assert item["org_type"] == "association"
    assert item["home_area"] == {"code": "51", "level": "province", "name_th": "ลำพูน",
                                 "name_en": "Lamphun"}
    assert item["target_groups"] == ["disability"]
    assert sorted(item["issue_areas"]) == ["health", "rights"]
    assert item["verified"] is False
    assert item["url"] == f"/organisations/{world.org.pk}/"


def test_province_includes_organisations_of_its_districts(client: Any, world: Any) -> None:
    body = client.get("/api/v1/organisations/", {"area": "51"}).json()
    assert sorted(names(body)) == ["Lamphun Disability Association", "Li Ethnic Network"]
    body = client.get("/api/v1/organisations/", {"area": "5104"}).json()
    assert names(body) == ["Li Ethnic Network"]
    body = client.get("/api/v1/organisations/", {"area": "50"}).json()
    assert body["count"] == 0


def test_unknown_area_is_404(client: Any, world: Any) -> None:
    response = client.get("/api/v1/organisations/", {"area": "00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Unknown area code: 00"}


def test_filter_by_target_group_issue_area_and_type(client: Any, world: Any) -> None:
    get = lambda **params: names(client.get("/api/v1/organisations/", params).json())  # noqa: E731
    assert get(target_group="ethnic-legal-status") == ["Li Ethnic Network"]
    assert get(issue_area="health") == ["Lamphun Disability Association"]
    assert get(type="network") == ["Li Ethnic Network"]
    assert get(target_group="disability", area="5104") == []


def test_unknown_target_group_is_404(client: Any, world: Any) -> None:
    response = client.get("/api/v1/organisations/", {"target_group": "dragons"})
    assert response.status_code == 404
    assert "dragons" in response.json()["detail"]


def test_search_thai_substring(client: Any, world: Any) -> None:
    body = client.get("/api/v1/organisations/", {"q": "ชาติพันธุ์"}).json()
    assert names(body) == ["Li Ethnic Network"]


def test_pagination_next_keeps_filters(client: Any, world: Any) -> None:
    for n in range(3):
        org = Organisation.objects.create(name_th=f"กลุ่มลำพูน {n}", home_area=world.lamphun)
        org.areas.set([world.lamphun])
    body = client.get("/api/v1/organisations/", {"area": "51", "limit": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert "area=51" in body["next"] and "offset=2" in body["next"]
    seen = [item["id"] for item in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [item["id"] for item in body["results"]]
    assert len(seen) == len(set(seen)) == 5


def test_no_query_per_organisation(client: Any, world: Any,
                                   django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        org = Organisation.objects.create(name_th=f"องค์กร {n}", home_area=world.lamphun)
        org.areas.set([world.lamphun])
        org.target_groups.set(world.org.target_groups.all())
    # the area, the count, the page, the taxonomies of the page
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/organisations/", {"area": "51", "limit": 200}).json()
    assert body["count"] == 32


def test_list_never_shows_contacts(client: Any, world: Any) -> None:
    Contact.objects.create(organisation=world.org, name="คุณลับ", phone="0811111111")
    assert "0811111111" not in client.get("/api/v1/organisations/").content.decode()
