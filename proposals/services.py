"""What people do with proposals, callable from views and the API alike.

Finding proposals (the public list), editing one without losing anyone's work (optimistic
locking on ``Proposal.version``), supporting, following, commenting and moderating comments.
State changes go through ``proposals.commands.transition``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from areas.models import Area, Level
from orgs.models import TargetGroup
from proposals.commands import record_event
from proposals.models import (
    Comment,
    CommentReport,
    EventKind,
    Follow,
    Kind,
    Proposal,
    State,
    Support,
)

# The fields a person edits on the edit page, in the order the conflict notice lists them.
EDITABLE_FIELDS = ["title", "summary", "kind", "objectives", "area", "target_groups",
                   "beneficiaries", "estimated_budget", "responsible_agency", "strategy",
                   "fiscal_year", "evidence"]


# --- the public list ------------------------------------------------------------------------

@dataclass
class ProposalFilters:
    area: Area | None = None
    state: str = ""
    target_group: TargetGroup | None = None
    strategy_id: int | None = None
    fiscal_year: int | None = None
    q: str = ""


def search_proposals(user: Any, filters: ProposalFilters) -> QuerySet[Proposal]:
    """The proposals ``user`` may see that match ``filters``, newest first.

    Without a state filter drafts are left out for everyone (they are the working group's work
    in progress); asking for ``state=draft`` shows the drafts this person may see. Every filter
    is an indexed column or an indexed link table, so the count stays cheap at 100,000 rows.
    """
    if filters.state == State.DRAFT:
        proposals = Proposal.objects.visible_to(user).filter(state=State.DRAFT)
    elif filters.state:
        proposals = Proposal.objects.filter(state=filters.state)
    else:
        # "Not a draft" rather than a list of twelve states: the planner then walks the
        # created_at index for the newest 25 instead of sorting every published row.
        proposals = Proposal.objects.exclude(state=State.DRAFT)
    area = filters.area
    if area is not None and area.level != Level.NATION:
        if area.level == Level.PROVINCE:
            proposals = proposals.filter(province=area)
        else:
            proposals = proposals.filter(area__in=Area.objects.filter(area.subtree_q())
                                         .values("pk"))
    if filters.target_group is not None:
        proposals = proposals.filter(pk__in=Proposal.target_groups.through.objects.filter(
            targetgroup_id=filters.target_group.pk).values("proposal_id"))
    if filters.strategy_id:
        proposals = proposals.filter(strategy_id=filters.strategy_id)
    if filters.fiscal_year:
        proposals = proposals.filter(fiscal_year=filters.fiscal_year)
    if filters.q:
        proposals = proposals.filter(title__icontains=filters.q)
    return proposals.order_by("-created_at", "-pk")


@dataclass
class ProposalRow:
    pk: int
    title: str
    summary: str
    state: str
    state_label: str
    kind_label: str
    place: str
    fiscal_year: int | None
    estimated_budget: Decimal | None
    support_count: int
    created_at: dt.datetime
    groups: list[str] = field(default_factory=list)


ROW_FIELDS = ("pk", "title", "summary", "state", "kind", "fiscal_year", "estimated_budget",
              "support_count", "created_at", "area_id", "province_id", "area__name_th",
              "area__name_en", "province__name_th", "province__name_en")


def proposal_rows(ids: list[int]) -> list[ProposalRow]:
    """One page of the list as plain rows, in the order of ``ids``: two queries, no objects."""
    english = get_language() == "en"

    def pick(th: str | None, en: str | None) -> str:
        return (en or th or "") if english else (th or "")

    found = {row["pk"]: row for row in Proposal.objects.filter(pk__in=ids).values(*ROW_FIELDS)}
    group_names = {g.pk: g.name for g in TargetGroup.objects.all()}
    groups: dict[int, list[str]] = {}
    links = Proposal.target_groups.through.objects.filter(proposal_id__in=ids)
    for proposal_id, group_id in links.values_list("proposal_id", "targetgroup_id"):
        groups.setdefault(proposal_id, []).append(group_names.get(group_id, ""))
    states = {value: str(label) for value, label in State.choices}
    kinds = {value: str(label) for value, label in Kind.choices}
    rows = []
    for pk in ids:
        row = found.get(pk)
        if row is None:
            continue
        place = pick(row["area__name_th"], row["area__name_en"])
        if row["province_id"] and row["province_id"] != row["area_id"]:
            place += ", " + pick(row["province__name_th"], row["province__name_en"])
        rows.append(ProposalRow(
            pk=pk, title=row["title"], summary=row["summary"], state=row["state"],
            state_label=states.get(row["state"], row["state"]),
            kind_label=kinds.get(row["kind"], row["kind"]), place=place,
            fiscal_year=row["fiscal_year"], estimated_budget=row["estimated_budget"],
            support_count=row["support_count"], created_at=row["created_at"],
            groups=sorted(groups.get(pk, [])),
        ))
    return rows


# --- editing without losing anyone's work ---------------------------------------------------

@dataclass
class EditResult:
    saved: bool
    current: Proposal                      # the proposal as it is now in the database
    changed: list[str] = field(default_factory=list)


def field_value(proposal: Proposal, name: str) -> Any:
    """A comparable value of one editable field of a saved proposal."""
    if name == "target_groups":
        return sorted(proposal.target_groups.values_list("pk", flat=True))
    if name in ("area", "strategy"):
        return getattr(proposal, f"{name}_id")
    return getattr(proposal, name)


def cleaned_value(cleaned: dict[str, Any], name: str) -> Any:
    value = cleaned.get(name)
    if name == "target_groups":
        return sorted(g.pk for g in value or [])
    if name in ("area", "strategy"):
        return value.pk if value is not None else None
    if isinstance(value, str):
        return value.strip() if name != "summary" else value
    return value


def differences(proposal: Proposal, cleaned: dict[str, Any]) -> list[str]:
    """The editable fields where ``cleaned`` differs from the saved proposal."""
    changed = []
    for name in EDITABLE_FIELDS:
        if name not in cleaned:
            continue
        old, new = field_value(proposal, name), cleaned_value(cleaned, name)
        if isinstance(old, Decimal) or isinstance(new, Decimal):
            old = Decimal(old) if old is not None else None
            new = Decimal(new) if new is not None else None
        if old != new and not (old in (None, "") and new in (None, "")):
            changed.append(name)
    return changed


def save_edit(proposal: Proposal, cleaned: dict[str, Any], version: int, user: Any) -> EditResult:
    """Save an edit made on ``version``, or refuse it if someone saved in between.

    The guard is ``UPDATE … WHERE pk = … AND version = …``: of two people who opened the same
    version, the first to save wins and the second is told, never silently overwritten.
    """
    with transaction.atomic():
        current = Proposal.objects.select_for_update().select_related("area").get(pk=proposal.pk)
        if current.version != version:
            return EditResult(saved=False, current=current)
        changed = differences(current, cleaned)
        values: dict[str, Any] = {}
        for name in changed:
            if name == "target_groups":
                continue
            value = cleaned[name]
            values[name] = value.strip() if isinstance(value, str) and name != "summary" \
                else value
        if "area" in values:
            area = values["area"]
            values["province_id"] = area.pk if area.level == Level.PROVINCE else area.province_id
        updated = Proposal.objects.filter(pk=current.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=timezone.now())
        if not updated:  # another writer got in first (databases without row locks)
            return EditResult(saved=False, current=current)
        if "target_groups" in changed:
            current.target_groups.set(cleaned["target_groups"])
        if changed:
            record_event(current, EventKind.EDIT, actor=user, fields=changed)
        current.refresh_from_db()
    return EditResult(saved=True, current=current, changed=changed)


# --- support, follow ------------------------------------------------------------------------

def toggle_support(proposal: Proposal, user: Any) -> bool:
    """Support the proposal, or take the support back. Answers whether it is supported now.

    One support per person (a unique constraint); ``support_count`` moves with it in the same
    transaction, with F() so that two people supporting at once are both counted.
    """
    with transaction.atomic():
        removed, _ = Support.objects.filter(proposal=proposal, user=user).delete()
        if removed:
            Proposal.objects.filter(pk=proposal.pk, support_count__gt=0).update(
                support_count=F("support_count") - 1)
            return False
        try:
            with transaction.atomic():
                Support.objects.create(proposal=proposal, user=user)
        except IntegrityError:  # the same person's second click, already counted
            return True
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    return True


def toggle_follow(proposal: Proposal, user: Any) -> bool:
    """Follow the proposal, or stop following it. Answers whether it is followed now."""
    with transaction.atomic():
        removed, _ = Follow.objects.filter(proposal=proposal, user=user).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                Follow.objects.create(proposal=proposal, user=user)
        except IntegrityError:
            pass
    return True


# --- comments and moderation ----------------------------------------------------------------

def add_comment(proposal: Proposal, user: Any, body: str) -> Comment:
    return Comment.objects.create(proposal=proposal, author=user, body=body.strip())


def report_comment(comment: Comment, user: Any, reason: str) -> bool:
    """Report a comment to the moderators. False if this person had reported it already."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=user, reason=reason.strip())
    except IntegrityError:
        return False
    return True


def hide_comment(comment: Comment, user: Any, reason: str) -> None:
    """Hide a comment; the reason is shown publicly in its place. The text itself is kept."""
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(
            hidden_at=timezone.now(), hidden_by=user, hidden_reason=reason.strip())
    comment.refresh_from_db()



class PublicListPaginator(Paginator):
    """A paginator whose total is kept for a minute when every anonymous visitor sees the same list.

    Counting ~100,000 published proposals costs 13 ms on PostgreSQL on every request of the
    unfiltered list; the total may lag a minute behind, the rows never do.
    """

    def __init__(self, object_list: Any, per_page: int, cache_key: str | None) -> None:
        super().__init__(object_list, per_page)
        self.cache_key = cache_key

    @cached_property
    def count(self) -> int:
        if self.cache_key is None:
            return self.object_list.count()
        return cache.get_or_set(self.cache_key, self.object_list.count, COUNT_CACHE_SECONDS)


COUNT_CACHE_SECONDS = 60


def public_count_key(user: Any, params: dict[str, str]) -> str | None:
    """A cache key for the list's total, or None when this person may see drafts of their own."""
    if getattr(user, "is_authenticated", False):
        return None
    digest = hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()[:24]
    return f"proposals:count:{digest}"
