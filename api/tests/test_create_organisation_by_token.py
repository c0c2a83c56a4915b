"""A CSO registers its organisation through the API with a token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import ApiToken, Role, RoleGrant
from orgs.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/api/v1/organisations/"


def post(client: Any, body: Any, key: str | None = None, **headers: str) -> Any:
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def key(world: Any) -> str:
    return ApiToken.issue(world.people["citizen"], "test")[1]


NEW = {"name_th": "กลุ่มผู้สูงอายุบ้านแม่ตืน", "name_en": "Mae Tuen Elders Group",
       "home_area": "5104", "target_groups": ["older-people"], "issue_areas": ["health"],
       "org_type": "community", "description": "ดูแลผู้สูงอายุติดบ้าน"}


def test_registers_and_makes_the_registrant_coordinator(client: Any, world: Any, key: str) -> None:
    response = post(client, NEW, key)
    assert response.status_code == 201, response.content
    body = response.json()
    org = Organisation.objects.get(pk=body["id"])
    assert org.name_th == NEW["name_th"] and org.org_type == "community"
    assert org.created_by == world.people["citizen"]
    assert body["home_area"]["code"] == "5104"
    assert [a["code"] for a in body["areas"]] == ["5104"]  # defaults to the home area
    assert body["target_groups"] == ["older-people"]
    assert body["url"] == f"/organisations/{org.pk}/"
    grant = RoleGrant.objects.get(organisation=org)
    assert grant.user == world.people["citizen"]
    assert grant.role == Role.CSO_COORDINATOR
    assert grant.area == world.lamphun  # the province of its home district
    assert grant.grant_reason == "registered the organisation"


def test_without_token_is_401_and_nothing_saved(client: Any, world: Any) -> None:
    response = post(client, NEW)
    assert response.status_code == 401
    assert "Bearer" in response["WWW-Authenticate"]
    assert not Organisation.objects.filter(name_th=NEW["name_th"]).exists()


@pytest.mark.parametrize("header", ["Bearer klang_wrong", "Token abc", "Bearer "])
def test_wrong_token_is_401(client: Any, world: Any, header: str) -> None:
    response = client.post(URL, data=json.dumps(NEW), content_type="application/json",
                           HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_revoked_token_is_401(client: Any, world: Any) -> None:
    token, key = ApiToken.issue(world.people["citizen"], "old")
    token.revoked_at = token.created_at
    token.save()
    assert post(client, NEW, key).status_code == 401


def test_token_use_is_recorded(client: Any, world: Any) -> None:
    token, key = ApiToken.issue(world.people["citizen"], "test")
    post(client, NEW, key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_missing_name_is_400_with_field_error(client: Any, world: Any, key: str) -> None:
    body = {k: v for k, v in NEW.items() if k != "name_th"}
    response = post(client, body, key, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert {"field": "name_th", "message": "This field is required."} in response.json()["detail"]
    assert Organisation.objects.count() == 2


def test_blank_name_is_400(client: Any, world: Any, key: str) -> None:
    response = post(client, {**NEW, "name_th": "  "}, key)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["detail"]] == ["name_th"]


def test_unknown_home_area_is_400_naming_the_code(client: Any, world: Any, key: str) -> None:
    response = post(client, {**NEW, "home_area": "5199"}, key, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["field"] == "home_area" and "5199" in error["message"]
    assert Organisation.objects.count() == 2 and RoleGrant.objects.count() == 10


def test_every_bad_field_is_reported_at_once(client: Any, world: Any, key: str) -> None:
    response = post(client, {**NEW, "areas": ["5104", "7777"], "target_groups": ["dragons"],
                             "org_type": "club", "email": "not-an-address", "home_area": "R-N"},
                    key, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["detail"]}
    assert set(errors) == {"areas", "target_groups", "org_type", "email", "home_area"}
    assert "7777" in errors["areas"] and "dragons" in errors["target_groups"]
    assert Organisation.objects.count() == 2


def test_wrong_types_and_unknown_fields_are_400_not_422(client: Any, world: Any,
                                                         key: str) -> None:
    response = post(client, {**NEW, "areas": "5104", "founded": 2540}, key)
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["detail"]} == {"areas", "founded"}


def test_body_that_is_not_json_is_400(client: Any, world: Any, key: str) -> None:
    response = client.post(URL, data="name_th=x", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "body"


def test_same_name_in_province_is_409_with_a_link(client: Any, world: Any, key: str) -> None:
    response = post(client, {"name_th": "สมาคมคนพิการ จังหวัดลำพูน", "home_area": "5101"}, key)
    assert response.status_code == 409
    body = response.json()
    assert body["existing"] == [{"id": world.org.pk, "name_th": world.org.name_th,
                                 "url": f"/organisations/{world.org.pk}/"}]
    assert "confirm_different" in body["detail"]
    assert Organisation.objects.count() == 2


def test_confirmed_different_organisation_is_registered(client: Any, world: Any,
                                                        key: str) -> None:
    response = post(client, {"name_th": world.org.name_th, "home_area": "5101",
                             "confirm_different": True}, key)
    assert response.status_code == 201
    assert Organisation.objects.filter(name_th=world.org.name_th).count() == 2


def test_same_name_in_another_province_is_fine(client: Any, world: Any, key: str) -> None:
    response = post(client, {"name_th": world.org.name_th, "home_area": "50"}, key)
    assert response.status_code == 201


def test_messages_follow_accept_language(client: Any, world: Any, key: str) -> None:
    english = post(client, {**NEW, "home_area": "5199"}, key, HTTP_ACCEPT_LANGUAGE="en")
    thai = post(client, {**NEW, "home_area": "5199"}, key, HTTP_ACCEPT_LANGUAGE="th")
    default = post(client, {**NEW, "home_area": "5199"}, key)
    assert english["Content-Language"] == "en"
    assert thai["Content-Language"] == "th" and default["Content-Language"] == "th"
    assert english.json()["detail"][0]["message"] == (
        "There is no area with the code “5199”. Check the code and try again.")
    with translation.override("th"):
        expected = gettext("There is no area with the code “%(code)s”. Check the code and "
                           "try again.") % {"code": "5199"}
        required_th = gettext("This field is required.")
    assert thai.json()["detail"][0]["message"] == expected
    assert default.json() == thai.json()
    # Django's own Thai catalogue already translates the schema's commonest message.
    missing = post(client, {"home_area": "51"}, key, HTTP_ACCEPT_LANGUAGE="th")
    assert missing.json()["detail"][0]["message"] == required_th != "This field is required."


def test_session_write_needs_csrf(world: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.people["citizen"])
    response = post(browser, NEW)
    assert response.status_code == 403
    assert not Organisation.objects.filter(name_th=NEW["name_th"]).exists()


def test_token_write_needs_no_csrf(world: Any, key: str) -> None:
    response = post(Client(enforce_csrf_checks=True), NEW, key)
    assert response.status_code == 201
