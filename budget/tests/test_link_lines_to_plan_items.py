"""An officer links a budget line to plan items and proposals; their pages can list it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.template import Context, Template

from budget.tests.helpers import make_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world: Any) -> Any:
    from planning.models import Plan, PlanItem, Strategy

    plan = Plan.objects.create(area=world.lamphun, title="แผนทดสอบ", first_year=2566,
                               last_year=2570)
    strategy = Strategy.objects.create(plan=plan, number=3, name_th="ความมั่นคง")
    return PlanItem.objects.create(plan=plan, strategy=strategy, title="ดูแลผู้สูงอายุ",
                                   fiscal_year=2569, owner_agency="พมจ.",
                                   budget=Decimal("1000000"))


def test_the_officer_links_and_classifies_a_line(client: Any, world: Any, item: Any) -> None:
    from budget.models import BudgetClass
    from orgs.models import TargetGroup

    line = make_line("5104", project="อาสาดูแลผู้สูงอายุ", budget_class="infrastructure")
    world.login(client, "provincial_officer")
    form = client.get(f"/budget/lines/{line.pk}/edit/")
    assert form.status_code == 200
    assert item in form.context["form"].fields["plan_items"].queryset
    qol = BudgetClass.objects.get(slug="quality-of-life")
    older = TargetGroup.objects.get(slug="older-people")
    response = client.post(f"/budget/lines/{line.pk}/edit/", {
        "budget_class": qol.pk, "target_groups": [older.pk], "plan_items": [item.pk]})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.budget_class == qol and line.class_confirmed
    assert list(line.plan_items.all()) == [item]
    assert list(line.target_groups.all()) == [older]


def test_a_plan_item_of_another_province_cannot_be_linked(client: Any, world: Any,
                                                          item: Any) -> None:
    from planning.models import Plan, PlanItem

    cm_plan = Plan.objects.create(area=world.chiang_mai, title="เชียงใหม่", first_year=2566,
                                  last_year=2570)
    strategy = cm_plan.strategies.create(number=1, name_th="ก")
    cm_item = PlanItem.objects.create(plan=cm_plan, strategy=strategy, title="อื่น",
                                      fiscal_year=2569, owner_agency="x")
    line = make_line("5104", budget_class="quality-of-life")
    world.login(client, "provincial_officer")
    response = client.post(f"/budget/lines/{line.pk}/edit/", {
        "budget_class": line.budget_class_id, "plan_items": [cm_item.pk]})
    assert response.status_code == 400
    assert not line.plan_items.exists()


def test_the_include_lists_linked_lines(world: Any, item: Any) -> None:
    line = make_line("5104", project="อาสาดูแลผู้สูงอายุ", amount="250000")
    line.plan_items.add(item)
    make_line("5104", project="ไม่เกี่ยว")
    html = Template("{% load budget %}{% budget_lines_for item %}").render(
        Context({"item": item}))
    assert "อาสาดูแลผู้สูงอายุ" in html and "ไม่เกี่ยว" not in html
    assert "250,000" in html
    assert f"/budget/lines/{line.pk}/" in html
    empty = Template("{% load budget %}{% budget_lines_for nothing %}").render(Context({}))
    assert "budget-lines-heading" in empty


def test_the_line_page_shows_its_links(client: Any, world: Any, item: Any) -> None:
    line = make_line("5104", project="อาสาดูแลผู้สูงอายุ")
    line.plan_items.add(item)
    response = client.get(f"/budget/lines/{line.pk}/")
    assert response.status_code == 200
    assert item.get_absolute_url() in response.content.decode()
    assert not response.context["can_edit"]
