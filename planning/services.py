"""What happens to an approved proposal: plan item, funding, implementation, result.

Each function is one transaction. A step that changes the proposal's state goes through
``proposals.commands.transition`` (which refuses invalid moves with a message, e.g. funding a
rejected proposal); the other steps are written on the proposal's timeline with
``record_event``. Refusals are ``ProposalError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from areas.models import Area
from monitoring.services import report_progress  # noqa: F401  (one place for the demo to call)
from planning.models import Funding, FundingSource, Plan, PlanItem, Strategy
from proposals.commands import ProposalError, record_event, transition
from proposals.models import EventKind, Proposal, State

# States in which a proposal's plan item may receive (more) money: the first funding moves an
# approved proposal to "funded"; later tranches are added while it is funded or implemented.
FUNDABLE_AGAIN = (State.FUNDED, State.IN_IMPLEMENTATION)
OUTCOMES = (State.COMPLETED, State.NOT_IMPLEMENTED)


def create_plan(area: Area, title: str, first_year: int, last_year: int,
                strategies: Iterable[tuple[int, str, str]] = ()) -> Plan:
    """A development plan and its numbered strategies ``(number, name_th, name_en)``."""
    with transaction.atomic():
        plan = Plan.objects.create(area=area, title=title, first_year=first_year,
                                   last_year=last_year)
        Strategy.objects.bulk_create(
            Strategy(plan=plan, number=number, name_th=name_th, name_en=name_en)
            for number, name_th, name_en in strategies)
    return plan


def province_of(area: Area) -> Area:
    return area if area.level == "province" or area.province_id is None else area.province


def current_plan(province: Area) -> Plan | None:
    """The province's plan: the newest one."""
    return Plan.objects.filter(area=province).order_by("-first_year", "-pk").first()


def plan_for_proposal(proposal: Proposal) -> Plan | None:
    return current_plan(proposal.province or province_of(proposal.area))


def create_plan_item(proposal: Proposal | None, strategy: Strategy, fiscal_year: int,
                     owner_agency: str, budget: Decimal, actor: Any, *,
                     parent: PlanItem | None = None, title: str = "",
                     at: dt.datetime | None = None) -> PlanItem:
    """Enter an approved proposal in the plan (or, without a proposal, a grouping item)."""
    plan = strategy.plan
    if proposal is not None:
        if proposal.state != State.APPROVED:
            raise ProposalError(
                _("Only a proposal approved by the committee can become a plan item. "
                  "“%(proposal)s” is “%(state)s”.")
                % {"proposal": proposal.title, "state": State(proposal.state).label})
        if PlanItem.objects.filter(proposal=proposal).exists():
            raise ProposalError(_("“%(proposal)s” is already in the plan.")
                                % {"proposal": proposal.title})
        if not plan.area.contains(proposal.area):
            raise ProposalError(
                _("“%(proposal)s” is a proposal of %(area)s; it cannot enter %(plan)s.")
                % {"proposal": proposal.title, "area": proposal.area.name, "plan": plan})
    if parent is not None and parent.plan_id != plan.pk:
        raise ProposalError(_("The parent item belongs to another plan."))
    if budget is None or budget < 0:
        raise ProposalError(_("The budget cannot be negative."))
    with transaction.atomic():
        # Checked again under a row lock: the state may have moved since the page was read.
        if proposal is not None and not Proposal.objects.select_for_update().filter(
                pk=proposal.pk, state=State.APPROVED).exists():
            raise ProposalError(_("“%(proposal)s” is no longer approved; reload the page.")
                                % {"proposal": proposal.title})
        try:
            with transaction.atomic():
                item = PlanItem.objects.create(
                    plan=plan, strategy=strategy, proposal=proposal, parent=parent,
                    title=title or (proposal.title if proposal else ""),
                    fiscal_year=fiscal_year, owner_agency=owner_agency, budget=budget,
                    created_by=actor)
        except IntegrityError as error:  # entered twice at the same moment
            raise ProposalError(_("“%(proposal)s” is already in the plan.")
                                % {"proposal": proposal.title if proposal else title}) from error
        if proposal is not None:
            # The proposal lists filter by strategy and fiscal year: keep them in step.
            Proposal.objects.filter(pk=proposal.pk).update(strategy=strategy,
                                                           fiscal_year=fiscal_year)
            proposal.strategy, proposal.fiscal_year = strategy, fiscal_year
            record_event(
                proposal, EventKind.PLAN_ITEM, actor=actor, at=at,
                text=_("Entered in %(plan)s under strategy %(strategy)s, fiscal year "
                       "%(year)s, owned by %(agency)s.")
                % {"plan": plan, "strategy": strategy, "year": fiscal_year,
                   "agency": owner_agency},
                plan_item=item.pk, strategy=strategy.number, strategy_name=str(strategy),
                fiscal_year=fiscal_year,
                owner_agency=owner_agency, budget=str(budget))
    return item


def fund(plan_item: PlanItem, amount: Decimal, fiscal_year: int, agency: str, actor: Any, *,
         source: str = FundingSource.PROVINCE, budget_line: str = "",
         at: dt.datetime | None = None) -> Funding:
    """Record money for a plan item; the first funding moves its proposal to "funded"."""
    if amount is None or amount <= 0:
        raise ProposalError(_("The amount must be more than 0 baht."))
    if source not in FundingSource.values:
        raise ProposalError(_("Choose where the money comes from."))
    proposal = plan_item.proposal
    with transaction.atomic():
        if proposal is not None:
            current = Proposal.objects.select_for_update().get(pk=proposal.pk)
            if current.state == State.APPROVED:
                transition(proposal, State.FUNDED, actor, at=at, amount=str(amount),
                           fiscal_year=fiscal_year, agency=agency, budget_line=budget_line)
            elif current.state not in FUNDABLE_AGAIN:
                raise ProposalError(
                    _("Only a proposal approved by the committee can be funded. “%(proposal)s” "
                      "is “%(state)s”.")
                    % {"proposal": current.title, "state": State(current.state).label})
        funding = Funding.objects.create(
            plan_item=plan_item, amount=amount, fiscal_year=fiscal_year, agency=agency,
            source=source, budget_line=budget_line, recorded_by=actor)
        if proposal is not None:
            record_event(
                proposal, EventKind.FUNDING, actor=actor, at=at,
                text=_("%(amount)s baht for fiscal year %(year)s from %(source)s, through "
                       "%(agency)s.")
                % {"amount": f"{amount:,.2f}".removesuffix(".00"), "year": fiscal_year,
                   "source": FundingSource(source).label, "agency": agency},
                amount=str(amount), fiscal_year=fiscal_year, agency=agency, source=source,
                budget_line=budget_line, plan_item=plan_item.pk)
    return funding


def _require_proposal(plan_item: PlanItem) -> Proposal:
    if plan_item.proposal is None:
        raise ProposalError(_("This plan item has no proposal whose state could change."))
    return plan_item.proposal


def start_implementation(plan_item: PlanItem, actor: Any,
                         at: dt.datetime | None = None) -> None:
    transition(_require_proposal(plan_item), State.IN_IMPLEMENTATION, actor, at=at,
               plan_item=plan_item.pk)


def finish(plan_item: PlanItem, outcome: str, actor: Any, reason: str = "",
           at: dt.datetime | None = None) -> None:
    """Completed, or not implemented (with a public reason)."""
    if outcome not in OUTCOMES:
        raise ProposalError(_("Choose “completed” or “not implemented”."))
    transition(_require_proposal(plan_item), outcome, actor, reason=reason, at=at,
               plan_item=plan_item.pk)


def funding_total(items: Iterable[PlanItem] | Any) -> Decimal:
    ids = [i.pk for i in items] if not hasattr(items, "values") else items.values("pk")
    return (Funding.objects.filter(plan_item__in=ids).aggregate(total=Sum("amount"))["total"]
            or Decimal("0"))


def top_level_items(plan: Plan, fiscal_year: int | None = None) -> Any:
    items = plan.items.filter(Q(parent__isnull=True))
    if fiscal_year:
        items = items.filter(fiscal_year=fiscal_year)
    return items
