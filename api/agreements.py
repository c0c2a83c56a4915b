"""Partnership agreements in the API: the public list per area and one agreement with its
parties, areas, documents and commitments.

Reading is public (``agreements.view_agreement``); agreements are recorded on their pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from agreements.models import Agreement, Commitment, Kind, Status
from agreements.services import agreements_in
from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message, OrganisationRef
from areas.services import resolve, unknown_area_message

router = Router(tags=["agreements"])


# --- shapes ----------------------------------------------------------------------------------

class PartyOut(BaseModel):
    name: str
    kind: str = Field(description="agency (government or local government) or other.")


class CommitmentOut(BaseModel):
    id: int
    title: str
    responsible: str
    due_date: dt.date
    status: str = Field(description="One of: " + ", ".join(Status.values) + ".")
    status_label: str
    status_note: str
    url: str


class DocumentOut(BaseModel):
    id: int
    title: str
    content_type: str
    size: int
    url: str = Field(description="Download, through Klang's permission check.")


class AgreementItem(BaseModel):
    id: int
    title: str
    kind: str = Field(description="One of: " + ", ".join(Kind.values) + ".")
    kind_label: str
    signed_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    organisations: list[OrganisationRef] = Field(description="Registered party organisations.")
    parties: list[PartyOut] = Field(description="Other parties: agencies and partners.")
    areas: list[AreaRef]
    commitment_count: int
    url: str = Field(description="The agreement's public page.")


class AgreementPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[AgreementItem]


class AgreementDetail(AgreementItem):
    scope: str
    documents: list[DocumentOut]
    commitments: list[CommitmentOut]


# --- rows ------------------------------------------------------------------------------------

def area_ref(area: Any) -> dict[str, str]:
    return {"code": area.code, "level": area.level, "name_th": area.name_th,
            "name_en": area.name_en}


def agreement_items(queryset: QuerySet[Agreement]) -> list[dict[str, Any]]:
    """One query per relation for the whole page: no N+1."""
    rows = list(queryset.annotate(commitment_count=Count("commitments", distinct=True))
                .prefetch_related("organisations", "areas", "parties"))
    kinds = dict(Kind.choices)
    return [
        {
            "id": a.pk, "title": a.title, "kind": a.kind,
            "kind_label": str(kinds.get(a.kind, a.kind)),
            "signed_on": a.signed_on, "starts_on": a.starts_on, "ends_on": a.ends_on,
            "organisations": [{"id": o.pk, "name_th": o.name_th, "url": o.get_absolute_url()}
                              for o in sorted(a.organisations.all(), key=lambda o: o.name_th)],
            "parties": [{"name": p.name, "kind": p.kind} for p in a.parties.all()],
            "areas": [area_ref(area) for area in sorted(a.areas.all(), key=lambda x: x.code)],
            "commitment_count": a.commitment_count, "url": a.get_absolute_url(),
        }
        for a in rows
    ]


def commitment_row(c: Commitment, agreement: Agreement) -> dict[str, Any]:
    c.agreement = agreement
    return {"id": c.pk, "title": c.title, "responsible": c.responsible,
            "due_date": c.due_date, "status": c.status, "status_label": c.status_label,
            "status_note": c.status_note, "url": c.get_absolute_url()}


# ``from`` is a Python keyword: the parameters take their public names through an alias.
DUE_FROM = Query(None, alias="from", description="Commitments due on or after this date.")
DUE_TO = Query(None, alias="to", description="Commitments due on or before this date.")


# --- endpoints -------------------------------------------------------------------------------

@router.get(
    "/", response={200: AgreementPage, 400: FieldErrors, 404: Message}, url_name="agreements",
    summary="List partnership agreements",
    description=(
        "Newest signed first. Filter by `area` (a code: agreements covering the area or any "
        "area below it), `q` (words in the title), and `from` / `to` (dates, YYYY-MM-DD): "
        "agreements with a commitment due in that period."
    ),
)
def list_agreements(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    q: str | None = Query(None, max_length=100, description="Words in the title."),
    due_from: dt.date | None = DUE_FROM,
    due_to: dt.date | None = DUE_TO,
) -> dict[str, Any]:
    found_area = None
    if area:
        found_area = resolve(area.strip())
        if found_area is None:
            raise HttpError(404, unknown_area_message(area.strip()))
    if due_from and due_to and due_to < due_from:
        raise InvalidFields({"to": _("The end of the period comes before its start.")})
    found = agreements_in(found_area)
    if q and q.strip():
        found = found.filter(title__icontains=q.strip())
    if due_from or due_to:
        due = Commitment.objects.all()
        if due_from:
            due = due.filter(due_date__gte=due_from)
        if due_to:
            due = due.filter(due_date__lte=due_to)
        found = found.filter(pk__in=due.values("agreement_id"))
    return paginate(request, found.order_by("-signed_on", "-pk"), page, agreement_items)


@router.get(
    "/{int:agreement_id}/", response={200: AgreementDetail, 404: Message},
    url_name="agreement", summary="One agreement, with its parties, areas and commitments",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None or not request.user.has_perm("agreements.view_agreement", agreement):
        raise HttpError(404, _("Unknown agreement: %(id)s") % {"id": agreement_id})
    item = agreement_items(Agreement.objects.filter(pk=agreement.pk))[0]
    item.update(
        scope=agreement.scope,
        documents=[{"id": d.pk, "title": d.title, "content_type": d.content_type,
                    "size": d.size, "url": d.get_absolute_url()}
                   for d in agreement.documents.all()],
        commitments=[commitment_row(c, agreement)
                     for c in agreement.commitments.order_by("due_date", "pk")],
    )
    return item


