"""An officer creates the committee, lists its members, creates meeting 4/2568 and sets its agenda."""

from __future__ import annotations

from typing import Any

from committee.models import AgendaItem, Body, BodyMember, Meeting
from committee.tests.helpers import events, make_body, make_meeting, make_proposal


def test_officer_creates_a_committee_with_members(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    response = client.post("/committee/bodies/new/", {
        "name_th": "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ", "name_en": "", "short_name": "ก.บ.จ.",
        "kind": "provincial", "area_code": "51"})
    body = Body.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/committee/bodies/{body.pk}/"
    response = client.post(f"/committee/bodies/{body.pk}/members/", {
        "name": "นายตัวอย่าง สาธิต", "position": "ผู้แทนภาคประชาสังคม",
        "organisation_name": "สมาคมคนพิการจังหวัดลำพูน"})
    assert response.status_code == 302
    page = client.get(f"/committee/bodies/{body.pk}/").content.decode()
    assert "นายตัวอย่าง สาธิต" in page and "ผู้แทนภาคประชาสังคม" in page


def test_officer_of_another_province_cannot_create_one_here(client: Any, world: Any) -> None:
    world.login(client, "other_province_officer")
    response = client.post("/committee/bodies/new/", {
        "name_th": "ก.บ.จ.", "kind": "provincial", "area_code": "51"})
    assert response.status_code == 400
    assert "provincial officer" in response.content.decode()
    assert not Body.objects.exists()


def test_member_name_is_required(client: Any, world: Any) -> None:
    body = make_body(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{body.pk}/members/", {"name": ""})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert not BodyMember.objects.exists()


def test_officer_creates_meeting_4_2568(client: Any, world: Any) -> None:
    body = make_body(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{body.pk}/meetings/new/", {
        "number": "4", "year": "2568", "date": "2025-09-18", "place": "ศาลากลาง",
        "minutes": ""})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/committee/meetings/{meeting.pk}/"
    page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "4/2568" in page
    assert "18 September 2025" in page  # English pages show the Common Era date


def test_meeting_page_shows_the_buddhist_era_date_in_thai(client: Any, world: Any) -> None:
    meeting = make_meeting(world)
    client.cookies["klang_language"] = "th"
    page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "18 กันยายน 2568" in page


def test_a_second_meeting_4_2568_is_a_field_error(client: Any, world: Any) -> None:
    meeting = make_meeting(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{meeting.body.pk}/meetings/new/", {
        "number": "4", "year": "2568", "date": "2025-10-01", "place": "", "minutes": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_number_error"' in html and "already has a meeting 4/2568" in html
    assert Meeting.objects.count() == 1


def test_a_year_in_the_common_era_is_refused(client: Any, world: Any) -> None:
    body = make_body(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{body.pk}/meetings/new/", {
        "number": "4", "year": "2025", "date": "2025-09-18"})
    assert response.status_code == 400
    assert "Buddhist Era" in response.content.decode()
    assert not Meeting.objects.exists()


def test_putting_a_submitted_proposal_on_the_agenda(client: Any, world: Any) -> None:
    meeting = make_meeting(world)
    proposal = make_proposal(world, "submitted")
    world.login(client, "provincial_officer")
    form = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert proposal.title in form  # offered in the agenda form
    response = client.post(f"/committee/meetings/{meeting.pk}/agenda/",
                           {"proposal": proposal.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert [e.kind for e in events(proposal)] == ["state", "agenda"]
    assert events(proposal, "agenda")[0].data["meeting"] == "4/2568"
    page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert f'href="/proposals/{proposal.pk}/"' in page


def test_a_deferred_proposal_comes_back_on_a_later_agenda(world: Any) -> None:
    from committee.services import add_to_agenda

    meeting = make_meeting(world, number=5)
    proposal = make_proposal(world, "deferred")
    add_to_agenda(meeting, proposal, world.people["provincial_officer"])
    proposal.refresh_from_db()
    assert proposal.state == "under_review"


def test_a_draft_cannot_go_on_the_agenda(client: Any, world: Any) -> None:
    meeting = make_meeting(world)
    proposal = make_proposal(world, "ready")
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/meetings/{meeting.pk}/agenda/",
                           {"proposal": proposal.pk})
    assert response.status_code == 400
    assert "cannot be put on this agenda" in response.content.decode()
    assert not AgendaItem.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == "ready" and not events(proposal)


def test_a_proposal_of_another_province_cannot_go_on_the_agenda(client: Any,
                                                                world: Any) -> None:
    meeting = make_meeting(world)
    proposal = make_proposal(world, "submitted", area=world.chiang_mai)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/meetings/{meeting.pk}/agenda/",
                           {"proposal": proposal.pk})
    assert response.status_code == 400
    assert not AgendaItem.objects.exists()


def test_the_service_says_why_a_proposal_cannot_go_on_the_agenda(world: Any) -> None:
    import pytest

    from committee.services import add_to_agenda
    from proposals.commands import ProposalError

    meeting = make_meeting(world)
    with pytest.raises(ProposalError, match="outside the area"):
        add_to_agenda(meeting, make_proposal(world, area=world.chiang_mai),
                      world.people["provincial_officer"])
    with pytest.raises(ProposalError, match="Only a proposal submitted"):
        add_to_agenda(meeting, make_proposal(world, "approved"),
                      world.people["provincial_officer"])
    assert not AgendaItem.objects.exists()


def test_the_public_sees_committees_and_meetings(client: Any, world: Any) -> None:
    meeting = make_meeting(world)
    page = client.get("/committee/").content.decode()
    assert "ก.บ.จ." in page and f"/committee/meetings/{meeting.pk}/" in page
    assert "Create a committee" not in page
    meeting_page = client.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "Put a proposal on the agenda" not in meeting_page
