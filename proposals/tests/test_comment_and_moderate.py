"""People comment on a proposal; anyone may report a comment, moderators hide it with a
public reason, and nobody else can hide anything."""

import pytest

from proposals.models import Comment, CommentReport, State
from proposals.tests.helpers import make_proposal


@pytest.fixture
def proposal(world):
    return make_proposal(world, State.SUBMITTED)


@pytest.fixture
def comment(world, proposal):
    return Comment.objects.create(proposal=proposal, author=world.people["citizen"],
                                  body="เบอร์โทรของผู้ใหญ่บ้าน 081-234-5678")


def test_a_comment_is_published_escaped_with_its_line_breaks(client, world, proposal):
    world.login(client, "cso_member")
    response = client.post(f"/proposals/{proposal.pk}/comments/",
                           {"body": "<script>alert(1)</script>\nบรรทัดที่สอง"})
    assert response.status_code == 302
    html = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>บรรทัดที่สอง" in html
    # The commenter appears in the role they hold here, not by name.
    assert "CSO member" in html and world.people["cso_member"].email not in html


def test_an_empty_comment_is_refused(client, world, proposal):
    world.login(client, "citizen")
    response = client.post(f"/proposals/{proposal.pk}/comments/", {"body": "   "})
    assert response.status_code == 400
    assert "Write something before sending." in response.content.decode()
    assert not Comment.objects.exists()


def test_nobody_comments_on_a_draft(client, world):
    draft = make_proposal(world, State.DRAFT)
    world.login(client, "working_group")
    assert client.post(f"/proposals/{draft.pk}/comments/", {"body": "x"}).status_code == 403
    assert not Comment.objects.exists()


def test_reporting_a_comment_once(client, world, comment):
    world.login(client, "funder")
    url = f"/proposals/comments/{comment.pk}/report/"
    assert client.post(url, {"report-reason": "มีข้อมูลส่วนบุคคล"}).status_code == 302
    assert client.post(url, {"report-reason": "อีกครั้ง"}).status_code == 302
    assert CommentReport.objects.filter(comment=comment).count() == 1
    assert client.post(url, {"report-reason": ""}).status_code == 400


def test_moderators_see_the_reports_others_do_not(client, world, comment):
    CommentReport.objects.create(comment=comment, reporter=world.people["funder"], reason="x")
    world.login(client, "working_group")
    assert "reported 1 time" in client.get(f"/proposals/{comment.proposal_id}/").content.decode()
    client.logout()
    world.login(client, "cso_member")
    assert "reported 1 time" not in client.get(
        f"/proposals/{comment.proposal_id}/").content.decode()


@pytest.mark.parametrize("role", ["working_group", "provincial_officer", "administrator"])
def test_moderators_hide_a_comment_with_a_public_reason(client, world, comment, role):
    world.login(client, role)
    url = f"/proposals/comments/{comment.pk}/hide/"
    assert client.post(url, {"hide-reason": ""}).status_code == 400
    assert client.post(url, {"hide-reason": "มีเบอร์โทรส่วนตัว"}).status_code == 302
    client.logout()
    client.cookies["klang_language"] = "en"  # the assertion reads English text
    html = client.get(f"/proposals/{comment.proposal_id}/").content.decode()
    assert "Hidden by the moderators: มีเบอร์โทรส่วนตัว" in html
    assert "081-234-5678" not in html
    comment.refresh_from_db()
    assert comment.hidden_by == world.people[role]


@pytest.mark.parametrize("role", ["citizen", "cso_coordinator", "committee_member",
                                  "other_province_officer", "funder", "dpo"])
def test_others_cannot_hide(client, world, comment, role):
    world.login(client, role)
    response = client.post(f"/proposals/comments/{comment.pk}/hide/",
                           {"hide-reason": "ไม่ชอบ"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_anonymous_people_cannot_hide_or_report(client, comment):
    for action, field in (("hide", "hide-reason"), ("report", "report-reason")):
        response = client.post(f"/proposals/comments/{comment.pk}/{action}/", {field: "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.hidden_at is None and not CommentReport.objects.exists()
