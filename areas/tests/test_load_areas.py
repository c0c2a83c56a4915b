from django.core.management import call_command

from areas.loader import load_areas
from areas.models import Area, AreaAlias, Level
from areas.services import resolve


def test_every_level_has_the_official_count(areas):
    counts = {level: areas.filter(level=level).count() for level in Level.values}
    assert counts == {
        "nation": 1, "region": 6, "cluster": 18, "province": 77, "district": 928,
        "subdistrict": 7436, "village": 0,
    }


def test_lamphun_sits_in_the_upper_northern_cluster_1(areas):
    lamphun = areas.get(code="51")
    assert (lamphun.name_th, lamphun.name_en) == ("ลำพูน", "Lamphun")
    assert lamphun.cluster.name_en == "Upper Northern Cluster 1"
    assert lamphun.region.name_en == "Northern"
    assert lamphun.parent == lamphun.cluster


def test_bangkok_belongs_to_no_cluster(areas):
    bangkok = areas.get(code="10")
    assert bangkok.cluster is None
    assert bangkok.parent.code == "R-C"


def test_a_province_and_everything_below_it_is_one_query(areas, django_assert_num_queries):
    lamphun = areas.get(code="51")
    with django_assert_num_queries(1):
        below = list(Area.objects.within(lamphun).values_list("level", flat=True))
    assert below.count("district") == 8
    assert below.count("province") == 1
    assert below.count("subdistrict") == 51


def test_within_uses_an_index(areas):
    from django.db import connection

    lamphun = areas.get(code="51")
    sql, params = Area.objects.within(lamphun).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "USING INDEX" in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan, plan


def test_a_second_load_changes_nothing(areas):
    before = Area.objects.count()
    assert load_areas().skipped
    result = load_areas(force=True)
    assert (result.created, result.updated) == (0, 0)
    assert Area.objects.count() == before


def test_load_command_reports_up_to_date(areas, capsys):
    call_command("load_areas")
    assert "up to date" in capsys.readouterr().out


def test_abolished_codes_resolve_to_their_successor(areas):
    # Bang Sue sub-district 100205 moved to the new Bang Sue district in 2006 (DOPA via geothai).
    alias = AreaAlias.objects.get(code="100205")
    assert alias.abolished_on.year == 2006
    assert resolve("100205").code == "102901"
    assert resolve("999999") is None
