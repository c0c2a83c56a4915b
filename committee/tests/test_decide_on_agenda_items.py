"""The committee decides on each agenda item once; the decision moves the proposal."""

from __future__ import annotations

from typing import Any

import pytest

from committee.models import AgendaItem
from committee.services import add_to_agenda, decide
from committee.tests.helpers import events, make_meeting, make_proposal
from proposals.commands import ProposalError


@pytest.fixture
def on_agenda(world: Any) -> tuple[Any, Any]:
    meeting = make_meeting(world)
    proposal = make_proposal(world)
    add_to_agenda(meeting, proposal, world.people["provincial_officer"])
    return meeting, proposal


def post(client: Any, meeting: Any, proposal: Any, decision: str, resolution: str = "") -> Any:
    return client.post(f"/committee/meetings/{meeting.pk}/decide/", {
        "proposal": proposal.pk, "decision": decision, "resolution": resolution})


def test_officer_records_an_approval(client: Any, world: Any, on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    world.login(client, "provincial_officer")
    response = post(client, meeting, proposal, "approved", "เห็นชอบบรรจุในแผน")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "approved"
    decision = events(proposal, "decision")[-1]
    assert decision.data == {"meeting": "4/2568", "meeting_id": meeting.pk,
                             "decision": "approved", "body": "ก.บ.จ."}
    assert decision.text == "เห็นชอบบรรจุในแผน"
    assert decision.actor_role == "provincial_officer"
    state = [e for e in events(proposal, "state") if e.to_state == "approved"][0]
    assert state.data["meeting"] == "4/2568"
    page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "Approved into the plan" in page and "เห็นชอบบรรจุในแผน" in page


def test_rejection_needs_a_public_reason(client: Any, world: Any, on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    world.login(client, "provincial_officer")
    response = post(client, meeting, proposal, "rejected", "   ")
    assert response.status_code == 400
    html = response.content.decode()
    item = AgendaItem.objects.get()
    assert f'id="id_decide{item.pk}_resolution_error"' in html
    assert "shown publicly" in html
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert not events(proposal, "decision")
    assert AgendaItem.objects.get().decision == ""


def test_rejection_with_its_reason_is_public(client: Any, world: Any, on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    world.login(client, "provincial_officer")
    post(client, meeting, proposal, "rejected", "Outside the provincial budget's scope.")
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    client.logout()
    client.cookies["klang_language"] = "en"  # the assertion reads English text
    page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "Rejected" in page and "Outside the provincial budget&#x27;s scope." in page


def test_a_proposal_not_on_the_agenda_cannot_be_decided(client: Any, world: Any,
                                                        on_agenda: Any) -> None:
    meeting, _ = on_agenda
    elsewhere = make_proposal(world, "under_review", title="Not on this agenda")
    world.login(client, "provincial_officer")
    response = post(client, meeting, elsewhere, "approved")
    assert response.status_code == 400
    assert "is not on the agenda of meeting 4/2568" in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.state == "under_review" and not events(elsewhere)


def test_an_item_is_decided_only_once(client: Any, world: Any, on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    world.login(client, "provincial_officer")
    post(client, meeting, proposal, "deferred", "More data on costs needed.")
    response = post(client, meeting, proposal, "approved")
    assert response.status_code == 400
    assert "has already decided" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "deferred"
    assert len(events(proposal, "decision")) == 1


def test_the_service_refuses_the_same_way(world: Any, on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    officer = world.people["provincial_officer"]
    with pytest.raises(ProposalError, match="reason"):
        decide(meeting, proposal, "rejected", "", officer)
    decide(meeting, proposal, "approved", "", officer)
    with pytest.raises(ProposalError, match="already decided"):
        decide(meeting, proposal, "rejected", "Changed our mind", officer)
    with pytest.raises(ProposalError, match="not on the agenda"):
        decide(meeting, make_proposal(world, "under_review"), "approved", "", officer)


def test_officer_of_another_province_is_refused(client: Any, world: Any,
                                                on_agenda: Any) -> None:
    meeting, proposal = on_agenda
    world.login(client, "other_province_officer")
    response = post(client, meeting, proposal, "approved")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "under_review"


def test_decision_forms_only_for_officers(client: Any, world: Any, on_agenda: Any) -> None:
    meeting, _ = on_agenda
    assert "Record the decision" not in client.get(
        f"/committee/meetings/{meeting.pk}/").content.decode()
    world.login(client, "provincial_officer")
    assert "Record the decision" in client.get(
        f"/committee/meetings/{meeting.pk}/").content.decode()
