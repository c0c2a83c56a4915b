"""Anyone browses the proposals: filters narrow the list, drafts stay with their authors."""

import re

import pytest

from planning.models import Plan, Strategy
from proposals.models import State
from proposals.tests.helpers import days_ago, make_proposal


def listed(response) -> list[int]:
    html = response.content.decode()
    start = html.find('class="proposal-list"')
    if start < 0:
        return []
    end = html.find("</ul>", start)
    return [int(pk) for pk in re.findall(r'href="/proposals/(\d+)/"', html[start:end])]


@pytest.fixture
def strategy(world):
    plan = Plan.objects.create(area=world.lamphun, title="แผนพัฒนาจังหวัดลำพูน 2566-2570",
                               first_year=2566, last_year=2570)
    return Strategy.objects.create(plan=plan, number=3, name_th="ความมั่นคงในการดำรงชีวิต",
                                   name_en="Security of livelihood")


@pytest.fixture
def proposals(world, strategy):
    return {
        "li": make_proposal(world, State.APPROVED, title="ศูนย์ดูแลคนพิการอำเภอลี้", area="5104",
                            groups=["disability"], strategy=strategy, fiscal_year=2569,
                            created_at=days_ago(3)),
        "lamphun": make_proposal(world, State.SUBMITTED, title="แพลตฟอร์มสื่อสารกลาง",
                                 groups=["older-people"], fiscal_year=2570,
                                 created_at=days_ago(2)),
        "chiang_mai": make_proposal(world, State.REJECTED, title="ถนนเลียบแม่น้ำปิง", area="50",
                                    created_at=days_ago(1)),
        "draft": make_proposal(world, State.DRAFT, title="ร่างข้อเสนอคณะทำงาน",
                               created_at=days_ago(0)),
    }


def test_everyone_sees_published_proposals_newest_first_without_drafts(client, proposals):
    response = client.get("/proposals/")
    assert response.status_code == 200
    assert listed(response) == [proposals[k].pk for k in ("chiang_mai", "lamphun", "li")]
    assert "ร่างข้อเสนอคณะทำงาน" not in response.content.decode()
    assert "3 proposals found" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "citizen", "cso_member", "other_province_officer"])
def test_drafts_stay_hidden_even_when_asked_for(client, world, proposals, role):
    world.login(client, role)
    response = client.get("/proposals/?state=draft")
    assert listed(response) == []
    assert "ร่างข้อเสนอคณะทำงาน" not in response.content.decode()


@pytest.mark.parametrize("role", ["working_group", "provincial_officer", "administrator"])
def test_the_working_group_finds_its_drafts(client, world, proposals, role):
    world.login(client, role)
    assert listed(client.get("/proposals/?state=draft")) == [proposals["draft"].pk]
    # ... but the default list is the same public list for everyone.
    assert proposals["draft"].pk not in listed(client.get("/proposals/"))


@pytest.mark.parametrize(("query", "expected"), [
    ("area=51", ["lamphun", "li"]),            # a province includes its districts
    ("area=5104", ["li"]),
    ("area=50", ["chiang_mai"]),
    ("state=rejected", ["chiang_mai"]),
    ("target_group=disability", ["li"]),
    ("fiscal_year=2570", ["lamphun"]),
    ("q=แพลตฟอร์ม", ["lamphun"]),
    ("area=51&state=approved", ["li"]),
])
def test_filters_narrow_the_list(client, proposals, query, expected):
    response = client.get(f"/proposals/?{query}")
    assert response.status_code == 200
    assert set(listed(response)) == {proposals[k].pk for k in expected}


def test_filter_by_strategy(client, proposals, strategy):
    assert listed(client.get(f"/proposals/?strategy={strategy.pk}")) == [proposals["li"].pk]


def test_unknown_area_code_is_a_clear_404(client, proposals):
    response = client.get("/proposals/?area=9999")
    assert response.status_code == 404


def test_nonsense_filters_are_ignored_not_errors(client, proposals):
    response = client.get("/proposals/?state=flying&fiscal_year=abc&strategy=x&target_group=zz")
    assert response.status_code == 200
    assert len(listed(response)) == 3


def test_pages_of_25_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        make_proposal(world, State.SUBMITTED, title=f"ข้อเสนอ {i}", groups=["disability"])
    with django_assert_max_num_queries(12):
        first = client.get("/proposals/")
    assert len(listed(first)) == 25
    assert len(listed(client.get("/proposals/?page=2"))) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_the_public_total_is_kept_for_a_minute_but_rows_are_live(client, world):
    from proposals.tests.helpers import make_proposal

    make_proposal(world, state="submitted")
    first = client.get("/proposals/")
    newer = make_proposal(world, state="submitted", title="ข้อเสนอที่เพิ่งยื่น")
    second = client.get("/proposals/")
    assert second.context["page"].paginator.count == first.context["page"].paginator.count
    assert newer.title in second.content.decode()
