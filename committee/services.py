"""What the committee does: bodies, meetings, the agenda and decisions.

Every step that touches a proposal goes through ``proposals.commands`` (``transition`` and
``record_event``) inside one transaction, so a refused step writes nothing. Refusals are
``ProposalError`` with a message a person can act on; the views show it with HTTP 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from committee.models import AgendaItem, Body, BodyMember, Decision, Meeting
from proposals.commands import ProposalError, record_event, transition
from proposals.models import EventKind, Proposal, State

# A proposal can be put on an agenda when it has been submitted, or when a committee deferred
# it and it comes back.
AGENDA_STATES = (State.SUBMITTED, State.DEFERRED)
# A decision needs a public reason for these (the same rule as the proposal's state machine).
RESOLUTION_REQUIRED = {Decision.DEFERRED, Decision.REJECTED}


def create_body(area: Area, name_th: str, kind: str, *, name_en: str = "",
                short_name: str = "") -> Body:
    return Body.objects.create(area=area, name_th=name_th, name_en=name_en,
                               short_name=short_name, kind=kind)


def add_member(body: Body, name: str, *, position: str = "", organisation_name: str = "",
               user: Any = None) -> BodyMember:
    return BodyMember.objects.create(body=body, name=name, position=position,
                                     organisation_name=organisation_name, user=user)


def meeting_exists(body: Body, number: int, year: int) -> bool:
    return Meeting.objects.filter(body=body, number=number, year=year).exists()


def duplicate_meeting_message(body: Body, number: int, year: int) -> str:
    return _("%(body)s already has a meeting %(number)s/%(year)s. Check the number and the "
             "year.") % {"body": body, "number": number, "year": year}


def create_meeting(body: Body, number: int, year: int, date: dt.date, *, place: str = "",
                   minutes: str = "", is_demo: bool = False) -> Meeting:
    """A meeting of ``body``, numbered within its year (B.E.), e.g. 4/2568."""
    if meeting_exists(body, number, year):
        raise ProposalError(duplicate_meeting_message(body, number, year))
    try:
        with transaction.atomic():
            return Meeting.objects.create(body=body, number=number, year=year, date=date,
                                          place=place, minutes=minutes, is_demo=is_demo)
    except IntegrityError as error:  # two officers creating the same meeting at once
        raise ProposalError(duplicate_meeting_message(body, number, year)) from error


def proposals_for_agenda(meeting: Meeting) -> Any:
    """Proposals of the body's area that may go on this meeting's agenda."""
    return (Proposal.objects.filter(meeting.body.area.subtree_q("area__"),
                                    state__in=AGENDA_STATES)
            .exclude(agenda_items__meeting=meeting)
            .order_by("title", "pk"))


def add_to_agenda(meeting: Meeting, proposal: Proposal, actor: Any,
                  at: dt.datetime | None = None) -> AgendaItem:
    """Put ``proposal`` on the agenda: it moves to "under committee review"."""
    body = meeting.body
    if not body.area.contains(proposal.area):
        raise ProposalError(
            _("“%(proposal)s” is a proposal of %(area)s, outside the area of %(body)s.")
            % {"proposal": proposal.title, "area": proposal.area.name, "body": body})
    if proposal.state not in AGENDA_STATES:
        raise ProposalError(
            _("Only a proposal submitted to the province, or one deferred by a committee, can "
              "be put on an agenda. “%(proposal)s” is “%(state)s”.")
            % {"proposal": proposal.title, "state": State(proposal.state).label})
    with transaction.atomic():
        if AgendaItem.objects.filter(meeting=meeting, proposal=proposal).exists():
            raise ProposalError(_("“%(proposal)s” is already on the agenda of meeting "
                                  "%(meeting)s.") % {"proposal": proposal.title,
                                                     "meeting": meeting.label})
        last = meeting.agenda.aggregate(last=Max("order"))["last"] or 0
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(meeting=meeting, proposal=proposal,
                                                 order=last + 1)
        except IntegrityError as error:  # two officers adding it at the same moment
            raise ProposalError(_("“%(proposal)s” is already on the agenda of meeting "
                                  "%(meeting)s.") % {"proposal": proposal.title,
                                                     "meeting": meeting.label}) from error
        transition(proposal, State.UNDER_REVIEW, actor, at=at, meeting=meeting.label,
                   meeting_id=meeting.pk)
        record_event(
            proposal, EventKind.AGENDA, actor=actor, at=at,
            text=_("On the agenda of %(body)s meeting %(meeting)s on %(date)s.")
            % {"body": body, "meeting": meeting.label, "date": meeting.date.isoformat()},
            meeting=meeting.label, meeting_id=meeting.pk, body=str(body),
            date=meeting.date.isoformat(),
        )
    return item


def decide(meeting: Meeting, proposal: Proposal, decision: str, resolution: str, actor: Any,
           at: dt.datetime | None = None) -> AgendaItem:
    """Record the committee's decision on one agenda item, and move the proposal with it."""
    resolution = (resolution or "").strip()
    if decision not in Decision.values:
        raise ProposalError(_("Choose a decision: approved, deferred or rejected."))
    if decision in RESOLUTION_REQUIRED and not resolution:
        raise ProposalError(
            _("Write the resolution: the reason for “%(decision)s” is shown publicly.")
            % {"decision": Decision(decision).label})
    with transaction.atomic():
        item = (AgendaItem.objects.select_for_update()
                .filter(meeting=meeting, proposal=proposal).first())
        if item is None:
            raise ProposalError(
                _("“%(proposal)s” is not on the agenda of meeting %(meeting)s, so this meeting "
                  "cannot decide on it. Put it on the agenda first.")
                % {"proposal": proposal.title, "meeting": meeting.label})
        if item.decision:
            raise ProposalError(
                _("Meeting %(meeting)s has already decided on “%(proposal)s”: %(decision)s.")
                % {"meeting": meeting.label, "proposal": proposal.title,
                   "decision": Decision(item.decision).label})
        transition(proposal, decision, actor, reason=resolution, at=at,
                   meeting=meeting.label, meeting_id=meeting.pk)
        record_event(proposal, EventKind.DECISION, actor=actor, at=at, text=resolution,
                     meeting=meeting.label, meeting_id=meeting.pk, decision=decision,
                     body=str(meeting.body))
        item.decision = decision
        item.resolution = resolution
        item.decided_at = at or timezone.now()
        item.decided_by = actor
        item.save(update_fields=["decision", "resolution", "decided_at", "decided_by"])
    return item
