"""An officer records the money for a plan item; the proposal becomes "funded"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from committee.tests.helpers import events
from planning.models import Funding
from planning.services import finish, fund, start_implementation
from planning.tests.helpers import make_item
from proposals.commands import ProposalError

FORM = {"amount": "450000", "fiscal_year": "2569", "agency": "สำนักงานจังหวัดลำพูน",
        "source": "province", "budget_line": "งบพัฒนาจังหวัด 2569 โครงการที่ 12"}


def test_officer_funds_an_approved_proposal(client: Any, world: Any) -> None:
    item = make_item(world)
    world.login(client, "provincial_officer")
    assert client.get(f"/plan/items/{item.pk}/fund/").status_code == 200
    response = client.post(f"/plan/items/{item.pk}/fund/", FORM)
    assert response.status_code == 302
    funding = Funding.objects.get()
    assert funding.amount == Decimal("450000") and funding.recorded_by == \
        world.people["provincial_officer"]
    proposal = item.proposal
    proposal.refresh_from_db()
    assert proposal.state == "funded"
    event = events(proposal, "funding")[0]
    assert event.data["amount"] == "450000" and event.data["budget_line"] == FORM["budget_line"]
    page = client.get(f"/plan/items/{item.pk}/").content.decode()
    assert "450,000 baht" in page and "งบพัฒนาจังหวัด 2569 โครงการที่ 12" in page


def test_funding_a_rejected_proposal_is_refused(client: Any, world: Any) -> None:
    item = make_item(world, "rejected")
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/fund/", FORM)
    assert response.status_code == 400
    assert "Only a proposal approved by the committee can be funded" in \
        response.content.decode()
    assert not Funding.objects.exists()
    item.proposal.refresh_from_db()
    assert item.proposal.state == "rejected"
    assert not events(item.proposal, "funding") and not events(item.proposal, "state")


def test_the_service_refuses_a_rejected_proposal_and_writes_nothing(world: Any) -> None:
    item = make_item(world, "rejected")
    with pytest.raises(ProposalError, match="Rejected by the committee"):
        fund(item, Decimal("1000"), 2569, "Agency", world.people["provincial_officer"])
    assert not Funding.objects.exists()


def test_the_amount_must_be_more_than_zero(client: Any, world: Any) -> None:
    item = make_item(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/fund/", {**FORM, "amount": "0"})
    assert response.status_code == 400
    assert 'id="id_amount_error"' in response.content.decode()
    assert not Funding.objects.exists()


def test_a_second_tranche_keeps_the_proposal_funded(world: Any) -> None:
    item = make_item(world)
    officer = world.people["provincial_officer"]
    fund(item, Decimal("300000"), 2569, "Agency", officer)
    fund(item, Decimal("150000"), 2570, "Agency", officer, source="thaihealth")
    item.proposal.refresh_from_db()
    assert item.proposal.state == "funded"
    assert len(events(item.proposal, "funding")) == 2
    assert [e.to_state for e in events(item.proposal, "state")] == ["funded"]


def test_start_then_complete(client: Any, world: Any) -> None:
    item = make_item(world)
    fund(item, Decimal("450000"), 2569, "Agency", world.people["provincial_officer"])
    world.login(client, "provincial_officer")
    assert "Mark the work as started" in client.get(f"/plan/items/{item.pk}/").content.decode()
    assert client.post(f"/plan/items/{item.pk}/start/").status_code == 302
    item.proposal.refresh_from_db()
    assert item.proposal.state == "in_implementation"
    response = client.post(f"/plan/items/{item.pk}/finish/", {"outcome": "completed",
                                                              "reason": ""})
    assert response.status_code == 302
    item.proposal.refresh_from_db()
    assert item.proposal.state == "completed"


def test_not_implemented_needs_a_reason(client: Any, world: Any) -> None:
    item = make_item(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/finish/", {"outcome": "not_implemented",
                                                              "reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    item.proposal.refresh_from_db()
    assert item.proposal.state == "approved"
    client.post(f"/plan/items/{item.pk}/finish/", {"outcome": "not_implemented",
                                                   "reason": "The agency had no staff."})
    item.proposal.refresh_from_db()
    assert item.proposal.state == "not_implemented"
    assert events(item.proposal, "state")[-1].text == "The agency had no staff."


def test_starting_before_funding_is_refused(client: Any, world: Any) -> None:
    item = make_item(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/start/")
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    item.proposal.refresh_from_db()
    assert item.proposal.state == "approved"
    with pytest.raises(ProposalError):
        start_implementation(item, world.people["provincial_officer"])
    with pytest.raises(ProposalError):
        finish(item, "completed", world.people["provincial_officer"])


def test_officer_of_another_province_cannot_fund(client: Any, world: Any) -> None:
    item = make_item(world)
    world.login(client, "other_province_officer")
    assert client.post(f"/plan/items/{item.pk}/fund/", FORM).status_code == 403
    assert client.post(f"/plan/items/{item.pk}/start/").status_code == 403
    assert not Funding.objects.exists()
