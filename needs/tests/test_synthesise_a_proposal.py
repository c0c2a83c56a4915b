"""The working group synthesises needs into a draft proposal that links to them, with a timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from needs.models import Need
from needs.services import NeedError, synthesise
from needs.tests.helpers import SECRET_TITLE, add_figure, make_forum, make_need, make_sensitive_need
from proposals.models import EventKind, Proposal

pytestmark = pytest.mark.django_db


def lamphun_strategy(world):
    from planning.models import Plan, Strategy

    plan = Plan.objects.create(area=world.lamphun, title="แผนพัฒนาจังหวัดลำพูน 2566-2570",
                               first_year=2566, last_year=2570)
    return Strategy.objects.create(plan=plan, number=3, name_th="ความมั่นคงในการดำรงชีวิต")


def test_the_working_group_synthesises_needs_into_a_draft_proposal(client, world):
    forum = make_forum(world, days=-60)
    strategy = lamphun_strategy(world)
    first = make_need(world, org=world.org, forums=[forum], groups=["disability"],
                      people_affected=40, status="accepted")
    second = make_need(world, area="5105", groups=["older-people"], people_affected=25)
    Need.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=90))
    first.refresh_from_db()
    add_figure(first, title="คนพิการที่ไม่มีผู้ดูแล", value=40, source="สมาคมคนพิการ 2567")
    world.login(client, "working_group")

    form = client.get("/needs/synthesise/", {"need": [first.pk, second.pk]})
    assert form.status_code == 200
    page = form.content.decode()
    assert "สมาคมคนพิการ 2567" in page  # the evidence is filled in from the needs
    assert 'value="65"' in page  # beneficiaries: the people affected, added up
    assert strategy.name_th in page

    response = client.post("/needs/synthesise/", {
        "need": [first.pk, second.pk], "title": "ศูนย์ดูแลคนพิการและผู้สูงอายุโดยชุมชน",
        "summary": "ชุมชนดูแลกันเองโดยมีงบจังหวัดสนับสนุน", "kind": "project",
        "objectives": "ลดจำนวนคนที่ไม่มีผู้ดูแล", "target_groups": [],
        "areas": "5104 5105", "beneficiaries": "65", "estimated_budget": "1500000",
        "responsible_agency": "พมจ.ลำพูน", "strategy": str(strategy.pk),
        "evidence": "คนพิการที่ไม่มีผู้ดูแล 40 คน",
    })
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/proposals/{proposal.pk}/"
    assert proposal.state == "draft" and proposal.kind == "project"
    assert proposal.created_by == world.people["working_group"]
    assert proposal.strategy == strategy and proposal.province == world.lamphun
    assert set(proposal.needs.all()) == {first, second}
    assert sorted(proposal.areas.values_list("code", flat=True)) == ["5104", "5105"]
    assert proposal.estimated_budget == 1500000

    events = list(proposal.events.order_by("at", "pk"))
    assert [e.kind for e in events] == [EventKind.NEED_RAISED, EventKind.FORUM,
                                        EventKind.NEED_RAISED, EventKind.SYNTHESISED]
    assert events[0].at == first.created_at and events[0].data["need_id"] == first.pk
    assert events[1].at == forum.starts_at and events[1].data["forum_id"] == forum.pk
    assert events[3].actor == world.people["working_group"]
    assert events[3].actor_role == "working_group"
    for need in (first, second):
        need.refresh_from_db()
        assert need.status == "in_proposal"
    need_page = client.get(f"/needs/{first.pk}/").content.decode()
    assert f'href="/proposals/{proposal.pk}/"' in need_page


def test_a_confidential_needs_text_never_reaches_the_timeline(world):
    secret = make_sensitive_need(world)
    add_figure(secret, title="ผู้หญิงที่ถูกทำร้ายในบ้านลับ", source="บ้านพักลับ")
    public = make_need(world)
    proposal = synthesise([secret, public], {"title": "บ้านพักฉุกเฉิน",
                                             "summary": "มีที่พักปลอดภัย", "kind": "project"},
                          world.people["working_group"])
    everything = " ".join(f"{e.text} {e.data}" for e in proposal.events.all())
    assert SECRET_TITLE not in everything and secret.description not in everything
    assert "A need raised confidentially" in everything or "confidential" in everything
    assert "บ้านพักลับ" not in proposal.evidence  # its evidence is left out of the proposal
    assert public.title in everything


def test_needs_of_two_provinces_make_no_proposal(world):
    lamphun_need = make_need(world)
    chiang_mai_need = make_need(world, area="50")
    with pytest.raises(NeedError):
        synthesise([lamphun_need, chiang_mai_need], {"title": "x", "summary": "y"},
                   world.people["administrator"])
    assert not Proposal.objects.exists()
    lamphun_need.refresh_from_db()
    assert lamphun_need.status == "new"


def test_a_need_already_in_a_proposal_is_not_synthesised_again(client, world):
    need = make_need(world, status="in_proposal")
    world.login(client, "working_group")
    response = client.post("/needs/synthesise/", {"need": [need.pk], "title": "x",
                                                  "summary": "y", "kind": "policy"})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_only_the_provinces_working_group_synthesises(client, world):
    need = make_need(world)
    for role in ("citizen", "provincial_officer", "committee_member"):
        world.login(client, role)
        response = client.post("/needs/synthesise/", {"need": [need.pk], "title": "x",
                                                      "summary": "y", "kind": "policy"})
        assert response.status_code == 403, role
    assert not Proposal.objects.exists()


def test_a_missing_title_is_a_field_error(client, world):
    need = make_need(world)
    world.login(client, "working_group")
    response = client.post("/needs/synthesise/", {"need": [need.pk], "title": "",
                                                  "summary": "y", "kind": "policy"})
    assert response.status_code == 400
    assert 'id="id_title_error"' in response.content.decode()
    assert not Proposal.objects.exists()
