"""Who may use each committee page (see klang/testing.py).

Committees, meetings and decisions are public; running a committee is for the provincial
officer of its area (and administrators); briefs are for its committee members too.
"""

from committee.tests.helpers import make_body, make_meeting
from klang.testing import EVERYONE, Access

RUNNERS = frozenset({"provincial_officer", "administrator"})
ANY_OFFICER = RUNNERS | {"other_province_officer"}
BRIEF_READERS = RUNNERS | {"committee_member"}


def meeting_url(world, suffix: str = "") -> str:
    return f"/committee/meetings/{make_meeting(world).pk}/{suffix}"


ACCESS: list[Access] = [
    Access("committee:index", lambda w: "/committee/", EVERYONE),
    Access("committee:body", lambda w: f"/committee/bodies/{make_body(w).pk}/", EVERYONE),
    Access("committee:meeting", lambda w: meeting_url(w), EVERYONE),
    # Any provincial officer may open the form; the area they pick must be theirs.
    Access("committee:body_create", lambda w: "/committee/bodies/new/", ANY_OFFICER),
    Access("committee:body_create", lambda w: "/committee/bodies/new/", ANY_OFFICER,
           method="POST"),
    Access("committee:add_member", lambda w: f"/committee/bodies/{make_body(w).pk}/members/",
           RUNNERS),
    Access("committee:add_member", lambda w: f"/committee/bodies/{make_body(w).pk}/members/",
           RUNNERS, method="POST"),
    Access("committee:meeting_create",
           lambda w: f"/committee/bodies/{make_body(w).pk}/meetings/new/", RUNNERS),
    Access("committee:meeting_create",
           lambda w: f"/committee/bodies/{make_body(w).pk}/meetings/new/", RUNNERS,
           method="POST"),
    Access("committee:add_to_agenda", lambda w: meeting_url(w, "agenda/"), RUNNERS,
           method="POST"),
    Access("committee:decide", lambda w: meeting_url(w, "decide/"), RUNNERS, method="POST"),
    Access("committee:brief", lambda w: meeting_url(w, "brief/"), BRIEF_READERS),
]
