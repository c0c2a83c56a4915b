"""Proposals (ข้อเสนอ) and their public timeline.

A proposal is synthesised by a province's working group from one or more needs and always
links to them. Its life is a state machine (``TRANSITIONS``); every change of state, and every
other step of its story (needs raised, forum, synthesis, committee decision, plan item,
funding, progress), is a ``ProposalEvent``: the timeline is one ordered table.
"""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    has_role_in,
    held_roles,
    is_administrator,
    is_authenticated,
)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCREENING = "screening", _("Being screened by the working group")
    READY = "ready", _("Ready to submit")
    SUBMITTED = "submitted", _("Submitted to the province")
    UNDER_REVIEW = "under_review", _("Under committee review")
    APPROVED = "approved", _("Approved into the plan")
    DEFERRED = "deferred", _("Deferred by the committee")
    REJECTED = "rejected", _("Rejected by the committee")
    FUNDED = "funded", _("Funded")
    IN_IMPLEMENTATION = "in_implementation", _("Being implemented")
    COMPLETED = "completed", _("Completed")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    WITHDRAWN = "withdrawn", _("Withdrawn by its authors")


# Which state may follow which. Nothing else is allowed; every step is kept.
TRANSITIONS: dict[str, set[str]] = {
    State.DRAFT: {State.SCREENING, State.WITHDRAWN},
    State.SCREENING: {State.READY, State.DRAFT, State.WITHDRAWN},
    State.READY: {State.SUBMITTED, State.SCREENING, State.WITHDRAWN},
    State.SUBMITTED: {State.UNDER_REVIEW, State.WITHDRAWN},
    State.UNDER_REVIEW: {State.APPROVED, State.DEFERRED, State.REJECTED},
    State.DEFERRED: {State.UNDER_REVIEW, State.WITHDRAWN},
    State.APPROVED: {State.FUNDED, State.NOT_IMPLEMENTED},
    State.FUNDED: {State.IN_IMPLEMENTATION, State.NOT_IMPLEMENTED},
    State.IN_IMPLEMENTATION: {State.COMPLETED, State.NOT_IMPLEMENTED},
    State.REJECTED: set(),
    State.COMPLETED: set(),
    State.NOT_IMPLEMENTED: set(),
    State.WITHDRAWN: set(),
}
# A reason is required, and public, for these.
REASON_REQUIRED = {State.REJECTED, State.DEFERRED, State.NOT_IMPLEMENTED, State.WITHDRAWN}
# States the public list shows by default (drafts are the working group's work in progress).
PUBLIC_STATES = [s for s in State.values if s not in (State.DRAFT,)]


class Kind(models.TextChoices):
    POLICY = "policy", _("Policy proposal")
    PROJECT = "project", _("Project proposal")


# --- permission predicates -------------------------------------------------------------------

@rules.predicate
def is_working_group_for(user: Any, proposal: Proposal | None) -> bool:
    return proposal is not None and has_role_in(user, [Role.WORKING_GROUP], proposal.area)


@rules.predicate
def is_officer_for(user: Any, proposal: Proposal | None) -> bool:
    return proposal is not None and has_role_in(user, [Role.PROVINCIAL_OFFICER], proposal.area)


@rules.predicate
def is_committee_member_for(user: Any, proposal: Proposal | None) -> bool:
    return proposal is not None and has_role_in(user, [Role.COMMITTEE_MEMBER], proposal.area)


@rules.predicate
def is_author(user: Any, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.created_by_id == getattr(user, "pk", None)


@rules.predicate
def is_in_a_working_group(user: Any) -> bool:
    return has_role_anywhere(user, [Role.WORKING_GROUP])


@rules.predicate
def is_published(user: Any, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.state != State.DRAFT


can_view_proposal = is_published | is_author | is_working_group_for | is_officer_for | \
    is_administrator
can_edit_proposal = is_author | is_working_group_for | is_administrator

rules.add_perm("proposals.support_proposal", is_authenticated & is_published)
rules.add_perm("proposals.follow_proposal", is_authenticated & can_view_proposal)
rules.add_perm("proposals.comment_proposal", is_authenticated & is_published)
rules.add_perm("proposals.moderate_comments",
               is_working_group_for | is_officer_for | is_administrator)

# Moving a proposal before the committee, and withdrawing it. The committee's and the plan's
# steps are taken through committee/ and planning/ (an agenda, a decision, a plan item), so they
# have no permission here: the generic transition endpoints refuse them.
can_work_on_proposal = is_working_group_for | is_administrator
rules.add_perm("proposals.move_to_screening", can_work_on_proposal)
rules.add_perm("proposals.move_to_ready", can_work_on_proposal)
rules.add_perm("proposals.return_to_draft", can_work_on_proposal)
rules.add_perm("proposals.submit_proposal", is_officer_for | is_administrator)
rules.add_perm("proposals.withdraw_proposal",
               is_author | is_working_group_for | is_administrator)

# The permission each generic move needs, by the state it moves to.
TRANSITION_PERMS: dict[str, str] = {
    "screening": "proposals.move_to_screening",
    "ready": "proposals.move_to_ready",
    "draft": "proposals.return_to_draft",
    "submitted": "proposals.submit_proposal",
    "withdrawn": "proposals.withdraw_proposal",
}


@rules.predicate
def is_comment_on_published(user: Any, comment: Comment | None) -> bool:
    return comment is not None and comment.proposal.state != State.DRAFT


@rules.predicate
def moderates_comment(user: Any, comment: Comment | None) -> bool:
    return comment is not None and user.has_perm("proposals.moderate_comments", comment.proposal)


rules.add_perm("proposals.report_comment", is_authenticated & is_comment_on_published)
rules.add_perm("proposals.hide_comment", moderates_comment)


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible_to(self, user: Any) -> ProposalQuerySet:
        """Everything but drafts, plus the drafts this person may see."""
        if is_administrator(user):
            return self
        from areas.models import Area

        allowed = ~Q(state=State.DRAFT)
        if getattr(user, "is_authenticated", False):
            allowed |= Q(created_by=user)

            for grant in held_roles(user):
                if grant.role in (Role.WORKING_GROUP, Role.PROVINCIAL_OFFICER):
                    area = Area.objects.get(pk=grant.area_id)
                    allowed |= area.subtree_q("area__")
        return self.filter(allowed)


class Proposal(RulesModel):
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(
        _("summary in plain language"),
        help_text=_("Two or three sentences someone who has never read a plan can follow."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.PROJECT)
    objectives = models.TextField(_("objectives"), blank=True)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    province = models.ForeignKey("areas.Area", null=True, blank=True, editable=False,
                                 on_delete=models.PROTECT, related_name="+")
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas it covers"), blank=True,
                                   related_name="proposals")
    target_groups = models.ManyToManyField("orgs.TargetGroup", verbose_name=_("target groups"),
                                           blank=True, related_name="proposals")
    beneficiaries = models.PositiveIntegerField(_("number of beneficiaries"), null=True,
                                                blank=True)
    estimated_budget = models.DecimalField(_("estimated budget (baht)"), max_digits=14,
                                           decimal_places=2, null=True, blank=True)
    responsible_agency = models.CharField(_("suggested responsible agency"), max_length=255,
                                          blank=True)
    strategy = models.ForeignKey("planning.Strategy", verbose_name=_("provincial strategy"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="proposals")
    evidence = models.TextField(_("evidence"), blank=True,
                                help_text=_("What the needs and data show, with sources."))
    needs = models.ManyToManyField("needs.Need", verbose_name=_("needs it came from"),
                                   related_name="proposals")
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), null=True,
                                                   blank=True, db_index=True)
    support_count = models.PositiveIntegerField(default=0, editable=False)
    # Optimistic locking: an edit based on an older version is refused, never silently lost.
    version = models.PositiveIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Newest first within a province (the list filtered by area), and within a state.
            models.Index(fields=["province", "-created_at", "-id"],
                         name="proposal_province_newest"),
            models.Index(fields=["province", "state", "-created_at"]),
            models.Index(fields=["state", "-created_at"]),
        ]
        rules_permissions = {
            "view": can_view_proposal,
            "add": is_in_a_working_group | is_administrator,
            "change": can_edit_proposal,
            "delete": is_administrator,
        }

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        area = self.area
        self.province_id = area.pk if area.level == "province" else area.province_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    def allowed_next_states(self) -> set[str]:
        return TRANSITIONS[self.state]


class EventKind(models.TextChoices):
    NEED_RAISED = "need_raised", _("Need raised")
    FORUM = "forum", _("Discussed at a forum")
    SYNTHESISED = "synthesised", _("Synthesised by the working group")
    STATE = "state", _("State changed")
    AGENDA = "agenda", _("Put on the committee's agenda")
    DECISION = "decision", _("Committee decision")
    PLAN_ITEM = "plan_item", _("Entered in the provincial plan")
    FUNDING = "funding", _("Funded")
    PROGRESS = "progress", _("Progress reported")
    EDIT = "edit", _("Edited")


class ProposalEvent(models.Model):
    """One step of a proposal's story, as the public timeline tells it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(db_index=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # The role the actor acted in, kept as text so the timeline survives role changes.
    actor_role = models.CharField(max_length=30, blank=True)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["proposal", "at"])]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.kind} {self.at:%Y-%m-%d}"


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="one_support_per_person")]


class Follow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_proposals")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="one_follow_per_person")]


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.CharField(_("public reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.CharField(_("why it should be hidden"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"],
                                               name="one_report_per_person")]
