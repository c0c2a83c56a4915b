"""The organisation's coordinator confirms the transfers it received; the public sees pledged
and confirmed totals; donors' e-mails are seen by that coordinator only (and audited)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Role, RoleGrant, User
from audit.models import AuditEvent
from conftest import MATRIX_ROLES
from funding.models import PledgeStatus
from funding.services import progress
from funding.tests.helpers import SECRET_EMAIL, make_campaign, make_pledge

pytestmark = pytest.mark.django_db


def test_pledged_and_confirmed_totals_add_up(client, world):
    campaign = make_campaign(world, goal="10000")
    make_pledge(campaign, "1000", status=PledgeStatus.CONFIRMED)
    make_pledge(campaign, "2500.50", status=PledgeStatus.CONFIRMED)
    make_pledge(campaign, "700")
    make_pledge(campaign, "9999", status=PledgeStatus.NOT_RECEIVED)
    found = progress(campaign)
    assert found.pledged == Decimal("4200.50")
    assert found.confirmed == Decimal("3500.50")
    assert (found.pledges, found.confirmed_pledges) == (3, 2)
    assert (found.pledged_percent, found.confirmed_percent) == (42, 35)
    api = client.get(f"/api/v1/campaigns/{campaign.pk}/").json()
    assert Decimal(api["pledged"]) == Decimal("4200.50")
    assert Decimal(api["confirmed"]) == Decimal("3500.50")


def test_the_coordinator_confirms_a_transfer(client, world):
    campaign = make_campaign(world)
    pledge = make_pledge(campaign, "500")
    client.force_login(world.people["cso_coordinator"])
    response = client.post(f"/funding/campaigns/{campaign.pk}/manage/",
                           {"pledge": pledge.pk, "status": "confirmed"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and pledge.confirmed_by == world.people["cso_coordinator"]
    client.post(f"/funding/campaigns/{campaign.pk}/manage/",
                {"pledge": pledge.pk, "status": "not_received"})
    pledge.refresh_from_db()
    assert pledge.status == "not_received" and pledge.confirmed_at is None
    assert progress(campaign).pledged == 0


def test_a_pledge_of_another_campaign_cannot_be_changed_through_this_one(client, world):
    mine = make_campaign(world)
    theirs = make_campaign(world, organisation=world.other_org)
    pledge = make_pledge(theirs)
    client.force_login(world.people["cso_coordinator"])
    response = client.post(f"/funding/campaigns/{mine.pk}/manage/",
                           {"pledge": pledge.pk, "status": "confirmed"})
    assert response.status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == "pledged"


def test_another_organisations_coordinator_may_not_manage(client, world):
    campaign = make_campaign(world)
    pledge = make_pledge(campaign)
    other = User.objects.create_user("other-coordinator@example.org", "x")
    RoleGrant.objects.create(user=other, role=Role.CSO_COORDINATOR, area=world.lamphun,
                             organisation=world.other_org)
    client.force_login(other)
    assert client.get(f"/funding/campaigns/{campaign.pk}/manage/").status_code == 403
    assert client.post(f"/funding/campaigns/{campaign.pk}/manage/",
                       {"pledge": pledge.pk, "status": "confirmed"}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.status == "pledged"


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_donor_emails_are_seen_only_by_the_campaigns_coordinator(client, world, role):
    campaign = make_campaign(world)
    make_pledge(campaign, "300", may_contact=True, email=SECRET_EMAIL)
    make_pledge(campaign, "400", show_name=True, display_name="ผู้ใจดี")
    world.login(client, role)
    client.cookies["klang_language"] = "en"
    seen = []
    for url in (f"/funding/campaigns/{campaign.pk}/", f"/funding/campaigns/{campaign.pk}/manage/",
                "/funding/campaigns/", "/funding/", f"/api/v1/campaigns/{campaign.pk}/",
                "/api/v1/campaigns/"):
        response = client.get(url)
        if SECRET_EMAIL.encode() in response.content:
            seen.append(url)
    if role == "cso_coordinator":
        assert seen == [f"/funding/campaigns/{campaign.pk}/manage/"]
        event = AuditEvent.objects.get(object_type="pledge_contacts")
        assert event.actor == world.people["cso_coordinator"]
        assert event.organisation_id == world.org.pk
    else:
        assert seen == []
        assert not AuditEvent.objects.filter(object_type="pledge_contacts").exists()


def test_the_coordinator_closes_the_campaign(client, world):
    campaign = make_campaign(world)
    client.force_login(world.people["cso_coordinator"])
    client.post(f"/funding/campaigns/{campaign.pk}/manage/", {"action": "close"})
    campaign.refresh_from_db()
    assert campaign.is_open is False
    client.logout()
    client.cookies["klang_language"] = "en"
    assert client.post(f"/funding/campaigns/{campaign.pk}/",
                       {"amount": "100"}).status_code == 400
