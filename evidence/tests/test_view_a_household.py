"""A member of the collecting organisation opens a household's record: typed data first, the
names only after saying why, and every view written to the audit log with its reason."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from evidence.tests.access_privacy import HEAD_NAME, ID_NUMBER, MEMBER_NAME, make_household

pytestmark = pytest.mark.django_db


def views_of(household: Any) -> Any:
    return AuditEvent.objects.filter(action="view", object_label=household.pseudonym)


def test_the_record_shows_typed_data_but_no_names_until_a_purpose_is_given(
        client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    client.cookies["klang_language"] = "en"
    response = client.get(f"/evidence/households/{household.pseudonym}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert household.pseudonym in body
    assert "ลัวะ" in body                      # a member's ethnic group (typed data)
    assert "Bedridden member with no carer" in body
    assert HEAD_NAME not in body and MEMBER_NAME not in body and ID_NUMBER not in body
    event = views_of(household).get()
    assert event.actor == world.people["cso_member"]
    assert event.organisation_id == world.org.pk
    assert event.detail["identifying"] is False


def test_stating_a_purpose_opens_the_names_and_audits_the_reason(client: Any,
                                                                  world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_coordinator")
    response = client.post(f"/evidence/households/{household.pseudonym}/",
                           {"purpose": "follow_up", "note": "นัดเยี่ยมบ้านสัปดาห์หน้า"})
    assert response.status_code == 200
    body = response.content.decode()
    assert HEAD_NAME in body and MEMBER_NAME in body and ID_NUMBER in body
    event = views_of(household).get()
    assert event.detail == {"identifying": True, "purpose": "follow_up", "channel": "page"}
    assert "นัดเยี่ยมบ้านสัปดาห์หน้า" in event.reason
    assert event.actor_label == world.people["cso_coordinator"].email


def test_other_needs_words_and_no_names_are_shown_without_them(client: Any,
                                                                world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/households/{household.pseudonym}/",
                           {"purpose": "other", "note": "  "})
    assert response.status_code == 400
    assert HEAD_NAME not in response.content.decode()
    assert views_of(household).get().detail["identifying"] is False


def test_the_dpo_may_open_the_names_too(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "dpo")
    response = client.post(f"/evidence/households/{household.pseudonym}/",
                           {"purpose": "subject_request", "note": ""})
    assert HEAD_NAME in response.content.decode()
    assert views_of(household).get().actor == world.people["dpo"]


def test_the_page_lists_the_records_history(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    client.post(f"/evidence/households/{household.pseudonym}/",
                {"purpose": "verification", "note": "ตรวจชื่อ"})
    response = client.get(f"/evidence/households/{household.pseudonym}/")
    history = response.context["history"]
    assert [e.detail["identifying"] for e in history] == [False, True]
    assert "ตรวจชื่อ" in response.content.decode()


def test_another_organisations_member_gets_404_and_nothing_is_decrypted(
        client: Any, world: Any) -> None:
    household = make_household(world, org=world.other_org)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/households/{household.pseudonym}/",
                           {"purpose": "verification", "note": ""})
    assert response.status_code == 404
    assert HEAD_NAME not in response.content.decode()
    assert not views_of(household).exists()
