"""iCalendar feeds of an area's planning milestones (and partnership commitments).

Milestones are all-day events (``DTSTART;VALUE=DATE``, with the exclusive ``DTEND`` the day
after the last day). UIDs are stable (``milestone-<pk>@klang``) so that a calendar updates a
moved milestone instead of adding it twice. Estimated dates say so in the title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from areas.models import Area
from planning.models import Milestone

DAY = dt.timedelta(days=1)


def milestone_calendar(area: Area, name: str, milestones: Iterable[Milestone],
                       commitments: Iterable[Any], absolute_url: Callable[[str], str],
                       page: str) -> bytes:
    """``absolute_url(path)`` turns a site path into a full address; ``page`` is the pulse."""
    calendar = Calendar()
    calendar.add("prodid", "-//Klang//planning//TH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    stamp = timezone.now().astimezone(dt.UTC)
    link = absolute_url(page)
    for milestone in milestones:
        event = Event()
        event.add("uid", f"milestone-{milestone.pk}@klang")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.starts_on)
        event.add("dtend", milestone.ends_on + DAY)
        summary = f"{milestone.name} · {milestone.cycle.plan_type.name}"
        if milestone.is_estimate:
            summary += " " + _("(estimated date)")
        event.add("summary", summary)
        parts = [_("Fiscal year %(year)s") % {"year": milestone.cycle.fiscal_year}]
        if milestone.responsible:
            parts.append(_("Responsible: %(body)s") % {"body": milestone.responsible})
        if milestone.civil_society:
            parts.append(_("What you can do: %(text)s") % {"text": milestone.civil_society})
        if milestone.source:
            parts.append(_("Source of the date: %(source)s") % {"source": milestone.source})
        parts.append(link)
        event.add("description", "\n\n".join(parts))
        event.add("url", link)
        event.add("location", area.name)
        event.add("categories", [milestone.cycle.plan_type.name])
        event.add("transp", "TRANSPARENT")  # a month-long step must not block people's diaries
        calendar.add_component(event)
    for commitment in commitments:
        event = Event()
        event.add("uid", f"commitment-{commitment.pk}@klang")
        event.add("dtstamp", stamp)
        event.add("dtstart", commitment.due_date)
        event.add("dtend", commitment.due_date + DAY)
        event.add("summary", _("Due: %(title)s") % {"title": commitment.title})
        url = absolute_url(commitment.get_absolute_url())
        event.add("description", f"{commitment.agreement}\n\n{url}")
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
