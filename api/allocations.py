"""Budget allocation scenarios: each area's amount, share, the figures behind it and the
reason in words (in the request's language), and the change from last year's scenario."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel

from api.pagination import PageParams, paginate
from api.schemas import AreaRef, Message
from indicators import services
from indicators.models import Scenario

router = Router(tags=["allocations"])


class AllocationItem(BaseModel):
    id: int
    name: str
    year: int
    envelope: int
    rule: str
    floor: int
    cap: int | None
    index_id: int
    index_name: str
    scope: AreaRef
    is_illustrative: bool
    url: str


class AllocationPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[AllocationItem]


class AllocationArea(BaseModel):
    area: AreaRef
    population: float | None
    composite: float | None
    rank: int | None
    weight: float
    amount: int
    share: float
    bound: str
    missing: list[str]
    last_year: int | None
    change: int | None
    reason: str


class AllocationDetail(AllocationItem):
    method: str
    previous_id: int | None
    areas: list[AllocationArea]


def area_ref(area: Any) -> dict[str, str]:
    return {"code": area.code, "level": area.level, "name_th": area.name_th,
            "name_en": area.name_en}


def scenario_row(s: Scenario, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": s.pk, "name": s.name, "year": s.year, "envelope": int(s.envelope),
        "rule": s.rule, "floor": int(s.floor), "cap": int(s.cap) if s.cap is not None else None,
        "index_id": s.index_id, "index_name": s.index.name, "scope": area_ref(s.index.scope),
        "is_illustrative": s.is_illustrative,
        "url": request.build_absolute_uri(s.get_absolute_url()),
    }


def check_read(request: HttpRequest) -> None:
    if not request.user.has_perm("indicators.view_indicators"):
        raise HttpError(404, _("Not found."))


@router.get("", response={200: AllocationPage}, url_name="allocations",
            summary="List allocation scenarios",
            description="Saved scenarios, latest fiscal year first. Filter by `year` (B.E.).")
def list_allocations(request: HttpRequest, page: Query[PageParams],
                     year: int | None = None) -> dict[str, Any]:
    check_read(request)
    scenarios = Scenario.objects.select_related("index", "index__scope")
    if year is not None:
        scenarios = scenarios.filter(year=year)
    return paginate(request, scenarios.order_by("-year", "-created_at", "-pk"), page,
                    lambda rows: [scenario_row(s, request) for s in rows])


@router.get("{int:scenario_id}/", response={200: AllocationDetail, 404: Message},
            url_name="allocation", summary="One allocation scenario",
            description=("Each area's amount (whole baht), share, the population and composite "
                         "it was computed from, whether the floor or cap applied, the change "
                         "from last year's scenario for the same areas, and the reason."))
def allocation_detail(request: HttpRequest, scenario_id: int) -> dict[str, Any]:
    check_read(request)
    scenario = Scenario.objects.select_related("index", "index__scope").filter(
        pk=scenario_id).first()
    if scenario is None:
        raise HttpError(404, _("Unknown scenario: %(id)s") % {"id": scenario_id})
    lines, previous = services.scenario_lines(scenario)
    return {
        **scenario_row(scenario, request),
        "method": str(services.ALLOCATION_METHOD),
        "previous_id": previous.pk if previous else None,
        "areas": [
            {"area": area_ref(line.row.area), "population": line.row.population,
             "composite": line.row.composite, "rank": line.row.rank,
             "weight": line.row.weight, "amount": int(line.row.amount),
             "share": line.row.share, "bound": line.row.bound,
             "missing": [m for m in line.row.missing.split(",") if m],
             "last_year": int(line.last_year) if line.last_year is not None else None,
             "change": int(line.change) if line.change is not None else None,
             "reason": line.reason}
            for line in lines
        ],
    }
