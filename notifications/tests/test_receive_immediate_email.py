"""A follower hears at once, by e-mail and in Klang, when a proposal they follow moves on."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.utils import translation

from notifications import delivery
from notifications.models import Frequency, Kind, Notification, Preference
from notifications.tests.conftest import Inbox, free_port, html_of, make_proposal, text_of
from proposals.commands import transition
from proposals.models import Follow, State

pytestmark = pytest.mark.django_db

REASON = "ครบตามเกณฑ์ เสนอเข้าที่ประชุม ก.บ.จ. ครั้งที่ 4/2568"


def thai(label: Any) -> str:
    with translation.override("th"):
        return str(label)


def move_to_review(world: Any, proposal: Any, capture: Any) -> None:
    """An officer moves the proposal on, and the transaction commits."""
    with capture(execute=True):
        transition(proposal, State.UNDER_REVIEW, world.people["provincial_officer"], REASON)


def test_a_follower_gets_one_email_and_one_notification(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any) -> None:
    follower = world.people["citizen"]
    bystander = world.people["cso_member"]
    officer = world.people["provincial_officer"]
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)
    # The officer follows it too, but is not told about their own change.
    Follow.objects.create(proposal=proposal, user=officer)

    move_to_review(world, proposal, django_capture_on_commit_callbacks)

    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["X-Envelope-To"] == follower.email
    # (The long Thai subject is folded onto a continuation line: hence the strip.)
    subject = str(message["Subject"]).strip()
    assert subject.startswith("[Klang] ")
    assert proposal.title in subject
    assert thai(State.UNDER_REVIEW.label) in subject
    text = text_of(message)
    assert REASON in text
    assert f"https://klang.example.org/proposals/{proposal.pk}/" in text
    # Where to change or stop these e-mails, as an absolute link.
    assert "https://klang.example.org/notifications/settings/" in text
    assert message["List-Unsubscribe"] == "<https://klang.example.org/notifications/settings/>"
    html = html_of(message)
    assert f'href="https://klang.example.org/proposals/{proposal.pk}/"' in html
    assert 'href="https://klang.example.org/notifications/settings/"' in html
    assert 'lang="th"' in html

    mine = Notification.objects.get(user=follower)
    assert mine.kind == Kind.PROPOSAL_STATE
    assert mine.url == f"/proposals/{proposal.pk}/"
    assert proposal.title in mine.title and REASON in mine.body
    assert mine.read_at is None and mine.emailed_at is not None
    assert not Notification.objects.filter(user__in=[bystander, officer]).exists()


def test_a_notification_is_never_emailed_twice(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any) -> None:
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=world.people["citizen"])
    move_to_review(world, proposal, django_capture_on_commit_callbacks)
    notification = Notification.objects.get()

    # A retried task, or a second worker, delivering the same notification again.
    assert delivery.deliver([notification.pk]) == {}
    assert len(smtp.messages) == 1


def test_the_follower_sees_it_in_klang(client: Any, world: Any, smtp: Inbox,
                                       django_capture_on_commit_callbacks: Any) -> None:
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=world.people["citizen"])
    move_to_review(world, proposal, django_capture_on_commit_callbacks)

    world.login(client, "citizen")
    page = client.get("/notifications/")
    assert page.context["unread_count"] == 1
    html = page.content.decode()
    assert proposal.title in html
    assert f'href="/proposals/{proposal.pk}/"' in html


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY, Frequency.NEVER])
def test_no_immediate_email_for_those_who_chose_otherwise(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any,
        frequency: str) -> None:
    follower = world.people["citizen"]
    Preference.objects.create(user=follower, frequency=frequency)
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)

    move_to_review(world, proposal, django_capture_on_commit_callbacks)

    assert smtp.messages == []
    assert Notification.objects.get(user=follower).emailed_at is None


def test_no_email_when_email_is_switched_off(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any) -> None:
    follower = world.people["citizen"]
    Preference.objects.create(user=follower, frequency=Frequency.IMMEDIATE, by_email=False)
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)
    move_to_review(world, proposal, django_capture_on_commit_callbacks)
    assert smtp.messages == []
    assert Notification.objects.filter(user=follower).count() == 1


def test_a_mail_server_that_is_down_does_not_stop_the_officer(
        world: Any, settings: Any, caplog: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    follower = world.people["citizen"]
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)

    with caplog.at_level(logging.ERROR, logger="notifications"):
        move_to_review(world, proposal, django_capture_on_commit_callbacks)

    proposal.refresh_from_db()
    assert proposal.state == State.UNDER_REVIEW
    notification = Notification.objects.get(user=follower)
    # Not stamped: nothing was sent, and a later delivery may still send it.
    assert notification.emailed_at is None
    assert "not sent by email" in caplog.text


# The worker closes and reopens database connections as a real worker process does; that is only
# safe outside the test's wrapping transaction (on PostgreSQL it broke the test's connection).
@pytest.mark.django_db(transaction=True)
def test_in_production_a_worker_sends_it(world: Any, smtp: Inbox, settings: Any,
                                         django_capture_on_commit_callbacks: Any) -> None:
    """With the database queue (KLANG_TASKS=database) the request only queues the delivery;
    a ``db_worker`` process sends it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    follower = world.people["citizen"]
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)

    move_to_review(world, proposal, django_capture_on_commit_callbacks)

    assert smtp.messages == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "notifications.tasks.deliver_notifications"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert [m["X-Envelope-To"] for m in smtp.messages] == [follower.email]
    assert Notification.objects.get(user=follower).emailed_at is not None


def test_a_follower_who_may_no_longer_see_it_is_not_told(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any) -> None:
    follower = world.people["citizen"]
    proposal = make_proposal(world, state=State.SCREENING)
    Follow.objects.create(proposal=proposal, user=follower)

    with django_capture_on_commit_callbacks(execute=True):
        # Back to the working group's drafts, which the public does not see.
        transition(proposal, State.DRAFT, world.people["working_group"], "ต้องเพิ่มข้อมูล")

    assert not Notification.objects.filter(user=follower).exists()
    assert smtp.messages == []
