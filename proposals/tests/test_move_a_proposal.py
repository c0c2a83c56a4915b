"""The working group and the provincial office move a proposal towards the committee; its
authors may withdraw it. Impossible moves are refused with a message, and nothing changes."""

import pytest

from proposals.models import EventKind, State
from proposals.tests.helpers import make_proposal


def move(client, proposal, to_state, reason=""):
    return client.post(f"/proposals/{proposal.pk}/transition/",
                       {"to_state": to_state, "reason": reason})


def test_from_draft_to_the_province(client, world):
    proposal = make_proposal(world, State.DRAFT)
    world.login(client, "working_group")
    assert move(client, proposal, "screening").status_code == 302
    assert move(client, proposal, "ready", "ตรวจกับข้อมูลแล้ว").status_code == 302
    client.logout()
    world.login(client, "provincial_officer")
    client.cookies["klang_language"] = "en"  # the assertion reads English text
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "Submit to the province" in page
    assert move(client, proposal, "submitted").status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    events = list(proposal.events.filter(kind=EventKind.STATE)
                  .values_list("from_state", "to_state", "actor_role", "text"))
    assert events == [
        ("draft", "screening", "working_group", ""),
        ("screening", "ready", "working_group", "ตรวจกับข้อมูลแล้ว"),
        ("ready", "submitted", "provincial_officer", ""),
    ]


def test_an_impossible_move_is_refused_with_a_message(client, world):
    proposal = make_proposal(world, State.DRAFT)
    world.login(client, "working_group")
    response = move(client, proposal, "ready")
    assert response.status_code == 400
    assert "A proposal that is “Draft” cannot become “Ready to submit”." in \
        response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT
    assert not proposal.events.exists()


def test_withdrawing_needs_a_public_reason(client, world):
    proposal = make_proposal(world, State.SUBMITTED)
    world.login(client, "working_group")
    response = move(client, proposal, "withdrawn", "   ")
    assert response.status_code == 400
    assert "Give a reason: it is shown publicly" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert move(client, proposal, "withdrawn", "รวมกับข้อเสนออื่นแล้ว").status_code == 302
    client.logout()
    client.cookies["klang_language"] = "en"  # the assertion reads English text
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "Its authors withdrew it." in page and "รวมกับข้อเสนออื่นแล้ว" in page


def test_an_author_may_withdraw_their_own_proposal(client, world):
    proposal = make_proposal(world, State.SUBMITTED, author="citizen")
    world.login(client, "citizen")
    assert move(client, proposal, "withdrawn", "ไม่จำเป็นแล้ว").status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.WITHDRAWN


def test_an_approved_proposal_can_no_longer_be_withdrawn(client, world):
    proposal = make_proposal(world, State.APPROVED)
    world.login(client, "working_group")
    response = move(client, proposal, "withdrawn", "เปลี่ยนใจ")
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == State.APPROVED


@pytest.mark.parametrize(("state", "to_state", "role"), [
    (State.DRAFT, "screening", "provincial_officer"),     # screening is the working group's
    (State.DRAFT, "screening", "cso_coordinator"),
    (State.READY, "submitted", "working_group"),          # submitting is the officer's
    (State.READY, "submitted", "other_province_officer"),
    (State.SUBMITTED, "withdrawn", "citizen"),             # not the author
    (State.SUBMITTED, "withdrawn", "provincial_officer"),
])
def test_others_are_refused(client, world, state, to_state, role):
    proposal = make_proposal(world, state)
    world.login(client, role)
    response = move(client, proposal, to_state, "เหตุผล")
    assert response.status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.state == state


def test_committee_steps_are_taken_on_the_committee_pages(client, world):
    proposal = make_proposal(world, State.UNDER_REVIEW)
    world.login(client, "provincial_officer")
    response = move(client, proposal, "approved", "เห็นชอบ")
    assert response.status_code == 400
    assert "This step is taken on the committee" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == State.UNDER_REVIEW


def test_anonymous_people_are_sent_to_log_in(client, world):
    proposal = make_proposal(world, State.READY)
    response = move(client, proposal, "submitted")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_cannot_be_moved_by_someone_who_cannot_see_it(client, world):
    proposal = make_proposal(world, State.DRAFT)
    world.login(client, "other_province_officer")
    assert move(client, proposal, "screening").status_code == 404
