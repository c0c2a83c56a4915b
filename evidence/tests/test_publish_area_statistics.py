"""Publishing area statistics: verified, consented households counted per area (sub-district
up to the nation, villages rolled up), group and indicator, suppressed, with the verified share
and the index definitions' version."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from evidence.models import AreaStatistic
from evidence.schema import GROUP_BIT, INDICATOR_BY_CODE
from evidence.statistics import aggregate, lineage_frame, refresh_later
from evidence.tests.access_statistics import add_households, lamphun_evidence

pytestmark = pytest.mark.django_db


def stat(area: Any, indicator: str = "households", group: str = "all") -> AreaStatistic:
    return AreaStatistic.objects.get(area=area, group=group, indicator=indicator)


def test_counts_roll_up_from_villages_to_the_nation(world: Any) -> None:
    places = lamphun_evidence(world)
    assert not AreaStatistic.objects.filter(level="village").exists()
    assert stat(places["m1"]).count == 20           # 15 + 5 from its village
    assert stat(places["s1"]).count == 12           # submitted ones do not count
    assert stat(world.lamphun).count == 43
    assert stat(places["s1"].district).count == 23  # 12 + 8 + 3: withdrawn consent left out
    levels = set(AreaStatistic.objects.values_list("level", flat=True))
    assert {"subdistrict", "district", "province", "nation"} <= levels
    assert stat(world.lamphun).definition_version == "tpmap-1+mpi-1+flags-1"


def test_small_cells_and_their_complements_are_suppressed(world: Any) -> None:
    places = lamphun_evidence(world)
    small = stat(places["s3"])
    assert (small.count, small.rate, small.suppressed) == (None, None, "primary")
    # Li = s1 + s2 + s3: s3 alone would be Li minus the others; the smallest sibling goes too.
    complement = stat(places["s2"])
    assert (complement.count, complement.suppressed) == (None, "complementary")
    assert stat(places["s1"]).suppressed == ""
    assert not AreaStatistic.objects.filter(suppressed="", count__lt=5).exists()
    assert not AreaStatistic.objects.exclude(suppressed="").exclude(count=None).exists()


def test_groups_indicators_and_rates(world: Any) -> None:
    places = lamphun_evidence(world)
    poor = stat(world.lamphun, "poor_living")
    assert (poor.count, poor.denominator) == (None, 43)   # 4 households: primary
    assert poor.suppressed == "primary"
    disabled = stat(world.lamphun, group="disability")
    assert (disabled.count, disabled.suppressed) == (6, "")
    housing = stat(world.lamphun, "bmn_05")
    assert housing.suppressed == "primary"
    # Every group has a row in every area with households, zero included (and suppressed).
    empty = stat(places["m1"], group="disability")
    assert (empty.count, empty.suppressed) == (None, "primary")
    published = stat(world.lamphun, "households")
    assert published.rate == 1.0


def test_verified_share(world: Any) -> None:
    places = lamphun_evidence(world)
    assert stat(places["s1"]).verified_share == pytest.approx(12 / 16)
    assert stat(world.lamphun).verified_share == pytest.approx(43 / 47)
    # Not shown where the area's household count is itself suppressed.
    assert stat(places["s3"]).verified_share is None


def test_refresh_later_replaces_the_release(world: Any) -> None:
    places = lamphun_evidence(world)
    add_households(world.org, places["s3"], 4)
    refresh_later()   # the immediate task backend runs it now
    assert stat(places["s3"]).count == 7
    assert stat(world.lamphun).count == 47


def test_aggregate_is_a_pure_function_of_a_frame(world: Any) -> None:
    s1 = world.lamphun.__class__.objects.filter(level="subdistrict",
                                                 district__code="5104").order_by("code")[0]
    both = GROUP_BIT["older-people"] | GROUP_BIT["disability"]
    frame = pl.DataFrame({
        "area_id": [s1.pk] * 3, "groups": [both, 0, GROUP_BIT["older-people"]],
        "deprivations": [INDICATOR_BY_CODE["bmn_17"].bit, 0, 0],
        "poor_access": [True, False, False],
    })
    table = aggregate(frame, lineage_frame([s1.pk]))
    cell = {(r["area_id"], r["group"], r["indicator"]): r for r in table.iter_rows(named=True)}
    assert cell[(s1.pk, "all", "households")]["count"] == 3
    assert cell[(s1.pk, "older-people", "households")]["count"] == 2
    assert cell[(s1.pk, "disability", "bmn_17")]["count"] == 1
    assert cell[(s1.pk, "disability", "bmn_17")]["rate"] == 1.0
    assert cell[(s1.pk, "children-youth", "households")]["count"] == 0
    assert cell[(s1.pk, "children-youth", "households")]["rate"] is None
    assert cell[(world.lamphun.pk, "all", "poor_access")]["count"] == 1
    assert cell[(s1.district_id, "older-people", "households")]["level"] == "district"
