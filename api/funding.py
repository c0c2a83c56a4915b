"""Joint funding, pilot funds and public pledge campaigns.

Everything here is public and read-only: funders with their totals, grants, community pilot
funds with their payments, and campaigns with pledged and confirmed totals. No donor's e-mail
is ever answered; a donor's name only when the donor chose to be shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message, OrganisationRef
from areas.models import Area
from areas.services import resolve, unknown_area_message
from funding import services
from funding.models import Campaign, Funder, Grant, PilotFund

router = Router(tags=["funding"])


# --- shapes ----------------------------------------------------------------------------------

class FunderItem(BaseModel):
    slug: str
    name_th: str
    name_en: str
    kind: str
    planning_source: str = Field(description="The plan-item funding source counted as this "
                                             "funder's (empty: none).")
    grants: Decimal = Field(description="Approved, paid-out and completed grants (baht).")
    grant_count: int
    plan_funding: Decimal = Field(description="Plan-item funding recorded by the province with "
                                              "this source and not already a grant (baht).")
    total: Decimal
    url: str


class FunderList(BaseModel):
    count: int
    results: list[FunderItem]


class FunderRef(BaseModel):
    slug: str
    name_th: str
    name_en: str


class GrantItem(BaseModel):
    id: int
    title: str
    funder: FunderRef
    organisation: OrganisationRef
    area: AreaRef
    amount: Decimal
    fiscal_year: int
    status: str = Field(description="planned, approved, disbursed, completed or cancelled.")
    starts_on: dt.date | None
    ends_on: dt.date | None
    plan_item_id: int | None
    proposal_id: int | None
    is_illustrative: bool
    url: str


class GrantPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[GrantItem]


class DisbursementOut(BaseModel):
    paid_on: dt.date
    amount: Decimal
    recipient: str = Field(description="What or which group was paid; never a person.")
    purpose: str


class PilotFundItem(BaseModel):
    id: int
    title: str
    description: str
    organisation: OrganisationRef
    area: AreaRef
    budget: Decimal
    disbursed: Decimal
    balance: Decimal
    results: str
    reports: int
    disbursements: list[DisbursementOut]
    is_illustrative: bool
    url: str


class PilotFundPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[PilotFundItem]


class CampaignItem(BaseModel):
    id: int
    title: str
    organisation: OrganisationRef
    goal: Decimal
    pledged: Decimal = Field(description="Pledged and not marked as not received (baht).")
    confirmed: Decimal = Field(description="Confirmed received by the organisation (baht).")
    pledges: int
    confirmed_pledges: int
    deadline: dt.date
    is_open: bool = Field(description="Takes pledges now.")
    proposal_id: int | None
    plan_item_id: int | None
    is_illustrative: bool
    url: str


class CampaignPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[CampaignItem]


class CampaignDetail(CampaignItem):
    story: str
    donors: list[str] = Field(description="Names of donors who chose to be shown; nobody "
                                          "else is named and no e-mail is ever given.")


# --- helpers ---------------------------------------------------------------------------------

def area_ref(area: Area) -> dict[str, str]:
    return {"code": area.code, "level": area.level, "name_th": area.name_th,
            "name_en": area.name_en}


def org_ref(org: Any) -> dict[str, Any]:
    return {"id": org.pk, "name_th": org.name_th, "url": org.get_absolute_url()}


def area_filter(code: str | None) -> Area | None:
    if not code:
        return None
    found = resolve(code.strip())
    if found is None:
        raise InvalidFields({"area": unknown_area_message(code.strip())})
    return found


def grant_rows(queryset: Any) -> list[dict[str, Any]]:
    return [{
        "id": g.pk, "title": g.title,
        "funder": {"slug": g.funder.slug, "name_th": g.funder.name_th,
                   "name_en": g.funder.name_en},
        "organisation": org_ref(g.organisation), "area": area_ref(g.area),
        "amount": g.amount, "fiscal_year": g.fiscal_year, "status": g.status,
        "starts_on": g.starts_on, "ends_on": g.ends_on, "plan_item_id": g.plan_item_id,
        "proposal_id": g.proposal_id, "is_illustrative": g.is_illustrative,
        "url": g.get_absolute_url(),
    } for g in queryset.select_related("funder", "organisation", "area")]


def pilot_rows(queryset: Any) -> list[dict[str, Any]]:
    rows = []
    for fund in queryset.select_related("organisation", "area").prefetch_related(
            "disbursements", "reports"):
        payments = list(fund.disbursements.all())
        disbursed = sum((p.amount for p in payments), Decimal("0"))
        rows.append({
            "id": fund.pk, "title": fund.title, "description": fund.description,
            "organisation": org_ref(fund.organisation), "area": area_ref(fund.area),
            "budget": fund.budget, "disbursed": disbursed, "balance": fund.budget - disbursed,
            "results": fund.results, "reports": len(fund.reports.all()),
            "disbursements": [{"paid_on": p.paid_on, "amount": p.amount,
                               "recipient": p.recipient, "purpose": p.purpose}
                              for p in payments],
            "is_illustrative": fund.is_illustrative, "url": fund.get_absolute_url(),
        })
    return rows


def campaign_rows(queryset: Any) -> list[dict[str, Any]]:
    campaigns = list(queryset.select_related("organisation"))
    progress = services.progress_for([c.pk for c in campaigns])
    today = timezone.localdate()
    return [{
        "id": c.pk, "title": c.title, "organisation": org_ref(c.organisation),
        "goal": c.goal, "pledged": progress[c.pk].pledged,
        "confirmed": progress[c.pk].confirmed, "pledges": progress[c.pk].pledges,
        "confirmed_pledges": progress[c.pk].confirmed_pledges, "deadline": c.deadline,
        "is_open": c.accepts_pledges(today), "proposal_id": c.proposal_id,
        "plan_item_id": c.plan_item_id, "is_illustrative": c.is_illustrative,
        "url": c.get_absolute_url(),
    } for c in campaigns]


# --- endpoints -------------------------------------------------------------------------------

@router.get(
    "/funders/", response={200: FunderList, 400: FieldErrors}, url_name="funders",
    summary="Funders and their totals",
    description="Every funder with its counted grants and the province's plan-item funding "
                "from the same source (each baht counted once). Filter the totals by `area` "
                "(a code: the area and everything below it) and `fiscal_year` (B.E.).",
)
def list_funders(request: HttpRequest, area: str | None = None,
                 fiscal_year: int | None = Query(None, ge=2400, le=2800)) -> dict[str, Any]:
    totals = services.funder_totals(area_filter(area), fiscal_year)
    return {"count": len(totals), "results": [{
        "slug": t.funder.slug, "name_th": t.funder.name_th, "name_en": t.funder.name_en,
        "kind": t.funder.kind, "planning_source": t.funder.planning_source,
        "grants": t.grants, "grant_count": t.grant_count, "plan_funding": t.plan_funding,
        "total": t.total, "url": t.funder.get_absolute_url(),
    } for t in totals]}


@router.get(
    "/grants/", response={200: GrantPage, 400: FieldErrors}, url_name="grants",
    summary="List grants",
    description="Grants to organisations and projects, newest fiscal year first. Filter by "
                "`area` (code), `funder` (slug), `fiscal_year` (B.E.) and `status`.",
)
def list_grants(request: HttpRequest, page: Query[PageParams], area: str | None = None,
                funder: str | None = None,
                fiscal_year: int | None = Query(None, ge=2400, le=2800),
                status: str | None = None) -> dict[str, Any]:
    grants = Grant.objects.all()
    found = area_filter(area)
    if found is not None:
        grants = grants.filter(found.subtree_q("area__"))
    if funder:
        if not Funder.objects.filter(slug=funder).exists():
            raise InvalidFields({"funder": _("Unknown funder: %(slug)s") % {"slug": funder}})
        grants = grants.filter(funder__slug=funder)
    if fiscal_year:
        grants = grants.filter(fiscal_year=fiscal_year)
    if status:
        grants = grants.filter(status=status)
    return paginate(request, grants.order_by("-fiscal_year", "pk"), page, grant_rows)


@router.get(
    "/pilot-funds/", response={200: PilotFundPage, 400: FieldErrors}, url_name="pilot_funds",
    summary="List community pilot funds",
    description="Community-managed pilot funds with their budget, payments, balance and "
                "results. Filter by `area` (code).",
)
def list_pilot_funds(request: HttpRequest, page: Query[PageParams],
                     area: str | None = None) -> dict[str, Any]:
    funds = PilotFund.objects.all()
    found = area_filter(area)
    if found is not None:
        funds = funds.filter(found.subtree_q("area__"))
    return paginate(request, funds.order_by("-created_at", "-pk"), page, pilot_rows)


@router.get(
    "/campaigns/", response={200: CampaignPage}, url_name="campaigns",
    summary="List pledge campaigns",
    description="Public pledge campaigns with their goal, pledged and confirmed totals. "
                "`open=true` keeps those that take pledges now.",
)
def list_campaigns(request: HttpRequest, page: Query[PageParams],
                   open: bool | None = None) -> dict[str, Any]:  # noqa: A002 - the API's word
    campaigns = services.open_campaigns() if open else Campaign.objects.all()
    return paginate(request, campaigns.order_by("-created_at", "-pk"), page, campaign_rows)


@router.get(
    "/campaigns/{int:campaign_id}/", response={200: CampaignDetail, 404: Message},
    url_name="campaign", summary="One pledge campaign",
    description="Its story, totals and the names of donors who chose to be shown.",
)
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    rows = campaign_rows(Campaign.objects.filter(pk=campaign_id))
    if not rows:
        raise HttpError(404, _("Not found."))
    campaign = Campaign.objects.get(pk=campaign_id)
    return {**rows[0], "story": campaign.story, "donors": services.public_names(campaign)}
