"""Small builders for the plan tests: Lamphun's plan with its four strategies (seed 000)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from committee.tests.helpers import make_proposal
from planning.models import Plan, PlanItem
from planning.services import create_plan, create_plan_item

STRATEGIES = [
    (1, "ยุทธศาสตร์ด้านเศรษฐกิจ", "Economy"),
    (2, "ยุทธศาสตร์ด้านความมั่นคง (ความมั่นคงในการดำรงชีพ)", "Security of livelihood"),
    (3, "ยุทธศาสตร์ด้านสิ่งแวดล้อม", "Environment"),
    (4, "ยุทธศาสตร์ด้านการบริหารจัดการ", "Administration"),
]


def make_plan(world: Any, area: Any = None) -> Plan:
    return create_plan(area or world.lamphun, "แผนพัฒนาจังหวัดลำพูน พ.ศ. 2566–2570", 2566, 2570,
                       STRATEGIES)


def livelihood(plan: Plan) -> Any:
    return plan.strategies.get(number=2)


def make_item(world: Any, state: str = "approved", *, plan: Plan | None = None,
              budget: str = "450000", title: str = "Ramps at every district office",
              parent: PlanItem | None = None) -> PlanItem:
    """A plan item from a proposal that has reached ``state`` (entered while approved)."""
    plan = plan or Plan.objects.filter(area=world.lamphun).first() or make_plan(world)
    proposal = make_proposal(world, "approved", title=title)
    item = create_plan_item(proposal, livelihood(plan), 2569, "Lamphun Provincial Office",
                            Decimal(budget), world.people["provincial_officer"], parent=parent)
    if state != "approved":
        type(proposal).objects.filter(pk=proposal.pk).update(state=state)
        item.proposal.state = state
    return item
