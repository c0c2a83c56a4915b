"""Planning areas: the seven levels at which Thai development plans are made (seed 001).

nation > NESDC region > provincial cluster > province > district > sub-district > village.

Each area stores, besides its parent, the area above it at every level (its *lineage*), and
itself at its own level. "This province and everything below it" is then one equality on an
indexed column (``province_id = X``) on any database, and the ancestors of an area are known
without walking up the tree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATION = "nation", _("Nation")
    REGION = "region", _("Region")
    CLUSTER = "cluster", _("Provincial cluster")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    VILLAGE = "village", _("Village / community")


# Top to bottom. The lineage columns are the levels between nation and village.
LEVEL_ORDER: list[str] = [level.value for level in Level]
LINEAGE_LEVELS: list[str] = ["region", "cluster", "province", "district", "subdistrict"]


class AreaQuerySet(models.QuerySet["Area"]):
    def within(self, area: Area) -> AreaQuerySet:
        """The area and every area below it."""
        return self.filter(area.subtree_q())

    def at_level(self, level: str) -> AreaQuerySet:
        return self.filter(level=level)


class Area(models.Model):
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        help_text=_("Official DOPA code: 2 digits for a province, 4 for a district, 6 for a "
                    "sub-district, 8 for a village."),
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cluster = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subdistrict = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Who added this village or community."),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_th

    def save(self, *args, **kwargs) -> None:
        self.set_lineage()
        self.search_text = f"{self.name_th} {self.name_en}".casefold()
        super().save(*args, **kwargs)
        if self.level in LINEAGE_LEVELS and getattr(self, f"{self.level}_id") != self.pk:
            # A new area learns its own primary key only on insert.
            setattr(self, f"{self.level}_id", self.pk)
            Area.objects.filter(pk=self.pk).update(**{self.level: self.pk})

    def set_lineage(self) -> None:
        """Copy the parent's lineage and put this area at its own level."""
        parent = self.parent
        for level in LINEAGE_LEVELS:
            setattr(self, f"{level}_id", getattr(parent, f"{level}_id", None) if parent else None)
        if self.level in LINEAGE_LEVELS:
            setattr(self, f"{self.level}_id", self.pk)

    def subtree_q(self, prefix: str = "") -> Q:
        """A filter for this area and everything below it.

        ``prefix`` names the relation from another model, e.g. ``Q(areas__province=…)`` is
        ``area.subtree_q("areas__")``.
        """
        if self.level == Level.NATION:
            return Q()
        if self.level == Level.VILLAGE:
            return Q(**{f"{prefix}pk": self.pk})
        return Q(**{f"{prefix}{self.level}": self})

    def lineage_ids(self) -> list[int]:
        """This area and every area above it, nation included."""
        ids = [self.pk]
        ids += [getattr(self, f"{lvl}_id") for lvl in LINEAGE_LEVELS if getattr(self, f"{lvl}_id")]
        nation_id = Area.objects.filter(level=Level.NATION).values_list("pk", flat=True).first()
        if nation_id:
            ids.append(nation_id)
        return list(dict.fromkeys(ids))

    def ancestors(self) -> list[Area]:
        """From the nation down to the parent, for breadcrumbs."""
        chain: list[Area] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def contains(self, other: Area) -> bool:
        return self.pk in other.lineage_ids()


class AreaAlias(models.Model):
    """A code DOPA abolished. Old survey data still holds it; it resolves to its successors."""

    code = models.CharField(_("abolished code"), max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    successors = models.ManyToManyField(Area, related_name="aliases", blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("abolished area code")
        verbose_name_plural = _("abolished area codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class DatasetVersion(models.Model):
    """Which version of a reference data set is loaded, so a second load can be skipped."""

    name = models.CharField(max_length=50, unique=True)
    version = models.CharField(max_length=100)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
