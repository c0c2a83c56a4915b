"""A member of the public pledges to a campaign and gets a PromptPay code with the amount.

No personal data is kept unless the donor opts in; bad amounts are refused and nothing is
saved; one connection cannot flood a campaign with pledges.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from funding.models import Pledge
from funding.services import PLEDGES_PER_HOUR
from funding.tests.helpers import SECRET_EMAIL, make_campaign
from funding.tests.test_promptpay_payload import decode, parse

pytestmark = pytest.mark.django_db


def payload_on(page: str) -> str:
    found = re.search(r'id="payload-pledge" readonly value="([^"]+)"', page)
    assert found, "no payload text on the page"
    return html.unescape(found.group(1))


def test_an_anonymous_pledge_keeps_no_personal_data_and_shows_the_code(client, world):
    campaign = make_campaign(world, promptpay_id="0812345678")
    response = client.post(f"/funding/campaigns/{campaign.pk}/", {
        "amount": "1500", "display_name": "Somchai", "email": SECRET_EMAIL})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    # Typed, but the boxes were not ticked: nothing about the donor is stored.
    assert (pledge.display_name, pledge.email, pledge.show_name, pledge.may_contact) == (
        "", "", False, False)
    assert pledge.amount == Decimal("1500")
    assert response["Location"] == f"/funding/pledges/{pledge.reference}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    fields = decode(payload_on(text))
    assert fields["01"] == "12" and fields["54"] == "1500.00"
    assert dict(parse(fields["29"]))["01"] == "0066812345678"
    assert '<svg role="img"' in text
    assert "1,500" in text


def test_a_donor_who_opts_in_is_named_and_may_be_contacted(client, world):
    campaign = make_campaign(world)
    client.post(f"/funding/campaigns/{campaign.pk}/", {
        "amount": "200", "show_name": "on", "display_name": "ร้านกาแฟบ้านธิ",
        "may_contact": "on", "email": SECRET_EMAIL})
    pledge = Pledge.objects.get()
    assert pledge.public_name == "ร้านกาแฟบ้านธิ" and pledge.email == SECRET_EMAIL
    page = client.get(f"/funding/campaigns/{campaign.pk}/").content.decode()
    assert "ร้านกาแฟบ้านธิ" in page
    assert SECRET_EMAIL not in page


@pytest.mark.parametrize("data", [
    {"amount": "0"}, {"amount": "-100"}, {"amount": "1000001"}, {"amount": "abc"},
    {"amount": ""}, {"amount": "10.555"},
    {"amount": "100", "show_name": "on"},
    {"amount": "100", "may_contact": "on"},
    {"amount": "100", "may_contact": "on", "email": "not-an-email"},
])
def test_bad_pledges_are_refused_and_nothing_is_saved(client, world, data):
    campaign = make_campaign(world)
    response = client.post(f"/funding/campaigns/{campaign.pk}/", data)
    assert response.status_code == 400
    assert b"errorlist" in response.content
    assert not Pledge.objects.exists()


def test_a_closed_or_past_campaign_takes_no_pledge(client, world):
    closed = make_campaign(world, is_open=False)
    past = make_campaign(world, deadline=timezone.localdate() - dt.timedelta(days=1))
    for campaign in (closed, past):
        response = client.post(f"/funding/campaigns/{campaign.pk}/", {"amount": "100"})
        assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_one_connection_cannot_flood_a_campaign(client, world):
    campaign = make_campaign(world)
    for _ in range(PLEDGES_PER_HOUR):
        assert client.post(f"/funding/campaigns/{campaign.pk}/",
                           {"amount": "1"}).status_code == 302
    response = client.post(f"/funding/campaigns/{campaign.pk}/", {"amount": "1"})
    assert response.status_code == 429
    assert Pledge.objects.count() == PLEDGES_PER_HOUR


def test_the_campaign_page_has_a_code_for_any_amount(client, world):
    campaign = make_campaign(world, promptpay_id="0994000165587")
    text = client.get(f"/funding/campaigns/{campaign.pk}/").content.decode()
    found = re.search(r'id="payload-static" readonly value="([^"]+)"', text)
    fields = decode(html.unescape(found.group(1)))
    assert fields["01"] == "11" and "54" not in fields
    assert dict(parse(fields["29"]))["02"] == "0994000165587"
    # The account is recognisable but not printed in full.
    assert "099xxxxxx5587" in text


def test_an_unknown_pledge_reference_is_not_found(client, world):
    assert client.get("/funding/pledges/nothing-here/").status_code == 404
