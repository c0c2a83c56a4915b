"""The registry of civil-society organisations: who works where, on what, for whom.

Seed 000 counts 25 organisations at one Lamphun forum and asks who represents which vulnerable
group; seed 004 asks for a national civil-society database. The permission rules for each
model are declared here, beside it.
"""

from __future__ import annotations

import re
from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import (
    has_role_in,
    is_administrator,
    is_authenticated,
    organisation_ids_for,
)


class Taxonomy(models.Model):
    """An editable list entry with a Thai and an English name."""

    slug = models.SlugField(max_length=50, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_th


class IssueArea(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("issue area")
        verbose_name_plural = _("issue areas")


class TargetGroup(Taxonomy):
    """A group of people an organisation serves, e.g. older people or migrants."""

    is_vulnerable = models.BooleanField(
        _("vulnerable group"), default=True,
        help_text=_("Counted in the coverage view's list of vulnerable groups."),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class OrgType(models.TextChoices):
    CSO = "cso", _("Civil-society organisation")
    COMMUNITY = "community", _("Community organisation")
    FOUNDATION = "foundation", _("Foundation")
    ASSOCIATION = "association", _("Association")
    NETWORK = "network", _("Network")
    ACADEMIC = "academic", _("Academic institution")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    GOVERNMENT = "government", _("Government agency")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PRIVATE = "private", _("Private sector")


class RegistrationStatus(models.TextChoices):
    UNREGISTERED = "unregistered", _("Not registered")
    PUBLIC_BENEFIT = "public_benefit", _(
        "Public-benefit organisation registered with the provincial social development office"
    )
    COMMUNITY_COUNCIL = "community_council", _("Registered with the community organisation council")
    CODI_REGISTERED = "codi", _("Community organisation notified to CODI")
    FOUNDATION = "foundation", _("Registered foundation")
    ASSOCIATION = "association", _("Registered association")
    JURISTIC_OTHER = "juristic_other", _("Other juristic person")
    GOVERNMENT = "government", _("Government body")


def normalise_name(name: str) -> str:
    """The form two organisation names are compared in: case, spaces and dots ignored."""
    return re.sub(r"[\s.]+", "", name).casefold()


# --- permission predicates -------------------------------------------------------------------

@rules.predicate
def is_coordinator_of(user: Any, org: Organisation | None) -> bool:
    return org is not None and org.pk in organisation_ids_for(user, [Role.CSO_COORDINATOR])


@rules.predicate
def is_member_of(user: Any, org: Organisation | None) -> bool:
    return org is not None and org.pk in organisation_ids_for(
        user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR]
    )


@rules.predicate
def is_officer_for_organisation(user: Any, org: Organisation | None) -> bool:
    return org is not None and has_role_in(user, [Role.PROVINCIAL_OFFICER], org.home_area)


can_manage_organisation = is_administrator | is_coordinator_of | is_officer_for_organisation

rules.add_perm("orgs.view_members", is_administrator | is_member_of | is_officer_for_organisation)
rules.add_perm("orgs.verify_organisation", is_administrator | is_officer_for_organisation)
rules.add_perm("orgs.view_coverage", rules.always_allow)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def in_area(self, area: Any) -> OrganisationQuerySet:
        """Organisations that work in the area or anywhere below it."""
        if area.level == "nation":
            return self
        covered = Organisation.areas.through.objects.filter(area.subtree_q("area__"))
        return self.filter(pk__in=covered.values("organisation_id"))

    def search(self, text: str) -> OrganisationQuerySet:
        """Substring search in Thai or English names; Thai has no spaces, so no word match."""
        needle = text.strip().casefold()
        return self.filter(search_text__contains=needle) if needle else self


class Organisation(RulesModel):
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    org_type = models.CharField(_("type"), max_length=30, choices=OrgType.choices,
                                default=OrgType.CSO)
    registration_status = models.CharField(
        _("registration status"), max_length=30, choices=RegistrationStatus.choices,
        default=RegistrationStatus.UNREGISTERED,
    )
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded (B.E.)"), null=True, blank=True
    )
    description = models.TextField(_("what the organisation does"), blank=True)
    home_area = models.ForeignKey(
        "areas.Area", verbose_name=_("based in"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The area where the organisation is based (province or below)."),
    )
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas covered"), related_name="organisations",
        help_text=_("Every area the organisation works in, at any level."),
    )
    issue_areas = models.ManyToManyField(IssueArea, verbose_name=_("issue areas"), blank=True,
                                         related_name="organisations")
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups served"),
                                           blank=True, related_name="organisations")
    networks = models.ManyToManyField(
        "self", verbose_name=_("member of networks"), symmetrical=False, blank=True,
        related_name="network_members", limit_choices_to={"org_type": OrgType.NETWORK},
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=50, blank=True)
    address = models.TextField(_("office address"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    search_text = models.CharField(max_length=600, editable=False, default="", db_index=False)
    name_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    name_en_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_th"]
        # The directory lists organisations in Thai-name order, 25 at a time: an index lets the
        # database walk the order instead of sorting every organisation for each page.
        indexes = [models.Index(fields=["name_th", "id"], name="org_name_th_idx")]
        rules_permissions = {
            "view": rules.always_allow,
            "add": is_authenticated,
            "change": can_manage_organisation,
            "delete": is_administrator,
        }

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_th

    def save(self, *args, **kwargs) -> None:
        self.search_text = " ".join(
            part for part in (self.name_th, self.name_en, self.short_name) if part
        ).casefold()
        self.name_key = normalise_name(self.name_th)
        self.name_en_key = normalise_name(self.name_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("orgs:detail", args=[self.pk])

    @property
    def province(self) -> Any:
        area = self.home_area
        return area if area.level == "province" else area.province

    def same_name_in_province(self) -> OrganisationQuerySet:
        """Other organisations with this Thai or English name based in the same province."""
        province_id = self.home_area.province_id if self.home_area_id else None
        keys = {normalise_name(self.name_th)}
        if self.name_en:
            keys.add(normalise_name(self.name_en))
        qs = Organisation.objects.filter(Q(name_key__in=keys) | Q(name_en_key__in=keys))
        if province_id:
            qs = qs.filter(home_area__province_id=province_id)
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs


class Contact(models.Model):
    """A contact person. Personal data: shown publicly only when marked public."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=100, blank=True)
    is_public = models.BooleanField(
        _("show publicly"), default=False,
        help_text=_("Only with the person's consent. Otherwise only the organisation's members "
                    "and the provincial office see this contact."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_public", "name"]

    def __str__(self) -> str:
        return self.name
