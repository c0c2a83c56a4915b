"""The provincial plan in public, and the officer's steps from approved proposal to result.

Reading the plan is public. Entering, funding, starting and finishing plan items need the rules
of ``planning/models.py``; every refusal is shown with its message and HTTP 400.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Count, Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.models import Level
from areas.services import get_area_or_404
from planning import services
from planning.forms import FinishForm, FundingForm, PlanItemForm
from planning.models import Funding, Plan, PlanItem
from portal.shortcuts import refuse
from proposals.commands import ProposalError
from proposals.models import Proposal, State

ITEM_RELATED = ["plan", "plan__area", "strategy", "proposal", "parent"]



def get_item(pk: int) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related(*ITEM_RELATED), pk=pk)


# --- public pages ----------------------------------------------------------------------------

def index(request: HttpRequest) -> HttpResponse:
    plans = (Plan.objects.select_related("area").annotate(item_count=Count("items"))
             .order_by("area__name_th", "-first_year"))
    return render(request, "planning/index.html", {"plans": plans})


def plan(request: HttpRequest, code: str) -> HttpResponse:
    """A province's plan: strategies, their items with progress, budget and funding."""
    area = get_area_or_404(code)
    if area.level != Level.PROVINCE:
        raise Http404(_("The development plan is made per province: use a 2-digit province "
                        "code, e.g. 51 for Lamphun."))
    found = services.current_plan(area)
    year = request.GET.get("year", "").strip()
    year = int(year) if year.isdigit() else None
    strategies: list[Any] = []
    totals = {"budget": Decimal("0"), "funded": Decimal("0")}
    years: list[int] = []
    if found is not None:
        children = PlanItem.objects.order_by("pk").select_related("proposal")
        items = (services.top_level_items(found, year).select_related("proposal")
                 .prefetch_related(Prefetch("children", queryset=children),
                                   Prefetch("children__children", queryset=children)))
        by_strategy: dict[int, list[PlanItem]] = {}
        for item in items:
            by_strategy.setdefault(item.strategy_id, []).append(item)
        fundings = Funding.objects.filter(plan_item__plan=found)
        if year:
            fundings = fundings.filter(plan_item__fiscal_year=year)
        funded = dict(fundings.values_list("plan_item__strategy").annotate(total=Sum("amount"))
                      .values_list("plan_item__strategy", "total"))
        for strategy in found.strategies.all():
            strategy.top_items = by_strategy.get(strategy.pk, [])
            strategy.budget = sum((i.budget for i in strategy.top_items), Decimal("0"))
            strategy.funded = funded.get(strategy.pk) or Decimal("0")
            for item in strategy.top_items:
                item.rolled = round(item.rolled_up_progress())
                for child in item.children.all():
                    child.rolled = round(child.rolled_up_progress())
            totals["budget"] += strategy.budget
            totals["funded"] += strategy.funded
            strategies.append(strategy)
        years = sorted(set(found.items.values_list("fiscal_year", flat=True)), reverse=True)
    return render(request, "planning/plan.html", {
        "province": area, "plan": found, "strategies": strategies, "totals": totals,
        "year": year, "years": years,
    })


def item(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, get_item(pk))


def _item_page(request: HttpRequest, found: PlanItem, *, finish_form: FinishForm | None = None,
               error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    proposal = found.proposal
    can_implement = user.has_perm("planning.implement_plan_item", found)
    state = proposal.state if proposal else ""
    children = list(found.children.order_by("pk"))
    for child in children:
        child.rolled = round(child.rolled_up_progress())
    fundings = list(found.fundings.all())
    return render(request, "planning/item.html", {
        "item": found,
        "proposal": proposal,
        "breadcrumbs": [found.plan.area],
        "progress": round(found.rolled_up_progress()),
        "children": children,
        "fundings": fundings,
        "funded": sum((f.amount for f in fundings), Decimal("0")),
        "updates": found.updates.select_related("reported_by"),
        "can_fund": user.has_perm("planning.fund_plan_item", found) and state in (
            State.APPROVED, State.FUNDED, State.IN_IMPLEMENTATION),
        "can_report": user.has_perm("planning.report_progress", found),
        "can_start": can_implement and state == State.FUNDED,
        "can_finish": can_implement and state in (
            State.APPROVED, State.FUNDED, State.IN_IMPLEMENTATION),
        "finish_form": finish_form or FinishForm(),
        "error": error,
    }, status=status)


# --- the officer's steps ---------------------------------------------------------------------

def item_create(request: HttpRequest) -> HttpResponse:
    """Enter an approved proposal in its province's plan (``?proposal=<id>``)."""
    user = request.user
    if not user.has_perm("planning.add_planitem"):
        return refuse(request)
    proposal_id = request.GET.get("proposal", "").strip()
    if not proposal_id:
        return _choose_proposal(request)
    if not proposal_id.isdigit():
        raise Http404(_("There is no such proposal."))
    proposal = get_object_or_404(Proposal.objects.select_related("area", "province"),
                                 pk=proposal_id)
    found = services.plan_for_proposal(proposal)
    province = proposal.province or proposal.area
    if not user.has_perm("planning.add_planitem", found or Plan(area=province)):
        return refuse(request)
    context: dict[str, Any] = {"proposal": proposal, "plan": found, "refusal": ""}
    if found is None:
        context["refusal"] = _("%(province)s has no development plan on Klang yet, so there "
                               "is nothing to enter the proposal in.") % {
                                   "province": province.name}
        return render(request, "planning/item_form.html", context, status=400)
    if proposal.state != State.APPROVED:
        context["refusal"] = _(
            "Only a proposal approved by the committee can become a plan item. “%(proposal)s” "
            "is “%(state)s”.") % {"proposal": proposal.title,
                                  "state": State(proposal.state).label}
        return render(request, "planning/item_form.html", context, status=400)
    status = 200
    if request.method == "POST":
        form = PlanItemForm(request.POST, plan=found)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_plan_item(
                    proposal, data["strategy"], data["fiscal_year"], data["owner_agency"],
                    data["budget"], user, parent=data["parent"], title=data["title"])
            except ProposalError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The proposal is in the plan. Record its funding "
                                            "when the budget is allocated."))
                return redirect(created)
        status = 400
    else:
        form = PlanItemForm(plan=found, initial={
            "title": proposal.title, "strategy": proposal.strategy_id,
            "fiscal_year": proposal.fiscal_year, "owner_agency": proposal.responsible_agency,
            "budget": proposal.estimated_budget})
    context["form"] = form
    return render(request, "planning/item_form.html", context, status=status)


def _choose_proposal(request: HttpRequest) -> HttpResponse:
    """Approved proposals not yet in a plan, in the provinces where this person may act."""
    candidates = [p for p in Proposal.objects.filter(state=State.APPROVED, plan_item__isnull=True)
                  .select_related("area", "province").order_by("title")[:200]
                  if request.user.has_perm("planning.add_planitem",
                                           Plan(area=p.province or p.area))]
    return render(request, "planning/choose_proposal.html", {"proposals": candidates})


def fund(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_item(pk)
    if not request.user.has_perm("planning.fund_plan_item", found):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = FundingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.fund(found, data["amount"], data["fiscal_year"], data["agency"],
                              request.user, source=data["source"],
                              budget_line=data["budget_line"])
            except ProposalError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The funding is recorded."))
                return redirect(found)
        status = 400
    else:
        form = FundingForm(initial={"fiscal_year": found.fiscal_year,
                                    "agency": found.owner_agency})
    return render(request, "planning/fund_form.html", {"form": form, "item": found},
                  status=status)


@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_item(pk)
    if not request.user.has_perm("planning.implement_plan_item", found):
        return refuse(request)
    try:
        services.start_implementation(found, request.user)
    except ProposalError as error:
        return _item_page(request, found, error=str(error), status=400)
    messages.success(request, _("The work is marked as started."))
    return redirect(found)


@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_item(pk)
    if not request.user.has_perm("planning.implement_plan_item", found):
        return refuse(request)
    form = FinishForm(request.POST)
    if form.is_valid():
        try:
            services.finish(found, form.cleaned_data["outcome"], request.user,
                            reason=form.cleaned_data["reason"])
        except ProposalError as error:
            return _item_page(request, found, finish_form=form, error=str(error), status=400)
        messages.success(request, _("The outcome is recorded."))
        return redirect(found)
    return _item_page(request, found, finish_form=form, status=400)
