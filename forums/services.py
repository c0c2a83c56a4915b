"""What the forum pages, the API, the demo and the reminder command do with forums.

Every change is one transaction; the views only collect and check the input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Role, RoleGrant
from areas.models import Area
from forums.models import (
    AttendanceByGroup,
    AttendanceByOrganisation,
    Forum,
    ForumFile,
    ForumKind,
    Participant,
)
from orgs.models import Organisation, TargetGroup

# Attendance as the forms and the demo give it: a registered organisation (or a free-text
# name for a group not in the registry) and a target group (or its slug), each to a count.
OrgAttendance = Mapping[Organisation | str, int]
GroupAttendance = Mapping[TargetGroup | str, int]

FORUM_FIELDS = ("title", "kind", "area", "starts_at", "ends_at", "place", "online_url",
                "agenda", "minutes")


@transaction.atomic
def create_forum(
    *,
    title: str,
    area: Area,
    starts_at: dt.datetime,
    kind: str = ForumKind.COMMUNITY,
    ends_at: dt.datetime | None = None,
    place: str = "",
    online_url: str = "",
    organisers: Iterable[Organisation] = (),
    agenda: str = "",
    minutes: str = "",
    attendance_by_organisation: OrgAttendance | None = None,
    attendance_by_group: GroupAttendance | None = None,
    created_by: Any = None,
    is_demo: bool = False,
) -> Forum:
    """Record a forum with its organisers and attendance counts, all or nothing."""
    forum = Forum.objects.create(
        title=title, kind=kind, area=area, starts_at=starts_at, ends_at=ends_at, place=place,
        online_url=online_url, agenda=agenda, minutes=minutes, created_by=created_by,
        is_demo=is_demo,
    )
    forum.organisers.set(list(organisers))
    _replace_attendance(forum, attendance_by_organisation or {}, attendance_by_group or {})
    return forum


@transaction.atomic
def update_forum(
    forum: Forum,
    fields: Mapping[str, Any],
    organisers: Iterable[Organisation],
    attendance_by_organisation: OrgAttendance,
    attendance_by_group: GroupAttendance,
) -> Forum:
    """Change a forum; the attendance given replaces the attendance recorded."""
    # Read from the database: a ModelForm has already written the new values on ``forum``.
    old_start = Forum.objects.filter(pk=forum.pk).values_list("starts_at", flat=True).get()
    for name in FORUM_FIELDS:
        if name in fields:
            setattr(forum, name, fields[name])
    if forum.starts_at != old_start:
        # A moved forum is announced again by the reminder command.
        forum.reminded_at = None
    forum.save()
    forum.organisers.set(list(organisers))
    _replace_attendance(forum, attendance_by_organisation, attendance_by_group)
    return forum


def _replace_attendance(forum: Forum, by_org: OrgAttendance, by_group: GroupAttendance) -> None:
    forum.attendance_by_organisation.all().delete()
    forum.attendance_by_group.all().delete()
    AttendanceByOrganisation.objects.bulk_create([
        AttendanceByOrganisation(
            forum=forum, count=count,
            organisation=who if isinstance(who, Organisation) else None,
            organisation_name="" if isinstance(who, Organisation) else str(who).strip(),
        )
        for who, count in by_org.items()
    ])
    slugs = [g for g in by_group if isinstance(g, str)]
    by_slug = {g.slug: g for g in TargetGroup.objects.filter(slug__in=slugs)}
    rows = []
    for group, count in by_group.items():
        if isinstance(group, str) and group not in by_slug:
            raise ValueError(f"Unknown target group: {group}")
        target = by_slug[group] if isinstance(group, str) else group
        rows.append(AttendanceByGroup(forum=forum, target_group=target, count=count))
    AttendanceByGroup.objects.bulk_create(rows)


# --- what the pages show ---------------------------------------------------------------------

@dataclass
class Attendance:
    by_organisation: list[tuple[Organisation | None, str, int]]
    by_group: list[tuple[TargetGroup, int]]
    total: int
    organisations: int


def attendance_of(forum: Forum) -> Attendance:
    by_org = [
        (row.organisation, row.organisation.name if row.organisation else row.organisation_name,
         row.count)
        for row in forum.attendance_by_organisation.select_related("organisation")
        .order_by("-count", "organisation_name", "pk")
    ]
    by_group = [(row.target_group, row.count) for row in
                forum.attendance_by_group.select_related("target_group")
                .order_by("target_group__sort_order", "target_group__slug")]
    return Attendance(by_organisation=by_org, by_group=by_group,
                      total=sum(count for _o, _n, count in by_org),
                      organisations=len(by_org))


def attendance_rows(forum: Forum) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Initial data for the attendance forms: one row per organisation, counts per group."""
    by_org = [
        {"organisation": row.organisation_id, "organisation_name": row.organisation_name,
         "count": row.count}
        for row in forum.attendance_by_organisation.order_by("pk")
    ]
    by_group = {f"group_{row.target_group_id}": row.count
                for row in forum.attendance_by_group.all()}
    return by_org, by_group


# --- participants and files ------------------------------------------------------------------

@transaction.atomic
def add_participant(forum: Forum, name: str, organisation_name: str, actor: Any) -> Participant:
    """Name a participant; the caller has checked that they agreed to be named."""
    return Participant.objects.create(
        forum=forum, name=name, organisation_name=organisation_name, consent_to_be_named=True,
        consent_recorded_at=timezone.now(), consent_recorded_by=actor,
    )


@transaction.atomic
def add_file(forum: Forum, kind: str, title: str, upload: Any, content_type: str,
             actor: Any) -> ForumFile:
    """Store an upload that ``portal.uploads.check_upload`` has accepted."""
    return ForumFile.objects.create(
        forum=forum, kind=kind, title=title, file=upload, content_type=content_type,
        size=upload.size, uploaded_by=actor,
    )


@transaction.atomic
def delete_file(forum_file: ForumFile) -> None:
    stored = forum_file.file
    forum_file.delete()
    # The row is gone; the bytes go once the transaction has committed.
    transaction.on_commit(lambda: stored.delete(save=False))


def when_text(moment: dt.datetime) -> str:
    """Date (B.E. in Thai) and local time, for messages outside templates."""
    from django.utils.translation import get_language

    from portal.templatetags.klang import be_date

    local = timezone.localtime(moment)
    if get_language() == "en":
        return f"{be_date(local)} {local:%H:%M}"
    return be_date(local, "datetime")


# --- upcoming-forum reminders ----------------------------------------------------------------

def due_for_reminder(days: int = 3, now: dt.datetime | None = None) -> QuerySet[Forum]:
    """Forums starting within ``days`` days that nobody has been reminded of yet."""
    now = now or timezone.now()
    return (Forum.objects.filter(starts_at__gte=now, starts_at__lte=now + dt.timedelta(days=days),
                                 reminded_at__isnull=True)
            .select_related("area").order_by("starts_at", "pk"))


def people_to_remind(forum: Forum) -> list[Any]:
    """Everyone holding a role in the forum's area or above it, and the organisers' members."""
    from accounts.models import User

    grants = RoleGrant.objects.active().filter(
        Q(area_id__in=forum.area.lineage_ids())
        | Q(organisation__in=forum.organisers.all(),
            role__in=[Role.CSO_MEMBER, Role.CSO_COORDINATOR])
    )
    return list(User.objects.filter(pk__in=grants.values("user_id"), is_active=True)
                .order_by("pk"))


def upcoming_forum_notifications(days: int = 3,
                                 now: dt.datetime | None = None) -> list[tuple[Forum, list[Any]]]:
    """(forum, people to tell) for every forum due for its reminder."""
    return [(forum, people_to_remind(forum)) for forum in due_for_reminder(days, now)]


def send_upcoming_forum_reminders(days: int = 3, now: dt.datetime | None = None) -> int:
    """Tell people about forums starting soon, once per forum. Returns the forums announced."""
    from django.utils.translation import gettext as _

    from notifications.models import Kind
    from notifications.services import notify

    now = now or timezone.now()
    sent = 0
    for forum, users in upcoming_forum_notifications(days, now):
        with transaction.atomic():
            # Claim the forum first: a second run (or a second worker) finds it claimed and
            # sends nothing, and a failure below rolls the claim back.
            claimed = Forum.objects.filter(pk=forum.pk, reminded_at__isnull=True).update(
                reminded_at=now)
            if not claimed:
                continue
            when = when_text(forum.starts_at)
            where = forum.place or forum.online_url
            title = _("Upcoming forum: %(title)s") % {"title": forum.title}
            body = _("%(when)s, %(where)s (%(area)s).") % {
                "when": when, "where": where, "area": forum.area.name}
            notify(users, Kind.UPCOMING_FORUM, title[:255], body, forum.get_absolute_url())
            sent += 1
    return sent
