"""สอบทาน: a second member of the collecting organisation verifies a submitted record or sends
it back to draft with a note; the person who entered it cannot verify it; everything is
audited and only verified records count in statistics."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from evidence.models import Household
from evidence.tests.access_verification import make_household, verification_url

pytestmark = pytest.mark.django_db


def test_a_second_member_verifies_and_it_is_audited(client: Any, world: Any) -> None:
    coordinator, member = world.people["cso_coordinator"], world.people["cso_member"]
    household = make_household(world, entered_by=coordinator, deprivations=1 << 15)
    world.login(client, "cso_member")
    page = client.get(verification_url(household))
    assert page.status_code == 200
    assert household.pseudonym in page.content.decode()
    response = client.post(verification_url(household), {"decision": "verify", "note": ""})
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == "verified"
    assert household.verified_by == member and household.verified_at is not None
    assert Household.objects.published().filter(pk=household.pk).exists()
    actions = list(AuditEvent.objects.filter(object_label=household.pseudonym)
                   .values_list("action", flat=True))
    assert sorted(actions) == ["verify", "view"]


def test_the_person_who_entered_it_cannot_verify(client: Any, world: Any) -> None:
    household = make_household(world, entered_by=world.people["cso_member"])
    world.login(client, "cso_member")
    assert client.get(verification_url(household)).status_code == 403
    response = client.post(verification_url(household), {"decision": "verify"})
    assert response.status_code == 403
    household.refresh_from_db()
    assert household.status == "submitted"


def test_sending_back_needs_a_note_and_the_note_shows_in_the_queue(client: Any,
                                                                  world: Any) -> None:
    household = make_household(world, entered_by=world.people["cso_coordinator"])
    world.login(client, "cso_member")
    refused = client.post(verification_url(household), {"decision": "return", "note": " "})
    assert refused.status_code == 400
    household.refresh_from_db()
    assert household.status == "submitted"
    client.post(verification_url(household), {"decision": "return",
                                              "note": "อายุสมาชิกคนที่ 2 ไม่ตรง"})
    household.refresh_from_db()
    assert household.status == "draft"
    event = AuditEvent.objects.get(object_label=household.pseudonym, action="change")
    assert event.reason == "อายุสมาชิกคนที่ 2 ไม่ตรง" and event.detail["returned"] is True
    world.login(client, "cso_coordinator")
    queue = client.get(f"/evidence/verification/organisation/{world.org.pk}/")
    assert "อายุสมาชิกคนที่ 2 ไม่ตรง" in queue.content.decode()
    # The coordinator corrects it elsewhere, then submits it again.
    client.post(verification_url(household, "submit/"))
    household.refresh_from_db()
    assert household.status == "submitted"


def test_a_record_verified_twice_is_refused_the_second_time(client: Any, world: Any) -> None:
    household = make_household(world, entered_by=world.people["cso_coordinator"])
    Household.objects.filter(pk=household.pk).update(status="verified")
    world.login(client, "cso_member")
    response = client.post(verification_url(household), {"decision": "verify"})
    assert response.status_code == 400
    assert AuditEvent.objects.filter(action="verify").count() == 0


def test_the_queue_lists_submitted_records_of_the_organisation_only(client: Any,
                                                                   world: Any) -> None:
    mine = make_household(world, entered_by=world.people["cso_coordinator"])
    verified = make_household(world, status="verified")
    theirs = make_household(world, organisation=world.other_org)
    world.login(client, "cso_member")
    assert client.get("/evidence/verification/").status_code == 302  # one organisation
    body = client.get(f"/evidence/verification/organisation/{world.org.pk}/").content.decode()
    assert mine.pseudonym in body
    assert verified.pseudonym not in body and theirs.pseudonym not in body
    assert client.get(
        f"/evidence/verification/organisation/{world.other_org.pk}/").status_code == 403


@pytest.mark.parametrize("role", ["working_group", "provincial_officer", "anonymous",
                                  "administrator", "citizen"])
def test_people_outside_the_organisation_never_see_the_record(client: Any, world: Any,
                                                              role: str) -> None:
    household = make_household(world, entered_by=world.people["cso_coordinator"])
    world.login(client, role)
    response = client.get(verification_url(household))
    # 404, not 403: that the pseudonym exists is itself not theirs to learn.
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(object_label=household.pseudonym).exists()
