"""Joint funding (seeds 000, 002): funders, grants, community pilot funds; pledges (seed 004).

Grants and the province's ``planning.Funding`` rows are two records of money. A grant is money
a funder gives an organisation (optionally for a plan item or a proposal); a planning funding
is money the province recorded against a plan item. When both describe the same money, the
grant points at the planning row (``planning_funding``) and totals count it once. Funders map
to a ``planning.FundingSource`` (``planning_source``) so planning rows count in funder totals.

Who may do what is declared here with ``rules``; views and the API only ask ``has_perm``.
Pledges hold no personal data unless the donor opts in: a name only to be shown, an e-mail
only to be contacted, and the e-mail is for the campaign's organisation coordinator alone.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

import rules
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    has_role_in,
    is_administrator,
    organisation_ids_for,
)
from planning.models import FundingSource

ZERO = Decimal("0")
# A pledge is a promise typed by anyone on the internet: keep it within what a person gives.
MAX_PLEDGE = Decimal("1000000")
MONEY = {"max_digits": 14, "decimal_places": 2}


# --- predicates ------------------------------------------------------------------------------

def _area_of(obj: Any) -> Any:
    return getattr(obj, "area", None)


@rules.predicate
def is_officer_or_funder_for(user: Any, obj: Any) -> bool:
    """Provincial officers and funders record grants in their area (anywhere, with no object)."""
    roles = [Role.PROVINCIAL_OFFICER, Role.FUNDER]
    if obj is None:
        return has_role_anywhere(user, roles)
    return has_role_in(user, roles, _area_of(obj))


@rules.predicate
def is_officer_anywhere(user: Any) -> bool:
    return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])


@rules.predicate
def coordinates_organisation(user: Any, obj: Any) -> bool:
    """The coordinator of the organisation that manages the fund or runs the campaign; with no
    object, the coordinator of any organisation (who may start one for it)."""
    mine = organisation_ids_for(user, [Role.CSO_COORDINATOR])
    if obj is None:
        return bool(mine)
    return getattr(obj, "organisation_id", None) in mine


rules.add_perm("funding.manage_funders", is_officer_anywhere | is_administrator)
rules.add_perm("funding.add_grant", is_officer_or_funder_for | is_administrator)
rules.add_perm("funding.change_grant", is_officer_or_funder_for | is_administrator)
rules.add_perm("funding.add_pilotfund", coordinates_organisation | is_administrator)
# Disbursements, reports and results: the managing organisation's coordinator only.
rules.add_perm("funding.manage_pilotfund", coordinates_organisation)
rules.add_perm("funding.add_campaign", coordinates_organisation)
# Confirming transfers and reading donors' e-mails: the campaign organisation's coordinator.
rules.add_perm("funding.manage_campaign", coordinates_organisation)


# --- funders and grants ----------------------------------------------------------------------

class FunderKind(models.TextChoices):
    PUBLIC_FUND = "public_fund", _("Public fund")
    GOVERNMENT = "government", _("Government")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    FOUNDATION = "foundation", _("Foundation")
    PRIVATE = "private", _("Private company")
    COMMUNITY = "community", _("Community fund")
    INTERNATIONAL = "international", _("International")
    OTHER = "other", _("Other")


class Funder(models.Model):
    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FunderKind.choices,
                            default=FunderKind.OTHER)
    planning_source = models.CharField(
        _("source in the provincial plan"), max_length=20, blank=True,
        choices=FundingSource.choices,
        help_text=_("Plan-item funding recorded by the province with this source counts in "
                    "this funder's totals."))
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("funder")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_th

    def get_absolute_url(self) -> str:
        return reverse("funding:funder", args=[self.slug])


class GrantStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    DISBURSED = "disbursed", _("Paid out")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses whose money counts in totals.
COUNTED = [GrantStatus.APPROVED, GrantStatus.DISBURSED, GrantStatus.COMPLETED]


class Grant(models.Model):
    funder = models.ForeignKey(Funder, verbose_name=_("funder"), on_delete=models.PROTECT,
                               related_name="grants")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("recipient organisation"),
                                     on_delete=models.PROTECT, related_name="grants")
    title = models.CharField(_("project"), max_length=255)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+", help_text=_("Where the money is spent."))
    plan_item = models.ForeignKey("planning.PlanItem", verbose_name=_("plan item"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="grants")
    proposal = models.ForeignKey("proposals.Proposal", verbose_name=_("proposal"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="grants")
    # The same money as a plan-item funding the province recorded: counted once in totals.
    planning_funding = models.OneToOneField("planning.Funding", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="grant")
    amount = models.DecimalField(_("amount (baht)"), **MONEY,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), db_index=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)])
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=GrantStatus.choices,
                              default=GrantStatus.APPROVED, db_index=True)
    is_illustrative = models.BooleanField(_("illustrative (demo) figures"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        ordering = ["-fiscal_year", "funder__sort_order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:grant", args=[self.pk])


# --- community-managed pilot funds -----------------------------------------------------------

class PilotFund(models.Model):
    title = models.CharField(_("name of the fund"), max_length=255)
    description = models.TextField(_("what the fund is for"))
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("managing organisation"),
                                     on_delete=models.PROTECT, related_name="pilot_funds")
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    budget = models.DecimalField(_("budget (baht)"), **MONEY,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    grants = models.ManyToManyField(Grant, verbose_name=_("grants that fund it"), blank=True,
                                    related_name="pilot_funds")
    plan_item = models.ForeignKey("planning.PlanItem", verbose_name=_("plan item"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    results = models.TextField(
        _("results so far"), blank=True,
        help_text=_("What changed for people, with figures: the case for scaling it up."))
    is_illustrative = models.BooleanField(_("illustrative (demo) figures"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community pilot fund")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:pilot", args=[self.pk])

    def disbursed(self) -> Decimal:
        return self.disbursements.aggregate(total=models.Sum("amount"))["total"] or ZERO

    def balance(self) -> Decimal:
        return self.budget - self.disbursed()


class Disbursement(models.Model):
    fund = models.ForeignKey(PilotFund, on_delete=models.CASCADE, related_name="disbursements")
    paid_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (baht)"), **MONEY,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    recipient = models.CharField(
        _("to whom or what"), max_length=200,
        help_text=_("A label such as “village health volunteers, Moo 3” or “transport for 12 "
                    "patients”. Never a person's name, ID number or health details."))
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disbursement")
        ordering = ["paid_on", "pk"]


def report_path(instance: PilotReport, filename: str) -> str:
    # A random name: the original may contain a person's name.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"funding/reports/{instance.fund_id}/{secrets.token_hex(8)}.{suffix}"


class PilotReport(models.Model):
    fund = models.ForeignKey(PilotFund, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("report"))
    file = models.FileField(_("document"), upload_to=report_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pilot fund report")
        ordering = ["-submitted_at", "-pk"]


# --- pledge campaigns ------------------------------------------------------------------------

class Campaign(models.Model):
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(_("title"), max_length=255)
    story = models.TextField(_("the story"),
                             help_text=_("Who the money helps and what it will do."))
    goal = models.DecimalField(_("goal (baht)"), **MONEY,
                               validators=[MinValueValidator(Decimal("1"))])
    deadline = models.DateField(_("deadline"))
    promptpay_id = models.CharField(
        _("PromptPay ID of the organisation"), max_length=20,
        help_text=_("The organisation's 13-digit tax ID or the mobile number registered for "
                    "PromptPay. Donors transfer to it directly; Klang never holds money."))
    proposal = models.ForeignKey("proposals.Proposal", verbose_name=_("proposal"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    plan_item = models.ForeignKey("planning.PlanItem", verbose_name=_("plan item"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    is_open = models.BooleanField(_("open for pledges"), default=True)
    is_illustrative = models.BooleanField(_("illustrative (demo) figures"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pledge campaign")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:campaign", args=[self.pk])

    def accepts_pledges(self, today: Any) -> bool:
        return self.is_open and today <= self.deadline


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged, not yet confirmed")
    CONFIRMED = "confirmed", _("Transfer received")
    NOT_RECEIVED = "not_received", _("Not received")


def new_reference() -> str:
    # Shown to the donor to put in the transfer's note; also the address of their QR page.
    return secrets.token_urlsafe(12)


class Pledge(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    reference = models.CharField(max_length=32, unique=True, default=new_reference,
                                 editable=False)
    amount = models.DecimalField(
        _("amount (baht)"), **MONEY,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(MAX_PLEDGE)])
    status = models.CharField(_("status"), max_length=12, choices=PledgeStatus.choices,
                              default=PledgeStatus.PLEDGED, db_index=True)
    # Personal data only by the donor's choice: empty unless they opted in.
    show_name = models.BooleanField(_("show my name on the campaign page"), default=False)
    display_name = models.CharField(_("name to show"), max_length=100, blank=True)
    may_contact = models.BooleanField(_("the organisation may contact me"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("pledge")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0),
                                   name="funding_pledge_amount_positive"),
            models.CheckConstraint(condition=models.Q(show_name=True) | models.Q(display_name=""),
                                   name="funding_pledge_name_only_if_shown"),
            models.CheckConstraint(condition=models.Q(may_contact=True) | models.Q(email=""),
                                   name="funding_pledge_email_only_if_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("funding:pledge", args=[self.reference])

    @property
    def public_name(self) -> str:
        return self.display_name if self.show_name and self.display_name else ""
