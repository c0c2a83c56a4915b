"""Committees in the API: bodies with their seats, current holders, vacancies and the
vulnerable groups that have no civil-society representative.

Committee membership is public record, so holders' names are public here; candidates of
pending nominations are not (only how many nominations a seat has). Reads need no login.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.services import resolve, unknown_area_message
from committee.composition import Composition, SeatState, compositions
from committee.models import Body, BodyKind

router = Router(tags=["bodies"])


# --- shapes ----------------------------------------------------------------------------------

class GroupRef(BaseModel):
    slug: str
    name_th: str
    name_en: str


class OrganisationRef(BaseModel):
    id: int
    name_th: str
    name_en: str
    url: str


class Holder(BaseModel):
    name: str = Field(description="The holder's public name (committee membership is public).")
    organisation: OrganisationRef | None
    starts_on: dt.date
    ends_on: dt.date | None = Field(description="The first day the holder no longer sits.")
    target_groups: list[str] = Field(description="Target-group slugs the holder represents.")
    issue_areas: list[str] = Field(description="Issue-area slugs the holder represents.")


class SeatItem(BaseModel):
    id: int
    number: int
    category: str
    category_label: str
    title: str
    qualification: str
    target_groups: list[str] = Field(description="Target groups the seat is reserved for.")
    issue_areas: list[str]
    vacant: bool
    holder: Holder | None
    upcoming_holder: Holder | None = Field(description="A holder whose term starts later.")
    open_for_nomination: bool
    pending_nominations: int
    url: str


class BodyItem(BaseModel):
    id: int
    name_th: str
    name_en: str
    short_name: str
    kind: str = Field(description="One of: " + ", ".join(BodyKind.values) + ".")
    kind_label: str
    area: AreaRef
    cso_seats_min: int
    cso_seats_max: int
    cso_seats: int = Field(description="Civil-society seats on the body.")
    cso_seats_filled: int
    seats_vacant: int = Field(description="Vacant seats of any category.")
    groups_without_representation: list[GroupRef] = Field(
        description="Vulnerable groups that no current civil-society holder represents.")
    url: str = Field(description="The public composition page.")


class BodyPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[BodyItem]


class BodyDetail(BodyItem):
    seats: list[SeatItem]
    vacancies: list[int] = Field(description="Ids of the vacant seats.")


# --- rows ------------------------------------------------------------------------------------

def slugs(items: Any) -> list[str]:
    return [item.slug for item in items.all()]


def holder(term: Any) -> dict[str, Any] | None:
    if term is None:
        return None
    org = term.organisation
    return {
        "name": term.holder_name,
        "organisation": {"id": org.pk, "name_th": org.name_th, "name_en": org.name_en,
                         "url": org.get_absolute_url()} if org else None,
        "starts_on": term.starts_on, "ends_on": term.ends_on,
        "target_groups": slugs(term.target_groups), "issue_areas": slugs(term.issue_areas),
    }


def seat_row(state: SeatState) -> dict[str, Any]:
    seat = state.seat
    return {
        "id": seat.pk, "number": seat.number, "category": seat.category,
        "category_label": seat.get_category_display(), "title": seat.title,
        "qualification": seat.qualification, "target_groups": slugs(seat.target_groups),
        "issue_areas": slugs(seat.issue_areas), "vacant": not state.filled,
        "holder": holder(state.current), "upcoming_holder": holder(state.upcoming),
        "open_for_nomination": state.open_for_nomination,
        "pending_nominations": state.pending_nominations, "url": seat.get_absolute_url(),
    }


def body_row(comp: Composition) -> dict[str, Any]:
    body = comp.body
    area = body.area
    return {
        "id": body.pk, "name_th": body.name_th, "name_en": body.name_en,
        "short_name": body.short_name, "kind": body.kind, "kind_label": body.get_kind_display(),
        "area": {"code": area.code, "level": area.level, "name_th": area.name_th,
                 "name_en": area.name_en},
        "cso_seats_min": body.cso_seats_min, "cso_seats_max": body.cso_seats_max,
        "cso_seats": comp.cso_total, "cso_seats_filled": comp.cso_filled,
        "seats_vacant": len(comp.vacant),
        "groups_without_representation": [
            {"slug": g.slug, "name_th": g.name_th, "name_en": g.name_en}
            for g in comp.missing_groups],
        "url": reverse("committee:composition", args=[body.pk]),
    }


def body_rows(queryset: Any) -> list[dict[str, Any]]:
    return [body_row(comp) for comp in compositions(queryset)]


# --- endpoints -------------------------------------------------------------------------------

@router.get(
    "", response={200: BodyPage, 400: FieldErrors, 404: Message}, url_name="bodies",
    summary="List committees",
    description=(
        "Committees (ก.บ.จ., ก.บ.ก., working groups, district and sub-district bodies) with "
        "their civil-society seat counts and the vulnerable groups without a civil-society "
        "representative. Filter by `area` (a code: the area and everything below it) and "
        "`kind`."
    ),
)
def list_bodies(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    kind: str | None = Query(None, description="One of: " + ", ".join(BodyKind.values)),
) -> dict[str, Any]:
    bodies = Body.objects.select_related("area")
    if area:
        found = resolve(area.strip())
        if found is None:
            raise HttpError(404, unknown_area_message(area.strip()))
        bodies = bodies.filter(found.subtree_q("area__"))
    if kind:
        if kind not in BodyKind.values:
            raise InvalidFields({"kind": _("Choose one of: %(choices)s.")
                                 % {"choices": ", ".join(BodyKind.values)}})
        bodies = bodies.filter(kind=kind)
    return paginate(request, bodies.order_by("area__code", "kind", "name_th", "pk"), page,
                    body_rows)


@router.get(
    "{int:body_id}/", response={200: BodyDetail, 404: Message}, url_name="body",
    summary="One committee and its seats",
    description=(
        "Every seat with its category, qualification criteria, current holder (a public name), "
        "a coming holder, and whether it is open for nominations; the vacant seats; the "
        "minimum and maximum of civil-society seats; the vulnerable groups without a "
        "civil-society representative."
    ),
)
def get_body(request: HttpRequest, body_id: int) -> dict[str, Any]:
    body = Body.objects.select_related("area").filter(pk=body_id).first()
    if body is None:
        raise HttpError(404, _("Unknown committee: %(id)s") % {"id": body_id})
    comp = compositions([body])[0]
    item = body_row(comp)
    item["seats"] = [seat_row(state) for state in comp.seats]
    item["vacancies"] = [state.seat.pk for state in comp.vacant]
    return item
