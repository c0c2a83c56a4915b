"""A community organisation's coordinator runs a pilot fund: payments, balance, reports.

Funders and the public read the fund, its payments (labels, never people) and its reports.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import Disbursement, PilotFund, PilotReport
from funding.tests.helpers import make_fund, make_grant

pytestmark = pytest.mark.django_db


def test_a_coordinator_starts_a_fund_for_their_organisation(client, world):
    grant = make_grant(world, "nhso", "150000")
    client.force_login(world.people["cso_coordinator"])
    response = client.post("/funding/pilots/new/", {
        "organisation": world.org.pk, "title": "กองทุนดูแลผู้ป่วยติดเตียง ต.บ้านธิ",
        "description": "ชุมชนบริหารเอง", "area": "510401", "budget": "200000",
        "grants": [grant.pk]})
    assert response.status_code == 302, response.content
    fund = PilotFund.objects.get()
    assert list(fund.grants.all()) == [grant]
    # Not for an organisation they do not coordinate.
    response = client.post("/funding/pilots/new/", {
        "organisation": world.other_org.pk, "title": "x", "description": "x", "area": "5104",
        "budget": "1"})
    assert response.status_code == 400
    assert PilotFund.objects.count() == 1


def test_payments_reduce_the_balance_and_cannot_exceed_it(client, world):
    fund = make_fund(world, budget="10000")
    client.force_login(world.people["cso_coordinator"])
    url = f"/funding/pilots/{fund.pk}/payments/new/"
    assert client.post(url, {"paid_on": "2026-01-10", "amount": "6000",
                             "recipient": "ค่าเดินทางผู้ป่วย 12 ราย"}).status_code == 302
    assert client.post(url, {"paid_on": "2026-02-10", "amount": "2500.25",
                             "recipient": "อสม. หมู่ 3"}).status_code == 302
    assert fund.balance() == Decimal("1499.75")
    response = client.post(url, {"paid_on": "2026-03-10", "amount": "1500",
                                 "recipient": "อุปกรณ์"})
    assert response.status_code == 400
    assert "1,499.75" in str(response.context["form"].errors["amount"])
    assert Disbursement.objects.count() == 2
    page = client.get(f"/funding/pilots/{fund.pk}/").content.decode()
    assert "8,500.25 baht" in page and "1,499.75 baht" in page


def test_a_report_with_a_document_is_public(client, world):
    fund = make_fund(world)
    client.force_login(world.people["cso_coordinator"])
    pdf = SimpleUploadedFile("ผลงาน นายสมชาย.pdf", b"%PDF-1.4 report", "application/pdf")
    response = client.post(f"/funding/pilots/{fund.pk}/reports/new/",
                           {"title": "ไตรมาส 1", "text": "ดูแลผู้ป่วย 14 ราย", "file": pdf})
    assert response.status_code == 302
    report = PilotReport.objects.get()
    # The stored name is random: an uploaded name may carry a person's name.
    assert "สมชาย" not in report.file.name
    client.logout()
    download = client.get(f"/funding/pilots/{fund.pk}/reports/{report.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_a_document_is_refused(client, world):
    fund = make_fund(world)
    client.force_login(world.people["cso_coordinator"])
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(f"/funding/pilots/{fund.pk}/reports/new/",
                           {"title": "x", "text": "y", "file": fake})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not PilotReport.objects.exists()


@pytest.mark.parametrize("role", ["cso_member", "provincial_officer", "funder",
                                  "administrator", "anonymous"])
def test_only_the_managing_coordinator_records_payments(client, world, role):
    fund = make_fund(world)
    world.login(client, role)
    response = client.post(f"/funding/pilots/{fund.pk}/payments/new/", {
        "paid_on": "2026-01-10", "amount": "10", "recipient": "x"})
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "/login" in response["Location"]
    assert not Disbursement.objects.exists()
