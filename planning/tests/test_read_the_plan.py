"""Anyone reads the province's plan: strategies, items, progress, budget and funding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from planning.services import create_plan_item, fund, report_progress
from planning.tests.helpers import livelihood, make_item, make_plan


def test_anyone_reads_the_plan(client: Any, world: Any) -> None:
    plan = make_plan(world)
    officer = world.people["provincial_officer"]
    item = make_item(world, plan=plan)
    fund(item, Decimal("450000"), 2569, "Lamphun Provincial Office", officer)
    report_progress(item, dt.date(2026, 3, 1), 40, "Three ramps.", officer)
    response = client.get("/plan/51/")
    assert response.status_code == 200
    html = response.content.decode()
    assert plan.title in html
    for number, _, name_en in [(1, "", "Economy"), (2, "", "Security of livelihood")]:
        assert f"{number}. {name_en}" in html
    assert f'href="/plan/items/{item.pk}/"' in html
    assert '<progress max="100" value="40"' in html and "40%" in html
    assert "450,000 baht" in html  # budget and funding totals


def test_the_plan_lists_are_filtered_by_fiscal_year(client: Any, world: Any) -> None:
    plan = make_plan(world)
    officer = world.people["provincial_officer"]
    create_plan_item(None, livelihood(plan), 2569, "Agency", Decimal("1"), officer,
                     title="Item of 2569")
    create_plan_item(None, livelihood(plan), 2570, "Agency", Decimal("1"), officer,
                     title="Item of 2570")
    html = client.get("/plan/51/?year=2570").content.decode()
    assert "Item of 2570" in html and "Item of 2569" not in html


def test_a_parent_shows_its_rolled_up_progress(client: Any, world: Any) -> None:
    plan = make_plan(world)
    officer = world.people["provincial_officer"]
    parent = create_plan_item(None, livelihood(plan), 2569, "Office", Decimal("400"), officer,
                              title="Accessible public services")
    ramps = make_item(world, plan=plan, budget="100", parent=parent, title="Ramps")
    make_item(world, plan=plan, budget="300", parent=parent, title="Toilets")
    report_progress(ramps, dt.date(2026, 3, 1), 100, "Done.", officer)
    html = client.get(f"/plan/items/{parent.pk}/").content.decode()
    assert '<progress max="100" value="25"' in html
    assert "Ramps" in html and "Toilets" in html
    plan_page = client.get("/plan/51/").content.decode()
    assert '<progress max="100" value="25"' in plan_page


def test_the_plan_item_page_links_its_proposal(client: Any, world: Any) -> None:
    item = make_item(world)
    html = client.get(f"/plan/items/{item.pk}/").content.decode()
    assert f'href="/proposals/{item.proposal.pk}/"' in html
    assert "Security of livelihood" in html and "2569" in html
    assert "Record funding" not in html  # no officer buttons for the public


def test_a_province_without_a_plan_says_so(client: Any, world: Any) -> None:
    response = client.get("/plan/50/")
    assert response.status_code == 200
    assert "not on Klang yet" in response.content.decode()


def test_plans_are_per_province(client: Any, world: Any) -> None:
    assert client.get("/plan/5104/").status_code == 404
    assert client.get("/plan/99/").status_code == 404


def test_plan_index_lists_the_plans(client: Any, world: Any) -> None:
    make_plan(world)
    assert 'href="/plan/51/"' in client.get("/plan/").content.decode()
