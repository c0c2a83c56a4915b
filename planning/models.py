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
from accounts.predicates import has_role_in, is_administrator


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
