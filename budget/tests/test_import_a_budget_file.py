"""A provincial officer imports the province's budget lines from Excel or CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from budget.models import BudgetImport, BudgetLine
from budget.tests.helpers import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD = [
    [2569, "แผนงานโครงสร้างพื้นฐาน", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองหลุม",
     "แขวงทางหลวงชนบทลำพูน", "12,500,000", "งบจังหวัด", "5101", "", ""],
    [2569, "แผนงานพัฒนาคุณภาพชีวิต", "ส่งเสริมอาชีพผู้สูงอายุและคนพิการ อำเภอลี้",
     "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน", "1,250,000.50 บาท", "สสส.",
     "5104", "", ""],
    [2569, "", "ปรับปรุงระบบประปาหมู่บ้าน ตำบลนาทราย", "องค์การบริหารส่วนตำบลนาทราย",
     850000, "อปท.", "510403", "", "infrastructure"],
]


def post(client: Any, name: str, data: bytes) -> Any:
    return client.post("/budget/import/", {"file": upload(name, data)})


def test_an_officer_imports_an_excel_file(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    response = post(client, "lamphun-2569.xlsx", xlsx_bytes(GOOD))
    assert response.status_code == 200
    lines = {line.project: line for line in BudgetLine.objects.all()}
    assert len(lines) == 3
    road = lines["ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองหลุม"]
    assert road.amount == Decimal("12500000.00")
    assert road.source == "province"
    assert road.province.code == "51" and road.district.code == "5101"
    assert road.budget_class.slug == "infrastructure" and not road.class_confirmed
    older = lines["ส่งเสริมอาชีพผู้สูงอายุและคนพิการ อำเภอลี้"]
    assert older.amount == Decimal("1250000.50")
    assert older.source == "thaihealth"
    assert older.budget_class.slug == "quality-of-life"
    assert set(older.target_groups.values_list("slug", flat=True)) == {"older-people",
                                                                       "disability"}
    water = lines["ปรับปรุงระบบประปาหมู่บ้าน ตำบลนาทราย"]
    assert water.district.code == "5104" and water.area.code == "510403"
    assert water.class_confirmed  # the file gave the class
    batch = BudgetImport.objects.get()
    assert (batch.rows_read, batch.rows_created, batch.imported_by) == (
        3, 3, world.people["provincial_officer"])


def test_thai_digits_and_a_thai_csv_are_read(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    rows = [["๒๕๖๙", "", "จัดซื้อครุภัณฑ์การแพทย์ โรงพยาบาลลี้", "โรงพยาบาลลี้", "๑,๒๕๐,๐๐๐",
             "สปสช.", "๕๑๐๔", "ผู้สูงอายุ", ""]]
    for name, data in (("utf8.csv", csv_bytes(rows)),
                       ("windows.csv", csv_bytes([[*rows[0][:2], "อบรมอาสาสมัครดูแลผู้สูงอายุ",
                                                   *rows[0][3:]]], encoding="cp874"))):
        response = post(client, name, data)
        assert response.status_code == 200, response.content.decode()[:2000]
    amounts = set(BudgetLine.objects.values_list("amount", "fiscal_year", "area__code"))
    assert amounts == {(Decimal("1250000.00"), 2569, "5104")}
    assert BudgetLine.objects.count() == 2
    assert all(line.target_groups.filter(slug="older-people").exists()
               for line in BudgetLine.objects.all())


def test_importing_the_same_file_twice_adds_nothing(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    data = xlsx_bytes(GOOD)
    post(client, "a.xlsx", data)
    client.cookies["klang_language"] = "en"
    response = post(client, "a.xlsx", data)
    assert response.status_code == 200
    assert BudgetLine.objects.count() == 3
    report = response.context["report"]
    assert report.created == 0
    assert [s.row for s in report.skipped] == [2, 3, 4]
    assert "already imported" in response.content.decode()


def test_duplicate_rows_in_a_file_are_imported_once_and_reported(client: Any,
                                                                 world: Any) -> None:
    world.login(client, "provincial_officer")
    same = GOOD[0][:]
    spaced = GOOD[0][:]
    spaced[2] = "  ก่อสร้างถนนคอนกรีตเสริมเหล็ก   สายบ้านหนองหลุม "  # same after spacing
    spaced[4] = "12500000"
    response = post(client, "dups.xlsx", xlsx_bytes([GOOD[0], same, spaced, GOOD[1]]))
    assert response.status_code == 200
    assert BudgetLine.objects.count() == 2
    report = response.context["report"]
    assert [(s.row, "2" in s.reason) for s in report.skipped] == [(3, True), (4, True)]


def test_a_national_analyst_imports_cluster_lines(client: Any, world: Any) -> None:
    from areas.models import Area

    cluster = Area.objects.get(code="51").cluster
    world.login(client, "national_analyst")
    response = post(client, "cluster.xlsx", xlsx_bytes([
        [2569, "แผนพัฒนากลุ่มจังหวัดภาคเหนือตอนบน 1", "ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม",
         "สำนักงานจังหวัดเชียงใหม่", "5,000,000", "งบกลุ่มจังหวัด", cluster.code, "", ""]]))
    assert response.status_code == 200
    line = BudgetLine.objects.get()
    assert line.cluster == cluster and line.province is None
    assert line.budget_class.slug == "economy"
