"""An organiser records a forum: who may, and what happens to bad input."""

import re

import pytest

from forums.models import Forum
from forums.tests.helpers import form_data, make_forum
from orgs.models import TargetGroup

URL = "/forums/new/"
MAY_ORGANISE = ["cso_member", "cso_coordinator", "working_group", "provincial_officer",
                "administrator"]


def test_anonymous_people_are_sent_to_log_in_and_nothing_is_saved(client, world):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Forum.objects.exists()


@pytest.mark.parametrize("role", ["citizen", "committee_member", "funder", "dpo",
                                  "national_analyst"])
def test_people_without_an_organising_role_are_refused(client, world, role):
    world.login(client, role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not Forum.objects.exists()


@pytest.mark.parametrize("role", MAY_ORGANISE)
def test_organisers_record_a_forum_in_lamphun(client, world, role):
    world.login(client, role)
    assert client.get(URL).status_code == 200
    elders = TargetGroup.objects.get(slug="older-people")
    response = client.post(URL, form_data(**{
        "organisers": [str(world.org.pk)],
        "orgs-0-organisation": str(world.org.pk), "orgs-0-count": "12",
        "orgs-1-organisation_name": "กลุ่มแม่บ้านบ้านโฮ่ง", "orgs-1-count": "5",
        f"groups-group_{elders.pk}": "9",
    }))
    forum = Forum.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/forums/{forum.pk}/"
    assert forum.area.code == "5103"
    assert forum.created_by == world.people[role]
    assert list(forum.organisers.all()) == [world.org]
    assert forum.attendance_total == 17
    assert forum.attendance_by_group.get().count == 9
    page = client.get(response["Location"]).content.decode()
    assert "The forum is recorded." in page
    assert "วัดบ้านโฮ่งหลวง" in page


def test_an_officer_of_another_province_may_not_choose_lamphun(client, world):
    world.login(client, "other_province_officer")
    response = client.post(URL, form_data(area="5103"))
    assert response.status_code == 400
    assert "You may not organise forums in" in response.context["form"].errors["area"][0]
    assert not Forum.objects.exists()
    # ...but may record one in their own province.
    assert client.post(URL, form_data(area="5001")).status_code == 302


def test_unknown_area_code_is_a_field_error_naming_it(client, world):
    world.login(client, "provincial_officer")
    response = client.post(URL, form_data(area="5199"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "5199" in response.context["form"].errors["area"][0]
    assert 'id="id_area_error"' in html
    assert re.search(r'aria-describedby="[^"]*id_area_error"', html)
    assert not Forum.objects.exists()


def test_a_forum_must_end_after_it_starts(client, world):
    world.login(client, "cso_member")
    data = form_data()
    response = client.post(URL, form_data(ends_at=data["starts_at"]))
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == ["The forum must end after it starts."]
    assert not Forum.objects.exists()


def test_a_place_or_an_online_link_is_needed(client, world):
    world.login(client, "cso_member")
    response = client.post(URL, form_data(place=""))
    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert not Forum.objects.exists()
    assert client.post(URL, form_data(place="", online_url="https://meet.example.org/x")
                       ).status_code == 302


def test_bad_attendance_saves_nothing(client, world):
    world.login(client, "cso_member")
    response = client.post(URL, form_data(**{"orgs-0-organisation_name": "กลุ่มหนึ่ง",
                                             "orgs-0-count": "-3"}))
    assert response.status_code == 400
    assert not Forum.objects.exists()
    response = client.post(URL, form_data(**{"orgs-0-count": "4"}))
    assert response.status_code == 400
    assert "Which organisation" in response.content.decode()
    assert not Forum.objects.exists()


def test_missing_title_is_a_400_with_every_error_listed(client, world):
    world.login(client, "working_group")
    response = client.post(URL, form_data(title="", area="", starts_at=""))
    assert response.status_code == 400
    assert {"title", "area", "starts_at"} <= set(response.context["form"].errors)
    assert 'id="error-summary"' in response.content.decode()


def test_organisers_edit_their_forum_and_others_may_not(client, world):
    forum = make_forum(world)
    world.login(client, "cso_coordinator")
    page = client.get(f"/forums/{forum.pk}/edit/")
    assert page.status_code == 200
    assert 'value="51"' in page.content.decode()
    response = client.post(f"/forums/{forum.pk}/edit/", form_data(
        area="51", title="เวทีกลางจังหวัดลำพูน", **{"orgs-0-organisation": str(world.org.pk),
                                                  "orgs-0-count": "42"}))
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.title == "เวทีกลางจังหวัดลำพูน"
    assert forum.attendance_total == 42
    client.force_login(world.people["other_province_officer"])
    assert client.post(f"/forums/{forum.pk}/edit/", form_data(area="51")).status_code == 403


def test_the_form_labels_every_input(client, world):
    html = world.login(client, "cso_member").get(URL).content.decode()
    for name in ("title", "kind", "area", "starts_at", "ends_at", "place", "online_url",
                 "organisers", "agenda", "minutes", "orgs-0-organisation", "orgs-0-count"):
        assert f'for="id_{name}"' in html, name
    assert "<legend>" in html
