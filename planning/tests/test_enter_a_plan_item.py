"""An officer enters an approved proposal in the provincial plan."""

from __future__ import annotations

from typing import Any

import pytest

from committee.tests.helpers import events, make_proposal
from planning.models import PlanItem
from planning.services import create_plan_item
from planning.tests.helpers import livelihood, make_plan
from proposals.commands import ProposalError


def form(plan: Any, **overrides: Any) -> dict[str, Any]:
    data = {"title": "", "strategy": livelihood(plan).pk, "fiscal_year": "2569",
            "owner_agency": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน",
            "budget": "450000", "parent": ""}
    data.update(overrides)
    return data


def test_officer_enters_an_approved_proposal(client: Any, world: Any) -> None:
    plan = make_plan(world)
    proposal = make_proposal(world, "approved", estimated_budget=450000)
    world.login(client, "provincial_officer")
    page = client.get(f"/plan/items/new/?proposal={proposal.pk}")
    assert page.status_code == 200
    assert 'value="450000' in page.content.decode()  # the proposal's estimate, to confirm
    response = client.post(f"/plan/items/new/?proposal={proposal.pk}", form(plan))
    item = PlanItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plan/items/{item.pk}/"
    assert item.title == proposal.title and item.strategy.number == 2
    assert item.fiscal_year == 2569 and item.created_by == world.people["provincial_officer"]
    event = events(proposal, "plan_item")[0]
    assert event.data["plan_item"] == item.pk and event.data["fiscal_year"] == 2569
    proposal.refresh_from_db()
    # The proposal lists filter by strategy and fiscal year.
    assert proposal.fiscal_year == 2569 and proposal.strategy == livelihood(plan)


@pytest.mark.parametrize("state", ["submitted", "under_review", "deferred", "rejected"])
def test_a_proposal_not_approved_is_refused(client: Any, world: Any, state: str) -> None:
    plan = make_plan(world)
    proposal = make_proposal(world, state)
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/new/?proposal={proposal.pk}", form(plan))
    assert response.status_code == 400
    assert "Only a proposal approved by the committee can become a plan item" in \
        response.content.decode()
    assert not PlanItem.objects.exists() and not events(proposal)


def test_missing_fields_are_field_errors(client: Any, world: Any) -> None:
    plan = make_plan(world)
    proposal = make_proposal(world, "approved")
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/new/?proposal={proposal.pk}",
                           form(plan, owner_agency="", fiscal_year="2026", budget="-5"))
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("owner_agency", "fiscal_year", "budget"):
        assert f'id="id_{field}_error"' in html
    assert not PlanItem.objects.exists()


def test_a_proposal_enters_the_plan_only_once(world: Any) -> None:
    plan = make_plan(world)
    proposal = make_proposal(world, "approved")
    officer = world.people["provincial_officer"]
    create_plan_item(proposal, livelihood(plan), 2569, "Agency", 100, officer)
    with pytest.raises(ProposalError, match="already in the plan"):
        create_plan_item(proposal, livelihood(plan), 2570, "Agency", 100, officer)


def test_officer_of_another_province_is_refused(client: Any, world: Any) -> None:
    make_plan(world)
    proposal = make_proposal(world, "approved")
    world.login(client, "other_province_officer")
    assert client.get(f"/plan/items/new/?proposal={proposal.pk}").status_code == 403


def test_a_plan_item_can_be_part_of_a_larger_one(client: Any, world: Any) -> None:
    plan = make_plan(world)
    officer = world.people["provincial_officer"]
    parent = create_plan_item(None, livelihood(plan), 2569, "Provincial Office", 0, officer,
                              title="Accessible public services")
    proposal = make_proposal(world, "approved")
    world.login(client, "provincial_officer")
    client.post(f"/plan/items/new/?proposal={proposal.pk}", form(plan, parent=parent.pk))
    assert PlanItem.objects.get(proposal=proposal).parent == parent


def test_officer_chooses_among_approved_proposals(client: Any, world: Any) -> None:
    make_plan(world)
    approved = make_proposal(world, "approved", title="Approved one")
    make_proposal(world, "submitted", title="Still waiting")
    world.login(client, "provincial_officer")
    html = client.get("/plan/items/new/").content.decode()
    assert f"?proposal={approved.pk}" in html and "Still waiting" not in html
