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
