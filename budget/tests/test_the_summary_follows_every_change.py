"""The province's summary is computed once and cached; it changes the moment the lines change.

Each test first reads the summary (so that it is cached), then writes the way an officer does,
then reads again: a cache entry that outlived the write would show the old figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.tests.helpers import make_line, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/budget-lines/summary/?province=51&fiscal_year=2569"


def summary(client: Any) -> dict[str, Any]:
    response = client.get(SUMMARY)
    assert response.status_code == 200
    return response.json()


def by_key(rows: list[dict[str, Any]]) -> dict[str, Decimal]:
    return {r["key"]: Decimal(r["amount"]) for r in rows}


def page_total(client: Any) -> Any:
    return client.get("/budget/51/2569/").context["summary"].total


@pytest.fixture
def lines(world: Any) -> list[Any]:
    return [
        make_line("5101", project="ก่อสร้างถนน", amount="3000000",
                  budget_class="infrastructure"),
        make_line("5104", project="ดูแลผู้สูงอายุ ลี้", amount="1000000",
                  budget_class="infrastructure", groups=("older-people",)),
    ]


def test_a_second_read_is_served_from_the_cache(client: Any, lines: list[Any]) -> None:
    first = summary(client)
    with CaptureQueriesContext(connection) as cold:
        client.get("/api/v1/budget-lines/summary/?province=51&fiscal_year=2568")
    with CaptureQueriesContext(connection) as warm:
        assert summary(client) == first
    assert len(warm) < len(cold) - 5


def test_the_summary_shows_an_import_at_once(client: Any, world: Any,
                                              lines: list[Any]) -> None:
    before = summary(client)
    assert Decimal(before["total"]) == Decimal("4000000")
    assert page_total(client) == Decimal("4000000")
    cluster = world.lamphun.cluster.code
    world.login(client, "provincial_officer")
    response = client.post("/budget/import/", {"file": upload("more.xlsx", xlsx_bytes([
        [2569, "", "ส่งเสริมอาชีพคนพิการ", "พมจ.ลำพูน", 500000, "province", "5105",
         "disability", "quality-of-life"],
        [2569, "", "ถนนเชื่อมจังหวัด", "กลุ่มจังหวัด", 7000000, "cluster", cluster, "",
         "infrastructure"],
    ]))})
    assert response.status_code == 200, response.content
    after = summary(client)
    assert (Decimal(after["total"]), after["count"]) == (Decimal("4500000"), 3)
    assert by_key(after["by_group"])["disability"] == Decimal("500000")
    assert Decimal(after["quality_of_life"]["to_vulnerable_groups"]) == Decimal("500000")
    assert Decimal(after["cluster_lines_total"]) == Decimal("7000000")
    assert page_total(client) == Decimal("4500000")


def test_the_summary_shows_a_confirmed_class_at_once(client: Any, world: Any,
                                                      lines: list[Any]) -> None:
    from budget.models import BudgetClass

    assert by_key(summary(client)["by_class"]) == {"infrastructure": Decimal("4000000")}
    assert page_total(client) == Decimal("4000000")
    world.login(client, "provincial_officer")
    qol = BudgetClass.objects.get(slug="quality-of-life")
    response = client.post("/budget/51/2569/classify/", {
        "line": [lines[1].pk], f"class-{lines[1].pk}": qol.pk})
    assert response.status_code == 302
    after = summary(client)
    assert by_key(after["by_class"]) == {"infrastructure": Decimal("3000000"),
                                         "quality-of-life": Decimal("1000000")}
    assert after["unconfirmed"]["count"] == 1
    assert Decimal(after["quality_of_life"]["to_vulnerable_groups"]) == Decimal("1000000")
    page = client.get("/budget/51/2569/").context["summary"]
    assert page.quality_of_life == Decimal("1000000")


def test_the_summary_shows_an_edited_line_at_once(client: Any, world: Any,
                                                   lines: list[Any]) -> None:
    from budget.models import BudgetClass
    from orgs.models import TargetGroup

    assert "disability" not in by_key(summary(client)["by_group"])
    world.login(client, "provincial_officer")
    response = client.post(f"/budget/lines/{lines[0].pk}/edit/", {
        "budget_class": BudgetClass.objects.get(slug="infrastructure").pk,
        "target_groups": [TargetGroup.objects.get(slug="disability").pk]})
    assert response.status_code == 302
    assert by_key(summary(client)["by_group"])["disability"] == Decimal("3000000")


def test_the_summary_shows_a_changed_group_list_at_once(client: Any,
                                                         lines: list[Any]) -> None:
    from budget.models import BudgetClass
    from orgs.models import TargetGroup

    lines[1].budget_class = BudgetClass.objects.get(slug="quality-of-life")
    lines[1].save()
    assert Decimal(summary(client)["quality_of_life"]["to_vulnerable_groups"]) == \
        Decimal("1000000")
    older = TargetGroup.objects.get(slug="older-people")
    older.is_vulnerable = False
    older.save()
    assert Decimal(summary(client)["quality_of_life"]["to_vulnerable_groups"]) == 0
    qol = BudgetClass.objects.get(slug="quality-of-life")
    qol.name_th = "คุณภาพชีวิต (แก้ไข)"
    qol.save()
    assert "คุณภาพชีวิต (แก้ไข)" in {r["label"] for r in summary(client)["by_class"]}


def test_the_summary_shows_a_deleted_line_at_once(client: Any, lines: list[Any]) -> None:
    summary(client)
    lines[0].delete()
    assert Decimal(summary(client)["total"]) == Decimal("1000000")
