"""A coordinator (or the provincial office) updates an organisation through the API."""

from __future__ import annotations

import json
from typing import Any

import pytest

from accounts.models import ApiToken
from orgs.models import Organisation

pytestmark = pytest.mark.django_db


def patch(client: Any, org: Organisation, body: Any, user: Any = None, **headers: str) -> Any:
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user, 'test')[1]}"
    return client.patch(f"/api/v1/organisations/{org.pk}/", data=json.dumps(body),
                        content_type="application/json", **headers)


def test_coordinator_updates_own_organisation(client: Any, world: Any) -> None:
    response = patch(client, world.org, {"description": "ใหม่", "areas": ["5101", "5104"],
                                         "target_groups": ["older-people", "disability"]},
                     world.people["cso_coordinator"])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["description"] == "ใหม่"
    assert [a["code"] for a in body["areas"]] == ["5101", "5104"]
    assert body["target_groups"] == ["older-people", "disability"]
    world.org.refresh_from_db()
    assert world.org.description == "ใหม่"
    assert world.org.name_en == "Lamphun Disability Association"  # untouched
    assert sorted(world.org.issue_areas.values_list("slug", flat=True)) == ["health", "rights"]


def test_coordinator_cannot_update_another_organisation(client: Any, world: Any) -> None:
    response = patch(client, world.other_org, {"description": "ไม่ใช่ของฉัน"},
                     world.people["cso_coordinator"])
    assert response.status_code == 403
    world.other_org.refresh_from_db()
    assert world.other_org.description == ""


@pytest.mark.parametrize(("role", "status"), [
    ("provincial_officer", 200), ("administrator", 200), ("other_province_officer", 403),
    ("cso_member", 403), ("citizen", 403), ("working_group", 403),
])
def test_who_may_update_an_organisation_in_a_district(client: Any, world: Any, role: str,
                                                      status: int) -> None:
    response = patch(client, world.other_org, {"phone": "053 111 222"}, world.people[role])
    assert response.status_code == status


def test_without_token_is_401(client: Any, world: Any) -> None:
    assert patch(client, world.org, {"description": "x"}).status_code == 401


def test_bad_field_is_400_and_nothing_changes(client: Any, world: Any) -> None:
    response = patch(client, world.org,
                     {"description": "ควรไม่ถูกบันทึก", "areas": ["5104", "4299"]},
                     world.people["cso_coordinator"], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["field"] == "areas" and "4299" in error["message"]
    world.org.refresh_from_db()
    assert world.org.description == ""
    assert list(world.org.areas.values_list("code", flat=True)) == ["51"]


def test_renaming_to_a_name_taken_in_the_province_is_409(client: Any, world: Any) -> None:
    response = patch(client, world.other_org, {"name_th": world.org.name_th},
                     world.people["provincial_officer"])
    assert response.status_code == 409
    assert response.json()["existing"][0]["id"] == world.org.pk
    world.other_org.refresh_from_db()
    assert world.other_org.name_th == "เครือข่ายชาติพันธุ์อำเภอลี้"


def test_registrant_can_update_what_they_registered(client: Any, world: Any) -> None:
    key = ApiToken.issue(world.people["citizen"], "test")[1]
    created = client.post("/api/v1/organisations/", data=json.dumps(
        {"name_th": "กลุ่มใหม่", "home_area": "5104"}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}").json()
    response = client.patch(f"/api/v1/organisations/{created['id']}/",
                            data=json.dumps({"short_name": "กม"}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["short_name"] == "กม"


def test_unknown_organisation_is_404(client: Any, world: Any) -> None:
    response = client.patch("/api/v1/organisations/987654/", data="{}",
                            content_type="application/json",
                            HTTP_AUTHORIZATION="Bearer "
                            + ApiToken.issue(world.people["administrator"], "t")[1])
    assert response.status_code == 404


def test_session_of_a_coordinator_works_too(client: Any, world: Any) -> None:
    client.force_login(world.people["cso_coordinator"])
    assert patch(client, world.org, {"short_name": "สคพ"}).status_code == 200
