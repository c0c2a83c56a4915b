"""People hear of a forum in their area a few days before it, once."""

import datetime as dt

from django.core.management import call_command

from accounts.models import Role, RoleGrant, User
from forums.services import upcoming_forum_notifications
from forums.tests.helpers import make_forum
from notifications.models import Kind, Notification


def test_people_of_the_area_and_the_organisers_members_are_reminded_once(world, areas):
    forum = make_forum(world, area="5104", days=2, title="เวทีอำเภอลี้")
    make_forum(world, area="51", days=10)              # too far ahead
    make_forum(world, area="51", days=-1)              # already held
    # A member of an organiser organisation whose grant is for another province.
    member = User.objects.create_user("far-member@example.org", "x", full_name="far")
    RoleGrant.objects.create(user=member, role=Role.CSO_MEMBER, area=world.chiang_mai,
                             organisation=world.org)

    pairs = upcoming_forum_notifications(days=3)
    assert [f.pk for f, _ in pairs] == [forum.pk]
    users = set(pairs[0][1])
    expected = {world.people[r] for r in (
        "cso_member", "cso_coordinator", "working_group", "provincial_officer",
        "committee_member", "funder", "national_analyst", "dpo", "administrator")} | {member}
    assert users == expected
    assert world.people["other_province_officer"] not in users
    assert world.people["citizen"] not in users

    call_command("remind_upcoming_forums", "--days", "3")
    rows = Notification.objects.filter(kind=Kind.UPCOMING_FORUM)
    assert rows.count() == len(expected)
    assert {n.user for n in rows} == expected
    assert all(n.url == f"/forums/{forum.pk}/" and "เวทีอำเภอลี้" in n.title for n in rows)

    call_command("remind_upcoming_forums", "--days", "3")
    assert Notification.objects.filter(kind=Kind.UPCOMING_FORUM).count() == len(expected)
    forum.refresh_from_db()
    assert forum.reminded_at is not None


def test_a_moved_forum_is_announced_again(client, world):
    from forums.tests.helpers import form_data, local_input

    forum = make_forum(world, days=1)
    call_command("remind_upcoming_forums", "--days", "3")
    first = Notification.objects.count()
    assert first > 0
    starts = forum.starts_at + dt.timedelta(days=1)
    world.login(client, "provincial_officer")
    response = client.post(f"/forums/{forum.pk}/edit/", form_data(
        area="51", starts_at=local_input(starts),
        ends_at=local_input(starts + dt.timedelta(hours=2))))
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.reminded_at is None
    call_command("remind_upcoming_forums", "--days", "3")
    assert Notification.objects.count() == 2 * first


def test_nothing_due_sends_nothing(world):
    make_forum(world, days=20)
    call_command("remind_upcoming_forums")
    assert not Notification.objects.exists()
