"""Committee meetings (e.g. ก.บ.จ. meeting 4/2568), their agenda of proposals and decisions.

A body here is just a name, an area and a simple member list; seats and composition are added
by the representation work later. A decision can only be recorded for a proposal on the
meeting's agenda, and it moves the proposal through ``proposals.commands.transition``.
"""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import has_role_in, is_administrator


@rules.predicate
def is_officer_for_body(user: Any, obj: Any) -> bool:
    """Provincial officers run the bodies and meetings of their area."""
    if obj is None:
        from accounts.predicates import has_role_anywhere

        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])
    body = obj if isinstance(obj, Body) else obj.body
    return has_role_in(user, [Role.PROVINCIAL_OFFICER], body.area)


@rules.predicate
def is_committee_member_of(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    body = obj if isinstance(obj, Body) else obj.body
    return has_role_in(user, [Role.COMMITTEE_MEMBER], body.area)


can_run_committee = is_officer_for_body | is_administrator
rules.add_perm("committee.decide", can_run_committee)
rules.add_perm("committee.read_briefs", can_run_committee | is_committee_member_of)


class BodyKind(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial integrated administration committee (ก.บ.จ.)")
    CLUSTER = "cluster", _("Provincial cluster committee (ก.บ.ก.)")
    WORKING_GROUP = "working_group", _("Data-support working group")
    DISTRICT = "district", _("District committee")
    SUBDISTRICT = "subdistrict", _("Sub-district body")


class Body(RulesModel):
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        rules_permissions = {"view": rules.always_allow, "add": can_run_committee,
                             "change": can_run_committee, "delete": is_administrator}

    def __str__(self) -> str:
        return self.short_name or self.name_th


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position on the committee"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation or agency"), max_length=255,
                                         blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("committee member")
        ordering = ["pk"]


class Meeting(RulesModel):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("meeting number"))
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["body", "number", "year"],
                                               name="one_meeting_number_per_year")]
        rules_permissions = {"view": rules.always_allow, "add": can_run_committee,
                             "change": can_run_committee, "delete": is_administrator}

    def __str__(self) -> str:
        return f"{self.body} {self.number}/{self.year}"

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("committee:meeting", args=[self.pk])


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved into the plan")
    DEFERRED = "deferred", _("Deferred")
    REJECTED = "rejected", _("Rejected")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.PROTECT,
                                 related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices,
                                blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    @property
    def body(self) -> Body:
        return self.meeting.body

    class Meta:
        verbose_name = _("agenda item")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "proposal"],
                                               name="proposal_once_per_meeting")]
