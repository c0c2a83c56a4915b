"""Area statistics: counts and rates of verified household evidence per area, group and
indicator, suppressed (``evidence.suppression``), stored as ``AreaStatistic`` rows.

``refresh()`` recomputes every row from ``Household.objects.published()`` (verified, consent
given and not withdrawn) in bulk: the indices come from ``evidence.indices`` as one polars
frame, ``aggregate`` counts with one group-by over the households and then only sums small
tables up the area tree, and the rows are replaced in one transaction. Other parts of the app
call ``refresh_later()`` after an import, a verification, an erasure or a withdrawal.

Published levels: sub-district and up, never villages (a household's village is rolled up
into its sub-district). Groups: "all" and the target groups of ``schema.GROUPS``; a household
counts in every group it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl
import rules
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from evidence import schema
from evidence.suppression import suppress_table, unsuppressed_rates

# Top to bottom; the lineage column of each level in ``areas.Area`` has the level's name.
PUBLISHED_LEVELS = ["nation", "region", "cluster", "province", "district", "subdistrict"]
GROUPS: list[str] = [schema.ALL_HOUSEHOLDS, *(slug for slug, _bit in schema.GROUPS)]
DENOMINATOR = "households"

DIMENSION_INDICATORS = [f"poor_{code}" for code, _label in schema.DIMENSIONS]
FLAG_INDICATORS = [f"flag_{code}" for code, _bit, _label in schema.FLAGS]
BMN_INDICATORS = [indicator.code for indicator in schema.TPMAP_INDICATORS]
# Boolean columns the indices add to the household frame.
INDEX_INDICATORS = [*DIMENSION_INDICATORS, "poor_any", "target_poor", "mpi_poor",
                    *FLAG_INDICATORS]
INDICATORS: list[str] = [DENOMINATOR, *INDEX_INDICATORS, *BMN_INDICATORS]

# Suppressed aggregates are public (DESIGN.md section 2).
rules.add_perm("evidence.view_statistics", rules.always_allow)

CACHE_GENERATION = "evidence:statistics:generation"
CACHE_SECONDS = 60 * 60


def indicator_labels() -> dict[str, Any]:
    labels: dict[str, Any] = {
        DENOMINATOR: _("Households surveyed and verified"),
        "poor_any": _("Poor in at least one TPMAP dimension"),
        "target_poor": _("Target poor (poor and holding a state welfare card)"),
        "mpi_poor": _("Poor by the multidimensional poverty index"),
    }
    for code, label in schema.DIMENSIONS:
        labels[f"poor_{code}"] = _("Poor in: %(dimension)s") % {"dimension": label}
    for code, _bit, label in schema.FLAGS:
        labels[f"flag_{code}"] = label
    for indicator in schema.TPMAP_INDICATORS:
        labels[indicator.code] = _("Fails indicator %(number)s: %(label)s") % {
            "number": indicator.number, "label": indicator.label}
    return labels


def group_labels() -> dict[str, Any]:
    from orgs.models import TargetGroup

    labels: dict[str, Any] = {schema.ALL_HOUSEHOLDS: _("All households")}
    names = {group.slug: group.name for group in TargetGroup.objects.filter(
        slug__in=[slug for slug, _bit in schema.GROUPS])}
    for slug, _bit in schema.GROUPS:
        labels[slug] = names.get(slug, slug)
    return labels


# --- computing -----------------------------------------------------------------------------------

def lineage_frame(area_ids: Iterable[int]) -> pl.DataFrame:
    """Each household area with the areas above it, villages rolled up to their sub-district.

    Columns: ``area_id`` and one id column per published level (null where an area has no
    ancestor at that level, e.g. a province outside any provincial cluster).
    """
    from areas.models import Area, Level

    ids = sorted(set(area_ids))
    nation = Area.objects.filter(level=Level.NATION).values_list("pk", flat=True).first()
    rows = list(Area.objects.filter(pk__in=ids).values_list(
        "pk", "subdistrict_id", "district_id", "province_id", "cluster_id", "region_id"))
    return pl.DataFrame(
        {"area_id": [r[0] for r in rows], "subdistrict": [r[1] for r in rows],
         "district": [r[2] for r in rows], "province": [r[3] for r in rows],
         "cluster": [r[4] for r in rows], "region": [r[5] for r in rows],
         "nation": [nation] * len(rows)},
        schema={name: pl.Int64 for name in ["area_id", *reversed(PUBLISHED_LEVELS)]},
    )


def tree_parents(lineage: pl.DataFrame) -> dict[int, int | None]:
    """Area id -> the published area above it: the sum of whose children it is part of."""
    parents: dict[int, int | None] = {}
    levels = PUBLISHED_LEVELS  # top to bottom
    for row in lineage.select(levels).unique().iter_rows(named=True):
        above: int | None = None
        for level in levels:
            node = row[level]
            if node is None:
                continue
            parents.setdefault(node, above)
            above = node
    return parents


def _household_sums(columns: list[str]) -> list[pl.Expr]:
    """Per group-by key: the households, and how many of them count in each indicator whose
    column (or ``deprivations`` bit) the frame has. Sums of boolean expressions straight over
    the households, so no integer column per indicator is ever materialised (nulls are not
    summed, i.e. count as false)."""
    sums = [pl.len().alias(DENOMINATOR)]
    sums += [pl.col(name).sum() for name in INDEX_INDICATORS if name in columns]
    for indicator in schema.TPMAP_INDICATORS:
        sums.append(pl.col(indicator.code).sum() if indicator.code in columns else
                    ((pl.col("deprivations") & indicator.bit) != 0).sum().alias(indicator.code))
    return sums


def _by_area_and_mask(frame: pl.DataFrame) -> pl.DataFrame:
    """Sums per (area, groups bitmask): the one pass over the households (tens of thousands of
    rows out for millions in). The streaming engine reads the frame in chunks, in parallel, and
    keeps only the running sums."""
    columns = frame.columns
    lazy = frame.lazy()
    if "deprivations" in columns:
        # Wide enough for every indicator bit whatever integer type the column came in.
        lazy = lazy.with_columns(pl.col("deprivations").cast(pl.Int64))
    per_mask = (lazy.group_by(pl.col("area_id").cast(pl.Int64),
                              pl.col("groups").fill_null(0).cast(pl.Int64))
                .agg(_household_sums(columns))
                .collect(engine="streaming"))
    return per_mask.select(
        "area_id", "groups",
        *[pl.col(name).cast(pl.Int64) if name in per_mask.columns
          else pl.lit(0, dtype=pl.Int64).alias(name) for name in INDICATORS])


def _by_subdistrict_and_group(base: pl.DataFrame, values: list[str]) -> pl.DataFrame:
    """Sums per (sub-district, group) from sums per (sub-district, groups bitmask), with a row
    for every group of every sub-district that has any household (zeros included, so that an
    empty group is a suppressed cell, not a telling absence)."""
    per_mask = base.group_by(["subdistrict", "groups"]).agg(pl.col(values).sum())
    parts = [per_mask.group_by("subdistrict").agg(pl.col(values).sum())
             .with_columns(pl.lit(schema.ALL_HOUSEHOLDS).alias("group"))]
    subdistricts = per_mask.select("subdistrict").unique()
    for slug, bit in schema.GROUPS:
        sums = (per_mask.filter((pl.col("groups") & bit) != 0)
                .group_by("subdistrict").agg(pl.col(values).sum()))
        parts.append(subdistricts.join(sums, on="subdistrict", how="left")
                     .with_columns(pl.col(values).fill_null(0), pl.lit(slug).alias("group")))
    return pl.concat([part.select("subdistrict", "group", *values) for part in parts])


def _roll_up(per_subdistrict: pl.DataFrame, lineage: pl.DataFrame,
             values: list[str]) -> pl.DataFrame:
    """The same sums at every published level: (area_id, level, group, *values)."""
    up = lineage.select(PUBLISHED_LEVELS).unique(subset=["subdistrict"])
    joined = per_subdistrict.join(up, on="subdistrict", how="left")
    parts = []
    for level in PUBLISHED_LEVELS:
        parts.append(joined.filter(pl.col(level).is_not_null())
                     .group_by([level, "group"]).agg(pl.col(values).sum())
                     .rename({level: "area_id"})
                     .with_columns(pl.lit(level).alias("level"))
                     .select("area_id", "level", "group", *values))
    return pl.concat(parts)


def aggregate(frame: pl.DataFrame, lineage: pl.DataFrame) -> pl.DataFrame:
    """Counts per (area, level, group, indicator) at every published level, unsuppressed.

    ``frame``: one row per household with ``area_id``, ``groups`` (bitmask of schema.GROUPS),
    the boolean index columns (``poor_health`` ... ``flag_*``; a missing one counts 0) and
    either ``bmn_01`` ... ``bmn_17`` booleans or the ``deprivations`` bitmask. ``lineage``:
    ``lineage_frame`` of the households' areas. Answers columns ``area_id``, ``level``,
    ``group``, ``indicator``, ``count``, ``denominator`` (households of the area and group) and
    ``rate`` (null when the denominator is 0). Vectorised: one streaming group-by over the
    households by (area, groups bitmask), then sums over tables of a few rows per sub-district
    (10 million households in 1–3 s on 2 shared cores, ``bench/evidence_compute.py``).
    """
    out_schema = {"area_id": pl.Int64, "level": pl.String, "group": pl.String,
                  "indicator": pl.String, "count": pl.Int64, "denominator": pl.Int64,
                  "rate": pl.Float64}
    if frame.is_empty():
        return pl.DataFrame(schema=out_schema)
    # Only the small per-(area, bitmask) table meets the lineage, never the households.
    base = (_by_area_and_mask(frame)
            .join(lineage.select("area_id", "subdistrict"), on="area_id", how="inner")
            .filter(pl.col("subdistrict").is_not_null()))
    wide = _roll_up(_by_subdistrict_and_group(base, INDICATORS), lineage, INDICATORS)
    long = wide.unpivot(index=["area_id", "level", "group", DENOMINATOR], on=INDICATORS,
                        variable_name="indicator", value_name="count")
    return (long.rename({DENOMINATOR: "denominator"})
            .with_columns(pl.when(pl.col("denominator") > 0)
                          .then(pl.col("count") / pl.col("denominator"))
                          .otherwise(None).alias("rate"))
            .select(list(out_schema))
            .cast(out_schema))


def verified_shares(collected: pl.DataFrame, lineage: pl.DataFrame) -> pl.DataFrame:
    """Verified / collected (consent given) households per area: (area_id, verified_share).

    ``collected``: one row per household with ``area_id`` and ``verified`` (bool).
    """
    if collected.is_empty():
        return pl.DataFrame(schema={"area_id": pl.Int64, "verified_share": pl.Float64})
    base = (collected.select(pl.col("area_id").cast(pl.Int64), pl.lit(0).alias("groups"),
                             pl.lit(1, dtype=pl.Int64).alias("collected"),
                             pl.col("verified").cast(pl.Int64))
            .join(lineage.select("area_id", "subdistrict"), on="area_id", how="inner")
            .filter(pl.col("subdistrict").is_not_null())
            .group_by("subdistrict").agg(pl.col("collected", "verified").sum())
            .with_columns(pl.lit(schema.ALL_HOUSEHOLDS).alias("group")))
    rolled = _roll_up(base, lineage, ["collected", "verified"])
    return rolled.select("area_id", (pl.col("verified") / pl.col("collected"))
                         .alias("verified_share"))


def definition_version(definitions: Any = None) -> str:
    """The index definitions a release used, e.g. "tpmap-1+mpi-1+flags-1"."""
    from evidence import indices

    definitions = definitions or indices.current_definitions()
    return "+".join(d.label for d in (definitions.tpmap, definitions.mpi, definitions.flags))


def published_table(frame: pl.DataFrame, collected: pl.DataFrame,
                    threshold: int | None = None) -> pl.DataFrame:
    """Household frame (with indices) -> the suppressed table as it will be published."""
    threshold = settings.EVIDENCE_SUPPRESSION_THRESHOLD if threshold is None else threshold
    area_ids = set(frame["area_id"].to_list()) | set(collected["area_id"].to_list())
    lineage = lineage_frame(area_ids)
    cells = aggregate(frame, lineage)
    cells = suppress_table(cells, tree_parents(lineage), threshold)
    cells = unsuppressed_rates(cells)
    denominators = (cells.filter(pl.col("indicator") == DENOMINATOR)
                    .select("area_id", "group", pl.col("suppressed").alias("_den")))
    # The verified share is shown only where the area's household count is itself published.
    shown_shares = (cells.filter((pl.col("indicator") == DENOMINATOR)
                                 & (pl.col("group") == schema.ALL_HOUSEHOLDS)
                                 & (pl.col("suppressed") == ""))
                    .select("area_id")
                    .join(verified_shares(collected, lineage), on="area_id", how="left"))
    return (cells.join(denominators, on=["area_id", "group"], how="left")
            .join(shown_shares, on="area_id", how="left")
            .with_columns(
                pl.when(pl.col("suppressed") == "").then(pl.col("count")).otherwise(None)
                .alias("count"),
                pl.when(pl.col("_den") == "").then(pl.col("denominator")).otherwise(None)
                .alias("denominator"))
            .drop("_den"))


def household_frames(definitions: Any) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(published households with their indices, every consented household's area and status)."""
    from evidence import indices
    from evidence.models import Household, HouseholdStatus

    frame = indices.compute(indices.frame_from_queryset(Household.objects.published()),
                            definitions)
    rows = list(Household.objects.filter(consent_given=True, consent_withdrawn_at__isnull=True)
                .values_list("area_id", "status"))
    collected = pl.DataFrame(
        {"area_id": [r[0] for r in rows],
         "verified": [r[1] == HouseholdStatus.VERIFIED for r in rows]},
        schema={"area_id": pl.Int64, "verified": pl.Boolean})
    return frame, collected


def refresh() -> int:
    """Recompute and replace every ``AreaStatistic`` row; answers how many were written."""
    from evidence import indices
    from evidence.models import AreaStatistic

    definitions = indices.current_definitions()
    frame, collected = household_frames(definitions)
    table = published_table(frame, collected)
    version = definition_version(definitions)
    now = timezone.now()
    rows = [
        AreaStatistic(area_id=r["area_id"], level=r["level"], group=r["group"],
                      indicator=r["indicator"], count=r["count"], denominator=r["denominator"],
                      rate=r["rate"], suppressed=r["suppressed"],
                      verified_share=r["verified_share"], definition_version=version,
                      computed_at=now)
        for r in table.iter_rows(named=True)
    ]
    with transaction.atomic():
        AreaStatistic.objects.all().delete()
        AreaStatistic.objects.bulk_create(rows, batch_size=2000)
    forget_cached()
    return len(rows)


@task()
def refresh_statistics() -> int:
    return refresh()


def refresh_later() -> None:
    """Queue a refresh. With the immediate backend (development, tests) it runs now; with the
    database backend the queued task row is written in the caller's transaction, so a worker
    sees it only once the import or verification that asked for it is committed."""
    refresh_statistics.enqueue()


# --- reading (cached) ------------------------------------------------------------------------

def forget_cached() -> None:
    """New figures: every cached read is keyed by a generation, so one bump forgets them all."""
    try:
        cache.incr(CACHE_GENERATION)
    except ValueError:
        cache.set(CACHE_GENERATION, 1, None)


def _generation() -> int:
    generation = cache.get(CACHE_GENERATION)
    if generation is None:
        generation = 1
        cache.add(CACHE_GENERATION, generation, None)
    return generation


CELL_FIELDS = ("area_id", "level", "group", "indicator", "count", "denominator", "rate",
               "suppressed", "verified_share", "definition_version", "computed_at")


def cells_for_area(area_id: int) -> list[dict[str, Any]]:
    """Every published cell of one area (suppressed ones with no count), cached."""
    from evidence.models import AreaStatistic

    key = f"evidence:statistics:{_generation()}:area:{area_id}"
    cells = cache.get(key)
    if cells is None:
        cells = list(AreaStatistic.objects.filter(area_id=area_id).values(*CELL_FIELDS))
        cache.set(key, cells, CACHE_SECONDS)
    return cells


def cells_for_children(area_id: int) -> list[dict[str, Any]]:
    """The cells of the areas just below one area (its children in the area tree), cached."""
    from evidence.models import AreaStatistic

    key = f"evidence:statistics:{_generation()}:children:{area_id}"
    cells = cache.get(key)
    if cells is None:
        cells = list(AreaStatistic.objects.filter(area__parent_id=area_id)
                     .values(*CELL_FIELDS, "area__code", "area__name_th", "area__name_en"))
        cache.set(key, cells, CACHE_SECONDS)
    return cells


def cell(area_id: int, group: str, indicator: str) -> dict[str, Any] | None:
    for row in cells_for_area(area_id):
        if row["group"] == group and row["indicator"] == indicator:
            return row
    return None
