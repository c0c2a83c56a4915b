"""The working group screens a need; the person who raised it is told why."""

from __future__ import annotations

import pytest

from needs.tests.helpers import make_need
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_out_of_scope_with_a_reason_the_raiser_reads(client, world,
                                                     django_capture_on_commit_callbacks):
    need = make_need(world, raised_by=world.people["citizen"])
    world.login(client, "working_group")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/needs/{need.pk}/screen/", {
            "decision": "out_of_scope", "reason": "เป็นเรื่องของเทศบาล ไม่ใช่แผนจังหวัด"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == "out_of_scope"
    assert need.screened_by == world.people["working_group"] and need.screened_at
    notice = Notification.objects.get(user=world.people["citizen"])
    assert notice.kind == "need_screened" and notice.url == f"/needs/{need.pk}/"

    world.login(client, "citizen")
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Out of scope" in page and "เป็นเรื่องของเทศบาล ไม่ใช่แผนจังหวัด" in page
    client.logout()
    assert "เป็นเรื่องของเทศบาล" in client.get(f"/needs/{need.pk}/").content.decode()


def test_accepting_needs_no_reason(client, world):
    need = make_need(world)
    world.login(client, "working_group")
    client.post(f"/needs/{need.pk}/screen/", {"decision": "accepted", "reason": ""})
    need.refresh_from_db()
    assert need.status == "accepted"


@pytest.mark.parametrize("decision", ["more_info", "out_of_scope"])
def test_asking_for_more_or_refusing_needs_a_reason(client, world, decision):
    need = make_need(world, raised_by=world.people["citizen"])
    world.login(client, "working_group")
    response = client.post(f"/needs/{need.pk}/screen/", {"decision": decision, "reason": " "})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    need.refresh_from_db()
    assert need.status == "new" and need.screened_by is None
    assert not Notification.objects.exists()


def test_people_outside_the_provinces_working_group_cannot_screen(client, world):
    need = make_need(world)
    for role in ("citizen", "cso_member", "provincial_officer", "other_province_officer"):
        world.login(client, role)
        response = client.post(f"/needs/{need.pk}/screen/", {"decision": "accepted"})
        assert response.status_code == 403, role
    need.refresh_from_db()
    assert need.status == "new"


def test_the_screening_form_is_on_the_page_only_for_the_working_group(client, world):
    need = make_need(world)
    world.login(client, "working_group")
    assert f"/needs/{need.pk}/screen/" in client.get(f"/needs/{need.pk}/").content.decode()
    world.login(client, "citizen")
    assert f"/needs/{need.pk}/screen/" not in client.get(f"/needs/{need.pk}/").content.decode()


def test_a_merged_need_can_no_longer_be_screened(client, world):
    kept = make_need(world)
    merged = make_need(world, status="merged", merged_into=kept)
    world.login(client, "working_group")
    response = client.post(f"/needs/{merged.pk}/screen/", {"decision": "accepted"})
    assert response.status_code == 400
    merged.refresh_from_db()
    assert merged.status == "merged"
