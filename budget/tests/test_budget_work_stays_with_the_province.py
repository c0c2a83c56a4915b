"""Only a province's officers (and national analysts, administrators) import, classify and
link its lines; reads are open to all."""

from __future__ import annotations

from typing import Any

import pytest

from budget.models import BudgetLine
from budget.tests.helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

LAMPHUN_ROW = [2569, "", "โครงการลำพูน", "สำนักงานจังหวัดลำพูน", "100,000", "งบจังหวัด", "5104",
               "", ""]


def test_another_provinces_officer_cannot_import_lamphun_lines(client: Any,
                                                               world: Any) -> None:
    world.login(client, "other_province_officer")
    client.cookies["klang_language"] = "en"
    chiang_mai_row = [*LAMPHUN_ROW[:2], "โครงการเชียงใหม่", "จังหวัดเชียงใหม่", "5,000",
                      "งบจังหวัด", "5001", "", ""]
    response = client.post("/budget/import/", {"file": upload("x.xlsx", xlsx_bytes(
        [chiang_mai_row, LAMPHUN_ROW]))})
    assert response.status_code == 400
    [error] = response.context["report"].errors
    assert error.row == 3 and "may not import" in error.message
    assert not BudgetLine.objects.exists()


def test_a_cluster_line_is_for_officers_of_the_clusters_provinces(client: Any,
                                                                  world: Any) -> None:
    from areas.models import Area

    cluster = Area.objects.get(code="51").cluster
    other_cluster = Area.objects.exclude(pk=cluster.pk).filter(level="cluster").first()
    world.login(client, "provincial_officer")
    rows = [[2569, "", "กลุ่มจังหวัด", "สำนักงาน", "1,000", "งบกลุ่มจังหวัด", code, "", ""]
            for code in (cluster.code,)]
    assert client.post("/budget/import/", {"file": upload("c.xlsx", xlsx_bytes(rows))}
                       ).status_code == 200
    rows[0][6] = other_cluster.code
    response = client.post("/budget/import/", {"file": upload("d.xlsx", xlsx_bytes(rows))})
    assert response.status_code == 400
    assert BudgetLine.objects.count() == 1


@pytest.mark.parametrize("role", ["anonymous", "citizen", "cso_coordinator", "working_group",
                                  "committee_member", "funder", "dpo"])
def test_people_who_are_not_officers_cannot_import(client: Any, world: Any, role: str) -> None:
    world.login(client, role)
    response = client.post("/budget/import/", {"file": upload("x.xlsx",
                                                              xlsx_bytes([LAMPHUN_ROW]))})
    assert response.status_code in (302, 403)
    assert not BudgetLine.objects.exists()
