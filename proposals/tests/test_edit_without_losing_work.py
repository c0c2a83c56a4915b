"""Two people editing the same proposal never lose each other's work."""

import pytest
from django.test import Client

from proposals.models import EventKind, Proposal, State
from proposals.tests.helpers import make_proposal


def form_data(proposal: Proposal, **changes) -> dict:
    data = {
        "title": proposal.title, "summary": proposal.summary, "kind": proposal.kind,
        "objectives": proposal.objectives, "area": proposal.area.code,
        "beneficiaries": "", "estimated_budget": "", "responsible_agency": "",
        "strategy": "", "fiscal_year": "", "evidence": "", "version": str(proposal.version),
    }
    data.update(changes)
    return data


def english_client() -> Client:
    client = Client()
    client.cookies["klang_language"] = "en"
    return client


@pytest.fixture
def proposal(world):
    return make_proposal(world, State.SCREENING)


def test_the_first_save_wins_and_the_second_is_refused_then_merged(world, proposal):
    first, second = english_client(), english_client()
    first.force_login(world.people["working_group"])
    second.force_login(world.people["administrator"])
    url = f"/proposals/{proposal.pk}/edit/"
    # Both open the same version.
    assert first.get(url).status_code == 200
    assert second.get(url).status_code == 200
    opened = form_data(proposal)

    saved = first.post(url, {**opened, "responsible_agency": "สำนักงานพัฒนาสังคมฯ ลำพูน"})
    assert saved.status_code == 302

    refused = second.post(url, {**opened, "beneficiaries": "120",
                                "responsible_agency": "อบจ.ลำพูน"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Someone else saved this proposal while you were editing it" in html
    assert "สำนักงานพัฒนาสังคมฯ ลำพูน" in html        # what the other person saved
    assert 'value="อบจ.ลำพูน"' in html                # the second person's input is kept
    assert 'value="120"' in html
    proposal.refresh_from_db()
    assert proposal.responsible_agency == "สำนักงานพัฒนาสังคมฯ ลำพูน"   # the first is kept
    assert proposal.beneficiaries is None                            # nothing of the second
    assert proposal.version == 2
    assert 'name="version" value="2"' in html

    # The second person merges: keeps the first person's agency, adds the beneficiaries.
    merged = second.post(url, {**opened, "version": "2", "beneficiaries": "120",
                               "responsible_agency": "สำนักงานพัฒนาสังคมฯ ลำพูน"})
    assert merged.status_code == 302
    proposal.refresh_from_db()
    assert proposal.beneficiaries == 120
    assert proposal.responsible_agency == "สำนักงานพัฒนาสังคมฯ ลำพูน"
    assert proposal.version == 3
    edits = list(proposal.events.filter(kind=EventKind.EDIT).values_list("data", flat=True))
    assert edits == [{"fields": ["responsible_agency"]}, {"fields": ["beneficiaries"]}]


def test_a_state_change_in_between_also_asks_before_saving(client, world, proposal):
    from proposals.commands import transition

    world.login(client, "working_group")
    opened = form_data(proposal)
    transition(proposal, State.READY, world.people["working_group"])
    response = client.post(f"/proposals/{proposal.pk}/edit/", {**opened, "title": "ชื่อใหม่"})
    assert response.status_code == 409
    proposal.refresh_from_db()
    assert proposal.title != "ชื่อใหม่"
    assert proposal.state == State.READY


def test_bad_input_is_refused_with_field_errors_and_nothing_saved(client, world, proposal):
    world.login(client, "working_group")
    response = client.post(f"/proposals/{proposal.pk}/edit/",
                           form_data(proposal, title="", area="9999", fiscal_year="69"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the errors below" in html
    assert 'aria-invalid="true"' in html
    assert "There is no area with the code “9999”" in html
    proposal.refresh_from_db()
    assert proposal.version == 1 and proposal.title == "ศูนย์ดูแลคนพิการชุมชน"


def test_moving_the_area_moves_the_province(client, world, proposal):
    world.login(client, "administrator")
    response = client.post(f"/proposals/{proposal.pk}/edit/", form_data(proposal, area="5104"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.area.code == "5104" and proposal.province_id == world.lamphun.pk


@pytest.mark.parametrize("role", ["citizen", "cso_member", "provincial_officer",
                                  "other_province_officer", "committee_member"])
def test_others_may_not_edit(client, world, proposal, role):
    world.login(client, role)
    assert client.get(f"/proposals/{proposal.pk}/edit/").status_code == 403
    response = client.post(f"/proposals/{proposal.pk}/edit/", form_data(proposal, title="x"))
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title != "x"
