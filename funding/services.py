"""Totals, progress and the few writes of the funding app, shared by pages, API and demo.

Totals count each baht once: grants in an approved, paid-out or completed status, plus the
province's plan-item funding (``planning.Funding``) that no counted grant already describes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from areas.models import Area, Level
from funding.models import (
    COUNTED,
    ZERO,
    Campaign,
    Disbursement,
    Funder,
    Grant,
    PilotFund,
    Pledge,
    PledgeStatus,
)
from planning.models import Funding

# A pledge form may be sent this many times per hour from one address (then 429).
PLEDGES_PER_HOUR = 10
# The level whose areas a total is broken down into, below the chosen area.
CHILD_LEVEL = {
    Level.NATION: Level.PROVINCE, Level.REGION: Level.PROVINCE, Level.CLUSTER: Level.PROVINCE,
    Level.PROVINCE: Level.DISTRICT, Level.DISTRICT: Level.SUBDISTRICT,
}


def counted_grants(area: Area | None = None, fiscal_year: int | None = None) -> QuerySet[Grant]:
    grants = Grant.objects.filter(status__in=COUNTED)
    if area is not None:
        grants = grants.filter(area.subtree_q("area__"))
    if fiscal_year:
        grants = grants.filter(fiscal_year=fiscal_year)
    return grants


def plan_fundings(area: Area | None = None, fiscal_year: int | None = None) -> QuerySet[Funding]:
    """The province's plan-item funding not already counted as a grant. A plan's money is
    placed at the plan's area (the province)."""
    rows = Funding.objects.exclude(grant__status__in=COUNTED)
    if area is not None:
        rows = rows.filter(area.subtree_q("plan_item__plan__area__"))
    if fiscal_year:
        rows = rows.filter(fiscal_year=fiscal_year)
    return rows


@dataclass
class FunderTotal:
    funder: Funder
    grants: Decimal = ZERO
    grant_count: int = 0
    plan_funding: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.grants + self.plan_funding


def funder_totals(area: Area | None = None, fiscal_year: int | None = None) -> list[FunderTotal]:
    """Every funder with its grants and plan-item funding (zero rows included)."""
    totals = {f.pk: FunderTotal(f) for f in Funder.objects.all()}
    by_source = {t.funder.planning_source: pk for pk, t in totals.items()
                 if t.funder.planning_source}
    for row in (counted_grants(area, fiscal_year).values("funder_id")
                .annotate(total=Sum("amount"), count=Count("pk")).order_by()):
        totals[row["funder_id"]].grants = row["total"] or ZERO
        totals[row["funder_id"]].grant_count = row["count"]
    for row in (plan_fundings(area, fiscal_year).values("source")
                .annotate(total=Sum("amount")).order_by()):
        funder_id = by_source.get(row["source"])
        if funder_id is not None:
            totals[funder_id].plan_funding += row["total"] or ZERO
    return list(totals.values())


@dataclass
class AreaTotal:
    area: Area | None            # None: money for the whole of the chosen area
    grants: Decimal = ZERO
    plan_funding: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.grants + self.plan_funding


def area_totals(area: Area, fiscal_year: int | None = None) -> list[AreaTotal]:
    """The chosen area's money broken down into the areas one level below (districts of a
    province, provinces of the nation); money given for the whole area is its own first row."""
    level = CHILD_LEVEL.get(area.level)
    key = f"area__{level}_id" if level else "area_id"
    plan_key = f"plan_item__plan__area__{level}_id" if level else "plan_item__plan__area_id"
    rows: dict[int | None, AreaTotal] = {}
    for row in counted_grants(area, fiscal_year).values(key).annotate(
            total=Sum("amount")).order_by():
        child = row[key] if row[key] != area.pk else None
        rows.setdefault(child, AreaTotal(None)).grants += row["total"] or ZERO
    for row in plan_fundings(area, fiscal_year).values(plan_key).annotate(
            total=Sum("amount")).order_by():
        child = row[plan_key] if row[plan_key] != area.pk else None
        rows.setdefault(child, AreaTotal(None)).plan_funding += row["total"] or ZERO
    named = Area.objects.in_bulk([k for k in rows if k is not None])
    result = []
    for child, total in rows.items():
        total.area = named.get(child) if child is not None else None
        result.append(total)
    result.sort(key=lambda t: (t.area is not None, t.area.code if t.area else ""))
    return result


def grand_total(totals: list[Any]) -> tuple[Decimal, Decimal]:
    return (sum((t.grants for t in totals), ZERO), sum((t.plan_funding for t in totals), ZERO))


# --- pilot funds -----------------------------------------------------------------------------

def disburse(fund: PilotFund, actor: Any, **data: Any) -> Disbursement:
    """One payment out of the fund, refused beyond its balance (checked under a lock)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    with transaction.atomic():
        PilotFund.objects.select_for_update().filter(pk=fund.pk).first()
        balance = fund.balance()
        if data["amount"] > balance:
            raise ValidationError(
                {"amount": _("The fund has %(balance)s baht left; this payment is "
                             "%(amount)s baht.") % {"balance": f"{balance:,.2f}",
                                                    "amount": f"{data['amount']:,.2f}"}})
        return Disbursement.objects.create(fund=fund, recorded_by=actor, **data)


# --- campaigns and pledges -------------------------------------------------------------------

@dataclass
class Progress:
    goal: Decimal
    pledged: Decimal = ZERO          # promised and not refused: pledged + confirmed
    confirmed: Decimal = ZERO
    pledges: int = 0
    confirmed_pledges: int = 0

    @property
    def pledged_percent(self) -> int:
        return min(100, int(self.pledged * 100 / self.goal)) if self.goal else 0

    @property
    def confirmed_percent(self) -> int:
        return min(100, int(self.confirmed * 100 / self.goal)) if self.goal else 0


def progress(campaign: Campaign) -> Progress:
    result = Progress(goal=campaign.goal)
    for row in (campaign.pledges.exclude(status=PledgeStatus.NOT_RECEIVED).values("status")
                .annotate(total=Sum("amount"), count=Count("pk")).order_by()):
        result.pledged += row["total"] or ZERO
        result.pledges += row["count"]
        if row["status"] == PledgeStatus.CONFIRMED:
            result.confirmed += row["total"] or ZERO
            result.confirmed_pledges += row["count"]
    return result


def progress_for(campaign_ids: list[int]) -> dict[int, Progress]:
    """Progress of many campaigns in one query (lists)."""
    goals = dict(Campaign.objects.filter(pk__in=campaign_ids).values_list("pk", "goal"))
    result = {pk: Progress(goal=goal) for pk, goal in goals.items()}
    for row in (Pledge.objects.filter(campaign_id__in=campaign_ids)
                .exclude(status=PledgeStatus.NOT_RECEIVED).values("campaign_id", "status")
                .annotate(total=Sum("amount"), count=Count("pk")).order_by()):
        item = result[row["campaign_id"]]
        item.pledged += row["total"] or ZERO
        item.pledges += row["count"]
        if row["status"] == PledgeStatus.CONFIRMED:
            item.confirmed += row["total"] or ZERO
            item.confirmed_pledges += row["count"]
    return result


def public_names(campaign: Campaign) -> list[str]:
    """Names donors chose to show; nobody else is named."""
    return list(campaign.pledges.filter(show_name=True).exclude(display_name="")
                .exclude(status=PledgeStatus.NOT_RECEIVED)
                .order_by("created_at").values_list("display_name", flat=True))


def rate_limited(client_address: str) -> bool:
    """True when this address has sent too many pledges in the last hour. Only a keyed hash
    of the address is kept, in the cache, for an hour: never in the database."""
    digest = hashlib.blake2b(client_address.encode(), key=settings.SECRET_KEY.encode()[:64],
                             digest_size=16).hexdigest()
    key = f"funding:pledges:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > PLEDGES_PER_HOUR


def set_pledge_status(pledge: Pledge, status: str, actor: Any) -> Pledge:
    pledge.status = status
    if status == PledgeStatus.CONFIRMED:
        pledge.confirmed_at, pledge.confirmed_by = timezone.now(), actor
    else:
        pledge.confirmed_at, pledge.confirmed_by = None, None
    pledge.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return pledge


def open_campaigns(today: dt.date | None = None) -> QuerySet[Campaign]:
    today = today or timezone.localdate()
    return Campaign.objects.filter(Q(is_open=True) & Q(deadline__gte=today))
