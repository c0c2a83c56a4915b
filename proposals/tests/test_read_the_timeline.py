"""Anyone reads a proposal's whole story in plain language, in order, without names or secrets."""

import datetime as dt

import pytest
from django.utils import timezone

from forums.models import AttendanceByOrganisation, Forum
from proposals.commands import record_event, transition
from proposals.models import EventKind, State
from proposals.tests.helpers import make_need, make_proposal

SECRET = "ผู้ถูกกระทำความรุนแรงในครอบครัวบ้านเลขที่ 12"


def at(day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2025, 7, day, 10, 0))


@pytest.fixture
def story(world):
    public = make_need(world, "ทางลาดที่โรงพยาบาลลี้", created_at=at(1))
    secret = make_need(world, SECRET, sensitive=True, created_at=at(2))
    proposal = make_proposal(world, State.DRAFT, needs=[public, secret],
                             title="ศูนย์ดูแลคนพิการอำเภอลี้")
    forum = Forum.objects.create(title="เวทีกลางจังหวัดลำพูน", area=world.lamphun,
                                 starts_at=at(24))
    AttendanceByOrganisation.objects.create(forum=forum, organisation_name="กลุ่ม ก", count=30)
    AttendanceByOrganisation.objects.create(forum=forum, organisation_name="กลุ่ม ข", count=12)
    record_event(proposal, EventKind.NEED_RAISED, text=public.title, at=at(1),
                 need_id=public.pk, title=public.title)
    record_event(proposal, EventKind.NEED_RAISED, text="A need raised confidentially", at=at(2),
                 need_id=secret.pk, confidential=True)
    record_event(proposal, EventKind.FORUM, text=forum.title, at=at(24), forum_id=forum.pk,
                 title=forum.title)
    wg, officer = world.people["working_group"], world.people["provincial_officer"]
    record_event(proposal, EventKind.SYNTHESISED, actor=wg, at=at(25),
                 need_ids=[public.pk, secret.pk])
    transition(proposal, State.SCREENING, wg, at=at(26))
    transition(proposal, State.READY, wg, at=at(27))
    transition(proposal, State.SUBMITTED, officer, at=at(28))
    transition(proposal, State.UNDER_REVIEW, officer, at=at(29), meeting="4/2568", meeting_id=7)
    record_event(proposal, EventKind.AGENDA, actor=officer, at=at(29), meeting="4/2568",
                 meeting_id=7, body="ก.บ.จ. ลำพูน")
    transition(proposal, State.REJECTED, officer, reason="ซ้ำกับโครงการของ อบจ. ที่ได้งบแล้ว",
               at=at(30), meeting="4/2568", meeting_id=7)
    record_event(proposal, EventKind.DECISION, actor=officer, at=at(30),
                 text="ซ้ำกับโครงการของ อบจ. ที่ได้งบแล้ว", meeting="4/2568", meeting_id=7,
                 decision="rejected", body="ก.บ.จ. ลำพูน")
    return proposal


def sentences(html: str, *phrases: str) -> list[int]:
    return [html.index(p) for p in phrases]


def test_the_story_is_told_in_order_in_plain_sentences(client, story):
    response = client.get(f"/proposals/{story.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = sentences(
        html,
        "A need was raised: “ทางลาดที่โรงพยาบาลลี้”.",
        "A need was raised confidentially.",
        "On 24 July 2025, 42 people from 2 organisations raised this at “เวทีกลางจังหวัดลำพูน”.",
        "The working group brought 2 needs together into this proposal.",
        "The working group began screening it.",
        "The working group found it ready to submit to the province.",
        "It was submitted to the province.",
        "It was put on the agenda of ก.บ.จ. ลำพูน, meeting 4/2568.",
        "The committee (meeting 4/2568) rejected it.",
    )
    assert positions == sorted(positions)
    # The committee's move is told once, by its decision, not twice.
    assert html.count("(meeting 4/2568) rejected it.") == 1
    assert "took it up for review" not in html


def test_the_step_indicator_shows_where_it_stopped(client, story):
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert 'class="step step-stopped" aria-current="step"' in html
    assert "Rejected by the committee" in html
    assert "The committee rejected it. Its reason is in the timeline below." in html


def test_the_committee_reason_is_public(client, story):
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert "ซ้ำกับโครงการของ อบจ. ที่ได้งบแล้ว" in html


def test_people_appear_by_their_role_never_by_name(client, world, story):
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert "By: Provincial officer" in html
    assert "By: Working-group member" in html
    for person in ("provincial_officer", "working_group"):
        assert world.people[person].email not in html
        assert f">{world.people[person].full_name}<" not in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "cso_coordinator",
                                  "other_province_officer", "committee_member", "funder"])
def test_a_sensitive_need_is_not_leaked(client, world, story, role):
    # The world's CSO coordinator belongs to the raising organisation, so sees it; use others.
    if role == "cso_coordinator":
        from needs.models import Need

        Need.objects.filter(title=SECRET).update(raised_by=None)
        Need.organisations.through.objects.filter(need__title=SECRET).delete()
    world.login(client, role)
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert SECRET not in html
    assert "A need raised confidentially" in html
    api = client.get(f"/api/v1/proposals/{story.pk}/").json()
    assert SECRET not in str(api)
    assert api["confidential_needs"] == 1
    assert [n["title"] for n in api["needs"]] == ["ทางลาดที่โรงพยาบาลลี้"]


def test_the_working_group_sees_the_sensitive_need_it_works_on(client, world, story):
    world.login(client, "working_group")
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert SECRET in html


def test_the_page_costs_a_fixed_number_of_queries(client, world, story,
                                                  django_assert_max_num_queries):
    for i in range(40):
        record_event(story, EventKind.PROGRESS, text=f"รายงาน {i}", progress=i)
    with django_assert_max_num_queries(14):
        response = client.get(f"/proposals/{story.pk}/")
    assert response.status_code == 200
    assert "Progress 39%." in response.content.decode()


def test_funding_and_progress_read_as_sentences(client, world):
    proposal = make_proposal(world, State.APPROVED)
    officer = world.people["provincial_officer"]
    record_event(proposal, EventKind.FUNDING, actor=officer, amount="1200000",
                 agency="สำนักงานพัฒนาสังคมฯ ลำพูน", fiscal_year=2569)
    record_event(proposal, EventKind.PROGRESS, actor=officer, progress=40,
                 text="อบรมอาสาสมัครแล้ว 20 คน")
    html = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert ("Funded: 1,200,000 baht from สำนักงานพัฒนาสังคมฯ ลำพูน, fiscal year 2569 B.E. (2026)."
            in html)
    assert "Progress 40%." in html
    assert "อบรมอาสาสมัครแล้ว 20 คน" in html


def test_in_thai_dates_are_buddhist_era(client, world, story):
    client.cookies["klang_language"] = "th"
    html = client.get(f"/proposals/{story.pk}/").content.decode()
    assert "24 กรกฎาคม 2568" in html


def test_a_draft_is_not_found_by_the_public(client, world):
    draft = make_proposal(world, State.DRAFT)
    assert client.get(f"/proposals/{draft.pk}/").status_code == 404
