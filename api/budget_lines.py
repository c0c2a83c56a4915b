"""Provincial and cluster budget lines: the list, one line, and a province's summary.

Budget lines are public money: every read is open, no token needed. Rows are built from
``values()`` with one batched query per relation (groups, plan items, proposals): no N+1.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.models import Area, Level
from areas.services import resolve, unknown_area_message
from budget.models import BudgetClass, BudgetLine
from budget.services import cached_summary, years_of
from orgs.models import TargetGroup
from planning.models import FundingSource

router = Router(tags=["budget"])

FIELDS = (
    "id", "fiscal_year", "plan", "project", "agency", "amount", "source", "class_confirmed",
    "area__code", "area__level", "area__name_th", "area__name_en", "province__code",
    "district__code", "budget_class__slug",
)
# Which column holds "this area and everything below it" for each level.
AREA_COLUMN = {Level.REGION: "area__region_id", Level.CLUSTER: "cluster_id",
               Level.PROVINCE: "province_id", Level.DISTRICT: "district_id",
               Level.SUBDISTRICT: "area_id"}


class BudgetLineItem(BaseModel):
    id: int
    fiscal_year: int = Field(description="Fiscal year, Buddhist Era.")
    plan: str
    project: str
    agency: str
    amount: Decimal = Field(description="Baht.")
    source: str = Field(description="province, cluster, thaihealth, nhso, codi, "
                                    "local_government, community_fund, private or other.")
    area: AreaRef
    province_code: str | None
    district_code: str | None
    budget_class: str | None = Field(description="Class slug, e.g. quality-of-life.")
    class_confirmed: bool = Field(description="False: the class is Klang's keyword "
                                              "suggestion, not yet confirmed by the province.")
    target_groups: list[str] = Field(description="Target-group slugs.")
    plan_items: list[int] = Field(description="Ids of the plan items it pays for.")
    proposals: list[int] = Field(description="Ids of the proposals it pays for.")
    url: str


class BudgetLinePage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[BudgetLineItem]


class ShareRow(BaseModel):
    key: str = Field(description="Slug, source or district code; empty: none given.")
    label: str
    amount: Decimal
    count: int
    share: float = Field(description="Percent of the total it belongs to.")


class QualityOfLife(BaseModel):
    infrastructure: Decimal
    infrastructure_share: float
    amount: Decimal
    share: float
    to_vulnerable_groups: Decimal = Field(description="Quality-of-life lines that name at "
                                                      "least one vulnerable group, each once.")
    to_vulnerable_groups_share: float = Field(description="Percent of the quality-of-life "
                                                          "amount.")
    by_group: list[ShareRow]
    to_vulnerable_groups_by_district: list[ShareRow]


class Unconfirmed(BaseModel):
    count: int
    amount: Decimal


class BudgetSummary(BaseModel):
    province: str
    fiscal_year: int
    total: Decimal
    count: int
    unconfirmed: Unconfirmed
    by_class: list[ShareRow]
    by_source: list[ShareRow]
    by_group: list[ShareRow] = Field(description="A line for several groups counts in full "
                                                 "for each.")
    by_district: list[ShareRow]
    quality_of_life: QualityOfLife
    cluster_lines_total: Decimal = Field(description="Lines placed on the province's cluster, "
                                                     "not counted in the total.")


def line_rows(queryset: Any) -> list[dict[str, Any]]:
    rows = list(queryset.values(*FIELDS))
    ids = [row["id"] for row in rows]
    groups: dict[int, list[str]] = defaultdict(list)
    for line_id, slug in (BudgetLine.target_groups.through.objects.filter(budgetline_id__in=ids)
                          .order_by("targetgroup__sort_order")
                          .values_list("budgetline_id", "targetgroup__slug")):
        groups[line_id].append(slug)
    items: dict[int, list[int]] = defaultdict(list)
    for line_id, pk in BudgetLine.plan_items.through.objects.filter(
            budgetline_id__in=ids).values_list("budgetline_id", "planitem_id"):
        items[line_id].append(pk)
    proposals: dict[int, list[int]] = defaultdict(list)
    for line_id, pk in BudgetLine.proposals.through.objects.filter(
            budgetline_id__in=ids).values_list("budgetline_id", "proposal_id"):
        proposals[line_id].append(pk)
    return [{
        "id": r["id"], "fiscal_year": r["fiscal_year"], "plan": r["plan"],
        "project": r["project"], "agency": r["agency"], "amount": r["amount"],
        "source": r["source"],
        "area": {"code": r["area__code"], "level": r["area__level"],
                 "name_th": r["area__name_th"], "name_en": r["area__name_en"]},
        "province_code": r["province__code"], "district_code": r["district__code"],
        "budget_class": r["budget_class__slug"], "class_confirmed": r["class_confirmed"],
        "target_groups": groups.get(r["id"], []), "plan_items": items.get(r["id"], []),
        "proposals": proposals.get(r["id"], []), "url": f"/budget/lines/{r['id']}/",
    } for r in rows]


def area_named(code: str, field: str) -> Area:
    found = resolve(code.strip())
    if found is None:
        raise InvalidFields({field: unknown_area_message(code.strip())})
    return found


def province_named(code: str) -> Area:
    found = area_named(code, "province")
    if found.level != Level.PROVINCE:
        raise InvalidFields({"province": _("“%(code)s” is not a province code (2 digits).")
                             % {"code": code}})
    return found


@router.get(
    "/", response={200: BudgetLinePage, 400: FieldErrors}, url_name="budget_lines",
    summary="List budget lines",
    description=(
        "Budget lines, newest fiscal year and largest amount first. Filter by `province` (a "
        "province code), `area` (any code: the area and everything below it), `fiscal_year` "
        "(B.E.), `budget_class` (slug), `source`, `group` (target-group slug) and `confirmed`."
    ),
)
def list_lines(
    request: HttpRequest,
    page: Query[PageParams],
    province: str | None = Query(None, description="Province code, e.g. 51 (Lamphun)."),
    area: str | None = Query(None, description="Area code of any level."),
    fiscal_year: int | None = Query(None, description="Fiscal year (B.E.), e.g. 2569."),
    budget_class: str | None = Query(None, alias="class", description="Class slug."),
    source: str | None = Query(None, description="Source, e.g. province or thaihealth."),
    group: str | None = Query(None, description="Target-group slug, e.g. older-people."),
    confirmed: bool | None = Query(None, description="Only lines whose class is (or is not) "
                                                     "confirmed."),
) -> dict[str, Any]:
    lines = BudgetLine.objects.all()
    if province:
        lines = lines.filter(province=province_named(province))
    if area:
        found = area_named(area, "area")
        column = AREA_COLUMN.get(found.level)
        if column:
            lines = lines.filter(**{column: found.pk})
        elif found.level == Level.VILLAGE:
            lines = lines.filter(area=found)
    if fiscal_year is not None:
        lines = lines.filter(fiscal_year=fiscal_year)
    if budget_class:
        class_id = BudgetClass.objects.filter(slug=budget_class).values_list("pk",
                                                                            flat=True).first()
        if class_id is None:
            raise InvalidFields({"class": _("Unknown class: %(slug)s") % {"slug": budget_class}})
        lines = lines.filter(budget_class_id=class_id)
    if source:
        if source not in FundingSource.values:
            raise InvalidFields({"source": _("Choose one of: %(choices)s.") % {
                "choices": ", ".join(FundingSource.values)}})
        lines = lines.filter(source=source)
    if group:
        group_id = TargetGroup.objects.filter(slug=group).values_list("pk", flat=True).first()
        if group_id is None:
            raise InvalidFields({"group": _("Unknown target group: %(slugs)s") % {
                "slugs": group}})
        lines = lines.filter(pk__in=BudgetLine.target_groups.through.objects.filter(
            targetgroup_id=group_id).values("budgetline_id"))
    if confirmed is not None:
        lines = lines.filter(class_confirmed=confirmed)
    return paginate(request, lines.order_by("-fiscal_year", "-amount", "-id"), page, line_rows)


@router.get(
    "/summary/", response={200: BudgetSummary, 400: FieldErrors, 404: Message},
    url_name="budget_summary", summary="A province's budget summary for a fiscal year",
    description=(
        "Shares by class, source, target group and district, and seed 000's question: how much "
        "of the quality-of-life budget goes to vulnerable groups, and where. Without "
        "`fiscal_year`, the latest year with lines."
    ),
)
def get_summary(
    request: HttpRequest,
    province: str = Query(..., description="Province code, e.g. 51."),
    fiscal_year: int | None = Query(None, description="Fiscal year (B.E.)."),
) -> dict[str, Any]:
    found = province_named(province)
    if fiscal_year is None:
        years = years_of(found)
        if not years:
            raise HttpError(404, _("No budget line is recorded for this province."))
        fiscal_year = years[0]
    return cached_summary(found, fiscal_year).as_dict()


@router.get(
    "/{int:line_id}/", response={200: BudgetLineItem, 404: Message}, url_name="budget_line",
    summary="One budget line",
)
def get_line(request: HttpRequest, line_id: int) -> dict[str, Any]:
    rows = line_rows(BudgetLine.objects.filter(pk=line_id))
    if not rows:
        raise HttpError(404, _("Not found."))
    return rows[0]
