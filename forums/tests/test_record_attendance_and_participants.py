"""Organisers record who came: counts for everyone, names only for those who agreed."""

import json

import pytest

from conftest import MATRIX_ROLES
from forums.models import Participant
from forums.services import add_participant
from forums.tests.helpers import make_forum
from orgs.models import TargetGroup

NAME = "นางบัวผัน ใจดี"
SEE_NAMES = {"cso_member", "cso_coordinator", "working_group", "provincial_officer",
             "administrator"}


def forum_with_attendance(world):
    disability = TargetGroup.objects.get(slug="disability")
    forum = make_forum(world, days=-1, attendance_by_organisation={
        world.org: 30, world.other_org: 7, "กลุ่มแม่บ้านบ้านโฮ่ง": 5,
    }, attendance_by_group={disability: 12, "older-people": 9})
    add_participant(forum, NAME, "สมาคมคนพิการจังหวัดลำพูน", world.people["cso_member"])
    return forum


def test_everyone_sees_the_attendance_tables(client, world):
    forum = forum_with_attendance(world)
    html = client.get(f"/forums/{forum.pk}/").content.decode()
    assert "42 people from 3 organisations." in html
    assert "<caption>Attendance by organisation</caption>" in html
    assert "<caption>Attendance by group of people</caption>" in html
    assert f'href="/organisations/{world.org.pk}/"' in html
    assert "กลุ่มแม่บ้านบ้านโฮ่ง" in html
    assert 'scope="col"' in html and 'scope="row"' in html


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_names_are_shown_only_to_organisers_and_officers(client, world, role):
    forum = forum_with_attendance(world)
    world.login(client, role)
    html = client.get(f"/forums/{forum.pk}/").content.decode()
    assert (NAME in html) == (role in SEE_NAMES), role
    listing = client.get(f"/forums/{forum.pk}/participants/")
    if role in SEE_NAMES:
        assert listing.status_code == 200
        assert NAME in listing.content.decode()
    else:
        assert listing.status_code in {302, 403}
        assert NAME not in listing.content.decode()
    api = client.get(f"/api/v1/forums/{forum.pk}/").json()
    assert NAME not in json.dumps(api, ensure_ascii=False)   # the raw body escapes Thai


def test_a_participant_is_named_only_with_consent(client, world):
    forum = make_forum(world)
    world.login(client, "cso_coordinator")
    url = f"/forums/{forum.pk}/participants/"
    response = client.post(url, {"name": NAME, "organisation_name": ""})
    assert response.status_code == 400
    assert "only if they agreed" in response.context["form"].errors["consent_to_be_named"][0]
    assert not Participant.objects.exists()

    response = client.post(url, {"name": NAME, "organisation_name": "",
                                 "consent_to_be_named": "on"})
    assert response.status_code == 302
    person = Participant.objects.get()
    assert person.consent_to_be_named
    assert person.consent_recorded_by == world.people["cso_coordinator"]
    assert person.consent_recorded_at is not None


def test_a_participant_who_withdraws_is_removed(client, world):
    forum = forum_with_attendance(world)
    person = Participant.objects.get()
    world.login(client, "working_group")
    response = client.post(f"/forums/{forum.pk}/participants/{person.pk}/delete/")
    assert response.status_code == 302
    assert not Participant.objects.exists()


def test_people_who_may_not_edit_cannot_add_names(client, world):
    forum = make_forum(world)
    world.login(client, "other_province_officer")
    response = client.post(f"/forums/{forum.pk}/participants/",
                           {"name": NAME, "consent_to_be_named": "on"})
    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_the_same_organisation_twice_is_refused(client, world):
    from forums.tests.helpers import form_data

    forum = make_forum(world)
    world.login(client, "cso_member")
    response = client.post(f"/forums/{forum.pk}/edit/", form_data(area="51", **{
        "orgs-0-organisation": str(world.org.pk), "orgs-0-count": "3",
        "orgs-1-organisation": str(world.org.pk), "orgs-1-count": "4",
    }))
    assert response.status_code == 400
    assert "listed twice" in response.content.decode()
    assert forum.attendance_by_organisation.count() == 0
