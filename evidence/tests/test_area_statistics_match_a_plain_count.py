"""The published area statistics count exactly what a plain household-by-household tally
counts: ``aggregate`` (one streaming group-by, then sums of small tables up the area tree)
against a Python loop over a small random frame, with villages, households outside any
sub-district or outside the lineage, a province with no cluster, null values, missing index
columns and both forms of the TPMAP indicators (``deprivations`` bits or ``bmn_*`` columns)."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import polars as pl
import pytest

from evidence import schema
from evidence.statistics import (
    DENOMINATOR,
    GROUPS,
    INDEX_INDICATORS,
    INDICATORS,
    PUBLISHED_LEVELS,
    aggregate,
)

LEVEL_COLUMNS = list(reversed(PUBLISHED_LEVELS))   # subdistrict ... nation

# area_id -> (subdistrict, district, province, cluster, region, nation). Province 31 is in no
# cluster; villages 60 and 61 roll up into sub-districts 50 and 53; households recorded on
# district 42 itself are in no sub-district and are not published.
LINEAGE: dict[int, tuple[int | None, ...]] = {
    50: (50, 40, 30, 20, 10, 1),
    51: (51, 40, 30, 20, 10, 1),
    52: (52, 41, 30, 20, 10, 1),
    53: (53, 42, 31, None, 11, 1),
    54: (54, 42, 31, None, 11, 1),
    60: (50, 40, 30, 20, 10, 1),
    61: (53, 42, 31, None, 11, 1),
    42: (None, 42, 31, None, 11, 1),
}
NOT_IN_LINEAGE = 99


def lineage() -> pl.DataFrame:
    return pl.DataFrame(
        [(area_id, *above) for area_id, above in LINEAGE.items()],
        schema={name: pl.Int64 for name in ["area_id", *LEVEL_COLUMNS]}, orient="row")


def random_households(seed: int, bmn_columns: bool) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    places = [*LINEAGE, NOT_IN_LINEAGE, None]
    # A few index columns are left out at random: a missing one counts 0.
    present = [name for name in INDEX_INDICATORS if rng.random() < 0.8]
    rows = []
    for _ in range(rng.randint(40, 160)):
        row: dict[str, Any] = {
            "area_id": rng.choice(places),
            "groups": None if rng.random() < 0.05 else rng.randrange(16),
            "deprivations": sum(1 << bit for bit in range(17) if rng.random() < 0.2),
        }
        for name in present:
            row[name] = rng.choice([True, False, False, None])
        if bmn_columns:
            for indicator in schema.TPMAP_INDICATORS:
                row[indicator.code] = (None if rng.random() < 0.05
                                       else bool(row["deprivations"] & indicator.bit))
            del row["deprivations"]
        rows.append(row)
    return rows


def counts_in(household: dict[str, Any], indicator: str) -> bool:
    if indicator in household or indicator in INDEX_INDICATORS:
        return household.get(indicator) is True
    return bool(household["deprivations"] & schema.INDICATOR_BY_CODE[indicator].bit)


def plain_count(households: list[dict[str, Any]]) -> dict[tuple, tuple]:
    """(area, level, group, indicator) -> (count, denominator, rate), one household at a time."""
    counted: Counter[tuple] = Counter()
    areas: set[tuple[int, str]] = set()
    for household in households:
        above = LINEAGE.get(household["area_id"])
        if above is None or above[0] is None:
            continue
        groups = [schema.ALL_HOUSEHOLDS] + [slug for slug, bit in schema.GROUPS
                                            if (household["groups"] or 0) & bit]
        for area_id, level in zip(above, LEVEL_COLUMNS, strict=True):
            if area_id is None:
                continue
            areas.add((area_id, level))
            for group in groups:
                counted[area_id, group, DENOMINATOR] += 1
                for indicator in INDICATORS[1:]:
                    counted[area_id, group, indicator] += counts_in(household, indicator)
    expected = {}
    for area_id, level in areas:
        for group in GROUPS:   # every group of an area with households, zeros included
            denominator = counted[area_id, group, DENOMINATOR]
            for indicator in INDICATORS:
                count = counted[area_id, group, indicator]
                expected[area_id, level, group, indicator] = (
                    count, denominator, count / denominator if denominator else None)
    return expected


@pytest.mark.parametrize("bmn_columns", [False, True], ids=["deprivations", "bmn-columns"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_aggregate_counts_what_a_plain_tally_counts(seed: int, bmn_columns: bool) -> None:
    households = random_households(seed, bmn_columns)
    frame = pl.DataFrame(households, schema_overrides={
        "area_id": pl.Int64, "groups": pl.Int16, "deprivations": pl.Int32})
    table = aggregate(frame, lineage())
    assert table.schema == pl.Schema({
        "area_id": pl.Int64, "level": pl.String, "group": pl.String, "indicator": pl.String,
        "count": pl.Int64, "denominator": pl.Int64, "rate": pl.Float64})
    found = {(r["area_id"], r["level"], r["group"], r["indicator"]):
             (r["count"], r["denominator"], r["rate"]) for r in table.iter_rows(named=True)}
    assert len(found) == table.height   # one row per cell
    assert found == plain_count(households)


def test_no_households_no_cells() -> None:
    frame = pl.DataFrame(schema={"area_id": pl.Int64, "groups": pl.Int16,
                                 "deprivations": pl.Int32})
    assert aggregate(frame, lineage()).is_empty()
