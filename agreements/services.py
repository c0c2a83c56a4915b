"""What agreements do, and what other apps ask of them.

``commitments_due`` is what the planning pulse calendar calls to show partners' commitments
beside the planning steps. Every change here is one transaction and records who made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    NOTE_REQUIRED,
    Agreement,
    AgreementDocument,
    Commitment,
    CommitmentFollow,
    CommitmentUpdate,
    Party,
    Status,
)
from areas.models import Area
from notifications.models import Kind
from notifications.services import notify


class AgreementError(Exception):
    """A change the rules of agreements refuse; the message says why, for the person."""


def agreements_in(area: Area | None) -> QuerySet[Agreement]:
    """Agreements covering the area or any area below it (all of them without an area)."""
    found = Agreement.objects.all()
    if area is not None:
        found = found.filter(pk__in=Agreement.objects.filter(area.subtree_q("areas__"))
                             .values("pk"))
    return found


def commitments_due(area: Area, start: dt.date, end: dt.date) -> QuerySet[Commitment]:
    """Commitments due from ``start`` to ``end`` (both included) of agreements covering
    ``area`` or an area below it, soonest first, each with its agreement loaded."""
    return (Commitment.objects
            .filter(due_date__gte=start, due_date__lte=end,
                    agreement__in=agreements_in(area).values("pk"))
            .select_related("agreement")
            .order_by("due_date", "pk"))


@transaction.atomic
def save_agreement(agreement: Agreement, *, organisations: Iterable[Any], areas: Iterable[Area],
                   agencies: Iterable[str] = (), partners: Iterable[str] = (),
                   actor: Any = None) -> Agreement:
    """Create or update an agreement with its parties and areas in one transaction."""
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise AgreementError(_("An agreement cannot end before it starts."))
    if agreement.pk is None and actor is not None:
        agreement.created_by = actor
    agreement.save()
    agreement.organisations.set(list(organisations))
    agreement.areas.set(list(areas))
    agreement.parties.all().delete()
    Party.objects.bulk_create(
        [Party(agreement=agreement, name=name, kind=Party.PartyKind.AGENCY) for name in agencies]
        + [Party(agreement=agreement, name=name, kind=Party.PartyKind.OTHER)
           for name in partners])
    return agreement


def add_document(agreement: Agreement, title: str, upload: Any, content_type: str,
                 actor: Any) -> AgreementDocument:
    return AgreementDocument.objects.create(agreement=agreement, title=title, file=upload,
                                            content_type=content_type, size=upload.size,
                                            uploaded_by=actor)


def add_commitment(agreement: Agreement, title: str, due_date: dt.date, *,
                   responsible: str = "", actor: Any = None) -> Commitment:
    return Commitment.objects.create(agreement=agreement, title=title, due_date=due_date,
                                     responsible=responsible, status_changed_by=actor,
                                     status_changed_at=timezone.now())


@transaction.atomic
def change_status(commitment: Commitment, status: str, note: str, actor: Any) -> bool:
    """Set a commitment's status; tell its followers (not the person who changed it) once.

    Returns whether the status changed. Saying the same status again only updates the note,
    and tells no one: followers want to hear about moves, not edits.
    """
    if status not in Status.values:
        raise AgreementError(_("Choose one of the statuses offered."))
    note = note.strip()
    if status in NOTE_REQUIRED and not note:
        raise AgreementError(_("Say why: the partners following this commitment read it."))
    locked = Commitment.objects.select_for_update().select_related("agreement").get(
        pk=commitment.pk)
    previous = locked.status
    locked.status, locked.status_note = status, note
    locked.status_changed_at, locked.status_changed_by = timezone.now(), actor
    locked.save(update_fields=["status", "status_note", "status_changed_at",
                               "status_changed_by"])
    commitment.status, commitment.status_note = locked.status, locked.status_note
    commitment.status_changed_at = locked.status_changed_at
    commitment.status_changed_by = actor
    if previous == status:
        return False
    CommitmentUpdate.objects.create(commitment=locked, from_status=previous, to_status=status,
                                    note=note, actor=actor)
    followers = [f.user for f in CommitmentFollow.objects.filter(commitment=locked)
                 .exclude(user_id=getattr(actor, "pk", None)).select_related("user")]
    if followers:
        # In the site's language (Thai), whatever language the person changing it reads.
        with translation.override(settings.LANGUAGE_CODE):
            title = gettext("%(title)s: now “%(status)s”") % {
                "title": Truncator(locked.title).chars(160), "status": Status(status).label}
            body = (gettext("Agreement: %(agreement)s") % {"agreement": locked.agreement.title}
                    + (f"\n{note}" if note else ""))
        notify(followers, Kind.MILESTONE_REMINDER, title, body, locked.get_absolute_url())
    return True


def toggle_follow(commitment: Commitment, user: Any) -> bool:
    """Follow, or stop following; returns whether the person follows it now."""
    deleted, _rows = CommitmentFollow.objects.filter(commitment=commitment, user=user).delete()
    if deleted:
        return False
    CommitmentFollow.objects.get_or_create(commitment=commitment, user=user)
    return True
