"""Officers and funders record grants; totals per funder and per area count each baht once.

The province's plan-item funding (planning.Funding) counts in its funder's total unless a
counted grant says it is the same money. Planned and cancelled grants are not counted.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from areas.models import Area
from funding.models import Grant
from funding.services import area_totals, funder_totals
from funding.tests.helpers import funders, make_grant
from planning.models import Funding, Plan, PlanItem, Strategy

pytestmark = pytest.mark.django_db


def plan_item(world):
    plan = Plan.objects.create(area=world.lamphun, title="แผนพัฒนาจังหวัดลำพูน", first_year=2566,
                               last_year=2570)
    strategy = Strategy.objects.create(plan=plan, number=3, name_th="ความมั่นคง")
    return PlanItem.objects.create(plan=plan, strategy=strategy, title="นำร่อง",
                                   fiscal_year=2569, owner_agency="พมจ.",
                                   budget=Decimal("1200000"))


def by_slug(totals):
    return {t.funder.slug: t for t in totals}


def test_totals_per_funder_count_each_baht_once(world):
    item = plan_item(world)
    province_money = Funding.objects.create(plan_item=item, amount=Decimal("900000"),
                                            fiscal_year=2569, agency="พมจ.", source="province")
    Funding.objects.create(plan_item=item, amount=Decimal("300000"), fiscal_year=2569,
                           agency="Node สสส.", source="thaihealth")
    # The province's 900,000 is also recorded as a grant: counted once, as the grant.
    make_grant(world, "province", "900000", plan_item=item, planning_funding=province_money)
    make_grant(world, "nhso", "250000.50", area=Area.objects.get(code="5104"))
    make_grant(world, "codi", "80000", area=Area.objects.get(code="510401"))
    make_grant(world, "codi", "5000", status="planned")
    make_grant(world, "codi", "7000", status="cancelled")
    make_grant(world, "codi", "1000", fiscal_year=2568)

    totals = by_slug(funder_totals(world.lamphun, 2569))
    assert totals["province"].grants == Decimal("900000")
    assert totals["province"].plan_funding == 0
    assert totals["thaihealth"].plan_funding == Decimal("300000")
    assert totals["nhso"].total == Decimal("250000.50")
    assert (totals["codi"].total, totals["codi"].grant_count) == (Decimal("80000"), 1)
    assert sum(t.total for t in totals.values()) == Decimal("1530000.50")
    assert by_slug(funder_totals(world.lamphun))["codi"].total == Decimal("81000")
    # Nothing of Lamphun's is in Chiang Mai.
    assert sum(t.total for t in funder_totals(world.chiang_mai)) == 0

    # A cancelled grant no longer hides the planning row it described.
    Grant.objects.filter(planning_funding=province_money).update(status="cancelled")
    assert by_slug(funder_totals(world.lamphun, 2569))["province"].plan_funding == 900000


def test_totals_per_area_break_a_province_into_districts(world):
    item = plan_item(world)
    Funding.objects.create(plan_item=item, amount=Decimal("300000"), fiscal_year=2569,
                           agency="Node สสส.", source="thaihealth")
    make_grant(world, "nhso", "100000", area=Area.objects.get(code="5104"))
    make_grant(world, "codi", "40000", area=Area.objects.get(code="510401"))
    make_grant(world, "codi", "60000")
    rows = {(r.area.code if r.area else None): r for r in area_totals(world.lamphun, 2569)}
    assert rows[None].grants == Decimal("60000")
    assert rows[None].plan_funding == Decimal("300000")
    assert rows["5104"].grants == Decimal("140000")
    assert set(rows) == {None, "5104"}
    nation = {(r.area.code if r.area else None): r.total
              for r in area_totals(Area.objects.get(code="TH"))}
    assert nation == {"51": Decimal("500000")}


def test_the_index_page_shows_the_totals(client, world):
    make_grant(world, "nhso", "123456")
    response = client.get("/funding/?area=51&fiscal_year=2569")
    assert response.status_code == 200
    assert "123,456 baht" in response.content.decode()
    assert client.get("/funding/?area=9999").status_code == 404


def test_an_officer_records_a_grant(client, world):
    funders()
    client.force_login(world.people["provincial_officer"])
    response = client.post("/funding/grants/new/", {
        "funder": funders()["codi"].pk, "organisation": world.org.pk,
        "title": "บ้านมั่นคงชนบท", "area": "5104", "amount": "350000", "fiscal_year": "2569",
        "status": "approved", "starts_on": "2025-10-01", "ends_on": "2026-09-30"})
    assert response.status_code == 302
    grant = Grant.objects.get()
    assert grant.created_by == world.people["provincial_officer"]
    assert grant.area.code == "5104"
    assert client.get(f"/funding/grants/{grant.pk}/").status_code == 200


def test_a_grant_outside_ones_province_is_refused(client, world):
    client.force_login(world.people["other_province_officer"])
    response = client.post("/funding/grants/new/", {
        "funder": funders()["codi"].pk, "organisation": world.org.pk, "title": "x",
        "area": "5104", "amount": "1", "fiscal_year": "2569", "status": "approved"})
    assert response.status_code == 403
    assert not Grant.objects.exists()


@pytest.mark.parametrize(("field", "value"), [
    ("amount", "0"), ("amount", "abc"), ("area", "5199"), ("fiscal_year", "25"),
    ("ends_on", "2025-01-01"),
])
def test_bad_grants_name_the_field(client, world, field, value):
    client.force_login(world.people["provincial_officer"])
    data = {"funder": funders()["codi"].pk, "organisation": world.org.pk, "title": "x",
            "area": "5104", "amount": "100", "fiscal_year": "2569", "status": "approved",
            "starts_on": "2025-10-01", field: value}
    response = client.post("/funding/grants/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Grant.objects.exists()
