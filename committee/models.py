"""Committee meetings (e.g. ก.บ.จ. meeting 4/2568), their agenda of proposals and decisions.

A body has a name, an area and a simple member list, and its composition: seats by category
(civil-society seats between the body's minimum and maximum), the terms of the people who held
each seat, and the nominations and endorsements for vacant seats (seed 000 problem 5: Lamphun's
ก.บ.จ. may seat 4 to 12 civil-society representatives, has 6, none for older people, disability
or ethnic groups). A decision can only be recorded for a proposal on the meeting's agenda, and
it moves the proposal through ``proposals.commands.transition``.
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
from accounts.predicates import has_role_in, is_administrator, is_cso_coordinator
from orgs.models import is_coordinator_of


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


# The ก.บ.จ.'s civil-society seats: at least 4, at most 12 (seed 000, problem 5).
CSO_SEATS_MIN, CSO_SEATS_MAX = 4, 12


class Body(RulesModel):
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    cso_seats_min = models.PositiveSmallIntegerField(
        _("minimum civil-society seats"), default=CSO_SEATS_MIN,
        help_text=_("The least number of civil-society seats the rules give this body."))
    cso_seats_max = models.PositiveSmallIntegerField(
        _("maximum civil-society seats"), default=CSO_SEATS_MAX,
        help_text=_("No more civil-society seats than this can be created."))

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        rules_permissions = {"view": rules.always_allow, "add": can_run_committee,
                             "change": can_run_committee, "delete": is_administrator}

    def __str__(self) -> str:
        return self.short_name or self.name_th

    def get_absolute_url(self) -> str:
        return reverse("committee:body", args=[self.pk])


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


# --- composition: seats, terms, nominations ------------------------------------------------

@rules.predicate
def coordinates_an_organisation(user: Any, obj: Any = None) -> bool:
    """Coordinators act for their organisation; which one is checked with ``nominate_for``."""
    return is_cso_coordinator(user)


@rules.predicate
def coordinates_another_organisation(user: Any, nomination: Any) -> bool:
    """An endorsement comes from an organisation other than the nominating one."""
    if nomination is None:
        return False
    from accounts.predicates import organisation_ids_for

    return bool(organisation_ids_for(user, [Role.CSO_COORDINATOR]) - {nomination.organisation_id})


rules.add_perm("committee.nominate", coordinates_an_organisation)
rules.add_perm("committee.nominate_for", is_coordinator_of)
rules.add_perm("committee.endorse", coordinates_another_organisation)
# Candidates' names and statements: for the coordinators who may endorse them and for the
# officers who select. The public sees which organisations nominated, and who was selected.
rules.add_perm("committee.view_nominations", can_run_committee | coordinates_an_organisation)


class SeatCategory(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Ex officio (government)")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class Seat(RulesModel):
    """One place on a body, held by one person at a time over successive terms."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveSmallIntegerField(_("seat number"))
    category = models.CharField(_("category"), max_length=20, choices=SeatCategory.choices)
    title = models.CharField(_("seat title"), max_length=255,
                             help_text=_("e.g. Civil-society representative for disability"))
    qualification = models.TextField(
        _("qualification criteria"), blank=True,
        help_text=_("Who may hold this seat and who may nominate for it, in plain words."))
    target_groups = models.ManyToManyField(
        "orgs.TargetGroup", verbose_name=_("reserved for target groups"), blank=True,
        related_name="+")
    issue_areas = models.ManyToManyField(
        "orgs.IssueArea", verbose_name=_("reserved for issue areas"), blank=True,
        related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "number"]
        constraints = [models.UniqueConstraint(fields=["body", "number"],
                                               name="one_seat_number_per_body")]
        rules_permissions = {"view": rules.always_allow, "add": can_run_committee,
                             "change": can_run_committee, "delete": is_administrator}

    def __str__(self) -> str:
        return f"{self.body} #{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("committee:seat", args=[self.pk])

    @property
    def is_civil_society(self) -> bool:
        return self.category == SeatCategory.CIVIL_SOCIETY


class SeatTerm(models.Model):
    """Who held a seat, from ``starts_on`` until ``ends_on`` (the day they no longer sit).

    ``ends_on`` is empty while the term runs. Committee membership is public record, so the
    holder's name is shown publicly.
    """

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="terms")
    holder_name = models.CharField(_("holder's name"), max_length=200)
    holder_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("holder's Klang account"))
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("organisation"))
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ended on"), null=True, blank=True)
    target_groups = models.ManyToManyField(
        "orgs.TargetGroup", verbose_name=_("target groups represented"), blank=True,
        related_name="+")
    issue_areas = models.ManyToManyField(
        "orgs.IssueArea", verbose_name=_("issue areas represented"), blank=True,
        related_name="+")
    nomination = models.OneToOneField("Nomination", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="term")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    end_reason = models.TextField(_("why the term ended"), blank=True)

    class Meta:
        verbose_name = _("seat term")
        verbose_name_plural = _("seat terms")
        ordering = ["seat", "-starts_on", "-pk"]
        indexes = [models.Index(fields=["seat", "starts_on"], name="seat_term_start_idx")]

    def __str__(self) -> str:
        return f"{self.holder_name} ({self.seat})"

    @property
    def body(self) -> Body:
        return self.seat.body

    def is_current(self, today: Any) -> bool:
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the selection")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class Nomination(models.Model):
    """An organisation puts a candidate forward for a vacant seat."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="nominations")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("nominating organisation"))
    candidate_name = models.CharField(_("candidate's name"), max_length=200)
    candidate_organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("candidate's organisation"))
    statement = models.TextField(_("why this candidate"))
    target_groups = models.ManyToManyField(
        "orgs.TargetGroup", verbose_name=_("target groups the candidate would represent"),
        blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=15, choices=NominationStatus.choices,
                              default=NominationStatus.PENDING)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["seat", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate_name} ({self.seat})"

    @property
    def body(self) -> Body:
        return self.seat.body


class Endorsement(models.Model):
    """Another organisation supports a nomination; one endorsement per organisation."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE,
                                   related_name="endorsements")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("endorsing organisation"))
    note = models.TextField(_("note"), blank=True)
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["nomination", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["nomination", "organisation"],
                                               name="one_endorsement_per_organisation")]
