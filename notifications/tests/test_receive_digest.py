"""People who chose a summary get one e-mail a day (or a week) with everything new."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Frequency, Kind, Notification, Preference
from notifications.services import notify
from notifications.tests.conftest import Inbox, html_of, text_of

pytestmark = pytest.mark.django_db


def digests(period: str) -> str:
    out = StringIO()
    call_command("send_digests", "--period", period, stdout=out)
    return out.getvalue()


@pytest.fixture
def people(world: Any) -> dict[str, Any]:
    daily, weekly, at_once = (world.people["citizen"], world.people["cso_member"],
                              world.people["working_group"])
    Preference.objects.create(user=daily, frequency=Frequency.DAILY)
    Preference.objects.create(user=weekly, frequency=Frequency.WEEKLY)
    Preference.objects.create(user=at_once, frequency=Frequency.IMMEDIATE)
    return {"daily": daily, "weekly": weekly, "at_once": at_once}


def test_daily_digest(world: Any, smtp: Inbox, people: dict[str, Any],
                      django_capture_on_commit_callbacks: Any) -> None:
    daily, weekly = people["daily"], people["weekly"]
    notify([daily, weekly], Kind.PROPOSAL_STATE, "ศูนย์ข้อมูลคนพิการ: ผ่านการกลั่นกรอง",
           "เหตุผล: ข้อมูลครบ", "/proposals/1/")
    notify([daily], Kind.UPCOMING_FORUM, "เวทีประชาคมอำเภอลี้ 24 ก.ค.", "", "/forums/2/")
    # Someone who wants e-mails at once is not part of the digest (their immediate mail is
    # not delivered here: the test's transaction never commits).
    notify([people["at_once"]], Kind.NEW_NEED, "ความต้องการใหม่", "", "/needs/3/")

    output = digests("daily")

    assert "1 by email" in output
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["X-Envelope-To"] == daily.email
    subject = str(message["Subject"]).strip()
    assert subject.startswith("[Klang] ") and "2" in subject
    text = text_of(message)
    assert "ศูนย์ข้อมูลคนพิการ: ผ่านการกลั่นกรอง" in text
    assert "เวทีประชาคมอำเภอลี้ 24 ก.ค." in text
    assert "https://klang.example.org/proposals/1/" in text
    assert "https://klang.example.org/forums/2/" in text
    assert "https://klang.example.org/notifications/settings/" in text
    assert "ความต้องการใหม่" not in text
    html = html_of(message)
    assert html.count("<li ") == 2
    assert 'href="https://klang.example.org/notifications/settings/"' in html

    assert not Notification.objects.filter(user=daily, emailed_at__isnull=True).exists()
    assert Notification.objects.filter(user=weekly, emailed_at__isnull=True).count() == 1

    # Run again: nothing new, nothing sent.
    assert "none" in digests("daily")
    assert len(smtp.messages) == 1


def test_weekly_digest_only_for_weekly_people(world: Any, smtp: Inbox,
                                              people: dict[str, Any]) -> None:
    notify([people["daily"], people["weekly"]], Kind.UPCOMING_FORUM, "เวทีกลางจังหวัดลำพูน",
           "", "/forums/1/")
    digests("weekly")
    assert [m["X-Envelope-To"] for m in smtp.messages] == [people["weekly"].email]
    assert "เวทีกลางจังหวัดลำพูน" in text_of(smtp.messages[0])
    digests("weekly")
    assert len(smtp.messages) == 1


def test_what_was_read_in_klang_is_left_out(world: Any, smtp: Inbox,
                                            people: dict[str, Any]) -> None:
    daily = people["daily"]
    notify([daily], Kind.PROPOSAL_STATE, "อ่านแล้วในเว็บ", "", "/proposals/1/")
    Notification.objects.filter(user=daily).update(read_at=timezone.now())
    notify([daily], Kind.PROPOSAL_STATE, "ยังไม่ได้อ่าน", "", "/proposals/2/")

    digests("daily")

    text = text_of(smtp.messages[0])
    assert "ยังไม่ได้อ่าน" in text
    assert "อ่านแล้วในเว็บ" not in text


def test_no_digest_for_people_who_switched_email_off(world: Any, smtp: Inbox,
                                                     people: dict[str, Any]) -> None:
    Preference.objects.filter(user=people["daily"]).update(by_email=False)
    notify([people["daily"]], Kind.PROPOSAL_STATE, "ข้อเสนอ", "", "/proposals/1/")
    assert "none" in digests("daily")
    assert smtp.messages == []


def test_english_digest_text(world: Any, smtp: Inbox, people: dict[str, Any],
                             settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"  # a deployment whose first language is English
    notify([people["daily"]], Kind.PROPOSAL_STATE, "One", "", "/proposals/1/")
    notify([people["daily"]], Kind.PROPOSAL_STATE, "Two", "", "/proposals/2/")
    digests("daily")
    message = smtp.messages[0]
    assert str(message["Subject"]).strip() == "[Klang] Your daily summary: 2 updates"
    text = text_of(message)
    assert "Here is what happened today on Klang." in text
    assert "to stop these e-mails" in text
