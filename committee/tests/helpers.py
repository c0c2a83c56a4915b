"""Small builders for the committee and plan tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from committee.models import Body, BodyKind, Meeting
from proposals.models import Proposal, ProposalEvent


def make_proposal(world: Any, state: str = "submitted", *, area: Any = None,
                  title: str = "Ramps at every district office", **fields: Any) -> Proposal:
    fields.setdefault("summary", "Five required facilities at every district office.")
    return Proposal.objects.create(title=title, area=area or world.lamphun, state=state,
                                   created_by=world.people["working_group"], **fields)


def make_body(world: Any, area: Any = None) -> Body:
    return Body.objects.create(name_th="คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ",
                               short_name="ก.บ.จ.", kind=BodyKind.PROVINCIAL,
                               area=area or world.lamphun)


def make_meeting(world: Any, body: Body | None = None, number: int = 4,
                 year: int = 2568) -> Meeting:
    return Meeting.objects.create(body=body or make_body(world), number=number, year=year,
                                  date=dt.date(2025, 9, 18), place="ศาลากลางจังหวัดลำพูน")


def events(proposal: Proposal, kind: str | None = None) -> list[ProposalEvent]:
    found = ProposalEvent.objects.filter(proposal=proposal).order_by("at", "pk")
    return list(found.filter(kind=kind) if kind else found)


# --- composition -----------------------------------------------------------------------------

TERM_START = dt.date(2024, 10, 1)


def make_seat(world: Any, body: Body | None = None, *, category: str = "civil_society",
              title: str = "ผู้แทนภาคประชาสังคม ด้านคนพิการ", groups: tuple[str, ...] = (),
              qualification: str = "องค์กรคนพิการที่จดทะเบียนในจังหวัด") -> Any:
    from committee.models import Seat
    from orgs.models import TargetGroup

    body = body or make_body(world)
    number = (Seat.objects.filter(body=body).count()) + 1
    seat = Seat.objects.create(body=body, number=number, category=category, title=title,
                               qualification=qualification)
    seat.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    return seat


def make_term(seat: Any, name: str = "นางสาวผู้แทน ทดสอบ", *, starts_on: dt.date = TERM_START,
              ends_on: dt.date | None = None, groups: tuple[str, ...] = (),
              organisation: Any = None) -> Any:
    from committee.models import SeatTerm
    from orgs.models import TargetGroup

    term = SeatTerm.objects.create(seat=seat, holder_name=name, starts_on=starts_on,
                                   ends_on=ends_on, organisation=organisation)
    term.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    return term


def lamphun_committee(world: Any, filled: int = 6, vacant: int = 6) -> Body:
    """A ก.บ.จ. with ``filled`` civil-society seats (none for a vulnerable group) and
    ``vacant`` ones, the first vacant one reserved for disability."""
    body = make_body(world)
    ex_officio = make_seat(world, body, category="ex_officio", title="ผู้ว่าราชการจังหวัด")
    make_term(ex_officio, "ผู้ว่าราชการจังหวัดลำพูน")
    for i in range(filled):
        make_term(make_seat(world, body, title=f"ผู้แทนด้านเกษตร {i + 1}"),
                  f"ผู้แทนเกษตร คนที่ {i + 1}")
    for i in range(vacant):
        make_seat(world, body, title="ผู้แทนภาคประชาสังคม ด้านคนพิการ" if i == 0
                  else f"ที่นั่งว่าง {i + 1}", groups=("disability",) if i == 0 else ())
    return body


def vacant_seat(world: Any) -> Any:
    return make_seat(world, groups=("disability",))


def make_nomination(world: Any, seat: Any = None, organisation: Any = None,
                    candidate: str = "นายผู้สมัคร ทดสอบ") -> Any:
    from committee.models import Nomination
    from orgs.models import TargetGroup

    seat = seat or vacant_seat(world)
    nomination = Nomination.objects.create(
        seat=seat, organisation=organisation or world.org, candidate_name=candidate,
        statement="ทำงานกับคนพิการในลำพูนมา 10 ปี")
    nomination.target_groups.set(TargetGroup.objects.filter(slug="disability"))
    return nomination


def coordinator_of(organisation: Any, email: str = "li-coordinator@example.org") -> Any:
    """A coordinator of another organisation, e.g. the Li Ethnic Network's."""
    from accounts.models import Role, RoleGrant, User

    user = User.objects.create_user(email, "klang-test-password-2569", full_name="ผู้ประสาน ลี้")
    RoleGrant.objects.create(user=user, role=Role.CSO_COORDINATOR, area=organisation.home_area,
                             organisation=organisation)
    return user
