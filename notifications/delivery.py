"""Sending notifications out of Klang, through every channel a person switched on.

Each channel stamps its own column (``emailed_at``, ``sent_line_at``). A notification is
*claimed* (stamped) before it is sent and un-stamped if sending fails, so two workers, a retried
task or a digest running beside an immediate delivery can never send it twice on a channel. The
price is that a crash between claim and send loses that one message outside Klang; it is still
in the person's inbox.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from notifications.channels import Channel, active_channels
from notifications.models import Frequency, Notification, Preference

logger = logging.getLogger(__name__)


def claim(field: str, notifications: Sequence[Notification]) -> list[Notification]:
    """Stamp those not yet stamped on ``field``; return only the ones this call stamped."""
    now = timezone.now()
    ids = [n.pk for n in notifications]
    Notification.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(**{field: now})
    # Rows stamped by someone else at the same time carry a different instant.
    mine = set(Notification.objects.filter(pk__in=ids, **{field: now})
               .values_list("pk", flat=True))
    claimed = [n for n in notifications if n.pk in mine]
    for n in claimed:
        setattr(n, field, now)
    return claimed


def release(field: str, notifications: Sequence[Notification]) -> None:
    stamps = {getattr(n, field) for n in notifications}
    Notification.objects.filter(pk__in=[n.pk for n in notifications],
                                **{f"{field}__in": stamps}).update(**{field: None})
    for n in notifications:
        setattr(n, field, None)


def send_through(channel: Channel, user: Any, preference: Preference,
                 notifications: Sequence[Notification], period: str = "") -> int:
    """Claim, send, and on failure log and release. Returns how many went out."""
    claimed = claim(channel.stamp_field, notifications)
    if not claimed:
        return 0
    try:
        channel.send(user, preference, claimed, period=period)
    except Exception:
        # One channel failing (LINE down, a bad address) must not stop the others.
        logger.exception("Notifications %s for user %s not sent by %s",
                         [n.pk for n in claimed], user.pk, channel.name)
        release(channel.stamp_field, claimed)
        return 0
    return len(claimed)


def preferences_for(user_ids: set[int]) -> dict[int, Preference]:
    saved = {p.user_id: p for p in Preference.objects.filter(user_id__in=user_ids)}
    return {uid: saved.get(uid) or Preference(user_id=uid) for uid in user_ids}


def deliver(notification_ids: Sequence[int]) -> dict[str, int]:
    """Send each notification at once, to people who asked for "at once" (checked now, not when
    the notification was made: someone may have switched to a digest in between)."""
    rows = list(Notification.objects.filter(pk__in=notification_ids, user__is_active=True)
                .select_related("user").order_by("pk"))
    preferences = preferences_for({n.user_id for n in rows})
    channels = active_channels()
    sent: Counter[str] = Counter()
    for notification in rows:
        preference = preferences[notification.user_id]
        if preference.frequency != Frequency.IMMEDIATE:
            continue
        for channel in channels:
            if channel.wants(notification.user, preference) and send_through(
                    channel, notification.user, preference, [notification]):
                sent[channel.name] += 1
    return dict(sent)


def send_digests(period: str) -> dict[str, int]:
    """One digest per person whose choice is ``period`` and per channel they use, with every
    notification not yet sent there. What they have already read in Klang is left out."""
    if period not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"unknown digest period {period!r}")
    channels = active_channels()
    sent: Counter[str] = Counter()
    preferences = (Preference.objects.filter(frequency=period, user__is_active=True)
                   .select_related("user").order_by("pk"))
    for preference in preferences.iterator(chunk_size=500):
        user = preference.user
        for channel in channels:
            if not channel.wants(user, preference):
                continue
            pending = list(Notification.objects.filter(
                user=user, read_at__isnull=True, **{f"{channel.stamp_field}__isnull": True}))
            if pending and send_through(channel, user, preference, pending, period=period):
                sent[channel.name] += 1
    return dict(sent)
