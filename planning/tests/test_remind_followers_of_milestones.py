"""Someone follows an area's planning pulse and is reminded once before each step starts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from notifications.models import Frequency, Kind, Notification, Preference
from notifications.tests.conftest import Inbox, text_of
from planning.models import AreaFollow, MilestoneReminder
from planning.tests.pulse_helpers import make_cycle

pytestmark = pytest.mark.django_db


def steps() -> None:
    make_cycle("province-annual", [
        {"name": "Provincial hearing", "name_th": "ประชุมรับฟังความคิดเห็นระดับจังหวัด",
         "start": 5, "end": 30, "how": "นำข้อเสนอไปเสนอ"},
        {"name": "Committee approval", "name_th": "ก.บ.จ. พิจารณา", "start": 40, "end": 45},
    ])


def test_follow_and_stop_following(client: Any, world: Any) -> None:
    person = world.people["cso_coordinator"]
    world.login(client, "cso_coordinator")
    response = client.post("/plan/pulse/51/follow/", {"days_before": "10"})
    assert response.status_code == 302
    assert AreaFollow.objects.get(user=person, area=world.lamphun).days_before == 10
    assert "You follow this pulse" in client.get("/plan/pulse/51/").content.decode()
    client.post("/plan/pulse/51/follow/")
    assert not AreaFollow.objects.filter(user=person).exists()


def test_a_bad_number_of_days_is_refused(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    response = client.post("/plan/pulse/51/follow/", {"days_before": "400"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AreaFollow.objects.exists()


def test_anonymous_people_are_asked_to_log_in(client: Any, world: Any) -> None:
    response = client.post("/plan/pulse/51/follow/", {"days_before": "7"})
    assert response.status_code == 302 and "/login" in response["Location"]


def test_one_email_per_step_however_often_the_command_runs(
        world: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any) -> None:
    steps()
    follower = world.people["cso_coordinator"]
    Preference.objects.create(user=follower, frequency=Frequency.IMMEDIATE, by_email=True)
    AreaFollow.objects.create(user=follower, area=world.lamphun, days_before=7)
    # Following a district of Lamphun as well does not bring a second reminder.
    AreaFollow.objects.create(user=follower, area=world.lamphun.children.get(code="5104"),
                              days_before=7)
    far_sighted = world.people["citizen"]
    AreaFollow.objects.create(user=far_sighted, area=world.lamphun, days_before=60)
    short_sighted = world.people["cso_member"]
    AreaFollow.objects.create(user=short_sighted, area=world.lamphun, days_before=3)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_milestone_reminders")
    to_follower = smtp.to(follower.email)
    assert len(to_follower) == 1
    text = text_of(to_follower[0])
    assert "ประชุมรับฟังความคิดเห็นระดับจังหวัด" in text
    assert "นำข้อเสนอไปเสนอ" in text
    assert "/plan/pulse/51/" in text
    assert Notification.objects.get(user=follower).kind == Kind.MILESTONE_REMINDER
    # 60 days ahead: both steps; 3 days ahead: nothing yet.
    assert Notification.objects.filter(user=far_sighted).count() == 2
    assert not Notification.objects.filter(user=short_sighted).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_milestone_reminders")
    assert len(smtp.to(follower.email)) == 1
    assert Notification.objects.filter(user=follower).count() == 1
    assert MilestoneReminder.objects.filter(user=follower).count() == 1


def test_a_step_already_under_way_is_not_announced(world: Any) -> None:
    make_cycle("province-annual", [{"name": "Hearing", "start": -2, "end": 10}])
    AreaFollow.objects.create(user=world.people["citizen"], area=world.lamphun)
    call_command("send_milestone_reminders")
    assert not Notification.objects.exists()
