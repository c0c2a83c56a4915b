"""A province's working group sees the needs of its province waiting for it."""

from __future__ import annotations

import pytest

from needs.tests.helpers import make_need

pytestmark = pytest.mark.django_db


def shown(response) -> set[int]:
    import re

    return {int(pk) for pk in re.findall(r'name="need" value="(\d+)"',
                                         response.content.decode())}


def test_the_queue_shows_only_this_provinces_open_needs(client, world):
    new = make_need(world)
    more_info = make_need(world, area="510401", status="more_info")
    accepted = make_need(world, area="51", status="accepted")
    done = make_need(world, status="in_proposal")
    refused = make_need(world, status="out_of_scope")
    elsewhere = make_need(world, area="50")
    world.login(client, "working_group")
    response = client.get("/needs/queue/51/")
    assert response.status_code == 200
    assert shown(response) == {new.pk, more_info.pk, accepted.pk}
    assert done.pk not in shown(response) and refused.pk not in shown(response)
    assert elsewhere.pk not in shown(response)
    page = response.content.decode()
    assert "/needs/merge/" in page and "/needs/synthesise/" in page
    assert "<caption>" in page and 'scope="col"' in page


def test_another_provinces_working_group_is_refused(client, world):
    from accounts.models import Role, RoleGrant, User

    other = User.objects.create_user("wg-cm@example.org", "x", full_name="wg cm")
    RoleGrant.objects.create(user=other, role=Role.WORKING_GROUP, area=world.chiang_mai)
    client.force_login(other)
    assert client.get("/needs/queue/51/").status_code == 403
    assert client.get("/needs/queue/50/").status_code == 200


@pytest.mark.parametrize("role", ["citizen", "cso_member", "provincial_officer",
                                  "committee_member"])
def test_people_outside_the_working_group_are_refused(client, world, role):
    world.login(client, role)
    assert client.get("/needs/queue/51/").status_code == 403


def test_anonymous_people_are_asked_to_log_in(client, world):
    response = client.get("/needs/queue/51/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_district_code_is_not_a_queue(client, world):
    world.login(client, "working_group")
    assert client.get("/needs/queue/5104/").status_code == 404
