"""Tell people what happened. (Delivery by e-mail and LINE is being added.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from notifications.models import Kind, Notification


def notify(users: Iterable[Any], kind: str, title: str, body: str = "", url: str = "") -> int:
    rows = [Notification(user=u, kind=kind, title=title, body=body, url=url) for u in users]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notify_proposal_followers(proposal_id: int, event_id: int) -> int:
    from proposals.models import Follow, ProposalEvent, State

    event = ProposalEvent.objects.select_related("proposal").get(pk=event_id)
    proposal = event.proposal
    users = [f.user for f in Follow.objects.filter(proposal_id=proposal_id).select_related("user")]
    title = f"{proposal.title}: {State(event.to_state).label}" if event.to_state else proposal.title
    return notify(users, Kind.PROPOSAL_STATE, title, event.text, proposal.get_absolute_url())
