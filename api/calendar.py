"""The planning calendar as open data: milestones of each plan type and fiscal year.

With ``area``, the milestones that apply there (the province's own dates where it set them,
otherwise the national template) and the partnership commitments due there; without it, the
national template. Estimated dates say so (``is_estimate``): never take them for official ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.services import resolve
from planning import calendar
from planning.models import Milestone, PlanType

router = Router(tags=["calendar"])


class PlanTypeRef(BaseModel):
    slug: str
    level: str
    name_th: str
    name_en: str


class CalendarItem(BaseModel):
    kind: str
    id: int
    title_th: str
    title_en: str
    plan_type: PlanTypeRef | None
    fiscal_year: int | None
    start: dt.date
    end: dt.date
    is_estimate: bool
    is_entry_deadline: bool
    area: AreaRef | None
    responsible_th: str
    responsible_en: str
    civil_society_th: str
    civil_society_en: str
    source: str
    url: str


class CalendarPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[CalendarItem]


class Rows(list):
    """A list that ``paginate`` can count like a queryset."""

    def count(self, *args: Any) -> int:  # type: ignore[override]
        return len(self)


def area_ref(area: Any) -> dict[str, str] | None:
    if area is None:
        return None
    return {"code": area.code, "level": area.level, "name_th": area.name_th,
            "name_en": area.name_en}


def milestone_row(m: Milestone, request: HttpRequest, page: str) -> dict[str, Any]:
    plan_type = m.cycle.plan_type
    return {
        "kind": "milestone", "id": m.pk, "title_th": m.name_th, "title_en": m.name_en,
        "plan_type": {"slug": plan_type.slug, "level": plan_type.level,
                      "name_th": plan_type.name_th, "name_en": plan_type.name_en},
        "fiscal_year": m.cycle.fiscal_year, "start": m.starts_on, "end": m.ends_on,
        "is_estimate": m.is_estimate, "is_entry_deadline": m.is_entry_deadline,
        # Whose dates these are: an area that set its own, or null for the national template.
        "area": area_ref(m.cycle.area),
        "responsible_th": m.responsible_th, "responsible_en": m.responsible_en,
        "civil_society_th": m.civil_society_th, "civil_society_en": m.civil_society_en,
        "source": m.source, "url": request.build_absolute_uri(page),
    }


def commitment_row(c: Any, area: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "kind": "commitment", "id": c.pk, "title_th": c.title, "title_en": "",
        "plan_type": None, "fiscal_year": None, "start": c.due_date, "end": c.due_date,
        "is_estimate": False, "is_entry_deadline": False, "area": area_ref(area),
        "responsible_th": str(c.agreement), "responsible_en": "", "civil_society_th": "",
        "civil_society_en": "", "source": "",
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


@router.get(
    "", response={200: CalendarPage, 400: FieldErrors, 404: Message}, url_name="calendar",
    summary="The planning calendar",
    description=(
        "Milestones of the planning cycles (village, sub-district, district, provincial, "
        "cluster and regional plans), soonest first. Filter by `area` (a province or district "
        "code: the dates that apply there, and partnership commitments due there), `plan_type` "
        "(e.g. province-annual), `from` and `to` (YYYY-MM-DD: steps overlapping those days). "
        "`is_estimate` is true where no official date is known. Each area also has an ICS feed "
        "at /plan/pulse/<area>/calendar.ics."
    ),
)
def list_calendar(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun) or 5104."),
    plan_type: str | None = Query(None, description="Plan type, e.g. province-annual."),
    # ninja reads its parameters from these defaults (B008 only objects to the date type).
    date_from: dt.date | None = Query(None, alias="from",  # noqa: B008
                                      description="First day, YYYY-MM-DD."),
    date_to: dt.date | None = Query(None, alias="to",  # noqa: B008
                                    description="Last day, YYYY-MM-DD."),
) -> dict[str, Any]:
    found_area = None
    if area:
        found_area = resolve(area.strip())
        if found_area is None:
            raise HttpError(404, _("Unknown area code: %(code)s") % {"code": area})
    if date_from and date_to and date_to < date_from:
        raise InvalidFields({"to": _("The last day must not be before the first day.")})
    if plan_type:
        types = list(PlanType.objects.filter(slug=plan_type.strip()))
        if not types:
            raise InvalidFields({"plan_type": _("Unknown plan type “%(slug)s”. Choose one of: "
                                                "%(choices)s.") % {
                "slug": plan_type, "choices": ", ".join(
                    PlanType.objects.values_list("slug", flat=True))}})
    elif found_area is not None:
        types = calendar.pulse_types(found_area)
    else:
        types = list(PlanType.objects.all())
    years = sorted(Milestone.objects.filter(cycle__plan_type__in=types)
                   .values_list("cycle__fiscal_year", flat=True).distinct())
    cycles = calendar.effective_cycles(found_area, types, years)
    if found_area is None:
        cycles = [c for c in cycles if c.area_id is None]
    milestones = calendar.milestones_of(cycles, date_from, date_to)
    pulse_code = ""
    if found_area is not None:
        pulse_code = (found_area.district or found_area.province or found_area).code
    page_path = f"/plan/pulse/{pulse_code}/" if pulse_code else "/plan/"
    rows: list[tuple[dt.date, int, dict[str, Any]]] = [
        (m.starts_on, 0, milestone_row(m, request, page_path)) for m in milestones]
    if found_area is not None and not plan_type:
        today = calendar.today()
        start = date_from or today - dt.timedelta(days=365)
        end = date_to or today + dt.timedelta(days=730)
        rows += [(c.due_date, 1, commitment_row(c, found_area, request))
                 for c in calendar.commitments_due(found_area, start, end)]
    rows.sort(key=lambda row: (row[0], row[1], row[2]["id"]))
    return paginate(request, Rows(r[2] for r in rows), page, lambda window: list(window))
