"""Small builders for the proposal tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from areas.models import Area
from needs.models import Need
from orgs.models import TargetGroup
from proposals.models import Proposal, State


def make_need(world: Any, title: str = "ทางลาดสำหรับคนพิการที่โรงพยาบาลลี้", *,
              sensitive: bool = False, area: str = "5104", **fields: Any) -> Need:
    need = Need.objects.create(
        title=title, description="รายละเอียดของความต้องการ", area=Area.objects.get(code=area),
        raised_by=world.people["cso_member"], is_sensitive=sensitive, **fields)
    need.organisations.set([world.org])
    return need


def make_proposal(world: Any, state: str = State.SUBMITTED, *, title: str = "ศูนย์ดูแลคนพิการชุมชน",
                  area: str = "51", groups: list[str] = (), needs: list[Need] = (),
                  author: str = "working_group", created_at: dt.datetime | None = None,
                  **fields: Any) -> Proposal:
    proposal = Proposal.objects.create(
        title=title, summary="ตั้งศูนย์ดูแลคนพิการในชุมชน ให้คนพิการติดบ้านได้รับการดูแลต่อเนื่อง",
        area=Area.objects.get(code=area), state=state,
        created_by=world.people[author] if author else None, **fields)
    if created_at is not None:
        Proposal.objects.filter(pk=proposal.pk).update(created_at=created_at)
        proposal.created_at = created_at
    if groups:
        proposal.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    if needs:
        proposal.needs.set(needs)
    return proposal


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)
