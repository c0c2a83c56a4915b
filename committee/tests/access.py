"""Who may use each committee page (see klang/testing.py).

Committees, meetings and decisions are public, and so is their composition; running a
committee (seats, terms, selecting a nominee) is for the provincial officer of its area (and
administrators); briefs are for its committee members too. Nominating is for coordinators of an
organisation; endorsing for coordinators of an organisation other than the nominating one (the
matrix's nomination comes from the Li Ethnic Network, so the disability association's
coordinator may endorse it). The bodies API is public.
"""

from committee.tests.helpers import (
    make_body,
    make_meeting,
    make_nomination,
    make_seat,
    make_term,
    vacant_seat,
)
from klang.testing import EVERYONE, Access

RUNNERS = frozenset({"provincial_officer", "administrator"})
ANY_OFFICER = RUNNERS | {"other_province_officer"}
BRIEF_READERS = RUNNERS | {"committee_member"}
COORDINATORS = frozenset({"cso_coordinator"})
API = "api-1.0.0"


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
    # composition
    Access("committee:composition",
           lambda w: f"/committee/bodies/{make_seat(w).body_id}/composition/", EVERYONE),
    Access("committee:representation", lambda w: "/committee/representation/51/", EVERYONE),
    Access("committee:seat", lambda w: f"/committee/seats/{vacant_seat(w).pk}/", EVERYONE),
    Access("committee:seats", lambda w: f"/committee/bodies/{make_body(w).pk}/seats/", RUNNERS),
    Access("committee:seats", lambda w: f"/committee/bodies/{make_body(w).pk}/seats/", RUNNERS,
           method="POST"),
    Access("committee:seat_limits",
           lambda w: f"/committee/bodies/{make_body(w).pk}/seats/limits/", RUNNERS,
           method="POST"),
    Access("committee:term_create",
           lambda w: f"/committee/seats/{make_seat(w).pk}/terms/new/", RUNNERS),
    Access("committee:term_create",
           lambda w: f"/committee/seats/{make_seat(w).pk}/terms/new/", RUNNERS, method="POST"),
    Access("committee:term_end",
           lambda w: f"/committee/terms/{make_term(make_seat(w)).pk}/end/", RUNNERS),
    Access("committee:term_end",
           lambda w: f"/committee/terms/{make_term(make_seat(w)).pk}/end/", RUNNERS,
           method="POST"),
    # nominations
    Access("committee:nominate", lambda w: f"/committee/seats/{vacant_seat(w).pk}/nominate/",
           COORDINATORS),
    Access("committee:nominate", lambda w: f"/committee/seats/{vacant_seat(w).pk}/nominate/",
           COORDINATORS, method="POST"),
    Access("committee:endorse",
           lambda w: f"/committee/nominations/{make_nomination(w, organisation=w.other_org).pk}"
                     "/endorse/", COORDINATORS),
    Access("committee:endorse",
           lambda w: f"/committee/nominations/{make_nomination(w, organisation=w.other_org).pk}"
                     "/endorse/", COORDINATORS, method="POST"),
    Access("committee:select",
           lambda w: f"/committee/nominations/{make_nomination(w).pk}/select/", RUNNERS),
    Access("committee:select",
           lambda w: f"/committee/nominations/{make_nomination(w).pk}/select/", RUNNERS,
           method="POST"),
    # the bodies API
    Access(f"{API}:bodies", lambda w: f"/api/v1/bodies/?area=51&x={make_seat(w).pk}", EVERYONE),
    Access(f"{API}:body", lambda w: f"/api/v1/bodies/{make_seat(w).body_id}/", EVERYONE),
]
