"""People who asked for LINE get a LINE message, through the Messaging API (a local fake)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from notifications import delivery
from notifications.models import Frequency, Kind, Notification, Preference
from notifications.services import notify
from notifications.tests.conftest import LINE_TOKEN, FakeLine, Inbox, make_proposal
from proposals.commands import transition
from proposals.models import Follow, State

pytestmark = pytest.mark.django_db

LINE_ID = "U" + "0123456789abcdef" * 2
TITLE = "ศูนย์ข้อมูลคนพิการจังหวัดลำพูน: ผ่านการพิจารณา"


def on_line(user: Any, frequency: str = Frequency.IMMEDIATE, by_email: bool = False) -> None:
    Preference.objects.create(user=user, frequency=frequency, by_email=by_email, by_line=True,
                              line_user_id=LINE_ID)


def notify_now(users: list[Any], capture: Any, title: str = TITLE) -> None:
    with capture(execute=True):
        notify(users, Kind.PROPOSAL_STATE, title, "เหตุผล: ข้อมูลครบ", "/proposals/5/")


def test_a_line_message_is_pushed(world: Any, line_api: FakeLine,
                                  django_capture_on_commit_callbacks: Any) -> None:
    citizen = world.people["citizen"]
    on_line(citizen)

    notify_now([citizen], django_capture_on_commit_callbacks)

    assert len(line_api.pushes) == 1
    push = line_api.pushes[0]
    assert push["method"] == "POST"
    assert push["authorization"] == f"Bearer {LINE_TOKEN}"
    assert push["json"]["to"] == LINE_ID
    [message] = push["json"]["messages"]
    assert message["type"] == "text"
    assert TITLE in message["text"]
    assert "เหตุผล: ข้อมูลครบ" in message["text"]
    assert "https://klang.example.org/proposals/5/" in message["text"]
    assert push["retry_key"]
    assert Notification.objects.get(user=citizen).sent_line_at is not None

    # Delivered again (a retried task): LINE is not called a second time.
    delivery.deliver([Notification.objects.get(user=citizen).pk])
    assert len(line_api.pushes) == 1


def test_a_follower_on_line_hears_of_a_state_change(
        world: Any, line_api: FakeLine, django_capture_on_commit_callbacks: Any) -> None:
    follower = world.people["citizen"]
    on_line(follower)
    proposal = make_proposal(world)
    Follow.objects.create(proposal=proposal, user=follower)

    with django_capture_on_commit_callbacks(execute=True):
        transition(proposal, State.UNDER_REVIEW, world.people["provincial_officer"])

    [push] = line_api.pushes
    assert proposal.title in push["json"]["messages"][0]["text"]


def test_line_is_off_without_a_token(world: Any, line_api: FakeLine, smtp: Inbox,
                                     settings: Any,
                                     django_capture_on_commit_callbacks: Any) -> None:
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    citizen = world.people["citizen"]
    on_line(citizen, by_email=True)

    notify_now([citizen], django_capture_on_commit_callbacks)

    assert line_api.requests == []
    notification = Notification.objects.get(user=citizen)
    assert notification.sent_line_at is None
    # E-mail works as ever.
    assert len(smtp.messages) == 1
    assert notification.emailed_at is not None


def test_a_line_error_is_logged_and_email_still_goes(
        world: Any, line_api: FakeLine, smtp: Inbox, caplog: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    line_api.status = 500
    citizen = world.people["citizen"]
    on_line(citizen, by_email=True)

    with caplog.at_level(logging.ERROR, logger="notifications"):
        notify_now([citizen], django_capture_on_commit_callbacks)

    assert len(line_api.pushes) == 1  # tried once
    assert "not sent by line" in caplog.text
    assert "500" in caplog.text
    notification = Notification.objects.get(user=citizen)
    assert notification.sent_line_at is None
    assert len(smtp.messages) == 1
    assert notification.emailed_at is not None


def test_people_who_did_not_ask_get_no_line_message(
        world: Any, line_api: FakeLine, smtp: Inbox,
        django_capture_on_commit_callbacks: Any) -> None:
    notify_now([world.people["citizen"]], django_capture_on_commit_callbacks)
    assert line_api.requests == []
    assert len(smtp.messages) == 1


def test_a_daily_line_user_gets_one_summary(world: Any, line_api: FakeLine) -> None:
    citizen = world.people["citizen"]
    on_line(citizen, frequency=Frequency.DAILY)
    notify([citizen], Kind.PROPOSAL_STATE, "ข้อเสนอแรก", "", "/proposals/1/")
    notify([citizen], Kind.UPCOMING_FORUM, "เวทีที่สอง", "", "/forums/2/")

    assert delivery.send_digests("daily") == {"line": 1}

    [push] = line_api.pushes
    text = push["json"]["messages"][0]["text"]
    assert push["json"]["to"] == LINE_ID
    assert "ข้อเสนอแรก" in text and "เวทีที่สอง" in text
    assert "https://klang.example.org/notifications/" in text
    assert delivery.send_digests("daily") == {}
    assert len(line_api.pushes) == 1
