"""Registered people support a proposal (once each) and follow it to hear when it moves."""

import pytest

from notifications.models import Notification
from proposals.commands import transition
from proposals.models import Follow, State, Support
from proposals.tests.helpers import make_proposal


@pytest.fixture
def proposal(world):
    return make_proposal(world, State.SUBMITTED)


def support(client, proposal):
    return client.post(f"/proposals/{proposal.pk}/support/")


def test_one_support_per_person_and_a_second_click_takes_it_back(client, world, proposal):
    world.login(client, "citizen")
    assert support(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "1 supporter" in page and 'aria-pressed="true"' in page
    assert support(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.exists()


def test_supports_from_several_people_add_up(client, world, proposal):
    for role in ("citizen", "cso_member", "funder"):
        client.force_login(world.people[role])
        support(client, proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 3 == Support.objects.filter(proposal=proposal).count()


def test_a_draft_cannot_be_supported(client, world):
    draft = make_proposal(world, State.DRAFT)
    world.login(client, "working_group")   # may see the draft, but it is not public yet
    assert support(client, draft).status_code == 403
    draft.refresh_from_db()
    assert draft.support_count == 0


def test_anonymous_people_are_asked_to_log_in(client, world, proposal):
    response = support(client, proposal)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(f"/proposals/{proposal.pk}/follow/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Log in" in client.get(f"/proposals/{proposal.pk}/").content.decode()


def test_followers_hear_when_it_moves_and_can_stop(client, world, proposal,
                                                   django_capture_on_commit_callbacks):
    citizen = world.people["citizen"]
    world.login(client, "citizen")
    assert client.post(f"/proposals/{proposal.pk}/follow/").status_code == 302
    assert Follow.objects.filter(proposal=proposal, user=citizen).exists()
    with django_capture_on_commit_callbacks(execute=True):
        transition(proposal, State.WITHDRAWN, world.people["working_group"], reason="ซ้ำ")
    assert Notification.objects.filter(user=citizen).count() == 1
    assert client.post(f"/proposals/{proposal.pk}/follow/").status_code == 302
    assert not Follow.objects.filter(proposal=proposal, user=citizen).exists()


def test_following_a_draft_one_may_not_see_is_not_found(client, world):
    draft = make_proposal(world, State.DRAFT)
    world.login(client, "citizen")
    assert client.post(f"/proposals/{draft.pk}/follow/").status_code == 404
    assert not Follow.objects.exists()


def test_support_and_follow_only_by_post(client, world, proposal):
    world.login(client, "citizen")
    assert client.get(f"/proposals/{proposal.pk}/support/").status_code == 405
    assert client.get(f"/proposals/{proposal.pk}/follow/").status_code == 405
