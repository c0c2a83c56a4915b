"""Area indicators, HAI-style composite indices and budget allocation scenarios.

Everything here is public to read (open data). Writing is for officers: a provincial officer
for the areas of their province, a national analyst and an administrator anywhere
(``may_write_for``). The rules are declared here and every view and API endpoint asks them.
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
    has_role_in,
    is_administrator,
    is_national_analyst,
)

WRITER_ROLES = [Role.PROVINCIAL_OFFICER, Role.NATIONAL_ANALYST]

# --- permission predicates -------------------------------------------------------------------


@rules.predicate
def writes_somewhere(user: Any) -> bool:
    """May open the import and new-index/new-scenario pages (the area is checked on saving)."""
    return has_role_anywhere(user, WRITER_ROLES)


@rules.predicate
def writes_for_area(user: Any, area: Any) -> bool:
    """A provincial officer of the area (or above it), or a national analyst anywhere."""
    if area is None:
        return False
    return (has_role_anywhere(user, [Role.NATIONAL_ANALYST])
            or has_role_in(user, [Role.PROVINCIAL_OFFICER], area))


rules.add_perm("indicators.view_indicators", rules.always_allow)
rules.add_perm("indicators.write_somewhere", writes_somewhere | is_administrator)
rules.add_perm("indicators.redefine_indicator", is_national_analyst | is_administrator)
# The object is the Area the data is for (an import row's area, a scope of an index/scenario).
rules.add_perm("indicators.write_for_area", writes_for_area | is_administrator)


def may_write_for(user: Any, area: Any) -> bool:
    return user.has_perm("indicators.write_for_area", area)


# --- indicators ------------------------------------------------------------------------------


class Dimension(models.TextChoices):
    """The eight HAI dimensions (DESIGN.md §7), and "context" for figures such as population
    that describe an area without being part of its achievement."""

    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    WORKING_LIFE = "working_life", _("Working life")
    INCOME = "income", _("Income")
    HOUSING = "housing", _("Housing and environment")
    FAMILY = "family", _("Family and community life")
    TRANSPORT = "transport", _("Transport and communication")
    PARTICIPATION = "participation", _("Participation")
    CONTEXT = "context", _("Context (not part of an index)")


class Direction(models.TextChoices):
    POSITIVE = "positive", _("Higher is better")
    NEGATIVE = "negative", _("Lower is better")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True,
                            help_text=_("Short code used in files and the API, e.g. population."))
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.POSITIVE)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices,
                                 default=Dimension.CONTEXT)
    source = models.CharField(_("source"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("reference year (B.E.)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Made-up demonstration figures, not official statistics."))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["dimension", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_th

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.code])


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    value = models.FloatField(_("value"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "year"],
                                               name="indicator_value_once")]
        indexes = [models.Index(fields=["indicator", "year"])]


# --- composite indices -----------------------------------------------------------------------


class IndexConfig(models.Model):
    """A composite index like HAI over one set of areas: the areas of ``level`` inside
    ``scope`` (the nation and "province" for all provinces), values of ``year``."""

    name = models.CharField(_("name"), max_length=255)
    scope = models.ForeignKey("areas.Area", verbose_name=_("within"), on_delete=models.PROTECT,
                              related_name="+")
    level = models.CharField(_("areas compared"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    indicators = models.ManyToManyField(Indicator, through="IndexComponent", related_name="+")
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("composite index")
        verbose_name_plural = _("composite indices")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:index_detail", args=[self.pk])

    @property
    def level_label(self) -> str:
        from areas.models import Level

        return str(Level(self.level).label) if self.level in Level.values else self.level


class IndexComponent(models.Model):
    """An indicator of an index and the dimension it counts in (copied from the indicator
    when the index is made, so that re-classifying an indicator does not change old indices)."""

    config = models.ForeignKey(IndexConfig, on_delete=models.CASCADE, related_name="components")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["config", "indicator"],
                                               name="index_component_once")]


# --- allocation scenarios --------------------------------------------------------------------


class Rule(models.TextChoices):
    POPULATION_GAP = "population_gap", _("Population × gap (recommended)")
    EQUAL = "equal", _("Equal shares")
    POPULATION = "population", _("Population only")
    GAP = "gap", _("Gap only")


class Scenario(models.Model):
    """An envelope shared among the areas of an index by a rule, frozen when saved."""

    name = models.CharField(_("name"), max_length=255)
    index = models.ForeignKey(IndexConfig, verbose_name=_("composite index"),
                              on_delete=models.PROTECT, related_name="scenarios")
    year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    envelope = models.DecimalField(_("envelope (baht)"), max_digits=16, decimal_places=0)
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices,
                            default=Rule.POPULATION_GAP)
    floor = models.DecimalField(_("floor per area (baht)"), max_digits=16, decimal_places=0,
                                default=0)
    cap = models.DecimalField(_("cap per area (baht)"), max_digits=16, decimal_places=0,
                              null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allocation scenario")
        verbose_name_plural = _("allocation scenarios")
        ordering = ["-year", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:scenario_detail", args=[self.pk])


class ScenarioArea(models.Model):
    """One area's share of a scenario, with the figures its reason is made of."""

    class Bound(models.TextChoices):
        NONE = "", _("Proportional share")
        FLOOR = "floor", _("Raised to the floor")
        CAP = "cap", _("Limited to the cap")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    population = models.FloatField(null=True, blank=True)
    composite = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)     # 1 = highest index
    ranked = models.PositiveIntegerField(default=0)                # how many areas were ranked
    weight = models.FloatField(default=0)
    proportional = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    share = models.FloatField()
    bound = models.CharField(max_length=5, choices=Bound.choices, blank=True, default="")
    missing = models.CharField(max_length=40, blank=True)  # "population", "index", both

    class Meta:
        ordering = ["area__code"]
        constraints = [models.UniqueConstraint(fields=["scenario", "area"],
                                               name="scenario_area_once")]

    @property
    def share_percent(self) -> float:
        return self.share * 100
