"""The provincial development plan: its strategies and plan items, and their funding.

An approved proposal becomes a plan item under one of the plan's strategies (Lamphun's plan has
four; social and quality-of-life work sits under "security of livelihood", seed 000). A plan
item may have children; a parent's progress is its children's, weighted by budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import has_role_in, is_administrator, is_authenticated
from areas.models import Level


@rules.predicate
def is_officer_for_plan(user: Any, obj: Any) -> bool:
    if obj is None:
        from accounts.predicates import has_role_anywhere

        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])
    plan = obj if isinstance(obj, Plan) else obj.plan
    return has_role_in(user, [Role.PROVINCIAL_OFFICER], plan.area)


can_manage_plan = is_officer_for_plan | is_administrator
rules.add_perm("planning.fund_plan_item", can_manage_plan)
rules.add_perm("planning.report_progress", can_manage_plan)
# Starting the work and recording its outcome (completed / not implemented).
rules.add_perm("planning.implement_plan_item", can_manage_plan)


class Plan(RulesModel):
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField(_("title"), max_length=255)
    first_year = models.PositiveSmallIntegerField(_("first year (B.E.)"))
    last_year = models.PositiveSmallIntegerField(_("last year (B.E.)"))

    class Meta:
        verbose_name = _("development plan")
        ordering = ["-first_year"]
        rules_permissions = {"view": rules.always_allow, "add": can_manage_plan,
                             "change": can_manage_plan, "delete": is_administrator}

    def __str__(self) -> str:
        return self.title


class Strategy(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    number = models.PositiveSmallIntegerField(_("number"))
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan", "number"]

    def __str__(self) -> str:
        name = self.name_en if get_language() == "en" and self.name_en else self.name_th
        return f"{self.number}. {name}"


class PlanItem(RulesModel):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="items")
    strategy = models.ForeignKey(Strategy, verbose_name=_("strategy"), on_delete=models.PROTECT,
                                 related_name="items")
    proposal = models.OneToOneField("proposals.Proposal", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="plan_item")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    title = models.CharField(_("title"), max_length=255)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), db_index=True)
    owner_agency = models.CharField(_("owner agency"), max_length=255)
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2,
                                 default=Decimal("0"))
    # The latest reported progress of this item itself (0–100); see rolled_up_progress().
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["strategy", "pk"]
        rules_permissions = {"view": rules.always_allow, "add": can_manage_plan,
                             "change": can_manage_plan, "delete": is_administrator}

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:item", args=[self.pk])

    def rolled_up_progress(self) -> float:
        """Own progress for a leaf; for a parent, the children's, weighted by their budget."""
        children = list(self.children.all())
        if not children:
            return float(self.progress)
        total = sum((c.budget for c in children), Decimal("0"))
        if total == 0:
            return sum(c.rolled_up_progress() for c in children) / len(children)
        return float(sum(Decimal(str(c.rolled_up_progress())) * c.budget for c in children)
                     / total)


class FundingSource(models.TextChoices):
    PROVINCE = "province", _("Provincial budget")
    CLUSTER = "cluster", _("Provincial cluster budget")
    THAIHEALTH = "thaihealth", _("ThaiHealth (สสส.)")
    NHSO = "nhso", _("NHSO (สปสช.)")
    CODI = "codi", _("CODI (พอช.)")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    COMMUNITY_FUND = "community_fund", _("Community fund")
    PRIVATE = "private", _("Private")
    OTHER = "other", _("Other")


class Funding(models.Model):
    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="fundings")
    amount = models.DecimalField(_("amount (baht)"), max_digits=14, decimal_places=2)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    agency = models.CharField(_("agency"), max_length=255)
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices,
                              default=FundingSource.PROVINCE)
    budget_line = models.CharField(_("budget line"), max_length=255, blank=True,
                                   help_text=_("The budget line or project code it is paid from."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("funding")
        ordering = ["recorded_at"]


# --- the planning calendar ("the pulse", seed 000 problem 9; seed 001) -----------------------
#
# A plan type is made at one level (village plan, sub-district plan, …, regional plan). Each
# fiscal year it has a cycle of milestones. The national template cycle (area empty) holds the
# usual dates; a province (or district) may set its own dates in a cycle for its area, which
# then overrides the template for that area and everything below it.

@rules.predicate
def is_officer_for_area(user: Any, area: Any) -> bool:
    if area is None:
        from accounts.predicates import has_role_anywhere

        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])
    return has_role_in(user, [Role.PROVINCIAL_OFFICER], area)


# A province's officer sets the province's own dates for a cycle (``obj`` is the province).
rules.add_perm("planning.set_cycle_dates", is_officer_for_area | is_administrator)
# Anyone logged in may follow an area's planning pulse and be reminded of its milestones.
rules.add_perm("planning.follow_pulse", is_authenticated)


class Localised:
    """``name``, ``responsible`` … in the page's language, Thai when there is no English."""

    def _pick(self, field: str) -> str:
        english = getattr(self, f"{field}_en", "")
        return english if get_language() == "en" and english else getattr(self, f"{field}_th")


class PlanType(Localised, models.Model):
    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=12, db_index=True, choices=Level.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    summary_th = models.TextField(_("what this plan is (Thai)"), blank=True)
    summary_en = models.TextField(_("what this plan is (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan type")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._pick("name")

    @property
    def summary(self) -> str:
        return self._pick("summary")


class Cycle(models.Model):
    plan_type = models.ForeignKey(PlanType, verbose_name=_("plan type"),
                                  on_delete=models.CASCADE, related_name="cycles")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), db_index=True)
    # Empty: the national template. Otherwise the area whose own dates these are.
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("planning cycle")
        ordering = ["plan_type__order", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["plan_type", "fiscal_year", "area"],
                                    name="planning_cycle_once_per_area"),
            models.UniqueConstraint(fields=["plan_type", "fiscal_year"],
                                    condition=models.Q(area__isnull=True),
                                    name="planning_cycle_one_template"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_type} {self.fiscal_year}"


class Milestone(Localised, models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(_("order"))
    slug = models.SlugField(_("short name"), max_length=60)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"))
    responsible_th = models.CharField(_("responsible body (Thai)"), max_length=255, blank=True)
    responsible_en = models.CharField(_("responsible body (English)"), max_length=255,
                                      blank=True)
    civil_society_th = models.TextField(_("what civil society can do (Thai)"), blank=True)
    civil_society_en = models.TextField(_("what civil society can do (English)"), blank=True)
    # True when no official date is known: pages then say "(estimated date)".
    is_estimate = models.BooleanField(_("estimated date"), default=True)
    # The last step at which a new need or proposal can still enter this cycle.
    is_entry_deadline = models.BooleanField(_("last step to bring in proposals"), default=False)
    source = models.TextField(_("source of the date"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        ordering = ["cycle", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "order"],
                                               name="planning_milestone_order_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._pick("name")

    @property
    def responsible(self) -> str:
        return self._pick("responsible")

    @property
    def civil_society(self) -> str:
        return self._pick("civil_society")

    def clean(self) -> None:
        """The admin's check: dates in order within the cycle (see planning.calendar)."""
        from django.core.exceptions import ValidationError

        from planning.calendar import CalendarError, check_order

        if self.cycle_id is None or self.starts_on is None or self.ends_on is None:
            return
        rows = [m for m in self.cycle.milestones.exclude(pk=self.pk)] + [self]
        try:
            check_order(sorted(rows, key=lambda m: m.order))
        except CalendarError as error:
            raise ValidationError(str(error)) from error


class AreaFollow(models.Model):
    """Someone who wants to hear N days before each milestone of an area's planning pulse."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="pulse_follows")
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField(_("days before"), default=7)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed planning pulse")
        constraints = [models.UniqueConstraint(fields=["user", "area"],
                                               name="planning_follow_area_once")]


class MilestoneReminder(models.Model):
    """A reminder sent: one per person and milestone, whatever they follow and however often
    the command runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "milestone"],
                                               name="planning_remind_once")]
