"""What the committee does: bodies, meetings, the agenda and decisions; seats, terms and
nominations.

Every step that touches a proposal goes through ``proposals.commands`` (``transition`` and
``record_event``) inside one transaction, so a refused step writes nothing. Refusals are
``ProposalError`` with a message a person can act on; the views show it with HTTP 400.
Composition changes (seats, terms, nominations) refuse with ``CompositionError`` in the same way;
each runs in one transaction and records who acted and when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from areas.models import Area
from committee.models import (
    AgendaItem,
    Body,
    BodyMember,
    Decision,
    Endorsement,
    Meeting,
    Nomination,
    NominationStatus,
    Seat,
    SeatCategory,
    SeatTerm,
)
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


# --- composition: seats, terms, nominations ------------------------------------------------

class CompositionError(Exception):
    """A refused change of a body's composition; ``field`` names the form field to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


def _date(day: dt.date) -> str:
    # Messages are plain text; the Buddhist-Era date reads like the pages do.
    from portal.templatetags.klang import be_date

    return str(be_date(day))


def cso_seat_count(body: Body) -> int:
    return Seat.objects.filter(body=body, category=SeatCategory.CIVIL_SOCIETY).count()


def too_many_cso_seats_message(body: Body) -> str:
    return _("%(body)s may have at most %(max)s civil-society seats, and it has %(max)s "
             "already. Raise the maximum first if the rules allow more.") % {
        "body": body, "max": body.cso_seats_max}


def create_seat(body: Body, category: str, title: str, actor: Any, *,
                number: int | None = None, qualification: str = "",
                target_groups: Any = (), issue_areas: Any = ()) -> Seat:
    """A new seat on ``body``; civil-society seats never beyond the body's maximum."""
    if category not in SeatCategory.values:
        raise CompositionError(_("Choose the seat's category."), "category")
    with transaction.atomic():
        # Lock the body: two officers adding the last allowed seat at once get one seat.
        locked = Body.objects.select_for_update().get(pk=body.pk)
        if (category == SeatCategory.CIVIL_SOCIETY
                and cso_seat_count(locked) >= locked.cso_seats_max):
            raise CompositionError(too_many_cso_seats_message(locked), "category")
        if number is None:
            number = (Seat.objects.filter(body=locked).aggregate(last=Max("number"))["last"]
                      or 0) + 1
        elif Seat.objects.filter(body=locked, number=number).exists():
            raise CompositionError(_("%(body)s already has a seat number %(number)s.")
                                   % {"body": locked, "number": number}, "number")
        seat = Seat.objects.create(body=locked, number=number, category=category,
                                   title=title.strip(), qualification=qualification.strip(),
                                   created_by=actor)
        seat.target_groups.set(target_groups)
        seat.issue_areas.set(issue_areas)
    return seat


def set_seat_limits(body: Body, minimum: int, maximum: int) -> Body:
    """Change how many civil-society seats the body may have (the rules may change)."""
    if minimum > maximum:
        raise CompositionError(_("The minimum cannot be more than the maximum."), "cso_seats_min")
    with transaction.atomic():
        locked = Body.objects.select_for_update().get(pk=body.pk)
        existing = cso_seat_count(locked)
        if maximum < existing:
            raise CompositionError(
                _("%(body)s already has %(count)s civil-society seats: the maximum cannot be "
                  "lower.") % {"body": locked, "count": existing}, "cso_seats_max")
        locked.cso_seats_min, locked.cso_seats_max = minimum, maximum
        locked.save(update_fields=["cso_seats_min", "cso_seats_max"])
    return locked


def overlapping_term(seat: Seat, starts_on: dt.date, ends_on: dt.date | None,
                     exclude: SeatTerm | None = None) -> SeatTerm | None:
    """A term of ``seat`` that shares a day with [starts_on, ends_on) (ends_on: first day off)."""
    found = SeatTerm.objects.filter(seat=seat).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
    if ends_on is not None:
        found = found.filter(starts_on__lt=ends_on)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.order_by("starts_on", "pk").first()


def overlap_message(term: SeatTerm) -> str:
    if term.ends_on:
        return _("This term overlaps the term of %(name)s (%(start)s to %(end)s) on the same "
                 "seat. One seat has one holder at a time: end that term first or change the "
                 "dates.") % {"name": term.holder_name, "start": _date(term.starts_on),
                              "end": _date(term.ends_on)}
    return _("This term overlaps the term of %(name)s (from %(start)s, not ended) on the same "
             "seat. One seat has one holder at a time: end that term first or change the "
             "dates.") % {"name": term.holder_name, "start": _date(term.starts_on)}


def record_term(seat: Seat, holder_name: str, starts_on: dt.date, actor: Any, *,
                ends_on: dt.date | None = None, organisation: Any = None,
                holder_user: Any = None, target_groups: Any = (), issue_areas: Any = (),
                nomination: Nomination | None = None) -> SeatTerm:
    """Someone holds ``seat`` from ``starts_on``; refused if it overlaps another term."""
    holder_name = (holder_name or "").strip()
    if not holder_name:
        raise CompositionError(_("Give the holder's name."), "holder_name")
    if ends_on is not None and ends_on <= starts_on:
        raise CompositionError(_("The term must end after it starts."), "ends_on")
    with transaction.atomic():
        locked = Seat.objects.select_for_update().get(pk=seat.pk)
        if (other := overlapping_term(locked, starts_on, ends_on)) is not None:
            raise CompositionError(overlap_message(other), "starts_on")
        term = SeatTerm.objects.create(
            seat=locked, holder_name=holder_name, holder_user=holder_user,
            organisation=organisation, starts_on=starts_on, ends_on=ends_on,
            nomination=nomination, created_by=actor)
        term.target_groups.set(target_groups)
        term.issue_areas.set(issue_areas)
    return term


def end_term(term: SeatTerm, ends_on: dt.date, actor: Any, reason: str = "") -> SeatTerm:
    """The holder no longer sits from ``ends_on``: the seat is vacant from that day."""
    with transaction.atomic():
        locked = SeatTerm.objects.select_for_update().get(pk=term.pk)
        if locked.ends_on is not None and locked.ends_on <= timezone.localdate():
            raise CompositionError(_("This term already ended on %(date)s.")
                                   % {"date": _date(locked.ends_on)}, "ends_on")
        if ends_on <= locked.starts_on:
            raise CompositionError(_("The term started on %(date)s: it can only end after "
                                     "that.") % {"date": _date(locked.starts_on)}, "ends_on")
        if (other := overlapping_term(locked.seat, locked.starts_on, ends_on,
                                      exclude=locked)) is not None:
            raise CompositionError(overlap_message(other), "ends_on")
        locked.ends_on = ends_on
        locked.end_reason = (reason or "").strip()
        locked.ended_at = timezone.now()
        locked.ended_by = actor
        locked.save(update_fields=["ends_on", "end_reason", "ended_at", "ended_by"])
    return locked


def holding_term(seat: Seat, day: dt.date | None = None) -> SeatTerm | None:
    """The term that fills the seat on ``day`` or later (a running or a coming term)."""
    day = day or timezone.localdate()
    return (SeatTerm.objects.filter(seat=seat).filter(Q(ends_on__isnull=True)
                                                     | Q(ends_on__gt=day))
            .order_by("starts_on", "pk").first())


def filled_seat_message(seat: Seat, term: SeatTerm) -> str:
    return _("This seat is not vacant: %(name)s holds it from %(date)s. Nominations are only "
             "for vacant seats; see the vacant seats of %(body)s.") % {
        "name": term.holder_name, "date": _date(term.starts_on), "body": seat.body}


def nomination_refusal(seat: Seat, organisation: Any = None) -> str | None:
    """Why ``organisation`` may not nominate for ``seat`` now, or None if it may."""
    if seat.category != SeatCategory.CIVIL_SOCIETY:
        return _("Only civil-society seats take nominations from organisations.")
    if (term := holding_term(seat)) is not None:
        return filled_seat_message(seat, term)
    if organisation is not None:
        # Any organisation in the registry may nominate: community groups without a legal
        # registration are exactly the ones seed 000 says are missing from the committee.
        if Nomination.objects.filter(seat=seat, organisation=organisation,
                                     status=NominationStatus.PENDING).exists():
            return _("%(org)s has already nominated a candidate for this seat.") % {
                "org": organisation}
    return None


def nominate(seat: Seat, organisation: Any, candidate_name: str, statement: str, actor: Any,
             *, candidate_organisation: Any = None, target_groups: Any = ()) -> Nomination:
    candidate_name, statement = (candidate_name or "").strip(), (statement or "").strip()
    if not candidate_name:
        raise CompositionError(_("Give the candidate's name."), "candidate_name")
    if not statement:
        raise CompositionError(_("Say why this candidate fits the seat."), "statement")
    with transaction.atomic():
        locked = Seat.objects.select_for_update().select_related("body").get(pk=seat.pk)
        if (refusal := nomination_refusal(locked, organisation)) is not None:
            raise CompositionError(refusal, "organisation")
        nomination = Nomination.objects.create(
            seat=locked, organisation=organisation, candidate_name=candidate_name,
            candidate_organisation=candidate_organisation or organisation,
            statement=statement, nominated_by=actor)
        nomination.target_groups.set(target_groups)
    return nomination


def endorse(nomination: Nomination, organisation: Any, actor: Any, note: str = "") -> Endorsement:
    """``organisation`` supports the nomination: once, and never its own."""
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if locked.status != NominationStatus.PENDING:
            raise CompositionError(_("The selection for this seat is already made: the "
                                     "nomination can no longer be endorsed."), "organisation")
        if organisation.pk == locked.organisation_id:
            raise CompositionError(_("An organisation cannot endorse its own nomination."),
                                   "organisation")
        existing = Endorsement.objects.filter(nomination=locked, organisation=organisation).first()
        if existing is not None:
            raise CompositionError(
                _("%(org)s already endorsed this nomination on %(date)s.") % {
                    "org": organisation, "date": _date(timezone.localdate(existing.created_at))},
                "organisation")
        try:
            with transaction.atomic():
                return Endorsement.objects.create(nomination=locked, organisation=organisation,
                                                  note=(note or "").strip(), endorsed_by=actor)
        except IntegrityError as error:  # the same organisation endorsing twice at once
            raise CompositionError(_("%(org)s already endorsed this nomination.")
                                   % {"org": organisation}, "organisation") from error


def coordinators(organisation_ids: Any) -> list[Any]:
    from accounts.models import Role, RoleGrant

    grants = (RoleGrant.objects.active().filter(role=Role.CSO_COORDINATOR,
                                                organisation_id__in=set(organisation_ids))
              .select_related("user"))
    return list({g.user_id: g.user for g in grants}.values())


def select_nomination(nomination: Nomination, reason: str, actor: Any,
                      starts_on: dt.date | None = None) -> SeatTerm:
    """The officer selects a candidate: the seat is filled from ``starts_on`` (today).

    The other nominations for the seat are marked not selected with the same reason, and the
    nominating and endorsing organisations' coordinators are told, all in one transaction.
    """
    from notifications.models import Kind
    from notifications.services import notify

    reason = (reason or "").strip()
    if not reason:
        raise CompositionError(_("Give the reason for the selection: it is shown to the "
                                 "nominating organisations."), "reason")
    starts_on = starts_on or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        locked = (Nomination.objects.select_for_update()
                  .select_related("seat", "seat__body").get(pk=nomination.pk))
        if locked.status != NominationStatus.PENDING:
            raise CompositionError(_("This nomination is already decided: %(status)s.")
                                   % {"status": locked.get_status_display()}, "reason")
        seat = locked.seat
        if (term := holding_term(seat, starts_on)) is not None:
            raise CompositionError(filled_seat_message(seat, term), "starts_on")
        term = record_term(
            seat, locked.candidate_name, starts_on, actor,
            organisation=locked.candidate_organisation or locked.organisation,
            target_groups=list(locked.target_groups.all()) or list(seat.target_groups.all()),
            issue_areas=list(seat.issue_areas.all()), nomination=locked)
        locked.status = NominationStatus.SELECTED
        locked.decided_by, locked.decided_at, locked.decision_reason = actor, now, reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        others = list(Nomination.objects.select_for_update().filter(
            seat=seat, status=NominationStatus.PENDING).exclude(pk=locked.pk))
        Nomination.objects.filter(pk__in=[o.pk for o in others]).update(
            status=NominationStatus.NOT_SELECTED, decided_by=actor, decided_at=now,
            decision_reason=reason)
        url = seat.get_absolute_url()
        endorsers = dict(Endorsement.objects.filter(nomination__in=[locked, *others])
                         .values_list("organisation_id", "nomination_id"))
        winners = {locked.organisation_id} | {o for o, n in endorsers.items() if n == locked.pk}
        losers = ({o.organisation_id for o in others}
                  | {o for o, n in endorsers.items() if n != locked.pk}) - winners
        # In the site's language (Thai), whoever's request made the selection.
        with translation.override(settings.LANGUAGE_CODE):
            title_won = _("%(name)s is selected for the seat “%(seat)s” of %(body)s") % {
                "name": locked.candidate_name, "seat": seat.title, "body": seat.body}
            body_won = _("Reason: %(reason)s") % {"reason": reason}
            title_lost = _("Another candidate is selected for the seat “%(seat)s” of "
                           "%(body)s") % {"seat": seat.title, "body": seat.body}
            body_lost = _("%(name)s is selected. Reason: %(reason)s") % {
                "name": locked.candidate_name, "reason": reason}
        notify(coordinators(winners), Kind.NOMINATION, title_won, body_won, url)
        if losers:
            notify(coordinators(losers), Kind.NOMINATION, title_lost, body_lost, url)
    return term
