"""Tell the followers of an area's planning pulse, N days ahead, that a milestone is coming.

Each (person, milestone) is recorded before the notification is made, in the same transaction,
so a person hears of a milestone exactly once even when the command runs twice at the same time
or they follow both a province and one of its districts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import notify
from planning.calendar import area_milestones, calendar_years, today
from planning.models import AreaFollow, Milestone, MilestoneReminder
from portal.templatetags.klang import be_date


def send_milestone_reminders(day: dt.date | None = None) -> int:
    """Notify followers of milestones starting within their ``days_before``; returns how many."""
    day = day or today()
    follows = list(AreaFollow.objects.filter(user__is_active=True)
                   .select_related("area", "user").order_by("pk"))
    by_area: dict[int, list[AreaFollow]] = defaultdict(list)
    for follow in follows:
        by_area[follow.area_id].append(follow)
    # (milestone, area followed) -> people; a person is counted once per milestone.
    due: dict[tuple[int, int], list[Any]] = defaultdict(list)
    milestones: dict[int, Milestone] = {}
    seen: set[tuple[int, int]] = set()
    for area_follows in by_area.values():
        area = area_follows[0].area
        horizon = max(f.days_before for f in area_follows)
        for milestone in area_milestones(area, start=day, end=day + dt.timedelta(days=horizon),
                                         years=calendar_years(day)):
            gap = (milestone.starts_on - day).days
            if gap < 0:
                continue  # already under way: a reminder "before" it is too late
            milestones[milestone.pk] = milestone
            for follow in area_follows:
                key = (follow.user_id, milestone.pk)
                if gap <= follow.days_before and key not in seen:
                    seen.add(key)
                    due[(milestone.pk, area.pk)].append(follow.user)
    already = set(MilestoneReminder.objects.filter(milestone_id__in=list(milestones))
                  .values_list("user_id", "milestone_id"))
    sent = 0
    areas = {f.area_id: f.area for f in follows}
    for (milestone_id, area_id), people in due.items():
        people = [p for p in people if (p.pk, milestone_id) not in already]
        if people:
            sent += _remind(milestones[milestone_id], areas[area_id], people, day)
    return sent


def _remind(milestone: Milestone, area: Any, people: list[Any], day: dt.date) -> int:
    with transaction.atomic():
        fresh = []
        for person in people:
            try:
                with transaction.atomic():
                    MilestoneReminder.objects.create(user=person, milestone=milestone)
            except IntegrityError:
                continue  # another run got there first
            fresh.append(person)
        if not fresh:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            title, body = reminder_text(milestone, area, day)
        return notify(fresh, Kind.MILESTONE_REMINDER, title, body,
                      reverse("planning:pulse", args=[area.code]))


def reminder_text(milestone: Milestone, area: Any, day: dt.date) -> tuple[str, str]:
    days = (milestone.starts_on - day).days
    plan = milestone.cycle.plan_type.name
    if days == 0:
        title = _("Today: %(step)s (%(plan)s, %(area)s)")
    else:
        title = _("In %(days)s days: %(step)s (%(plan)s, %(area)s)")
    title = title % {"days": days, "step": milestone.name, "plan": plan, "area": area.name}
    when = _("%(start)s to %(end)s") % {"start": be_date(milestone.starts_on),
                                         "end": be_date(milestone.ends_on)}
    if milestone.is_estimate:
        when += " " + _("(estimated date)")
    lines = [when]
    if milestone.responsible:
        lines.append(_("Responsible: %(body)s") % {"body": milestone.responsible})
    if milestone.civil_society:
        lines.append(_("What you can do: %(text)s") % {"text": milestone.civil_society})
    return title, "\n\n".join(lines)
