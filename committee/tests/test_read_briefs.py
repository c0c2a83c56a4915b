"""Committee members read a brief: each proposal on the agenda and the evidence behind it."""

from __future__ import annotations

from typing import Any

import pytest

from committee.services import add_to_agenda
from committee.tests.helpers import make_meeting, make_proposal
from needs.models import Need, NeedEvidence
from orgs.models import TargetGroup


@pytest.fixture
def meeting(world: Any) -> Any:
    meeting = make_meeting(world)
    proposal = make_proposal(world, beneficiaries=1200, estimated_budget=450000,
                             evidence="Survey of 8 district offices, 2568.")
    proposal.target_groups.set(TargetGroup.objects.filter(slug="disability"))
    public = Need.objects.create(title="No ramp at the Li district office",
                                 description="...", area=world.lamphun)
    NeedEvidence.objects.create(need=public, kind="figure", title="District offices without "
                                "ramps", value=6, unit="offices", source="Association survey")
    secret = Need.objects.create(title="Violence at home against disabled women",
                                 description="...", area=world.lamphun, is_sensitive=True)
    secret.organisations.set([world.org])
    proposal.needs.set([public, secret])
    add_to_agenda(meeting, proposal, world.people["provincial_officer"])
    return meeting


def test_committee_member_reads_the_brief(client: Any, world: Any, meeting: Any) -> None:
    world.login(client, "committee_member")
    response = client.get(f"/committee/meetings/{meeting.pk}/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ramps at every district office" in html
    assert "Five required facilities at every district office." in html
    assert "1200" in html and "450,000" in html
    assert TargetGroup.objects.get(slug="disability").name in html
    assert "Survey of 8 district offices, 2568." in html
    assert "No ramp at the Li district office" in html
    assert "District offices without ramps" in html and "Association survey" in html


def test_sensitive_needs_stay_out_of_the_brief(client: Any, world: Any, meeting: Any) -> None:
    world.login(client, "committee_member")
    html = client.get(f"/committee/meetings/{meeting.pk}/brief/").content.decode()
    assert "Violence at home" not in html


def test_the_working_group_is_not_a_committee_member(client: Any, world: Any,
                                                     meeting: Any) -> None:
    world.login(client, "working_group")
    assert client.get(f"/committee/meetings/{meeting.pk}/brief/").status_code == 403


def test_the_public_cannot_read_briefs(client: Any, world: Any, meeting: Any) -> None:
    response = client.get(f"/committee/meetings/{meeting.pk}/brief/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    world.login(client, "citizen")
    assert client.get(f"/committee/meetings/{meeting.pk}/brief/").status_code == 403
