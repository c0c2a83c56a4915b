"""The funding API: funders with totals, grants with filters, pilot funds and campaigns,
never a donor's e-mail or a hidden donor's name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from areas.models import Area
from funding.tests.helpers import SECRET_EMAIL, make_campaign, make_fund, make_grant, make_pledge

pytestmark = pytest.mark.django_db


def test_funders_with_totals(client, world):
    make_grant(world, "nhso", "1000")
    make_grant(world, "nhso", "500", fiscal_year=2568)
    body = client.get("/api/v1/funders/?area=51&fiscal_year=2569").json()
    nhso = next(row for row in body["results"] if row["slug"] == "nhso")
    assert Decimal(nhso["total"]) == Decimal("1000") and nhso["grant_count"] == 1
    assert body["count"] == len(body["results"]) >= 9


def test_grants_filter_by_area_funder_and_year(client, world):
    li = Area.objects.get(code="5104")
    make_grant(world, "nhso", "1000", area=li)
    make_grant(world, "codi", "2000")
    make_grant(world, "codi", "3000", fiscal_year=2568)
    assert client.get("/api/v1/grants/").json()["count"] == 3
    assert [g["amount"] for g in client.get("/api/v1/grants/?area=5104").json()["results"]] == [
        "1000.00"]
    assert client.get("/api/v1/grants/?funder=codi").json()["count"] == 2
    assert client.get("/api/v1/grants/?funder=codi&fiscal_year=2568").json()["count"] == 1
    bad = client.get("/api/v1/grants/?funder=nobody")
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "funder"
    assert client.get("/api/v1/grants/?area=5199").status_code == 400


def test_pilot_funds_with_balance(client, world):
    fund = make_fund(world, budget="1000")
    fund.disbursements.create(paid_on="2026-01-01", amount=Decimal("400"), recipient="อสม.")
    row = client.get("/api/v1/pilot-funds/?area=51").json()["results"][0]
    assert (Decimal(row["disbursed"]), Decimal(row["balance"])) == (400, 600)
    assert row["disbursements"][0]["recipient"] == "อสม."
    assert client.get("/api/v1/pilot-funds/?area=50").json()["count"] == 0


def test_campaigns_never_give_donor_data(client, world):
    campaign = make_campaign(world)
    make_pledge(campaign, "100", may_contact=True, email=SECRET_EMAIL)
    make_pledge(campaign, "100", show_name=True, display_name="ผู้ใจดี")
    listed = client.get("/api/v1/campaigns/?open=true")
    one = client.get(f"/api/v1/campaigns/{campaign.pk}/")
    assert listed.json()["count"] == 1
    assert one.json()["donors"] == ["ผู้ใจดี"]
    for response in (listed, one):
        assert SECRET_EMAIL.encode() not in response.content
        assert b"email" not in response.content
    assert client.get("/api/v1/campaigns/999999/").status_code == 404
