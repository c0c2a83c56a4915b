"""Needs through the API: public reads with filters, and raising a need with a token."""

from __future__ import annotations

import json

import pytest

from accounts.models import ApiToken
from needs.models import Need
from needs.tests.helpers import add_figure, make_forum, make_need
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def post(client, key, body, **headers):
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.post("/api/v1/needs/", data=json.dumps(body),
                       content_type="application/json", **headers)


def test_the_list_filters_by_area_status_group_issue_and_words(client, world):
    from orgs.models import IssueArea

    li = make_need(world, title="ถนนลูกรังบ้านนา", groups=["ethnic-legal-status"])
    village = make_need(world, area="510401", status="accepted",
                        issue_area=IssueArea.objects.get(slug="health"))
    chiang_mai = make_need(world, area="50", title="ฝุ่นควันเชียงใหม่")
    merged = make_need(world, status="merged", merged_into=li)

    def ids(**params):
        answer = client.get("/api/v1/needs/", params).json()
        assert answer["count"] == len(answer["results"])
        return {row["id"] for row in answer["results"]}

    assert ids() == {li.pk, village.pk, chiang_mai.pk}
    assert ids(area="51") == {li.pk, village.pk}
    assert ids(area="5104") == {li.pk, village.pk}
    assert ids(status="accepted") == {village.pk}
    assert ids(status="merged") == {merged.pk}
    assert ids(target_group="ethnic-legal-status") == {li.pk}
    assert ids(issue_area="health") == {village.pk}
    assert ids(q="ฝุ่นควัน") == {chiang_mai.pk}

    bad = client.get("/api/v1/needs/", {"area": "5199"})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "area"
    assert client.get("/api/v1/needs/", {"status": "lost"}).status_code == 400


def test_one_need_with_its_sources_and_evidence_but_no_citizen_name(client, world):
    forum = make_forum(world)
    need = make_need(world, raised_by=world.people["citizen"], forums=[forum],
                     supporters=[world.people["funder"]])
    add_figure(need)
    answer = client.get(f"/api/v1/needs/{need.pk}/").json()
    assert answer["title"] == need.title and answer["supporters"] == 1
    assert answer["citizen_raised"] is True
    assert answer["forums"][0]["id"] == forum.pk
    assert answer["evidence"][0]["source"] == "สำรวจ อบต. 2567"
    assert answer["url"] == f"/needs/{need.pk}/"
    text = json.dumps(answer, ensure_ascii=False)
    assert world.people["citizen"].full_name not in text
    assert world.people["citizen"].email not in text
    assert client.get("/api/v1/needs/999999/").status_code == 404


def test_raising_a_need_with_a_token(client, world, django_capture_on_commit_callbacks):
    _token, key = ApiToken.issue(world.people["cso_coordinator"], "test")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, key, {
            "title": "ล่ามภาษามือในโรงพยาบาล", "description": "คนหูหนวกสื่อสารกับแพทย์ไม่ได้",
            "area": "5101", "target_groups": ["disability"], "issue_area": "health",
            "urgency": "high", "people_affected": 120, "organisation": world.org.pk,
            "evidence": [{"kind": "figure", "title": "คนหูหนวก", "value": "120",
                          "unit": "คน", "source": "ทะเบียนคนพิการ 2567"},
                         {"kind": "link", "title": "รายงาน", "url": "https://example.org/r"}],
        })
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert response.json()["id"] == need.pk
    assert need.raised_by == world.people["cso_coordinator"]
    assert list(need.organisations.all()) == [world.org]
    assert need.evidence.count() == 2 and need.urgency == "high"
    assert Notification.objects.filter(user=world.people["working_group"],
                                       kind="new_need").exists()


def test_bad_fields_answer_400_and_nothing_is_saved(client, world):
    _token, key = ApiToken.issue(world.people["citizen"], "test")
    response = post(client, key, {
        "title": "", "description": "x", "area": "5199", "target_groups": ["nobody"],
        "urgency": "soon", "organisation": world.org.pk,
        "evidence": [{"kind": "figure", "title": "x", "value": "3"}],
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["detail"]}
    assert set(errors) >= {"title", "area", "target_groups", "urgency", "organisation",
                           "evidence.0.source"}
    assert "5199" in errors["area"]
    assert not Need.objects.exists()
    missing = post(client, key, {"title": "x"})
    assert missing.status_code == 400
    assert {e["field"] for e in missing.json()["detail"]} >= {"description", "area"}


def test_raising_a_need_needs_a_login(client, world):
    response = post(client, None, {"title": "x", "description": "y", "area": "51"})
    assert response.status_code == 401
    assert not Need.objects.exists()
