"""People follow a commitment; when its status changes, each follower is told once (not the
person who changed it), and saying the same status again tells no one."""

from __future__ import annotations

import pytest

from agreements.models import Commitment, CommitmentUpdate
from agreements.tests.helpers import make_commitment
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def follow(client, commitment: Commitment):
    return client.post(f"/agreements/commitments/{commitment.pk}/follow/")


def test_a_status_change_tells_each_follower_once(client, world):
    commitment = make_commitment(world)
    for role in ["citizen", "funder", "provincial_officer"]:
        world.login(client, role)
        response = follow(client, commitment)
        assert response.status_code == 302
    # Following twice from two tabs does not double the message: the second click unfollows,
    # the third follows again.
    world.login(client, "citizen")
    follow(client, commitment)
    follow(client, commitment)

    world.login(client, "provincial_officer")
    response = client.post(f"/agreements/commitments/{commitment.pk}/status/",
                           {"status": "late", "note": "The survey team was delayed."})
    assert response.status_code == 302
    assert response["Location"] == f"/agreements/{commitment.agreement_id}/#commitment-{commitment.pk}"

    told = Notification.objects.filter(kind="milestone_reminder")
    assert sorted(told.values_list("user__email", flat=True)) == [
        "citizen@example.org", "funder@example.org"]
    note = told.first()
    assert commitment.title in note.title
    assert "The survey team was delayed." in note.body
    assert note.url == commitment.get_absolute_url()
    update = CommitmentUpdate.objects.get()
    assert (update.from_status, update.to_status, update.actor) == (
        "planned", "late", world.people["provincial_officer"])

    # The same status again, with a new note: the note is kept, nobody is told again.
    client.post(f"/agreements/commitments/{commitment.pk}/status/",
                {"status": "late", "note": "Now expected in May."})
    commitment.refresh_from_db()
    assert commitment.status_note == "Now expected in May."
    assert told.count() == 2


def test_unfollowing_stops_the_messages(client, world):
    commitment = make_commitment(world)
    world.login(client, "citizen")
    follow(client, commitment)
    follow(client, commitment)
    world.login(client, "provincial_officer")
    client.post(f"/agreements/commitments/{commitment.pk}/status/", {"status": "done"})
    assert not Notification.objects.exists()


def test_the_page_shows_the_follow_button_and_the_new_status(client, world):
    commitment = make_commitment(world)
    world.login(client, "citizen")
    follow(client, commitment)
    page = client.get(f"/agreements/{commitment.agreement_id}/").content.decode()
    assert 'aria-pressed="true"' in page
    assert "Planned" in page
    assert f"/agreements/commitments/{commitment.pk}/status/" not in page


def test_late_or_dropped_needs_a_reason(client, world):
    commitment = make_commitment(world)
    world.login(client, "cso_coordinator")
    follow(client, commitment)
    world.login(client, "provincial_officer")
    response = client.post(f"/agreements/commitments/{commitment.pk}/status/",
                           {"status": "dropped", "note": "  "})
    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    commitment.refresh_from_db()
    assert commitment.status == "planned"
    assert not Notification.objects.exists()


def test_an_unknown_status_is_refused(client, world):
    commitment = make_commitment(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/agreements/commitments/{commitment.pk}/status/",
                           {"status": "finished"})
    assert response.status_code == 400
    assert "status" in response.context["form"].errors


def test_a_coordinator_adds_a_commitment_with_a_due_date(client, world):
    commitment = make_commitment(world)
    agreement = commitment.agreement
    world.login(client, "cso_coordinator")
    bad = client.post(f"/agreements/{agreement.pk}/commitments/new/",
                      {"title": "Train volunteers", "due_date": "31/02/2026"})
    assert bad.status_code == 400 and "due_date" in bad.context["form"].errors
    response = client.post(f"/agreements/{agreement.pk}/commitments/new/",
                           {"title": "Train volunteers", "due_date": "2026-01-31",
                            "responsible": "อบจ.ลำพูน"})
    assert response.status_code == 302
    assert list(agreement.commitments.values_list("title", flat=True)) == [
        "Train volunteers", "Survey every district office"]
