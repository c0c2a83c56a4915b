"""A person reads what Klang told them, newest first, and marks it read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from notifications.context_processors import unread_notifications
from notifications.models import Kind, Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def make(user: Any, title: str, minutes_ago: int, url: str = "/proposals/1/",
         read: bool = False) -> Notification:
    notification = Notification.objects.create(
        user=user, kind=Kind.PROPOSAL_STATE, title=title, body="เหตุผล: ทดสอบ", url=url,
        read_at=timezone.now() if read else None)
    # created_at is set on insert; move it back to order the inbox.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return notification


def test_the_inbox_lists_my_notifications_newest_first_with_unread_marked(
        client: Any, world: Any) -> None:
    citizen = world.people["citizen"]
    old = make(citizen, "ข้อเสนอเก่า", minutes_ago=60, read=True)
    new = make(citizen, "ข้อเสนอใหม่", minutes_ago=1, url="/proposals/7/")
    make(world.people["cso_member"], "ของคนอื่น", minutes_ago=5)
    world.login(client, "citizen")

    response = client.get("/notifications/")

    assert response.status_code == 200
    listed = list(response.context["page"])
    assert listed == [new, old]
    assert response.context["unread_count"] == 1
    html = response.content.decode()
    assert "ของคนอื่น" not in html
    assert html.index("ข้อเสนอใหม่") < html.index("ข้อเสนอเก่า")
    assert html.count("notification-unread") == 1
    assert f'id="notification-{new.pk}"' in html
    assert 'href="/proposals/7/"' in html
    # The unread one can be marked read; the read one offers nothing more.
    assert f'action="/notifications/{new.pk}/read/"' in html
    assert f'action="/notifications/{old.pk}/read/"' not in html


def test_notification_text_is_shown_as_text(client: Any, world: Any) -> None:
    notify([world.people["citizen"]], Kind.PROPOSAL_STATE, "<script>alert(1)</script>",
           "บรรทัดแรก\n<b>บรรทัดสอง</b>", "javascript:alert(1)")
    world.login(client, "citizen")
    html = client.get("/notifications/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "บรรทัดแรก<br>&lt;b&gt;บรรทัดสอง&lt;/b&gt;" in html
    assert "javascript:" not in html


def test_mark_one_as_read(client: Any, world: Any) -> None:
    mine = make(world.people["citizen"], "ข้อเสนอ", minutes_ago=1)
    world.login(client, "citizen")

    response = client.post(f"/notifications/{mine.pk}/read/", {"next": "/notifications/"})

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get("/notifications/").context["unread_count"] == 0


def test_someone_elses_notification_is_not_found(client: Any, world: Any) -> None:
    theirs = make(world.people["cso_member"], "ของคนอื่น", minutes_ago=1)
    world.login(client, "citizen")

    response = client.post(f"/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_touches_only_mine(client: Any, world: Any) -> None:
    citizen = world.people["citizen"]
    make(citizen, "หนึ่ง", minutes_ago=2)
    make(citizen, "สอง", minutes_ago=1)
    theirs = make(world.people["cso_member"], "ของคนอื่น", minutes_ago=1)
    world.login(client, "citizen")

    response = client.post("/notifications/read/")

    assert response.status_code == 302
    assert not Notification.objects.filter(user=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = client.get("/notifications/")
    assert page.context["unread_count"] == 0
    assert "notification-unread" not in page.content.decode()


def test_a_foreign_next_address_is_ignored(client: Any, world: Any) -> None:
    mine = make(world.people["citizen"], "ข้อเสนอ", minutes_ago=1)
    world.login(client, "citizen")
    response = client.post(f"/notifications/{mine.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"


def test_anonymous_visitors_are_asked_to_log_in(client: Any, world: Any) -> None:
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_unread_count_is_available_to_every_page(world: Any) -> None:
    citizen = world.people["citizen"]
    make(citizen, "หนึ่ง", minutes_ago=2)
    make(citizen, "สอง", minutes_ago=1)
    make(citizen, "อ่านแล้ว", minutes_ago=1, read=True)
    request = RequestFactory().get("/")
    request.user = citizen
    count = unread_notifications(request)["unread_notification_count"]
    assert count() == 2

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert unread_notifications(request)["unread_notification_count"] == 0


def test_english_page(client: Any, world: Any) -> None:
    make(world.people["citizen"], "ข้อเสนอ", minutes_ago=1)
    world.login(client, "citizen")
    client.cookies["klang_language"] = "en"
    html = client.get("/notifications/").content.decode()
    assert "You have 1 unread notification." in html
    assert "Mark all as read" in html
    assert ">New<" in html
