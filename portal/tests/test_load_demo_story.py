"""A newcomer loads the demo and reads the Lamphun story: from the forum of 24 July 2568 to a
funded pilot with results, a deferred platform and a rejected proposal with its reason."""

from io import StringIO

import pytest
from django.core.management import call_command

from committee.models import AgendaItem, Meeting
from forums.models import Forum
from needs.models import Need, NeedStatus
from planning.models import Funding, PlanItem
from proposals.models import Comment, Follow, Proposal, ProposalEvent, State, Support

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "forums": Forum.objects.count(),
        "needs": Need.objects.count(),
        "proposals": Proposal.objects.count(),
        "events": ProposalEvent.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda": AgendaItem.objects.count(),
        "plan items": PlanItem.objects.count(),
        "fundings": Funding.objects.count(),
        "supports": Support.objects.count(),
        "follows": Follow.objects.count(),
        "comments": Comment.objects.count(),
    }


def page_text(client, proposal: Proposal) -> str:
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_loading_twice_changes_nothing(areas):
    load()
    first = counts()
    second_output = load()
    assert counts() == first
    assert "nothing changed" in second_output
    assert first["forums"] == 1 and first["proposals"] == 4 and first["needs"] >= 8


def test_the_forum_gathered_42_people_from_25_organisations(areas, client):
    load()
    forum = Forum.objects.get(is_demo=True)
    assert forum.attendance_total == 42
    assert forum.attendance_by_organisation.count() == 25
    assert forum.area.code == "51"
    assert forum.needs.count() >= 8
    assert not Need.objects.filter(is_demo=False).exists()
    assert all(n.evidence.filter(source__contains="24 ก.ค. 2568").exists()
               for n in forum.needs.all())


def test_the_approved_proposal_tells_its_story_in_order(areas, client):
    load()
    proposal = Proposal.objects.get(is_demo=True, state=State.IN_IMPLEMENTATION)
    text = page_text(client, proposal)
    # The timeline, in the order it happened: the forum day, the meeting, the plan, the
    # money, the results.
    timeline = text[text.index('id="timeline-heading"'):]
    steps = ["24 กรกฎาคม 2568", "4/2568", "timeline-plan_item", "timeline-funding",
             "20%", "45%"]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions), steps
    assert "15 ตุลาคม 2568" in timeline and "30 มิถุนายน 2569" in timeline
    events = list(proposal.events.order_by("at", "pk").values_list("kind", flat=True))
    order = ["forum", "need_raised", "synthesised", "agenda", "decision", "plan_item",
             "funding", "progress"]
    assert [events.index(kind) for kind in order] == sorted(events.index(k) for k in order)
    assert list(proposal.events.order_by("pk").values_list("at", flat=True))[-1] == max(
        proposal.events.values_list("at", flat=True))
    item = proposal.plan_item
    assert item.progress == 45 and item.fiscal_year == 2569
    assert item.fundings.count() == 2
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count() > 0
    assert proposal.comments.exists()


def test_the_confidential_need_stays_confidential_on_the_public_page(areas, client):
    load()
    secret = Need.objects.get(is_demo=True, is_sensitive=True, split_from=None)
    proposal = Proposal.objects.get(needs=secret)
    text = page_text(client, proposal)
    assert secret.title not in text
    assert secret.description[:40] not in text
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert secret.title not in client.get("/needs/").content.decode()
    assert secret.title not in client.get(secret.forums.get().get_absolute_url()).content.decode()


def test_the_forum_meeting_and_plan_item_pages_tell_the_same_story(areas, client):
    load()
    forum = Forum.objects.get(is_demo=True)
    text = client.get(forum.get_absolute_url()).content.decode()
    assert "42" in text and "ห้องประชุมจามเทวี" in text
    meeting = Meeting.objects.get(is_demo=True)
    assert (meeting.number, meeting.year) == (4, 2568)
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert all(item.proposal.title in text for item in meeting.agenda.all())
    item = PlanItem.objects.get(proposal__is_demo=True)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert item.title in response.content.decode()


def test_the_rejected_and_deferred_proposals_show_their_reasons(areas, client):
    load()
    rejected = Proposal.objects.get(is_demo=True, state=State.REJECTED)
    item = rejected.agenda_items.get()
    assert item.meeting.label == "4/2568"
    assert item.resolution
    assert item.resolution in page_text(client, rejected)
    deferred = Proposal.objects.get(is_demo=True, state=State.DEFERRED)
    assert deferred.agenda_items.get().resolution in page_text(client, deferred)
    assert Proposal.objects.filter(is_demo=True, state=State.APPROVED).count() == 1


def test_the_working_group_split_and_merged_needs(areas):
    load()
    assert Need.objects.filter(is_demo=True, status=NeedStatus.SPLIT).count() == 1
    merged = Need.objects.get(is_demo=True, status=NeedStatus.MERGED)
    kept = merged.merged_into
    assert kept.organisations.count() == 2
    assert kept.proposals.get().state == State.REJECTED
    # One part of the split need is still waiting for a later round.
    assert Need.objects.filter(is_demo=True, status=NeedStatus.ACCEPTED).exists()
