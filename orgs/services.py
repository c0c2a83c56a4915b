"""What the registry does, callable from other apps without going through its views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import Role, RoleGrant
from accounts.predicates import forget_roles
from areas.models import Area, Level
from orgs.models import Organisation, OrgType, TargetGroup

REGISTRATION_GRANT_REASON = "registered the organisation"


def save_organisation(form: Any, contacts: Any, user: Any) -> Organisation:
    """Save a valid organisation form and its contacts formset in one transaction.

    A new organisation makes its registrant its coordinator, so they can manage the profile.
    """
    creating = form.instance.pk is None
    with transaction.atomic():
        org = form.save(commit=False)
        if creating:
            org.created_by = user
        org.save()
        form.save_m2m()
        contacts.instance = org
        contacts.save()
        if creating:
            area = org.province or org.home_area
            RoleGrant.objects.create(
                user=user, role=Role.CSO_COORDINATOR, organisation=org, area=area,
                granted_by=None, grant_reason=REGISTRATION_GRANT_REASON,
            )
            forget_roles(user)
    return org


def verify_organisation(org: Organisation, user: Any) -> None:
    org.verified_at = timezone.now()
    org.verified_by = user
    org.save(update_fields=["verified_at", "verified_by", "updated_at"])


@dataclass
class DistrictCoverage:
    district: Area
    total: int
    by_group: list[int] = field(default_factory=list)


@dataclass
class Coverage:
    province: Area
    groups: list[TargetGroup]             # each with .n: organisations in the province serving it
    districts: list[DistrictCoverage]
    organisations: int                    # working anywhere in the province
    province_wide: int                    # covering the province as a whole

    @property
    def group_gaps(self) -> list[TargetGroup]:
        return [g for g in self.groups if not g.n]

    @property
    def district_gaps(self) -> list[DistrictCoverage]:
        return [d for d in self.districts if not d.total]


def province_coverage(province: Area) -> Coverage:
    """Who works for which vulnerable group, and in which district, in one province.

    Every count is one aggregate query over the link tables, whatever the number of
    organisations.
    """
    in_province = Organisation.objects.in_area(province)
    groups = list(TargetGroup.objects.filter(is_vulnerable=True))
    per_group = dict(
        Organisation.target_groups.through.objects
        .filter(organisation__in=in_province.values("pk"), targetgroup__is_vulnerable=True)
        .values_list("targetgroup_id")
        .annotate(n=Count("organisation_id", distinct=True))
    )
    for group in groups:
        group.n = per_group.get(group.pk, 0)

    org_areas = Organisation.areas.through.objects
    per_district = dict(
        org_areas.filter(area__province=province, area__district__isnull=False)
        .values_list("area__district")
        .annotate(n=Count("organisation_id", distinct=True))
    )
    cells: dict[tuple[int, int], int] = {}
    for district_id, group_id, n in (
        Organisation.objects
        .filter(areas__province=province, areas__district__isnull=False,
                target_groups__is_vulnerable=True)
        .values_list("areas__district", "target_groups")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        cells[(district_id, group_id)] = n
    districts = [
        DistrictCoverage(
            district=d, total=per_district.get(d.pk, 0),
            by_group=[cells.get((d.pk, g.pk), 0) for g in groups],
        )
        for d in Area.objects.filter(level=Level.DISTRICT, parent=province).order_by("code")
    ]
    return Coverage(
        province=province, groups=groups, districts=districts,
        organisations=in_province.count(),
        province_wide=org_areas.filter(area=province).values("organisation_id").distinct().count(),
    )


@dataclass
class DirectoryRow:
    pk: int
    name: str
    short_name: str
    verified: bool
    type_label: str
    place: str
    groups: list[str]


def directory_rows(ids: list[int]) -> list[DirectoryRow]:
    """One page of the directory as plain rows, in the order of ``ids``.

    Three queries of plain values instead of model objects: the page is the registry's busiest,
    and building ~150 model instances for 25 rows was most of its time.
    """
    english = get_language() == "en"

    def pick(th: str | None, en: str | None) -> str:
        return (en or th or "") if english else (th or "")

    fields = ("pk", "name_th", "name_en", "short_name", "org_type", "verified_at",
              "home_area__name_th", "home_area__name_en", "home_area__province_id",
              "home_area_id", "home_area__province__name_th", "home_area__province__name_en")
    found = {row["pk"]: row for row in Organisation.objects.filter(pk__in=ids).values(*fields)}
    group_names = {g.pk: g.name for g in TargetGroup.objects.order_by("sort_order", "slug")}
    order = {pk: i for i, pk in enumerate(group_names)}
    groups: dict[int, list[int]] = {}
    links = Organisation.target_groups.through.objects.filter(organisation_id__in=ids)
    for org_id, group_id in links.values_list("organisation_id", "targetgroup_id"):
        groups.setdefault(org_id, []).append(group_id)
    type_labels = {value: str(label) for value, label in OrgType.choices}
    rows = []
    for pk in ids:
        row = found[pk]
        place = pick(row["home_area__name_th"], row["home_area__name_en"])
        if row["home_area__province_id"] and row["home_area__province_id"] != row["home_area_id"]:
            place += ", " + pick(row["home_area__province__name_th"],
                                 row["home_area__province__name_en"])
        rows.append(DirectoryRow(
            pk=pk,
            name=pick(row["name_th"], row["name_en"]),
            short_name=row["short_name"],
            verified=row["verified_at"] is not None,
            type_label=type_labels.get(row["org_type"], row["org_type"]),
            place=place,
            groups=[group_names[g] for g in sorted(groups.get(pk, []), key=order.__getitem__)],
        ))
    return rows
