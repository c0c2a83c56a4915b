"""Needs and problems (ประเด็นปัญหา / ความต้องการ) raised by organisations, forums and citizens.

A need is public unless marked sensitive; a sensitive need is seen only by the person who
raised it, the raising organisations' members and the working group of its province (and
administrators). ``Need.objects.visible_to(user)`` is the one place that rule is applied to
lists, counts, feeds and the API.
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
    organisation_ids_for,
)


class Urgency(models.TextChoices):
    LOW = "low", _("Can wait")
    MEDIUM = "medium", _("Should be addressed this year")
    HIGH = "high", _("Urgent")
    CRITICAL = "critical", _("Life or safety at risk")


class NeedStatus(models.TextChoices):
    NEW = "new", _("New, waiting for screening")
    MORE_INFO = "more_info", _("Needs more information")
    ACCEPTED = "accepted", _("Accepted by the working group")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    MERGED = "merged", _("Merged into another need")
    SPLIT = "split", _("Split into separate needs")
    IN_PROPOSAL = "in_proposal", _("Part of a proposal")


# --- permission predicates -------------------------------------------------------------------

@rules.predicate
def raised_it(user: Any, need: Need | None) -> bool:
    if need is None or not getattr(user, "is_authenticated", False):
        return False
    if need.raised_by_id == user.pk:
        return True
    # Someone whose own need was merged into this one is still one of its sources.
    if need.pk and need.merged_needs.filter(raised_by=user).exists():
        return True
    mine = organisation_ids_for(user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR])
    return bool(mine) and need.organisations.filter(pk__in=mine).exists()


@rules.predicate
def is_working_group_for(user: Any, need: Need | None) -> bool:
    return need is not None and has_role_in(user, [Role.WORKING_GROUP], need.area)


@rules.predicate
def is_public_need(user: Any, need: Need | None) -> bool:
    return need is not None and not need.is_sensitive


@rules.predicate
def is_working_group_of_province(user: Any, province: Any) -> bool:
    """A working-group grant covering ``province``; with no province, a grant anywhere."""
    if province is None:
        return has_role_anywhere(user, [Role.WORKING_GROUP])
    return has_role_in(user, [Role.WORKING_GROUP], province)


can_see_need = is_public_need | raised_it | is_working_group_for | is_administrator
can_screen_need = is_working_group_for | is_administrator

rules.add_perm("needs.screen_need", can_screen_need)
# The working group's queue of a province (the object is the province Area).
rules.add_perm("needs.view_queue", is_working_group_of_province | is_administrator)
rules.add_perm("needs.support_need", is_authenticated & can_see_need)


class NeedQuerySet(models.QuerySet["Need"]):
    def visible_to(self, user: Any) -> NeedQuerySet:
        """Public needs, and the sensitive ones this person may see."""
        if is_administrator(user):
            return self
        allowed = Q(is_sensitive=False)
        if getattr(user, "is_authenticated", False):
            allowed |= Q(raised_by=user)
            # Needs into which one of this person's needs was merged.
            allowed |= Q(pk__in=Need.objects.filter(merged_needs__raised_by=user)
                         .values("pk"))
            mine = organisation_ids_for(user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR])
            if mine:
                allowed |= Q(pk__in=Need.organisations.through.objects.filter(
                    organisation_id__in=mine).values("need_id"))
            for grant in held_roles(user):
                if grant.role == Role.WORKING_GROUP:
                    from areas.models import Area

                    area = Area.objects.get(pk=grant.area_id)
                    allowed |= area.subtree_q("area__")
        return self.filter(allowed)

    def in_queue_of(self, province: Any) -> NeedQuerySet:
        """The working group's queue: needs in the province still waiting for a decision."""
        return self.filter(province=province,
                           status__in=[NeedStatus.NEW, NeedStatus.MORE_INFO])


class Need(RulesModel):
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    # The province the need belongs to (derived from the area), for the working group's queue.
    province = models.ForeignKey("areas.Area", null=True, blank=True, editable=False,
                                 on_delete=models.PROTECT, related_name="+")
    target_groups = models.ManyToManyField("orgs.TargetGroup", verbose_name=_("target groups"),
                                           blank=True, related_name="needs")
    issue_area = models.ForeignKey("orgs.IssueArea", verbose_name=_("issue area"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices,
                               default=Urgency.MEDIUM)
    is_sensitive = models.BooleanField(
        _("sensitive"), default=False,
        help_text=_("Only the raising organisation and the province's working group will see "
                    "this need."),
    )
    people_affected = models.PositiveIntegerField(_("people affected (estimate)"), null=True,
                                                  blank=True)
    # Sources: every person, organisation and forum that raised it (kept through merges).
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    organisations = models.ManyToManyField("orgs.Organisation", verbose_name=_("raised by"),
                                           blank=True, related_name="needs")
    forums = models.ManyToManyField("forums.Forum", verbose_name=_("raised at"), blank=True,
                                    related_name="needs")
    supporters = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                        related_name="supported_needs")
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices,
                              default=NeedStatus.NEW, db_index=True)
    screening_reason = models.TextField(_("reason given by the working group"), blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    screened_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_needs")
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="split_needs")
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=None, null=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["province", "status"])]
        rules_permissions = {
            "view": can_see_need,
            "add": is_authenticated,
            "change": raised_it | can_screen_need,
            "delete": is_administrator,
        }

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        from django.utils import timezone

        if self.created_at is None:
            self.created_at = timezone.now()
        area = self.area
        self.province_id = area.pk if area.level == "province" else area.province_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", args=[self.pk])


class NeedEvidence(models.Model):
    """What backs a need: a document, a figure with its source, or a link."""

    class Kind(models.TextChoices):
        FIGURE = "figure", _("A number with its source")
        DOCUMENT = "document", _("Document")
        LINK = "link", _("Link")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("what it shows"), max_length=255)
    value = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True,
                                blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="needs/%Y/%m/", blank=True)
    # Found from the file's content when it was uploaded (never from the name or the browser).
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at"]
