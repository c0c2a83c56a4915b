"""Load Thailand's planning areas from geothai (DOPA codes) and the planning-regions table.

Sources (credited in README and in data/planning_regions.SOURCES.md):
- provinces, districts, sub-districts and abolished codes: PyPI package ``geothai``, data
  from the Department of Provincial Administration (DOPA), CC-BY-4.0;
- NESDC regions and the 18 provincial clusters: ``data/planning_regions.csv`` (the 2017
  announcement of the integrated provincial administration policy committee, see SOURCES).

The load is an upsert by code, so running it twice changes nothing; when the data version is
unchanged it returns at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geothai
from django.db import transaction
from django.db.models import F
from geothai.abolished import abolished_areas

from areas.models import LINEAGE_LEVELS, Area, AreaAlias, DatasetVersion, Level

REGIONS_CSV = Path(__file__).parent / "data" / "planning_regions.csv"
NATION_CODE = "TH"
REGION_CODES = {
    "Northern": "R-N",
    "Northeastern": "R-NE",
    "Central": "R-C",
    "Eastern": "R-E",
    "Southern": "R-S",
    "Southern Border": "R-SB",
}
DATASET = "areas"


@dataclass
class LoadResult:
    skipped: bool
    created: int = 0
    updated: int = 0
    aliases: int = 0


def data_version() -> str:
    digest = hashlib.sha256(REGIONS_CSV.read_bytes()).hexdigest()[:12]
    return f"geothai-{geothai.DATA_VERSION}+regions-{digest}"


def cluster_code(number: str) -> str:
    return f"G-{int(number):02d}"


def planned_areas() -> list[tuple[str, str, str, str, str | None]]:
    """Every area as (code, level, name_th, name_en, parent_code), parents first."""
    rows: list[tuple[str, str, str, str, str | None]] = [
        (NATION_CODE, Level.NATION, "ประเทศไทย", "Thailand", None)
    ]
    with REGIONS_CSV.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    regions: dict[str, tuple[str, str]] = {}
    clusters: dict[str, tuple[str, str, str]] = {}
    province_parent: dict[str, str] = {}
    for row in table:
        region = REGION_CODES[row["nesdc_region_en"]]
        regions[region] = (row["nesdc_region_th"], row["nesdc_region_en"])
        if row["cluster_no"]:
            code = cluster_code(row["cluster_no"])
            clusters[code] = (row["cluster_th"], row["cluster_en"], region)
            province_parent[row["province_code"]] = code
        else:
            # Bangkok belongs to no provincial cluster; it sits directly under its region.
            province_parent[row["province_code"]] = region
    rows += [(code, Level.REGION, th, en, NATION_CODE) for code, (th, en) in regions.items()]
    rows += [(code, Level.CLUSTER, th, en, region) for code, (th, en, region) in
             sorted(clusters.items())]
    for province in geothai.provinces():
        rows.append((province.code, Level.PROVINCE, province.name_th, province.name_en,
                     province_parent[province.code]))
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            rows.append((district.code, Level.DISTRICT, district.name_th, district.name_en,
                         province.code))
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            for sub in geothai.subdistricts(district.code):
                rows.append((sub.code, Level.SUBDISTRICT, sub.name_th, sub.name_en,
                             district.code))
    return rows


@transaction.atomic
def load_areas(force: bool = False, progress: Callable[[str], None] | None = None) -> LoadResult:
    say = progress or (lambda message: None)
    version = data_version()
    if not force and DatasetVersion.objects.filter(name=DATASET, version=version).exists():
        return LoadResult(skipped=True)

    existing = {a.code: a for a in Area.objects.exclude(level=Level.VILLAGE)}
    by_code: dict[str, Area] = dict(existing)
    result = LoadResult(skipped=False)
    plan = planned_areas()
    for level in LEVEL_SEQUENCE:
        new: list[Area] = []
        changed: list[Area] = []
        for code, row_level, name_th, name_en, parent_code in plan:
            if row_level != level:
                continue
            parent = by_code[parent_code] if parent_code else None
            area = existing.get(code)
            if area is None:
                area = Area(code=code, level=level, name_th=name_th, name_en=name_en,
                            parent=parent)
                area.set_lineage()
                area.search_text = f"{name_th} {name_en}".casefold()
                new.append(area)
            elif (area.name_th, area.name_en, area.parent_id) != (
                name_th, name_en, parent.pk if parent else None
            ):
                area.name_th, area.name_en, area.parent = name_th, name_en, parent
                area.set_lineage()
                area.search_text = f"{name_th} {name_en}".casefold()
                changed.append(area)
            by_code[code] = area
        Area.objects.bulk_create(new, batch_size=1000)
        Area.objects.bulk_update(
            changed,
            ["name_th", "name_en", "parent", "search_text", *LINEAGE_LEVELS],
            batch_size=1000,
        )
        if level in LINEAGE_LEVELS:
            Area.objects.filter(level=level).update(**{level: F("pk")})
        if new or changed:
            # Children copy lineage from these rows: read them back with their own level set.
            for area in Area.objects.filter(level=level):
                by_code[area.code] = area
        result.created += len(new)
        result.updated += len(changed)
        say(f"{level}: {len(new)} new, {len(changed)} updated")

    result.aliases = load_aliases(by_code)
    say(f"abolished codes: {result.aliases}")
    DatasetVersion.objects.update_or_create(name=DATASET, defaults={"version": version})
    return result


LEVEL_SEQUENCE = [Level.NATION, Level.REGION, Level.CLUSTER, Level.PROVINCE, Level.DISTRICT,
                  Level.SUBDISTRICT]


def load_aliases(by_code: dict[str, Area]) -> int:
    """Keep DOPA's abolished codes so that old survey data still finds its area."""
    AreaAlias.objects.all().delete()
    aliases: list[AreaAlias] = []
    successors: list[tuple[str, str]] = []
    for old in abolished_areas():
        aliases.append(
            AreaAlias(
                code=old.code,
                level=old.level,
                name_th=old.name_th,
                name_en=old.name_en or "",
                abolished_on=dt.date.fromisoformat(old.abolished_on) if old.abolished_on else None,
                source=old.successors_source or "",
            )
        )
        successors += [(old.code, code) for code in old.successors if code in by_code]
    AreaAlias.objects.bulk_create(aliases, batch_size=1000)
    alias_ids = dict(AreaAlias.objects.values_list("code", "pk"))
    through = AreaAlias.successors.through
    through.objects.bulk_create(
        [through(areaalias_id=alias_ids[old], area_id=by_code[new].pk) for old, new in successors],
        batch_size=1000,
    )
    return len(aliases)

