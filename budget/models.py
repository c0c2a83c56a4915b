"""Provincial and cluster budget lines, their classes, and the links to plan items and proposals.

Seed 000: about 70% of a province's development budget goes to infrastructure and about 30% to
quality of life. To show that, every imported line gets a class: the keyword rules of
``budget.suggest`` suggest one, a provincial officer confirms or changes it.

Budget data are public money: everyone may read them. Importing, classifying and linking are for
the provincial officers of the line's province (for a line placed on a provincial cluster, an
officer of any province in the cluster), national analysts and administrators.
"""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    held_roles,
    is_administrator,
    is_national_analyst,
)
from planning.models import FundingSource

QUALITY_OF_LIFE = "quality-of-life"
INFRASTRUCTURE = "infrastructure"


def officer_may_manage(user: Any, area: Any) -> bool:
    """A provincial officer whose grant covers ``area``; for a cluster, any of its provinces."""
    if area is None:
        return False
    grants = [g for g in held_roles(user) if g.role == Role.PROVINCIAL_OFFICER]
    if not grants:
        return False
    if area.level == "cluster":
        from areas.models import Area

        granted = {g.area_id for g in grants}
        return Area.objects.filter(pk__in=granted, cluster_id=area.pk).exists() or \
            area.pk in granted
    lineage = set(area.lineage_ids())
    return any(g.area_id in lineage for g in grants)


@rules.predicate
def is_officer_for_budget(user: Any, obj: Any) -> bool:
    """``obj``: a budget line or an area (a province, or a cluster); None: anywhere."""
    if obj is None:
        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])
    area = obj.area if isinstance(obj, BudgetLine) else obj
    return officer_may_manage(user, area)


can_manage_budget = is_officer_for_budget | is_national_analyst | is_administrator
rules.add_perm("budget.view_budget", rules.always_allow)
# Import a file (``obj`` None: may import at all; each row is then checked with its area).
rules.add_perm("budget.import_lines", can_manage_budget)
# Confirm or change a line's class, target groups and links (``obj``: a line or a province).
rules.add_perm("budget.classify_lines", can_manage_budget)
rules.add_perm("budget.link_lines", can_manage_budget)


class BudgetClass(models.Model):
    """An editable class of spending. ``keywords`` are the suggestion rules (one per line)."""

    slug = models.SlugField(max_length=50, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    keywords = models.TextField(
        _("keywords"), blank=True,
        help_text=_("One word or phrase per line, Thai or English. A line whose project or "
                    "plan contains one of them is suggested this class."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    # Which class's keywords are tried first when several match (see budget.suggest).
    match_order = models.PositiveSmallIntegerField(_("order of the keyword rules"), default=100)

    class Meta:
        verbose_name = _("budget class")
        verbose_name_plural = _("budget classes")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_th

    def keyword_list(self) -> list[str]:
        return [k.strip().casefold() for k in self.keywords.splitlines() if k.strip()]


class BudgetImport(models.Model):
    """One imported file: who, when, and what became of its rows."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("budget import")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.file_name


class BudgetLine(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    plan = models.CharField(_("plan"), max_length=255, blank=True)
    project = models.CharField(_("project"), max_length=500)
    agency = models.CharField(_("agency"), max_length=255)
    amount = models.DecimalField(_("amount (baht)"), max_digits=15, decimal_places=2)
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    # Where the project is: a province, a district or sub-district in it, or a cluster.
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    # The area's lineage, copied so that "this province's lines" is one indexed equality.
    province = models.ForeignKey("areas.Area", null=True, blank=True, editable=False,
                                 on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("areas.Area", null=True, blank=True, editable=False,
                                 on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey("areas.Area", null=True, blank=True, editable=False,
                                on_delete=models.PROTECT, related_name="+")
    budget_class = models.ForeignKey(BudgetClass, verbose_name=_("class"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="lines")
    suggested_class = models.ForeignKey(BudgetClass, verbose_name=_("suggested class"),
                                        null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    class_confirmed = models.BooleanField(_("class confirmed"), default=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    target_groups = models.ManyToManyField("orgs.TargetGroup", verbose_name=_("target groups"),
                                           blank=True, related_name="budget_lines")
    plan_items = models.ManyToManyField("planning.PlanItem", verbose_name=_("plan items"),
                                        blank=True, related_name="budget_lines")
    proposals = models.ManyToManyField("proposals.Proposal", verbose_name=_("proposals"),
                                       blank=True, related_name="budget_lines")
    # year|area code of the province or cluster|project|agency|amount, normalised: a second
    # import of the same line finds it (see budget.importer.line_key).
    key = models.CharField(max_length=64, unique=True, editable=False)
    imported_from = models.ForeignKey(BudgetImport, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="lines")
    row_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-fiscal_year", "-amount", "pk"]
        indexes = [
            # The lists' order (newest year, largest amount first) within each filter.
            models.Index(fields=["province", "fiscal_year", "amount"],
                         name="budget_province_year"),
            models.Index(fields=["district", "fiscal_year", "amount"],
                         name="budget_district_year"),
            models.Index(fields=["cluster", "fiscal_year", "amount"], name="budget_cluster_year"),
            models.Index(fields=["fiscal_year", "amount", "id"], name="budget_year_amount"),
            models.Index(fields=["budget_class", "source", "fiscal_year", "amount"],
                         name="budget_class_source"),
            models.Index(fields=["source", "fiscal_year", "amount"], name="budget_source"),
        ]

    def __str__(self) -> str:
        return self.project

    def get_absolute_url(self) -> str:
        return reverse("budget:line", args=[self.pk])

    def set_lineage(self) -> None:
        self.province_id = self.area.province_id
        self.district_id = self.area.district_id
        self.cluster_id = self.area.cluster_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_lineage()
        super().save(*args, **kwargs)


class BudgetVersion(models.Model):
    """A token that changes with every write that can change a summary, per scope: a province,
    a cluster (its cluster-wide lines), or ``ALL`` (classes, target groups). Cached summaries are
    keyed by the tokens, so a write makes the old cache entries unreachable in every process,
    in the same transaction as the write itself (see ``budget.versions``)."""

    ALL = "all"

    scope = models.CharField(max_length=20, unique=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("budget version")

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
