"""The authorization matrix's entries for the proposal pages and the proposals API.

Reading a published proposal is public; a draft is seen only by its authors, the area's working
group and officers (and administrators). Support, follow, comment and report need a login;
hiding a comment needs ``proposals.moderate_comments`` (the area's working group and officers,
administrators). Moves before the committee: the area's working group screens and marks ready,
the area's provincial officer submits, authors and the working group withdraw.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, REGISTERED, Access
from proposals.tests.helpers import make_proposal

API = "api-1.0.0"
EDITORS = frozenset({"working_group", "administrator"})
MODERATORS = frozenset({"working_group", "provincial_officer", "administrator"})
DRAFT_READERS = MODERATORS
SUBMITTERS = frozenset({"provincial_officer", "administrator"})


def published(world: Any) -> Any:
    return make_proposal(world, "submitted")


def url(world: Any, state: str = "submitted", suffix: str = "") -> str:
    return f"/proposals/{make_proposal(world, state).pk}/{suffix}"


def comment_url(world: Any, action: str) -> str:
    from proposals.models import Comment

    comment = Comment.objects.create(proposal=published(world), author=world.people["citizen"],
                                     body="ความเห็นทดสอบ")
    return f"/proposals/comments/{comment.pk}/{action}/"


def edit_data(world: Any) -> dict[str, Any]:
    return {"title": "ชื่อใหม่", "summary": "สรุปใหม่", "kind": "project", "area": "51",
            "version": "1"}


ACCESS = [
    Access("proposals:list", lambda w: "/proposals/?area=51", EVERYONE),
    Access("proposals:detail", lambda w: url(w), EVERYONE),
    Access("proposals:detail", lambda w: url(w, "draft"), DRAFT_READERS),
    Access("proposals:edit", lambda w: url(w, suffix="edit/"), EDITORS),
    Access("proposals:edit", lambda w: url(w, suffix="edit/"), EDITORS, method="POST",
           data=edit_data),
    Access("proposals:transition", lambda w: url(w, "screening", "transition/"), EDITORS,
           method="POST", data=lambda w: {"to_state": "ready"}),
    Access("proposals:transition", lambda w: url(w, "ready", "transition/"), SUBMITTERS,
           method="POST", data=lambda w: {"to_state": "submitted"}),
    Access("proposals:transition", lambda w: url(w, "submitted", "transition/"), EDITORS,
           method="POST", data=lambda w: {"to_state": "withdrawn", "reason": "ซ้ำกับโครงการอื่น"}),
    Access("proposals:support", lambda w: url(w, suffix="support/"), REGISTERED, method="POST"),
    Access("proposals:follow", lambda w: url(w, suffix="follow/"), REGISTERED, method="POST"),
    Access("proposals:comment", lambda w: url(w, suffix="comments/"), REGISTERED, method="POST",
           data=lambda w: {"body": "เห็นด้วยครับ"}),
    Access("proposals:report_comment", lambda w: comment_url(w, "report"), REGISTERED,
           method="POST", data=lambda w: {"report-reason": "ไม่สุภาพ"}),
    Access("proposals:hide_comment", lambda w: comment_url(w, "hide"), MODERATORS,
           method="POST", data=lambda w: {"hide-reason": "ข้อมูลส่วนบุคคล"}),
    Access(f"{API}:proposals", lambda w: "/api/v1/proposals/?area=51", EVERYONE),
    Access(f"{API}:proposal", lambda w: f"/api/v1{url(w)}", EVERYONE),
    Access(f"{API}:proposal", lambda w: f"/api/v1{url(w, 'draft')}", DRAFT_READERS),
    Access(f"{API}:proposal-transition", lambda w: f"/api/v1{url(w, 'screening', 'transition/')}",
           EDITORS, method="POST", data=lambda w: {"to_state": "ready"}, json=True),
    Access(f"{API}:proposal-transition", lambda w: f"/api/v1{url(w, 'ready', 'transition/')}",
           SUBMITTERS, method="POST", data=lambda w: {"to_state": "submitted"}, json=True),
]
