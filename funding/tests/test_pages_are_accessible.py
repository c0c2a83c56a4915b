"""axe-core finds no WCAG 2.1 A/AA violation on the funding pages; a donor pledges in Chromium
and reads the QR code's text and amount."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from portal.tests.browser import open_as, set_language
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from funding.models import PilotReport
    from funding.tests.helpers import make_campaign, make_fund, make_grant, make_pledge

    grant = make_grant(world, "nhso", "250000", is_illustrative=True)
    fund = make_fund(world, budget="400000")
    fund.grants.set([grant])
    fund.disbursements.create(paid_on="2026-01-10", amount=Decimal("60000"),
                              recipient="อาสาสมัคร 12 คน", purpose="เยี่ยมบ้าน")
    report = PilotReport(fund=fund, title="ไตรมาส 1", text="ผล", content_type="application/pdf")
    report.file.save("r.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    campaign = make_campaign(world)
    make_pledge(campaign, "500", status="confirmed")
    pledge = make_pledge(campaign, "200", show_name=True, display_name="ผู้ใจดี",
                         may_contact=True, email="donor@example.org")
    return {"grant": grant, "fund": fund, "campaign": campaign, "pledge": pledge}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("index", lambda s: "/funding/?area=51", "th", "anonymous"),
    ("index-en", lambda s: "/funding/", "en", "provincial_officer"),
    ("funder", lambda s: "/funding/funders/nhso/", "th", "anonymous"),
    ("grant", lambda s: f"/funding/grants/{s['grant'].pk}/", "en", "funder"),
    ("grant-form", lambda s: "/funding/grants/new/", "th", "provincial_officer"),
    ("pilot", lambda s: f"/funding/pilots/{s['fund'].pk}/", "th", "cso_coordinator"),
    ("pilot-form", lambda s: "/funding/pilots/new/", "en", "cso_coordinator"),
    ("payment-form", lambda s: f"/funding/pilots/{s['fund'].pk}/payments/new/", "th",
     "cso_coordinator"),
    ("report-form", lambda s: f"/funding/pilots/{s['fund'].pk}/reports/new/", "th",
     "cso_coordinator"),
    ("campaigns", lambda s: "/funding/campaigns/", "th", "anonymous"),
    ("campaign", lambda s: f"/funding/campaigns/{s['campaign'].pk}/", "th", "anonymous"),
    ("campaign-form", lambda s: "/funding/campaigns/new/", "en", "cso_coordinator"),
    ("campaign-manage", lambda s: f"/funding/campaigns/{s['campaign'].pk}/manage/", "th",
     "cso_coordinator"),
    ("pledge", lambda s: f"/funding/pledges/{s['pledge'].reference}/", "en", "anonymous"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    from funding.tests.helpers import funders

    funders()
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_a_donor_pledges_and_reads_the_code(axe_script: Any, context: Any,  # noqa: F811
                                            live_server: Any, world: Any) -> None:
    from funding.models import Pledge
    from funding.tests.helpers import make_campaign
    from funding.tests.test_promptpay_payload import decode

    campaign = make_campaign(world, promptpay_id="0812345678")
    set_language(context, live_server, "en")
    page = context.new_page()
    page.goto(f"/funding/campaigns/{campaign.pk}/")
    page.get_by_label("Amount (baht)").fill("0")
    page.locator("form.pledge-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "pledge form after a failed submission")
    page.get_by_label("Amount (baht)").fill("750")
    page.locator("form.pledge-form button[type=submit]").click()
    page.wait_for_url("**/funding/pledges/**")
    text = page.locator("#payload-pledge").input_value()
    fields = decode(text)
    assert fields["54"] == "750.00"
    assert page.get_by_role("img", name="PromptPay QR code for 750.00 baht").is_visible()
    assert "750 baht" in page.locator("main").inner_text()
    pledge = Pledge.objects.get()
    assert (pledge.amount, pledge.email, pledge.display_name) == (Decimal("750"), "", "")
