"""What happens to a need: raised, screened, merged, split, synthesised into a proposal.

Each function is one transaction that records who acted and when; a refused change raises
``NeedError`` with a message for the person who asked and writes nothing. Views, the API and
the demo all call these functions, so the rules hold whichever way a change arrives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, RoleGrant
from needs.models import Need, NeedEvidence, NeedStatus

# Needs the working group may still work on; merged, split and synthesised ones are done.
OPEN_STATUSES = (NeedStatus.NEW, NeedStatus.MORE_INFO, NeedStatus.ACCEPTED)
SCREENABLE_STATUSES = (*OPEN_STATUSES, NeedStatus.OUT_OF_SCOPE)
SCREEN_DECISIONS = (NeedStatus.ACCEPTED, NeedStatus.MORE_INFO, NeedStatus.OUT_OF_SCOPE)
REASON_REQUIRED = (NeedStatus.MORE_INFO, NeedStatus.OUT_OF_SCOPE)


class NeedError(Exception):
    """A refused change, with a message the person can act on."""


# --- raising ---------------------------------------------------------------------------------

def working_group_members(need: Need) -> list[Any]:
    """People with an active working-group grant for the need's area or an area above it."""
    from accounts.models import User

    user_ids = (RoleGrant.objects.active()
                .filter(role=Role.WORKING_GROUP, area_id__in=need.area.lineage_ids())
                .values("user_id"))
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def _notify_new_need(need_id: int, actor_id: int | None) -> None:
    from notifications.services import notify

    need = Need.objects.select_related("area").get(pk=need_id)
    users = [u for u in working_group_members(need) if u.pk != actor_id]
    # A sensitive need's title is confidential: the notice names only the area. Notices are
    # written in the site's language, whoever's request caused them.
    with translation.override(settings.LANGUAGE_CODE):
        title = (_("A need raised confidentially in %(area)s") % {"area": need.area.name_th}
                 if need.is_sensitive else need.title)
    notify(users, "new_need", title, "", need.get_absolute_url())


def add_evidence(need: Need, rows: Iterable[dict[str, Any]], actor: Any) -> None:
    for row in rows:
        NeedEvidence.objects.create(
            need=need, kind=row["kind"], title=row["title"], value=row.get("value"),
            unit=row.get("unit") or "", source=row.get("source") or "",
            url=row.get("url") or "", file=row.get("file") or "",
            content_type=row.get("content_type") or "", added_by=actor,
        )


def raise_need(actor: Any, data: dict[str, Any],
               evidence: Sequence[dict[str, Any]] = ()) -> Need:
    """Save a new need with its sources and evidence; tell the province's working group.

    ``data``: title, description, area, urgency, and optionally target_groups, issue_area,
    people_affected, is_sensitive, organisation, forum; the demo may also give created_at
    (when it was raised) and is_demo.
    """
    with transaction.atomic():
        need = Need.objects.create(
            title=data["title"], description=data["description"], area=data["area"],
            issue_area=data.get("issue_area"), urgency=data["urgency"],
            people_affected=data.get("people_affected"),
            is_sensitive=bool(data.get("is_sensitive")), raised_by=actor,
            created_at=data.get("created_at"), is_demo=bool(data.get("is_demo")),
        )
        need.target_groups.set(data.get("target_groups") or [])
        if data.get("organisation") is not None:
            need.organisations.add(data["organisation"])
        if data.get("forum") is not None:
            need.forums.add(data["forum"])
        add_evidence(need, evidence, actor)
        actor_id = getattr(actor, "pk", None)
        transaction.on_commit(lambda: _notify_new_need(need.pk, actor_id))
    return need


def toggle_support(need: Need, user: Any) -> bool:
    """Support the need, or take the support back. True when the person now supports it."""
    with transaction.atomic():
        if need.supporters.filter(pk=user.pk).exists():
            need.supporters.remove(user)
            return False
        need.supporters.add(user)
        return True


# --- screening -------------------------------------------------------------------------------

def screen(need: Need, decision: str, reason: str, actor: Any) -> Need:
    """Accept a need, ask for more information, or find it out of scope; tell its raiser."""
    reason = (reason or "").strip()
    if decision not in SCREEN_DECISIONS:
        raise NeedError(_("Choose accept, needs more information or out of scope."))
    if decision in REASON_REQUIRED and not reason:
        raise NeedError(_("Give a reason: the person who raised the need will read it."))
    with transaction.atomic():
        current = Need.objects.select_for_update().get(pk=need.pk)
        if current.status not in SCREENABLE_STATUSES:
            raise NeedError(_("A need that is “%(status)s” can no longer be screened.")
                            % {"status": NeedStatus(current.status).label})
        now = timezone.now()
        Need.objects.filter(pk=need.pk).update(
            status=decision, screening_reason=reason, screened_by=actor, screened_at=now,
            updated_at=now)
        need.refresh_from_db()
        if need.raised_by_id and need.raised_by_id != getattr(actor, "pk", None):
            raiser_id, need_id = need.raised_by_id, need.pk
            transaction.on_commit(lambda: _notify_screened(need_id, raiser_id))
    return need


def _notify_screened(need_id: int, user_id: int) -> None:
    from accounts.models import User
    from notifications.services import notify

    need = Need.objects.get(pk=need_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The working group screened your need “%(title)s”: %(status)s") % {
            "title": need.title, "status": NeedStatus(need.status).label}
    notify(User.objects.filter(pk=user_id), "need_screened", title[:255],
           need.screening_reason, need.get_absolute_url())


# --- merge and split -------------------------------------------------------------------------

def _lock_open(needs: Iterable[Need]) -> list[Need]:
    """Lock the rows and refuse if any is no longer open for the working group's work."""
    ids = [n.pk for n in needs]
    locked = {n.pk: n for n in Need.objects.select_for_update().filter(pk__in=ids)}
    for pk in ids:
        current = locked.get(pk)
        if current is None or current.status not in OPEN_STATUSES:
            title = current.title if current else str(pk)
            raise NeedError(
                _("“%(title)s” is no longer open for the working group (it is “%(status)s”).")
                % {"title": title, "status": NeedStatus(current.status).label if current
                   else "?"})
    return [locked[pk] for pk in ids]


def copy_evidence(source: Need, target: Need) -> None:
    """Copy evidence rows; the files stay where they are, shared by both rows."""
    for row in source.evidence.all():
        NeedEvidence.objects.create(
            need=target, kind=row.kind, title=row.title, value=row.value, unit=row.unit,
            source=row.source, url=row.url, file=row.file.name if row.file else "",
            content_type=row.content_type, added_by=row.added_by,
        )


def merge(keep: Need, duplicates: Sequence[Need], actor: Any) -> Need:
    """Merge duplicates into ``keep``: it gains every source, supporter, forum and evidence row.

    If any of them is sensitive the kept need becomes sensitive too, so nothing confidential
    becomes public through a merge.
    """
    duplicates = [d for d in duplicates if d.pk != keep.pk]
    if not duplicates:
        raise NeedError(_("Choose at least one duplicate to merge into the need you keep."))
    with transaction.atomic():
        locked = _lock_open([keep, *duplicates])
        kept, others = locked[0], locked[1:]
        for other in others:
            if other.province_id != kept.province_id:
                raise NeedError(_("Only needs of the same province can be merged: “%(title)s” "
                                  "is in another province.") % {"title": other.title})
        for other in others:
            kept.organisations.add(*other.organisations.all())
            kept.forums.add(*other.forums.all())
            kept.supporters.add(*other.supporters.all())
            kept.target_groups.add(*other.target_groups.all())
            if other.raised_by_id and other.raised_by_id != kept.raised_by_id:
                # The duplicate's raiser stands behind the kept need too.
                kept.supporters.add(other.raised_by_id)
            copy_evidence(other, kept)
            # Needs merged earlier into this duplicate now point at the kept one.
            Need.objects.filter(merged_into=other).update(merged_into=kept)
        now = timezone.now()
        reason = _("Merged into “%(title)s” by the working group.") % {"title": kept.title}
        Need.objects.filter(pk__in=[o.pk for o in others]).update(
            status=NeedStatus.MERGED, merged_into=kept, screened_by=actor, screened_at=now,
            screening_reason=reason, updated_at=now)
        affected = [o.people_affected for o in others if o.people_affected]
        changes: dict[str, Any] = {"updated_at": now}
        if any(o.is_sensitive for o in others):
            changes["is_sensitive"] = True
        if affected and not kept.people_affected:
            changes["people_affected"] = max(affected)
        Need.objects.filter(pk=kept.pk).update(**changes)
    keep.refresh_from_db()
    return keep


def split(need: Need, parts: Sequence[dict[str, str]], actor: Any) -> list[Need]:
    """Split one need into two or more; each new one keeps every source of the original."""
    parts = [p for p in parts if (p.get("title") or "").strip()]
    if len(parts) < 2:
        raise NeedError(_("Give at least two new needs, each with a title and a description."))
    with transaction.atomic():
        original = _lock_open([need])[0]
        created = []
        for part in parts:
            new = Need.objects.create(
                title=part["title"].strip(), description=(part.get("description") or "").strip(),
                area=original.area, issue_area=original.issue_area, urgency=original.urgency,
                people_affected=original.people_affected, is_sensitive=original.is_sensitive,
                raised_by=original.raised_by, split_from=original,
                status=original.status, is_demo=original.is_demo,
                created_at=original.created_at,
            )
            new.organisations.set(original.organisations.all())
            new.forums.set(original.forums.all())
            new.supporters.set(original.supporters.all())
            new.target_groups.set(original.target_groups.all())
            copy_evidence(original, new)
            created.append(new)
        now = timezone.now()
        Need.objects.filter(pk=original.pk).update(
            status=NeedStatus.SPLIT, screened_by=actor, screened_at=now, updated_at=now,
            screening_reason=_("Split into %(count)d separate needs by the working group.")
            % {"count": len(created)})
    need.refresh_from_db()
    return created


# --- synthesis -------------------------------------------------------------------------------

def evidence_text(needs: Iterable[Need]) -> str:
    """The needs' evidence as plain text for a proposal, one line per item, with its source.

    Evidence of sensitive needs is left out: a proposal becomes public once submitted.
    """
    lines = []
    for need in needs:
        if need.is_sensitive:
            continue
        for row in need.evidence.all():
            if row.kind == NeedEvidence.Kind.FIGURE:
                number = f"{row.value:,.2f}".removesuffix(".00") if row.value is not None else ""
                line = f"- {row.title}: {number} {row.unit}".rstrip()
                if row.source:
                    line += " " + _("(source: %(source)s)") % {"source": row.source}
            elif row.kind == NeedEvidence.Kind.LINK:
                line = f"- {row.title}: {row.url}"
            else:
                line = f"- {row.title} " + _("(document attached to the need “%(need)s”)") % {
                    "need": need.title}
            lines.append(line)
    return "\n".join(lines)


def synthesise(needs: Sequence[Need], data: dict[str, Any], actor: Any) -> Any:
    """Make a draft proposal from the working group's selected needs, with its timeline.

    ``data``: title, summary, kind, and optionally objectives, target_groups, areas,
    beneficiaries, estimated_budget, responsible_agency, strategy, evidence, area (defaults to
    the needs' province), at (when it was synthesised; defaults to now).
    Timeline: one "need raised" event per need (at the time it was raised; a sensitive need
    is told only as "a need raised confidentially"), one "forum" event per forum the needs
    came from, then "synthesised".
    """
    from proposals.commands import record_event
    from proposals.models import EventKind, Proposal

    if not needs:
        raise NeedError(_("Choose at least one need to synthesise into a proposal."))
    with transaction.atomic():
        locked = _lock_open(needs)
        provinces = {n.province_id for n in locked}
        if len(provinces) != 1 or None in provinces:
            raise NeedError(_("A proposal is synthesised from needs of one province."))
        area = data.get("area") or locked[0].province
        proposal = Proposal.objects.create(
            title=data["title"], summary=data["summary"], kind=data.get("kind") or "project",
            objectives=data.get("objectives") or "", area=area,
            beneficiaries=data.get("beneficiaries"),
            estimated_budget=data.get("estimated_budget"),
            responsible_agency=data.get("responsible_agency") or "",
            strategy=data.get("strategy"),
            evidence=data["evidence"] if data.get("evidence") is not None
            else evidence_text(locked),
            created_by=actor, is_demo=all(n.is_demo for n in locked),
        )
        proposal.needs.set(locked)
        groups = data.get("target_groups")
        if groups is None:
            from orgs.models import TargetGroup

            groups = TargetGroup.objects.filter(needs__in=locked).distinct()
        proposal.target_groups.set(groups)
        areas = data.get("areas")
        proposal.areas.set(areas or {n.area for n in locked})

        for need in sorted(locked, key=lambda n: (n.created_at, n.pk)):
            if need.is_sensitive:
                record_event(proposal, EventKind.NEED_RAISED,
                             text=_("A need raised confidentially"), at=need.created_at,
                             need_id=need.pk, confidential=True)
            else:
                record_event(proposal, EventKind.NEED_RAISED, text=need.title,
                             at=need.created_at, need_id=need.pk, title=need.title)
        forums = {}
        for need in locked:
            for forum in need.forums.all():
                forums[forum.pk] = forum
        for forum in sorted(forums.values(), key=lambda f: (f.starts_at, f.pk)):
            record_event(proposal, EventKind.FORUM, text=forum.title, at=forum.starts_at,
                         forum_id=forum.pk, title=forum.title)
        record_event(proposal, EventKind.SYNTHESISED, actor=actor, at=data.get("at"),
                     text=_("The working group synthesised %(count)d need(s) into this "
                            "proposal.") % {"count": len(locked)},
                     need_ids=[n.pk for n in locked])
        now = timezone.now()
        Need.objects.filter(pk__in=[n.pk for n in locked]).update(
            status=NeedStatus.IN_PROPOSAL, updated_at=now)
    for need in needs:
        need.status = NeedStatus.IN_PROPOSAL
    return proposal
