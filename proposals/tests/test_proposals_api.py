"""The proposals API: the public list, one proposal with its timeline, and moves by token."""

import json

import pytest

from accounts.models import ApiToken
from proposals.commands import record_event, transition
from proposals.models import EventKind, State
from proposals.tests.helpers import days_ago, make_need, make_proposal


@pytest.fixture
def proposals(world):
    return {
        "li": make_proposal(world, State.APPROVED, title="ศูนย์ดูแลคนพิการอำเภอลี้", area="5104",
                            groups=["disability"], fiscal_year=2569, created_at=days_ago(3)),
        "lamphun": make_proposal(world, State.SUBMITTED, title="แพลตฟอร์มสื่อสารกลาง",
                                 fiscal_year=2570, created_at=days_ago(2)),
        "chiang_mai": make_proposal(world, State.REJECTED, area="50", created_at=days_ago(1)),
        "draft": make_proposal(world, State.DRAFT, created_at=days_ago(0)),
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_list_is_public_newest_first_without_drafts(client, proposals):
    response = client.get("/api/v1/proposals/")
    assert ids(response) == [proposals[k].pk for k in ("chiang_mai", "lamphun", "li")]
    body = response.json()
    assert body["count"] == 3 and body["next"] is None
    row = body["results"][2]
    assert row["state"] == "approved" and row["area"]["code"] == "5104"
    assert row["province_code"] == "51" and row["target_groups"] == ["disability"]


@pytest.mark.parametrize(("query", "expected"), [
    ("state=rejected", ["chiang_mai"]),
    ("area=51", ["lamphun", "li"]),
    ("target_group=disability", ["li"]),
    ("fiscal_year=2570", ["lamphun"]),
    ("q=แพลตฟอร์ม", ["lamphun"]),
])
def test_filters(client, proposals, query, expected):
    assert set(ids(client.get(f"/api/v1/proposals/?{query}"))) == {
        proposals[k].pk for k in expected}


def test_bad_filters_answer_400_or_404(client, proposals):
    response = client.get("/api/v1/proposals/?state=flying")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "state"
    assert client.get("/api/v1/proposals/?area=9999").status_code == 404
    assert client.get("/api/v1/proposals/?target_group=nobody").status_code == 404


@pytest.mark.parametrize(("role", "sees"), [("anonymous", False), ("citizen", False),
                                            ("working_group", True), ("administrator", True)])
def test_drafts_only_for_those_who_may_see_them(client, world, proposals, role, sees):
    world.login(client, role)
    draft = proposals["draft"]
    assert (draft.pk in ids(client.get("/api/v1/proposals/?state=draft"))) is sees
    assert client.get(f"/api/v1/proposals/{draft.pk}/").status_code == (200 if sees else 404)


def test_one_proposal_with_its_state_and_ordered_timeline(client, world):
    secret = make_need(world, "ความลับของครัวเรือน", sensitive=True)
    public = make_need(world, "ทางลาด")
    proposal = make_proposal(world, State.DRAFT, needs=[public, secret])
    record_event(proposal, EventKind.NEED_RAISED, text="A need raised confidentially",
                 need_id=secret.pk, confidential=True, at=days_ago(5))
    wg = world.people["working_group"]
    transition(proposal, State.SCREENING, wg, at=days_ago(2))
    transition(proposal, State.READY, wg, at=days_ago(1), note="ตรวจแล้ว", email="x@y.z")
    response = client.get(f"/api/v1/proposals/{proposal.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "ready"
    assert [n["title"] for n in body["needs"]] == ["ทางลาด"] and body["confidential_needs"] == 1
    timeline = body["timeline"]
    assert [e["type"] for e in timeline] == ["need_raised", "state", "state"]
    assert [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
    assert timeline[2]["actor_role"] == "working_group"
    assert timeline[2]["from_state"] == "screening" and timeline[2]["to_state"] == "ready"
    assert timeline[2]["data"] == {"note": "ตรวจแล้ว"}          # nothing private
    assert "ready to submit" in timeline[2]["text"]
    assert "ความลับของครัวเรือน" not in json.dumps(body, ensure_ascii=False)
    assert wg.email not in response.content.decode()


def post_move(client, proposal, **payload):
    return client.post(f"/api/v1/proposals/{proposal.pk}/transition/",
                       data=json.dumps(payload), content_type="application/json")


def test_the_working_group_moves_a_proposal_with_a_token(client, world):
    proposal = make_proposal(world, State.SCREENING)
    _token, key = ApiToken.issue(world.people["working_group"], "script")
    response = client.post(f"/api/v1/proposals/{proposal.pk}/transition/",
                           data=json.dumps({"to_state": "ready"}),
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "ready"
    assert response.json()["timeline"][-1]["actor_role"] == "working_group"


def test_an_impossible_move_answers_400_with_the_message(client, world):
    proposal = make_proposal(world, State.DRAFT)
    world.login(client, "working_group")
    response = post_move(client, proposal, to_state="ready")
    assert response.status_code == 400
    error = response.json()["detail"][0]
    assert error["field"] == "to_state" and "cannot become" in error["message"]
    response = post_move(client, proposal, to_state="withdrawn", reason=" ")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "reason"
    response = post_move(client, proposal, to_state="approved")
    assert response.status_code == 400
    response = post_move(client, proposal, to_state="nowhere")
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT


@pytest.mark.parametrize("role", ["citizen", "cso_member", "working_group",
                                  "other_province_officer"])
def test_only_the_officer_submits(client, world, role):
    proposal = make_proposal(world, State.READY)
    world.login(client, role)
    assert post_move(client, proposal, to_state="submitted").status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == State.READY


def test_without_a_login_or_token_401(client, world):
    proposal = make_proposal(world, State.READY)
    assert post_move(client, proposal, to_state="submitted").status_code == 401
