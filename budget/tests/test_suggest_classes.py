"""Klang suggests a class and target groups from a line's words; the officer confirms them."""

from __future__ import annotations

from typing import Any

import pytest

from budget.models import BudgetLine
from budget.services import ensure_classes
from budget.suggest import classes_with_keywords, suggest_class, suggest_groups
from budget.tests.helpers import make_line

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "expected"), [
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ 3", "infrastructure"),
    ("ก่อสร้างสะพานข้ามลำน้ำกวง", "infrastructure"),  # built: not environment though ลำน้ำ…
    ("ปรับปรุงระบบประปาหมู่บ้าน", "infrastructure"),
    ("ก่อสร้างทางลาดสำหรับคนพิการ ที่ว่าการอำเภอ", "quality-of-life"),
    ("ส่งเสริมสุขภาพผู้สูงอายุติดบ้านติดเตียง", "quality-of-life"),
    ("Scholarships for children of informal workers", "quality-of-life"),
    ("ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม", "economy"),  # ท่องเที่ยว is not ท่อ (pipe)
    ("พัฒนาตลาดลำไยอินทรีย์", "economy"),
    ("ถนนเพื่อการเกษตร อำเภอป่าซาง", "infrastructure"),  # ป่าซาง is not ป่า (forest)
    ("บำบัดน้ำเสียนิคมอุตสาหกรรม", "environment"),
    ("ป้องกันและบรรเทาสาธารณภัย ไฟป่า", "environment"),
    ("ติดตั้งกล้องวงจรปิดในชุมชน", "security"),
    ("พัฒนาระบบฐานข้อมูลจังหวัด", "administration"),
    ("จัดงานประจำปี", None),
])
def test_the_keyword_rules_suggest_a_class(text: str, expected: str | None) -> None:
    ensure_classes()
    found = suggest_class(text, classes_with_keywords())
    assert (found.slug if found else None) == expected


def test_target_groups_are_suggested_from_words() -> None:
    assert suggest_groups("อบรมอาสาดูแลผู้สูงอายุและคนพิการ") == ["older-people", "disability"]
    assert suggest_groups("ค่าเดินทางไปโรงพยาบาลของชุมชนชาติพันธุ์") == ["ethnic-legal-status"]
    assert suggest_groups("ก่อสร้างถนน") == []


def test_the_officer_confirms_or_changes_suggestions_in_bulk(client: Any, world: Any) -> None:
    from budget.models import BudgetClass

    road = make_line("5101", project="ก่อสร้างถนน", budget_class="infrastructure")
    fair = make_line("5101", project="งานกาชาด", budget_class=None)
    other = make_line("5102", project="ศูนย์พัฒนาเด็กเล็ก", budget_class="quality-of-life")
    qol = BudgetClass.objects.get(slug="quality-of-life")
    economy = BudgetClass.objects.get(slug="economy")
    world.login(client, "provincial_officer")
    page = client.get("/budget/51/2569/classify/")
    assert page.status_code == 200
    assert {line.pk for line in page.context["page"].object_list} == {road.pk, fair.pk,
                                                                       other.pk}
    response = client.post("/budget/51/2569/classify/", {
        "line": [road.pk, fair.pk],
        f"class-{road.pk}": road.budget_class_id,
        f"class-{fair.pk}": economy.pk,
        f"class-{other.pk}": qol.pk,  # not ticked: stays a suggestion
    })
    assert response.status_code == 302
    road.refresh_from_db()
    fair.refresh_from_db()
    other.refresh_from_db()
    assert road.class_confirmed and road.budget_class.slug == "infrastructure"
    assert road.confirmed_by == world.people["provincial_officer"]
    assert fair.class_confirmed and fair.budget_class == economy
    assert not other.class_confirmed
    left = client.get("/budget/51/2569/classify/").context["page"].object_list
    assert [line.pk for line in left] == [other.pk]


def test_a_ticked_line_without_a_class_confirms_nothing(client: Any, world: Any) -> None:
    fair = make_line("5101", project="งานกาชาด")
    road = make_line("5101", project="ก่อสร้างถนน", budget_class="infrastructure")
    world.login(client, "provincial_officer")
    response = client.post("/budget/51/2569/classify/", {
        "line": [road.pk, fair.pk], f"class-{road.pk}": road.budget_class_id,
        f"class-{fair.pk}": ""})
    assert response.status_code == 400
    assert not BudgetLine.objects.filter(class_confirmed=True).exists()


def test_another_provinces_officer_cannot_confirm_lamphun_lines(client: Any,
                                                                world: Any) -> None:
    road = make_line("5101", project="ก่อสร้างถนน", budget_class="infrastructure")
    world.login(client, "other_province_officer")
    response = client.post("/budget/51/2569/classify/", {
        "line": [road.pk], f"class-{road.pk}": road.budget_class_id})
    assert response.status_code == 403
    road.refresh_from_db()
    assert not road.class_confirmed
