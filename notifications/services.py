"""Tell people what happened: a row in their inbox, then e-mail or LINE as they chose.

Other apps call ``notify`` (and ``notify_proposal_followers``); how and when a notification
leaves Klang is decided here and in ``notifications.delivery``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from notifications.models import Frequency, Kind, Notification, Preference

logger = logging.getLogger(__name__)

# One delivery task per this many notifications, so that a worker's task stays short.
TASK_CHUNK = 200


def notify(users: Iterable[Any], kind: str, title: str, body: str = "", url: str = "") -> int:
    """Put a notification in each person's inbox; send it on at once to those who asked.

    ``title`` and ``body`` may be lazy translations: they are rendered in the site's language
    (Thai) whoever's request caused them. ``url`` is a path inside Klang. Returns how many
    people were notified (each person once, inactive accounts never).
    """
    people = {u.pk: u for u in users if u is not None and getattr(u, "is_active", True)}
    if not people:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title, body = " ".join(str(title).split())[:255], str(body or "")
    url = str(url or "")
    if not url.startswith(("/", "https://", "http://")) or url.startswith("//") or len(url) > 500:
        url = ""  # only links inside Klang or to the web: never "javascript:" and the like
    rows = Notification.objects.bulk_create([
        Notification(user_id=pk, kind=kind, title=title, body=body, url=url)
        for pk in people
    ])
    wanted = wants_immediate(set(people))
    ids = [row.pk for row in rows if row.user_id in wanted]
    for start in range(0, len(ids), TASK_CHUNK):
        # After commit: a worker must find the rows, and nothing goes out for a change that
        # was rolled back.
        transaction.on_commit(partial(enqueue_delivery, ids[start:start + TASK_CHUNK]),
                              robust=True)
    return len(rows)


def wants_immediate(user_ids: set[int]) -> set[int]:
    """People who want messages at once on some channel (no saved choice: at once, e-mail)."""
    saved = {
        user_id: (frequency == Frequency.IMMEDIATE and (by_email or by_line))
        for user_id, frequency, by_email, by_line in Preference.objects.filter(
            user_id__in=user_ids).values_list("user_id", "frequency", "by_email", "by_line")
    }
    return {pk for pk in user_ids if saved.get(pk, True)}


def enqueue_delivery(notification_ids: list[int]) -> None:
    from notifications.tasks import deliver_notifications

    deliver_notifications.enqueue(notification_ids)


def notify_proposal_followers(proposal_id: int, event_id: int) -> int:
    """Tell a proposal's followers what just happened to it (called once the change committed).

    The person who made the change is not told about it, and a follower who may no longer see
    the proposal (it went back to draft) is not told either.
    """
    from proposals.models import Follow, Proposal, ProposalEvent, State

    try:
        event = ProposalEvent.objects.select_related("proposal", "actor").get(
            pk=event_id, proposal_id=proposal_id)
        proposal: Proposal = event.proposal
        followers = [
            f.user for f in Follow.objects.filter(proposal_id=proposal_id)
            .select_related("user").order_by("pk")
            if f.user_id != event.actor_id and f.user.has_perm("proposals.view_proposal", proposal)
        ]
        if not followers:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            if event.to_state:
                title = _("%(title)s: now “%(state)s”") % {
                    "title": Truncator(proposal.title).chars(160), "state": State(event.to_state).label}
            else:
                title = f"{Truncator(proposal.title).chars(160)}: {event.get_kind_display()}"
            body = _("Reason: %(reason)s") % {"reason": event.text} if event.text else ""
        return notify(followers, Kind.PROPOSAL_STATE, title, body, proposal.get_absolute_url())
    except Exception:
        # The proposal has already changed; a failure to notify must not turn that into an
        # error page for the officer who changed it.
        logger.exception("Followers of proposal %s not notified of event %s",
                         proposal_id, event_id)
        return 0
