"""Needs in the API: list, one need, and raising a need.

What a caller sees goes through ``Need.objects.visible_to`` (rows and counts alike), so a
sensitive need is absent for everyone but its raisers, its organisations' members, the
province's working group and administrators: a list leaves it out and its URL answers 404.
Citizens who raised a need are never named; organisations and forums are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field

from accounts.models import ApiToken, Role
from accounts.predicates import organisation_ids_for
from api.auth import write_auth
from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.models import Area
from areas.services import resolve, unknown_area_message
from needs.models import Need, NeedEvidence, NeedStatus, Urgency
from needs.services import raise_need
from orgs.models import IssueArea, Organisation, TargetGroup

router = Router(tags=["needs"])

ITEM_FIELDS = (
    "id", "title", "status", "urgency", "is_sensitive", "people_affected", "created_at",
    "area__code", "area__level", "area__name_th", "area__name_en", "province__code",
    "issue_area__slug",
)


# --- shapes ----------------------------------------------------------------------------------

class NeedItem(BaseModel):
    id: int
    title: str
    status: str = Field(description="new, more_info, accepted, out_of_scope, merged, split or "
                                    "in_proposal.")
    urgency: str
    is_sensitive: bool = Field(description="Confidential: only shown to those who may see it.")
    people_affected: int | None
    area: AreaRef
    province_code: str | None
    issue_area: str | None = Field(description="Issue-area slug.")
    target_groups: list[str] = Field(description="Target-group slugs.")
    supporters: int
    created_at: dt.datetime
    url: str = Field(description="The need's page.")


class NeedPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[NeedItem]


class NamedRef(BaseModel):
    id: int
    name: str
    url: str


class ForumRef(NamedRef):
    starts_at: dt.datetime


class ProposalRef(NamedRef):
    state: str


class EvidenceOut(BaseModel):
    id: int
    kind: str
    title: str
    value: Decimal | None
    unit: str
    source: str
    url: str = Field(description="The link, for link evidence.")
    file_url: str | None = Field(description="Download address of a document (permission "
                                             "checked).")


class NeedDetail(NeedItem):
    description: str
    screening_reason: str = Field(description="The working group's reason for its decision.")
    screened_at: dt.datetime | None
    organisations: list[NamedRef]
    forums: list[ForumRef]
    citizen_raised: bool = Field(description="Raised by a registered citizen (never named).")
    evidence: list[EvidenceOut]
    merged_into: int | None
    split_from: int | None
    proposals: list[ProposalRef]


class EvidenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["figure", "link"] = Field(description="Documents are uploaded on the web "
                                                        "page, not through the API.")
    title: str = Field(max_length=255)
    value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    unit: str = Field("", max_length=50)
    source: str = Field("", max_length=255)
    url: str = Field("", max_length=200)


class NeedCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=255)
    description: str = Field(max_length=20000)
    area: str = Field(max_length=16, description="Area code of any level, e.g. 5104.")
    target_groups: list[str] = Field(default_factory=list, description="Target-group slugs.")
    issue_area: str | None = Field(None, description="Issue-area slug.")
    urgency: str = Field(Urgency.MEDIUM.value, description="low, medium, high or critical.")
    people_affected: int | None = Field(None, ge=0, le=100_000_000)
    is_sensitive: bool = Field(False, description="Confidential: only the raiser, the raising "
                                                  "organisation and the province's working "
                                                  "group will see it.")
    organisation: int | None = Field(None, description="Raise it for one of your "
                                                       "organisations (its id).")
    forum: int | None = Field(None, description="The forum where it was raised (its id).")
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=20)


# --- reading ---------------------------------------------------------------------------------

def reader(request: HttpRequest) -> Any:
    """The person asking: a bearer token's user if one is sent, otherwise the session's."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = ApiToken.authenticate(header[7:].strip())
        if user is not None:
            return user
    return request.user


def need_url(pk: int) -> str:
    return f"/needs/{pk}/"


def need_rows(queryset: Any) -> list[dict[str, Any]]:
    """One query for the page, one for its target groups, one for supporters: no N+1."""
    rows = list(queryset.values(*ITEM_FIELDS))
    ids = [row["id"] for row in rows]
    groups: dict[int, list[str]] = defaultdict(list)
    for need_id, slug in (Need.target_groups.through.objects.filter(need_id__in=ids)
                          .order_by("targetgroup__sort_order", "targetgroup__slug")
                          .values_list("need_id", "targetgroup__slug")):
        groups[need_id].append(slug)
    supporters: dict[int, int] = defaultdict(int)
    for need_id in Need.supporters.through.objects.filter(need_id__in=ids).values_list(
            "need_id", flat=True):
        supporters[need_id] += 1
    return [
        {
            "id": row["id"], "title": row["title"], "status": row["status"],
            "urgency": row["urgency"], "is_sensitive": row["is_sensitive"],
            "people_affected": row["people_affected"],
            "area": {"code": row["area__code"], "level": row["area__level"],
                     "name_th": row["area__name_th"], "name_en": row["area__name_en"]},
            "province_code": row["province__code"], "issue_area": row["issue_area__slug"],
            "target_groups": groups.get(row["id"], []), "supporters": supporters[row["id"]],
            "created_at": row["created_at"], "url": need_url(row["id"]),
        }
        for row in rows
    ]


def need_detail(user: Any, pk: int) -> dict[str, Any]:
    from proposals.models import Proposal

    visible = Need.objects.visible_to(user)
    found = need_rows(visible.filter(pk=pk))
    if not found:
        raise HttpError(404, _("Not found."))
    need = Need.objects.get(pk=pk)
    item = found[0]
    item.update(
        description=need.description, screening_reason=need.screening_reason,
        screened_at=need.screened_at,
        merged_into=need.merged_into_id if need.merged_into_id and visible.filter(
            pk=need.merged_into_id).exists() else None,
        split_from=need.split_from_id if need.split_from_id and visible.filter(
            pk=need.split_from_id).exists() else None,
        citizen_raised=bool(need.raised_by_id) and not need.organisations.exists(),
    )
    item["organisations"] = [
        {"id": o.pk, "name": o.name_th, "url": o.get_absolute_url()}
        for o in need.organisations.order_by("name_th", "pk")]
    item["forums"] = [
        {"id": f.pk, "name": f.title, "url": f.get_absolute_url(), "starts_at": f.starts_at}
        for f in need.forums.order_by("starts_at", "pk")]
    item["evidence"] = [
        {"id": e.pk, "kind": e.kind, "title": e.title, "value": e.value, "unit": e.unit,
         "source": e.source, "url": e.url,
         "file_url": f"/needs/{pk}/evidence/{e.pk}/" if e.file else None}
        for e in need.evidence.all()]
    item["proposals"] = [
        {"id": p.pk, "name": p.title, "url": p.get_absolute_url(), "state": p.state}
        for p in Proposal.objects.visible_to(user).filter(needs=need).order_by("pk")]
    return item


def slug_id(model: Any, slug: str, field: str, message: str) -> int:
    pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise InvalidFields({field: message % {"slugs": slug}})
    return pk


@router.get(
    "/", response={200: NeedPage, 400: FieldErrors}, url_name="needs",
    summary="List needs",
    description=(
        "Needs raised by organisations, forums and citizens, newest first. Confidential needs "
        "appear only to those allowed to see them (send your API token to see yours). Filter "
        "by `area` (a code: the area and everything below it), `status`, `target_group`, "
        "`issue_area` (slugs) and `q` (words in the title or description). Merged and split "
        "needs are left out unless asked for by `status`."
    ),
)
def list_needs(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    status: str | None = Query(None, description="Status, e.g. accepted."),
    target_group: str | None = Query(None, description="Target-group slug."),
    issue_area: str | None = Query(None, description="Issue-area slug."),
    q: str | None = Query(None, description="Words in the title or description."),
) -> dict[str, Any]:
    from django.db.models import Q

    needs = Need.objects.visible_to(reader(request))
    if area:
        found = resolve(area.strip())
        if found is None:
            raise InvalidFields({"area": unknown_area_message(area.strip())})
        needs = needs.filter(found.subtree_q("area__"))
    if status:
        if status not in NeedStatus.values:
            raise InvalidFields({"status": _("Choose one of: %(choices)s.") % {
                "choices": ", ".join(NeedStatus.values)}})
        needs = needs.filter(status=status)
    else:
        needs = needs.exclude(status__in=[NeedStatus.MERGED, NeedStatus.SPLIT])
    if target_group:
        group = slug_id(TargetGroup, target_group, "target_group",
                        _("Unknown target group: %(slugs)s"))
        needs = needs.filter(pk__in=Need.target_groups.through.objects.filter(
            targetgroup_id=group).values("need_id"))
    if issue_area:
        needs = needs.filter(issue_area_id=slug_id(IssueArea, issue_area, "issue_area",
                                                   _("Unknown issue area: %(slugs)s")))
    if q and q.strip():
        needs = needs.filter(Q(title__icontains=q.strip()) | Q(description__icontains=q.strip()))
    return paginate(request, needs.order_by("-created_at", "-id"), page, need_rows)


@router.get(
    "/{int:need_id}/", response={200: NeedDetail, 404: Message}, url_name="need",
    summary="One need",
    description="Its sources, evidence, the working group's decision and the proposals it "
                "became part of. A confidential need answers 404 to those who may not see it.",
)
def get_need(request: HttpRequest, need_id: int) -> dict[str, Any]:
    return need_detail(reader(request), need_id)


# --- raising ---------------------------------------------------------------------------------

def clean_need(payload: NeedCreate, user: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The same checks as the web form; every bad field is reported at once."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from forums.models import Forum

    errors: dict[str, str] = {}
    data: dict[str, Any] = {"title": payload.title.strip(),
                            "description": payload.description.strip(),
                            "people_affected": payload.people_affected,
                            "is_sensitive": payload.is_sensitive}
    for name in ("title", "description"):
        if not data[name]:
            errors[name] = _("This field is required.")
    code = payload.area.strip()
    data["area"] = Area.objects.filter(code=code).first() if code else None
    if data["area"] is None:
        errors["area"] = unknown_area_message(code) if code else _("This field is required.")
    if payload.urgency not in Urgency.values:
        errors["urgency"] = _("Choose one of: %(choices)s.") % {
            "choices": ", ".join(Urgency.values)}
    data["urgency"] = payload.urgency
    slugs = list(dict.fromkeys(payload.target_groups))
    groups = {g.slug: g for g in TargetGroup.objects.filter(slug__in=slugs)}
    if missing := [s for s in slugs if s not in groups]:
        errors["target_groups"] = _("Unknown target group: %(slugs)s") % {
            "slugs": ", ".join(missing)}
    data["target_groups"] = list(groups.values())
    data["issue_area"] = None
    if payload.issue_area:
        data["issue_area"] = IssueArea.objects.filter(slug=payload.issue_area).first()
        if data["issue_area"] is None:
            errors["issue_area"] = _("Unknown issue area: %(slugs)s") % {
                "slugs": payload.issue_area}
    data["organisation"] = None
    if payload.organisation is not None:
        mine = organisation_ids_for(user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR])
        if payload.organisation not in mine:
            errors["organisation"] = _("You can raise needs only for your own organisations.")
        else:
            data["organisation"] = Organisation.objects.get(pk=payload.organisation)
    data["forum"] = None
    if payload.forum is not None:
        data["forum"] = Forum.objects.filter(pk=payload.forum).first()
        if data["forum"] is None:
            errors["forum"] = _("Unknown forum: %(id)s") % {"id": payload.forum}
    rows = []
    for index, item in enumerate(payload.evidence):
        where = f"evidence.{index}"
        if not item.title.strip():
            errors[f"{where}.title"] = _("Say in a few words what this evidence shows.")
        if item.kind == NeedEvidence.Kind.FIGURE:
            if item.value is None:
                errors[f"{where}.value"] = _("Give the number.")
            if not item.source.strip():
                errors[f"{where}.source"] = _("Give the source of the number.")
        else:
            try:
                URLValidator(schemes=["http", "https"])(item.url)
            except ValidationError:
                errors[f"{where}.url"] = _("Enter a valid web address, e.g. https://example.org.")
        rows.append({"kind": item.kind, "title": item.title.strip(), "value": item.value,
                     "unit": item.unit.strip(), "source": item.source.strip(),
                     "url": item.url.strip()})
    if errors:
        raise InvalidFields(errors)
    return data, rows


@router.post(
    "/", auth=write_auth, url_name="needs",
    response={201: NeedDetail, 400: FieldErrors, 401: Message, 403: Message},
    summary="Raise a need",
    description=(
        "Any registered person may raise a need (API token, or a logged-in session with its "
        "CSRF token). CSO members and coordinators may raise it for their organisation "
        "(`organisation`). The province's working group is told at once. Evidence may be "
        "figures with their source or links; documents are uploaded on the web page."
    ),
)
def create_need(request: HttpRequest, payload: NeedCreate) -> Any:
    user = request.auth
    if not user.has_perm("needs.add_need"):
        raise HttpError(403, _("You may not raise needs."))
    data, rows = clean_need(payload, user)
    need = raise_need(user, data, rows)
    return Status(201, need_detail(user, need.pk))
