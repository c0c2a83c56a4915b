"""Forums as open data: when and where, who organised them, how many came, what was raised.

Never in here: named participants (personal data, see ``forums.view_participants``). Needs
raised at a forum are listed only as far as ``Need.objects.visible_to`` lets the caller see
them, so a sensitive need is neither listed nor counted for anyone who may not see it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.services import resolve
from forums.models import Forum
from forums.services import attendance_of
from needs.models import Need

router = Router(tags=["forums"])


class ForumOrganiser(BaseModel):
    id: int
    name_th: str
    name_en: str
    url: str


class ForumItem(BaseModel):
    id: int
    title: str
    kind: str
    area: AreaRef
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    online_url: str
    organisers: list[ForumOrganiser]
    attendance_total: int
    url: str


class ForumPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[ForumItem]


class OrganisationCount(BaseModel):
    organisation_id: int | None
    name: str
    count: int


class GroupCount(BaseModel):
    target_group: str
    name: str
    count: int


class ForumAttendance(BaseModel):
    total: int
    organisations: int
    by_organisation: list[OrganisationCount]
    by_group: list[GroupCount]


class ForumFileOut(BaseModel):
    id: int
    kind: str
    title: str
    content_type: str
    size: int
    url: str


class NeedRef(BaseModel):
    id: int
    title: str
    url: str


class ForumDetail(ForumItem):
    agenda: str
    minutes: str
    attendance: ForumAttendance
    files: list[ForumFileOut]
    needs: list[NeedRef]


def with_totals(queryset: QuerySet[Forum]) -> QuerySet[Forum]:
    """Areas and attendance totals joined in (before the page is sliced)."""
    return queryset.select_related("area").annotate(
        people=Sum("attendance_by_organisation__count"))


def forum_rows(queryset: QuerySet[Forum], request: HttpRequest) -> list[dict[str, Any]]:
    """A page of forums in two queries: forums with areas and totals, then organisers."""
    forums = list(queryset)
    organisers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    through = Forum.organisers.through.objects.filter(forum_id__in=[f.pk for f in forums])
    for forum_id, org_id, name_th, name_en in through.order_by(
            "organisation__name_th").values_list(
            "forum_id", "organisation_id", "organisation__name_th", "organisation__name_en"):
        organisers[forum_id].append({
            "id": org_id, "name_th": name_th, "name_en": name_en,
            "url": request.build_absolute_uri(reverse("orgs:detail", args=[org_id])),
        })
    return [
        {
            "id": f.pk, "title": f.title, "kind": f.kind,
            "area": {"code": f.area.code, "level": f.area.level, "name_th": f.area.name_th,
                     "name_en": f.area.name_en},
            "starts_at": f.starts_at, "ends_at": f.ends_at, "place": f.place,
            "online_url": f.online_url, "organisers": organisers.get(f.pk, []),
            "attendance_total": f.people or 0,
            "url": request.build_absolute_uri(f.get_absolute_url()),
        }
        for f in forums
    ]


def day_start(day: dt.date) -> dt.datetime:
    """Midnight in Thailand: dates in the query are the dates people see on the site."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@router.get(
    "", response={200: ForumPage, 400: FieldErrors, 404: Message}, url_name="forums",
    summary="List forums",
    description=(
        "Public forums. Filter by `area` (a code: the area and everything below it), `from` and "
        "`to` (dates, YYYY-MM-DD, on the day the forum starts, both included) and "
        "`upcoming=true` (forums not over yet, soonest first). Otherwise the latest first."
    ),
)
def list_forums(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    # ninja reads its parameters from these defaults (B008 only objects to the date type).
    date_from: dt.date | None = Query(None, alias="from",  # noqa: B008
                                      description="First day, YYYY-MM-DD."),
    date_to: dt.date | None = Query(None, alias="to",  # noqa: B008
                                    description="Last day, YYYY-MM-DD."),
    upcoming: bool = Query(False, description="Only forums that are not over yet."),
) -> dict[str, Any]:
    forums = Forum.objects.all()
    if area:
        found = resolve(area.strip())
        if found is None:
            raise HttpError(404, _("Unknown area code: %(code)s") % {"code": area})
        forums = forums.within(found)
    if date_from and date_to and date_to < date_from:
        raise InvalidFields({"to": _("The last day must not be before the first day.")})
    if date_from:
        forums = forums.filter(starts_at__gte=day_start(date_from))
    if date_to:
        forums = forums.filter(starts_at__lt=day_start(date_to + dt.timedelta(days=1)))
    if upcoming:
        forums = forums.upcoming(timezone.now()).order_by("starts_at", "pk")
    else:
        forums = forums.order_by("-starts_at", "-pk")
    return paginate(request, with_totals(forums), page, lambda rows: forum_rows(rows, request))


@router.get(
    "{int:forum_id}/", response={200: ForumDetail, 404: Message}, url_name="forum",
    summary="One forum",
    description=(
        "The forum's record: agenda, minutes, attendance counts by organisation and by target "
        "group (never the names of participants), photos and documents with their download "
        "addresses, and the needs raised there that the caller may see."
    ),
)
def forum_detail(request: HttpRequest, forum_id: int) -> dict[str, Any]:
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None or not request.user.has_perm("forums.view_forum", forum):
        raise HttpError(404, _("Unknown forum: %(id)s") % {"id": forum_id})
    item = forum_rows(with_totals(Forum.objects.filter(pk=forum_id)), request)[0]
    attendance = attendance_of(forum)
    item.update({
        "agenda": forum.agenda,
        "minutes": forum.minutes,
        "attendance": {
            "total": attendance.total,
            "organisations": attendance.organisations,
            "by_organisation": [
                {"organisation_id": org.pk if org else None, "name": name, "count": count}
                for org, name, count in attendance.by_organisation
            ],
            "by_group": [
                {"target_group": group.slug, "name": group.name, "count": count}
                for group, count in attendance.by_group
            ],
        },
        "files": [
            {"id": f.pk, "kind": f.kind, "title": f.title, "content_type": f.content_type,
             "size": f.size,
             "url": request.build_absolute_uri(reverse("forums:file", args=[forum.pk, f.pk]))}
            for f in forum.files.all()
        ],
        "needs": [
            {"id": pk, "title": title,
             "url": request.build_absolute_uri(reverse("needs:detail", args=[pk]))}
            for pk, title in Need.objects.visible_to(request.user).filter(forums=forum)
            .order_by("pk").values_list("pk", "title")
        ],
    })
    return item
