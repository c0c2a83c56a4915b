"""Proposals in the API: the public list, one proposal with its needs and timeline, and
moving a proposal before the committee.

What a caller sees goes through ``Proposal.objects.visible_to`` (a draft is absent, its URL
answers 404, for everyone but its authors, the area's working group and officers) and, for the
needs it came from, ``Need.objects.visible_to``. The timeline names the role someone acted in,
never the person. Moving a proposal asks the rules in ``proposals/models.py``
(``TRANSITION_PERMS``) and goes through ``proposals.commands.transition``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field

from api.auth import write_auth
from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.services import resolve, unknown_area_message
from orgs.models import TargetGroup
from proposals.commands import ProposalError, transition
from proposals.models import (
    REASON_REQUIRED,
    TRANSITION_PERMS,
    TRANSITIONS,
    Proposal,
    State,
)
from proposals.services import ProposalFilters, search_proposals
from proposals.timeline import api_timeline, context_for, event_rows

router = Router(tags=["proposals"])

ITEM_FIELDS = (
    "id", "title", "summary", "kind", "state", "fiscal_year", "estimated_budget",
    "support_count", "strategy_id", "created_at", "state_changed_at", "area__code",
    "area__level", "area__name_th", "area__name_en", "province__code",
)


# --- shapes ----------------------------------------------------------------------------------

class ProposalItem(BaseModel):
    id: int
    title: str
    summary: str = Field(description="In plain language.")
    kind: str = Field(description="policy or project.")
    state: str = Field(description="One of: " + ", ".join(State.values) + ".")
    state_label: str
    area: AreaRef
    province_code: str | None
    fiscal_year: int | None = Field(description="Buddhist Era.")
    estimated_budget: Decimal | None = Field(description="Baht.")
    strategy_id: int | None
    target_groups: list[str] = Field(description="Target-group slugs.")
    support_count: int
    created_at: dt.datetime
    state_changed_at: dt.datetime | None
    url: str = Field(description="The proposal's public page.")


class ProposalPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[ProposalItem]


class NeedRef(BaseModel):
    id: int
    title: str
    url: str


class StrategyRef(BaseModel):
    id: int
    number: int
    name_th: str
    name_en: str


class TimelineEvent(BaseModel):
    type: str = Field(description="need_raised, forum, synthesised, state, agenda, decision, "
                                  "plan_item, funding, progress or edit.")
    date: dt.datetime
    actor_role: str = Field(description="The role the actor acted in, e.g. "
                                        "provincial_officer; never a name.")
    text: str = Field(description="What happened, in plain language, with the reason or "
                                  "resolution when there is one.")
    from_state: str
    to_state: str
    data: dict[str, Any]


class ProposalDetail(ProposalItem):
    objectives: str
    beneficiaries: int | None
    responsible_agency: str
    evidence: str
    strategy: StrategyRef | None
    needs: list[NeedRef] = Field(description="The needs it came from that the caller may see.")
    confidential_needs: int = Field(description="How many more needs, raised confidentially.")
    timeline: list[TimelineEvent]


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to_state: str = Field(..., max_length=20, description="screening, ready, draft, submitted "
                                                          "or withdrawn.")
    reason: str = Field("", max_length=2000, description="Required to withdraw; public.")


# --- rows ------------------------------------------------------------------------------------

def proposal_url(pk: int) -> str:
    return f"/proposals/{pk}/"


def proposal_items(queryset: QuerySet[Proposal]) -> list[dict[str, Any]]:
    """One query for the page and one for its target groups: no N+1."""
    rows = list(queryset.values(*ITEM_FIELDS))
    ids = [row["id"] for row in rows]
    slugs = dict(TargetGroup.objects.values_list("pk", "slug"))
    groups: dict[int, list[str]] = {}
    for proposal_id, group_id in (Proposal.target_groups.through.objects
                                  .filter(proposal_id__in=ids)
                                  .values_list("proposal_id", "targetgroup_id")):
        groups.setdefault(proposal_id, []).append(slugs[group_id])
    labels = dict(State.choices)
    return [
        {
            "id": row["id"], "title": row["title"], "summary": row["summary"],
            "kind": row["kind"], "state": row["state"],
            "state_label": str(labels.get(row["state"], row["state"])),
            "area": {"code": row["area__code"], "level": row["area__level"],
                     "name_th": row["area__name_th"], "name_en": row["area__name_en"]},
            "province_code": row["province__code"], "fiscal_year": row["fiscal_year"],
            "estimated_budget": row["estimated_budget"], "strategy_id": row["strategy_id"],
            "target_groups": sorted(groups.get(row["id"], [])),
            "support_count": row["support_count"], "created_at": row["created_at"],
            "state_changed_at": row["state_changed_at"], "url": proposal_url(row["id"]),
        }
        for row in rows
    ]


def visible_or_404(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.select_related("area", "strategy").filter(pk=proposal_id).first()
    if proposal is None or not request.user.has_perm("proposals.view_proposal", proposal):
        raise HttpError(404, _("Unknown proposal: %(id)s") % {"id": proposal_id})
    return proposal


def detail(proposal: Proposal, user: Any) -> dict[str, Any]:
    item = proposal_items(Proposal.objects.filter(pk=proposal.pk))[0]
    events = event_rows(proposal)
    needs = list(proposal.needs.order_by("created_at", "pk").values("pk", "title"))
    context = context_for(events, {n["pk"] for n in needs}, user)
    visible = [n for n in needs if n["pk"] in context.visible_need_ids]
    strategy = proposal.strategy
    item.update(
        objectives=proposal.objectives, beneficiaries=proposal.beneficiaries,
        responsible_agency=proposal.responsible_agency, evidence=proposal.evidence,
        strategy={"id": strategy.pk, "number": strategy.number, "name_th": strategy.name_th,
                  "name_en": strategy.name_en} if strategy else None,
        needs=[{"id": n["pk"], "title": n["title"], "url": f"/needs/{n['pk']}/"}
               for n in visible],
        confidential_needs=len(needs) - len(visible),
        timeline=api_timeline(events, context),
    )
    return item


# --- endpoints -------------------------------------------------------------------------------

@router.get(
    "/", response={200: ProposalPage, 400: FieldErrors, 404: Message}, url_name="proposals",
    summary="List proposals",
    description=(
        "Newest first. Drafts are left out unless `state=draft` is asked for (and then only "
        "those the caller may see). Filter by `state`, `area` (a code: the area and everything "
        "below it), `target_group` (slug), `fiscal_year` (B.E.), `strategy` (id) and `q` (words "
        "in the title)."
    ),
)
def list_proposals(
    request: HttpRequest,
    page: Query[PageParams],
    state: str | None = Query(None, description="One of: " + ", ".join(State.values)),
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    target_group: str | None = Query(None, description="Target-group slug, e.g. disability."),
    fiscal_year: int | None = Query(None, description="Fiscal year, Buddhist Era, e.g. 2569."),
    strategy: int | None = Query(None, description="Strategy id."),
    q: str | None = Query(None, max_length=100, description="Words in the title."),
) -> dict[str, Any]:
    filters = ProposalFilters(q=(q or "").strip(), fiscal_year=fiscal_year,
                              strategy_id=strategy)
    if state:
        if state not in State.values:
            raise InvalidFields({"state": _("Choose one of: %(choices)s.")
                                 % {"choices": ", ".join(State.values)}})
        filters.state = state
    if area:
        found = resolve(area.strip())
        if found is None:
            raise HttpError(404, unknown_area_message(area.strip()))
        filters.area = found
    if target_group:
        filters.target_group = TargetGroup.objects.filter(slug=target_group).first()
        if filters.target_group is None:
            raise HttpError(404, _("Unknown target group: %(slugs)s") % {"slugs": target_group})
    return paginate(request, search_proposals(request.user, filters), page, proposal_items)


@router.get(
    "/{int:proposal_id}/", response={200: ProposalDetail, 404: Message}, url_name="proposal",
    summary="One proposal, with its needs and timeline",
    description=(
        "The proposal's facts, its state, the needs it came from (those the caller may see; "
        "the others are only counted) and its timeline: every event in order with its type, "
        "date, the actor's role, a plain-language text and the public data."
    ),
)
def get_proposal(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    return detail(visible_or_404(request, proposal_id), request.user)


@router.post(
    "/{int:proposal_id}/transition/", auth=write_auth, url_name="proposal-transition",
    response={200: ProposalDetail, 400: FieldErrors, 401: Message, 403: Message,
              404: Message},
    summary="Move a proposal before the committee, or withdraw it",
    description=(
        "`to_state`: `screening`, `ready` or `draft` (the area's working group), `submitted` "
        "(the area's provincial officer) or `withdrawn` (its authors or the working group, "
        "with a public `reason`). The committee's and the plan's steps are taken through "
        "their own pages. An impossible move answers 400 with the reason."
    ),
)
def move_proposal(request: HttpRequest, proposal_id: int, payload: TransitionIn) -> Any:
    user = request.auth
    request.user = user
    proposal = visible_or_404(request, proposal_id)
    to_state = payload.to_state.strip()
    if to_state not in State.values:
        raise InvalidFields({"to_state": _("Choose one of: %(choices)s.")
                             % {"choices": ", ".join(TRANSITION_PERMS)}})
    perm = TRANSITION_PERMS.get(to_state)
    if perm is None:
        raise InvalidFields({"to_state": _("This step is taken on the committee's or the "
                                           "plan's pages.")})
    if not user.has_perm(perm, proposal):
        raise HttpError(403, _("You may not move this proposal to “%(state)s”.")
                        % {"state": State(to_state).label})
    try:
        transition(proposal, to_state, user, reason=payload.reason)
    except ProposalError as error:
        field = ("reason" if to_state in REASON_REQUIRED and not payload.reason.strip()
                 and to_state in TRANSITIONS[proposal.state] else "to_state")
        raise InvalidFields({field: str(error)}) from error
    return detail(proposal, user)
