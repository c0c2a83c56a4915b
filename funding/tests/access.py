"""Who may use each funding page and API endpoint (see klang/testing.py).

Totals, grants, pilot funds, their reports and campaigns are public. Grants are recorded by
provincial officers and funders of the grant's area (Lamphun here) and administrators. A pilot
fund is started by a CSO coordinator (or an administrator) and run by the coordinator of the
organisation that manages it; a campaign is opened and managed (pledges confirmed, donors'
e-mails read) by its organisation's coordinator only, administrators included in the refusal.
A donor's pledge page is reached by its unguessable reference.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

API = "api-1.0.0"
GRANT_MAKERS = frozenset({"provincial_officer", "funder", "administrator"})
PILOT_STARTERS = frozenset({"cso_coordinator", "administrator"})
COORDINATOR = frozenset({"cso_coordinator"})


def grant(w: Any) -> Any:
    from funding.tests.helpers import make_grant

    return make_grant(w)


def fund(w: Any) -> Any:
    from funding.tests.helpers import make_fund

    return make_fund(w)


def campaign(w: Any) -> Any:
    from funding.tests.helpers import make_campaign

    return make_campaign(w)


def report_url(w: Any) -> str:
    from django.core.files.base import ContentFile

    from funding.models import PilotReport

    found = fund(w)
    report = PilotReport(fund=found, title="รายงาน", text="ผล", content_type="application/pdf")
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return f"/funding/pilots/{found.pk}/reports/{report.pk}/"


def pledge_url(w: Any) -> str:
    from funding.tests.helpers import make_pledge

    return f"/funding/pledges/{make_pledge(campaign(w)).reference}/"


def grant_data(w: Any) -> dict[str, Any]:
    from funding.tests.helpers import funders

    return {"funder": funders()["nhso"].pk, "organisation": w.org.pk, "title": "ทุนสิทธิ์",
            "area": "5104", "amount": "1000", "fiscal_year": "2569", "status": "approved"}


def pilot_data(w: Any) -> dict[str, Any]:
    return {"organisation": w.org.pk, "title": "กองทุนสิทธิ์", "description": "ทดสอบ",
            "area": "5104", "budget": "1000"}


def campaign_data(w: Any) -> dict[str, Any]:
    return {"organisation": w.org.pk, "title": "แคมเปญสิทธิ์", "story": "ทดสอบ",
            "goal": "1000", "deadline": "2099-01-01", "promptpay_id": "0812345678"}


ACCESS: list[Access] = [
    Access("funding:index", lambda w: "/funding/?area=51", EVERYONE),
    Access("funding:funder", lambda w: f"/funding/funders/{grant(w).funder.slug}/", EVERYONE),
    Access("funding:funder_export", lambda w: f"/funding/funders/{grant(w).funder.slug}/"
           "grants.xlsx", EVERYONE),
    Access("funding:grant", lambda w: f"/funding/grants/{grant(w).pk}/", EVERYONE),
    # Any province's officer may open the form; Lamphun's area is refused to Chiang Mai's.
    Access("funding:grant_add", lambda w: "/funding/grants/new/",
           GRANT_MAKERS | {"other_province_officer"}),
    Access("funding:grant_add", lambda w: "/funding/grants/new/", GRANT_MAKERS, method="POST",
           data=grant_data),
    Access("funding:grant_edit", lambda w: f"/funding/grants/{grant(w).pk}/edit/",
           GRANT_MAKERS),
    Access("funding:grant_edit", lambda w: f"/funding/grants/{grant(w).pk}/edit/",
           GRANT_MAKERS, method="POST", data=grant_data),
    Access("funding:pilot", lambda w: f"/funding/pilots/{fund(w).pk}/", EVERYONE),
    Access("funding:pilot_add", lambda w: "/funding/pilots/new/", PILOT_STARTERS),
    Access("funding:pilot_add", lambda w: "/funding/pilots/new/", PILOT_STARTERS,
           method="POST", data=pilot_data),
    Access("funding:pilot_edit", lambda w: f"/funding/pilots/{fund(w).pk}/edit/", COORDINATOR),
    Access("funding:pilot_edit", lambda w: f"/funding/pilots/{fund(w).pk}/edit/", COORDINATOR,
           method="POST", data=pilot_data),
    Access("funding:disburse", lambda w: f"/funding/pilots/{fund(w).pk}/payments/new/",
           COORDINATOR),
    Access("funding:disburse", lambda w: f"/funding/pilots/{fund(w).pk}/payments/new/",
           COORDINATOR, method="POST",
           data=lambda w: {"paid_on": "2026-01-05", "amount": "100", "recipient": "อสม. หมู่ 3"}),
    Access("funding:report_add", lambda w: f"/funding/pilots/{fund(w).pk}/reports/new/",
           COORDINATOR),
    Access("funding:report_add", lambda w: f"/funding/pilots/{fund(w).pk}/reports/new/",
           COORDINATOR, method="POST", data=lambda w: {"title": "รายงาน", "text": "ผล"}),
    Access("funding:report_file", report_url, EVERYONE),
    Access("funding:campaigns", lambda w: "/funding/campaigns/", EVERYONE),
    Access("funding:campaign_add", lambda w: "/funding/campaigns/new/", COORDINATOR),
    Access("funding:campaign_add", lambda w: "/funding/campaigns/new/", COORDINATOR,
           method="POST", data=campaign_data),
    Access("funding:campaign", lambda w: f"/funding/campaigns/{campaign(w).pk}/", EVERYONE),
    Access("funding:campaign", lambda w: f"/funding/campaigns/{campaign(w).pk}/", EVERYONE,
           method="POST", data=lambda w: {"amount": "100"}),
    Access("funding:campaign_manage", lambda w: f"/funding/campaigns/{campaign(w).pk}/manage/",
           COORDINATOR),
    Access("funding:campaign_manage", lambda w: f"/funding/campaigns/{campaign(w).pk}/manage/",
           COORDINATOR, method="POST", data=lambda w: {"action": "close"}),
    Access("funding:pledge", pledge_url, EVERYONE),
    # The API.
    Access(f"{API}:funders", lambda w: "/api/v1/funders/?area=51", EVERYONE),
    Access(f"{API}:grants", lambda w: f"/api/v1/grants/?funder={grant(w).funder.slug}",
           EVERYONE),
    Access(f"{API}:pilot_funds", lambda w: f"/api/v1/pilot-funds/?area=51&x={fund(w).pk}",
           EVERYONE),
    Access(f"{API}:campaigns", lambda w: f"/api/v1/campaigns/?x={campaign(w).pk}", EVERYONE),
    Access(f"{API}:campaign", lambda w: f"/api/v1/campaigns/{campaign(w).pk}/", EVERYONE),
]
