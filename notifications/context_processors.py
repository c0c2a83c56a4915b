"""The number of unread notifications, for the header of every page."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from notifications.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}

    # A callable, so that the query runs only on pages that show the count, and once per page
    # however often the template uses it.
    @cache
    def count() -> int:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return {"unread_notification_count": count}
