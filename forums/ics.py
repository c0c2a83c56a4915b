"""The iCalendar feed of upcoming forums in an area and everything below it.

UIDs are stable (``forum-<pk>@klang``) so that a calendar updates a moved forum instead of
adding it twice; times are written in UTC, which every calendar converts to its own zone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from areas.models import Area
from forums.models import Forum

# A forum without an end time is shown as lasting three hours (a typical half-day forum).
DEFAULT_LENGTH = dt.timedelta(hours=3)
MAX_EVENTS = 500


def forum_calendar(area: Area, absolute_url: Any, now: dt.datetime | None = None) -> bytes:
    """``absolute_url(path)`` turns a site path into a full address (the request's host)."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Klang//forums//TH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("Forums in %(area)s") % {"area": area.name}
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    forums = (Forum.objects.upcoming(now).within(area).select_related("area")
              .order_by("starts_at", "pk")[:MAX_EVENTS])
    stamp = now.astimezone(dt.UTC)
    for forum in forums:
        event = Event()
        event.add("uid", f"forum-{forum.pk}@klang")
        event.add("dtstamp", stamp)
        event.add("last-modified", forum.updated_at.astimezone(dt.UTC))
        event.add("dtstart", forum.starts_at.astimezone(dt.UTC))
        ends = forum.ends_at or forum.starts_at + DEFAULT_LENGTH
        event.add("dtend", ends.astimezone(dt.UTC))
        event.add("summary", forum.title)
        location = ", ".join(part for part in (forum.place, forum.area.name) if part)
        if forum.online_url:
            location = f"{location} ({forum.online_url})" if forum.place else forum.online_url
        event.add("location", location)
        page = absolute_url(forum.get_absolute_url())
        event.add("url", page)
        description = forum.agenda.strip()
        if forum.online_url:
            description += "\n\n" + _("Online link: %(url)s") % {"url": forum.online_url}
        description += "\n\n" + page
        event.add("description", description.strip())
        event.add("categories", [forum.get_kind_display()])
        calendar.add_component(event)
    return calendar.to_ical()
