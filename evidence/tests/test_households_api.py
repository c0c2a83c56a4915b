"""The households API: a member's token lists and reads the organisation's households (no
identifying field ever), every read audited; outsiders see an empty list and 404."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import ApiToken
from audit.models import AuditEvent
from evidence.tests.access_privacy import SECRETS, make_household

pytestmark = pytest.mark.django_db


def bearer(user: Any) -> dict[str, str]:
    _token, key = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_members_token_lists_only_its_organisations_households(client: Any,
                                                                  world: Any) -> None:
    mine = [make_household(world) for _ in range(3)]
    theirs = make_household(world, org=world.other_org)
    response = client.get("/api/v1/households/?limit=2", **bearer(world.people["cso_member"]))
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3 and len(data["results"]) == 2 and data["next"]
    listed = {row["pseudonym"] for row in data["results"]}
    assert listed <= {h.pseudonym for h in mine}
    assert theirs.pseudonym not in response.content.decode()
    row = data["results"][0]
    assert row["flags"] == ["bedridden_no_carer"]
    assert row["failed_indicators"] == ["bmn_05"]
    assert row["groups"] == ["older-people", "disability"]
    assert row["url"] == f"/evidence/households/{row['pseudonym']}/"
    for secret in SECRETS:
        assert secret not in response.content.decode()
    # One event per listed household, none for those on other pages.
    events = AuditEvent.objects.filter(action="view")
    assert {e.object_label for e in events} == listed
    assert all(e.detail["channel"] == "api" and e.organisation_id == world.org.pk
               for e in events)


def test_one_household_has_members_and_answers_but_no_names(client: Any,
                                                             world: Any) -> None:
    household = make_household(world, answers={"water_source": "tap", "phone": "0891234567"})
    world.login(client, "cso_coordinator")   # a session works for reading
    response = client.get(f"/api/v1/households/{household.pseudonym}/")
    assert response.status_code == 200
    data = response.json()
    assert data["answers"] == {"water_source": "tap"}
    assert [m["age"] for m in data["members"]] == [67, 9]
    assert data["members"][0]["id_type"] == "thai_id"
    assert "member_name" not in response.content.decode()
    for secret in SECRETS:
        assert secret not in response.content.decode()
    event = AuditEvent.objects.get(action="view", object_label=household.pseudonym)
    assert event.actor == world.people["cso_coordinator"]
    assert event.detail["identifying"] is False


def test_filters_and_bad_filters(client: Any, world: Any) -> None:
    make_household(world, area="510401")
    make_household(world, area="510101", status="submitted")
    headers = bearer(world.people["dpo"])
    assert client.get("/api/v1/households/?area=5104", **headers).json()["count"] == 1
    assert client.get("/api/v1/households/?status=submitted", **headers).json()["count"] == 1
    bad = client.get("/api/v1/households/?status=lost&area=9999", **headers)
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["detail"]} <= {"status", "area"}


def test_outsiders_get_an_empty_list_404_and_no_audit(client: Any, world: Any) -> None:
    household = make_household(world)
    headers = bearer(world.people["working_group"])
    assert client.get("/api/v1/households/", **headers).json() == {
        "count": 0, "next": None, "previous": None, "results": []}
    response = client.get(f"/api/v1/households/{household.pseudonym}/", **headers)
    assert response.status_code == 404
    assert client.get("/api/v1/households/").status_code == 401
    assert not AuditEvent.objects.exists()
