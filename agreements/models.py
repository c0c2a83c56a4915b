"""Partnership agreements (บันทึกข้อตกลงความร่วมมือ, MOU) and the commitments partners made.

Seed 004 asks for memoranda of understanding and integrated action plans between partners, with
joint follow-up: an agreement names its parties (registered organisations and other agencies),
its scope, the areas it covers and its dates; each commitment has a due date and a status that
anyone may follow.

Reading is public. Recording or changing an agreement, its documents and its commitments is for
the coordinators of a party organisation, the provincial officers of one of its areas, and
administrators (``can_manage`` below). The same predicates judge an agreement not yet saved
(``AgreementDraft``), so that a form can refuse an area or a party the person cannot act for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    has_role_in,
    is_administrator,
    organisation_ids_for,
)


@dataclass
class AgreementDraft:
    """What a form is about to save: the parties and areas the rules judge."""

    organisation_ids: set[int] = field(default_factory=set)
    areas: list[Any] = field(default_factory=list)

    def party_organisation_ids(self) -> set[int]:
        return set(self.organisation_ids)

    def area_list(self) -> list[Any]:
        return list(self.areas)


def _agreement_of(obj: Any) -> Any:
    return obj.agreement if isinstance(obj, (Commitment, AgreementDocument)) else obj


@rules.predicate
def is_party_coordinator(user: Any, obj: Any) -> bool:
    """A coordinator of one of the party organisations acts for the agreement."""
    if obj is None:
        return has_role_anywhere(user, [Role.CSO_COORDINATOR])
    mine = organisation_ids_for(user, [Role.CSO_COORDINATOR])
    return bool(mine) and bool(mine & _agreement_of(obj).party_organisation_ids())


@rules.predicate
def is_officer_for_agreement(user: Any, obj: Any) -> bool:
    """A provincial officer whose grant covers one of the agreement's areas."""
    if obj is None:
        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])
    return any(has_role_in(user, [Role.PROVINCIAL_OFFICER], area)
               for area in _agreement_of(obj).area_list())


can_manage = is_party_coordinator | is_officer_for_agreement | is_administrator

rules.add_perm("agreements.manage_agreement", can_manage)
rules.add_perm("agreements.follow_commitment", rules.is_authenticated)


class Kind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding (MOU)")
    ACTION_PLAN = "action_plan", _("Integrated action plan")
    OTHER = "other", _("Other agreement")


class Agreement(RulesModel):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MOU)
    scope = models.TextField(_("scope"), help_text=_("What the partners agree to do together."))
    organisations = models.ManyToManyField(
        "orgs.Organisation", verbose_name=_("party organisations"), blank=True,
        related_name="agreements")
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"),
                                   related_name="agreements")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-signed_on", "-pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(starts_on__isnull=True) | models.Q(ends_on__isnull=True)
            | models.Q(ends_on__gte=models.F("starts_on")),
            name="agreement_ends_after_it_starts")]
        rules_permissions = {"view": rules.always_allow, "add": can_manage,
                             "change": can_manage, "delete": is_administrator}

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    # The rules read these, for a saved agreement and for an ``AgreementDraft`` alike.
    def party_organisation_ids(self) -> set[int]:
        if self.pk is None:
            return set()
        return set(self.organisations.values_list("pk", flat=True))

    def area_list(self) -> list[Any]:
        return list(self.areas.all()) if self.pk is not None else []


class Party(models.Model):
    """A party that is not a registered organisation: a government agency, a university…"""

    class PartyKind(models.TextChoices):
        AGENCY = "agency", _("Government agency or local government")
        OTHER = "other", _("Other partner")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=PartyKind.choices,
                            default=PartyKind.AGENCY)

    class Meta:
        verbose_name = _("party")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AgreementDocument(models.Model):
    """The signed text and annexes: served only through ``agreements:document``."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="agreements/%Y/%m/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement document")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:document", args=[self.agreement_id, self.pk])


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
    DROPPED = "dropped", _("Dropped")


# A commitment in these states is no longer waited for.
CLOSED = {Status.DONE, Status.DROPPED}
# Saying why is required for these: partners following the agreement need the reason.
NOTE_REQUIRED = {Status.LATE, Status.DROPPED}


class Commitment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE,
                                  related_name="commitments")
    title = models.CharField(_("commitment"), max_length=255)
    responsible = models.CharField(_("responsible party"), max_length=255, blank=True,
                                   help_text=_("Which party does it, e.g. the provincial "
                                               "social development office."))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    status_note = models.TextField(_("status note"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.agreement.get_absolute_url()}#commitment-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.status not in CLOSED and self.due_date < timezone.localdate()

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


class CommitmentUpdate(models.Model):
    """Who changed a commitment's status, when and why (the public history)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="updates")
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class CommitmentFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_commitments")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "commitment"],
                                               name="one_commitment_follow_per_person")]

