"""State changes of a proposal. Each is one transaction that records who, when and why.

Like Decidim's commands: a command either succeeds and writes its timeline event, or refuses
with a message a person can act on (``ProposalError``) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals.models import REASON_REQUIRED, TRANSITIONS, EventKind, Proposal, ProposalEvent, State


class ProposalError(Exception):
    """A refused change, with a message for the person who asked for it."""


def role_label(user: Any, proposal: Proposal) -> str:
    """The role someone acted in, for the timeline (the most specific one they hold)."""
    from accounts.models import Role
    from accounts.predicates import has_role_in, is_administrator

    if user is None:
        return ""
    for role in (Role.PROVINCIAL_OFFICER, Role.COMMITTEE_MEMBER, Role.WORKING_GROUP,
                 Role.CSO_COORDINATOR, Role.CSO_MEMBER):
        if has_role_in(user, [role], proposal.area):
            return role.value
    if is_administrator(user):
        return Role.ADMINISTRATOR.value
    return "citizen"


def record_event(proposal: Proposal, kind: str, actor: Any = None, text: str = "",
                 at: dt.datetime | None = None, **data: Any) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal, kind=kind, at=at or timezone.now(), actor=actor,
        actor_role=role_label(actor, proposal) if actor else "", text=text, data=data,
    )


def transition(proposal: Proposal, to_state: str, actor: Any, reason: str = "",
               at: dt.datetime | None = None, **data: Any) -> ProposalEvent:
    """Move a proposal to ``to_state`` or refuse with a clear message.

    The row is locked for the change, so two officers acting at once cannot both move it.
    Followers are notified once the transaction has committed.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if to_state not in TRANSITIONS[current.state]:
            raise ProposalError(
                _("A proposal that is “%(current)s” cannot become “%(next)s”.") % {
                    "current": State(current.state).label, "next": State(to_state).label})
        if to_state in REASON_REQUIRED and not reason:
            raise ProposalError(
                _("Give a reason: it is shown publicly with the decision “%(next)s”.")
                % {"next": State(to_state).label})
        when = at or timezone.now()
        Proposal.objects.filter(pk=current.pk).update(
            state=to_state, state_changed_at=when, version=current.version + 1)
        event = ProposalEvent.objects.create(
            proposal=current, kind=EventKind.STATE, at=when, actor=actor,
            actor_role=role_label(actor, current) if actor else "",
            from_state=current.state, to_state=to_state, text=reason, data=data,
        )
        proposal.state, proposal.state_changed_at = to_state, when
        proposal.version = current.version + 1
        transaction.on_commit(lambda: _notify_followers(current.pk, event.pk))
    return event


def _notify_followers(proposal_id: int, event_id: int) -> None:
    from notifications.services import notify_proposal_followers

    notify_proposal_followers(proposal_id, event_id)
