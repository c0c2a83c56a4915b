"""Proposal pages: the public list, the proposal's story, editing, moving it before the
committee, support, follow, comments and their moderation.

Access is decided only by the permission rules in ``proposals/models.py`` (``user.has_perm``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, RoleGrant
from areas.models import Area, Level
from areas.services import find_area
from orgs.models import TargetGroup
from portal.shortcuts import refuse, select_options
from proposals import services
from proposals.commands import ProposalError, transition
from proposals.forms import CommentForm, ProposalForm, ReasonForm, TransitionForm
from proposals.models import (
    TRANSITION_PERMS,
    Comment,
    EventKind,
    Follow,
    Proposal,
    State,
    Support,
)
from proposals.timeline import (
    NEXT,
    context_for,
    event_rows,
    role_name,
    steps_for,
    story_entries,
)

PAGE_SIZE = 25



def visible_proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    """The proposal, or 404 for someone who may not see it (a draft stays a secret)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("area", "area__province", "strategy"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404
    return proposal



@lru_cache(maxsize=4)
def province_choices(language: str) -> tuple[tuple[str, str], ...]:
    """The 77 provinces for the area menu, read once per process: they do not change."""
    return tuple((p.code, p.name) for p in Area.objects.filter(level=Level.PROVINCE)
                 .order_by("name_th").only("code", "name_th", "name_en"))


def current_fiscal_year() -> int:
    today = timezone.localdate()
    return today.year + 543 + (1 if today.month >= 10 else 0)


# --- list ------------------------------------------------------------------------------------

def proposal_list(request: HttpRequest) -> HttpResponse:
    """Public list: filter by area, state, target group, strategy, fiscal year and title."""
    from planning.models import Strategy

    params = request.GET
    q = params.get("q", "").strip()[:100]
    area_code = params.get("area", "").strip()
    state = params.get("state", "").strip()
    group_slug = params.get("target_group", "").strip()
    strategy = params.get("strategy", "").strip()
    year = params.get("fiscal_year", "").strip()

    filters = services.ProposalFilters(q=q)
    area = None
    if area_code:
        area = find_area(area_code)
        if area is None:
            raise Http404(_("There is no area with the code “%(code)s”.") % {"code": area_code})
        filters.area = area
    if state in State.values:
        filters.state = state
    else:
        state = ""
    groups = list(TargetGroup.objects.all())
    if group_slug:
        filters.target_group = next((g for g in groups if g.slug == group_slug), None)
        if filters.target_group is None:
            group_slug = ""
    # Each province's plan has its own strategies: offer those of the chosen area's province
    # (77 provinces x 4 strategies in one menu would help nobody).
    strategies = []
    if area is not None and (area.province_id or area.level == Level.PROVINCE):
        province_id = area.pk if area.level == Level.PROVINCE else area.province_id
        strategies = list(Strategy.objects.filter(plan__area_id=province_id)
                          .select_related("plan").order_by("-plan__first_year", "number"))
    chosen = int(strategy) if strategy.isdigit() else None
    if chosen is not None and not any(s.pk == chosen for s in strategies):
        strategies[:0] = Strategy.objects.filter(pk=chosen).select_related("plan")
    if chosen is not None and any(s.pk == chosen for s in strategies):
        filters.strategy_id = chosen
    else:
        strategy = ""
    if year.isdigit() and 2400 < int(year) < 2700:
        filters.fiscal_year = int(year)
    else:
        year = ""

    proposals = services.search_proposals(request.user, filters)
    key = services.public_count_key(request.user, {
        "q": q, "area": area_code, "state": state, "target_group": group_slug,
        "strategy": str(filters.strategy_id or ""), "fiscal_year": year})
    page = services.PublicListPaginator(proposals.values_list("pk", flat=True), PAGE_SIZE,
                                        key).get_page(params.get("page"))
    page.object_list = services.proposal_rows(list(page.object_list))

    provinces = list(province_choices(get_language()))
    if area is not None and area.level != Level.PROVINCE:
        provinces.insert(0, (area.code, area.name))
    this_year = current_fiscal_year()
    years = list(range(this_year + 2, this_year - 8, -1))
    if filters.fiscal_year and filters.fiscal_year not in years:
        years.insert(0, filters.fiscal_year)
    return render(request, "proposals/list.html", {
        "page": page,
        "filters": {"q": q, "area": area_code, "state": state, "target_group": group_slug,
                    "strategy": strategy, "fiscal_year": year},
        "filtered": any((q, area_code, state, group_slug, strategy, year)),
        "area": area,
        "strategies_offered": bool(strategies),
        "options": {
            "area": select_options(provinces, area_code),
            "state": select_options(State.choices, state),
            "target_group": select_options([(g.slug, g.name) for g in groups], group_slug),
            "strategy": select_options([(s.pk, f"{s} ({s.plan})") for s in strategies],
                                       strategy),
            "fiscal_year": select_options([(y, str(y)) for y in years], year),
        },
    })


# --- the proposal's story --------------------------------------------------------------------

def _plan_section(proposal: Proposal) -> dict[str, Any] | None:
    """The plan item, its funding and progress, when the plan has one for this proposal."""
    try:
        item = proposal.plan_item
    except (ObjectDoesNotExist, AttributeError):
        return None
    if item is None:
        return None
    section: dict[str, Any] = {"item": item, "fundings": [], "updates": []}
    try:
        section["fundings"] = list(item.fundings.order_by("recorded_at", "pk"))
        section["updates"] = list(item.updates.order_by("-date", "-pk")[:20])
    except AttributeError:
        pass
    return section


def comment_author_labels(proposal: Proposal, author_ids: set[int]) -> dict[int, str]:
    """The role each commenter holds here ("Working-group member"), or "Citizen": a comment
    shows who speaks in what capacity, not a person's name."""
    if not author_ids:
        return {}
    lineage = set(proposal.area.lineage_ids())
    order = [Role.PROVINCIAL_OFFICER, Role.COMMITTEE_MEMBER, Role.WORKING_GROUP,
             Role.CSO_COORDINATOR, Role.CSO_MEMBER, Role.ADMINISTRATOR]
    held: dict[int, set[str]] = {}
    for user_id, role, area_id in (RoleGrant.objects.active().filter(user_id__in=author_ids)
                                   .values_list("user_id", "role", "area_id")):
        if area_id in lineage or role == Role.ADMINISTRATOR:
            held.setdefault(user_id, set()).add(role)
    labels = {}
    for user_id in author_ids:
        roles = held.get(user_id, set())
        best = next((r for r in order if r in roles), "citizen")
        labels[user_id] = role_name(best)
    return labels


def _comments(proposal: Proposal, user: Any, can_moderate: bool) -> list[dict[str, Any]]:
    from django.db.models import Count

    rows = list(proposal.comments.order_by("created_at", "pk").annotate(
        reports_count=Count("reports")).values(
        "pk", "author_id", "body", "created_at", "hidden_at", "hidden_reason", "reports_count"))
    labels = comment_author_labels(proposal, {r["author_id"] for r in rows})
    me = getattr(user, "pk", None)
    for row in rows:
        row["author_label"] = labels.get(row["author_id"], "")
        row["is_mine"] = row["author_id"] == me
        if not can_moderate:
            row["reports_count"] = 0
    return rows


def _actions(proposal: Proposal, user: Any) -> list[dict[str, Any]]:
    """The moves this person may make now, with whether a reason is required."""
    from proposals.models import REASON_REQUIRED

    actions = []
    for to_state in [State.SCREENING, State.READY, State.SUBMITTED, State.DRAFT,
                     State.WITHDRAWN]:
        if to_state not in proposal.allowed_next_states():
            continue
        if user.has_perm(TRANSITION_PERMS[to_state], proposal):
            actions.append({"to_state": to_state.value, "label": ACTION_LABELS[to_state],
                            "reason_required": to_state in REASON_REQUIRED})
    return actions


ACTION_LABELS = {
    State.SCREENING: gettext_lazy("Start screening"),
    State.READY: gettext_lazy("Mark ready to submit"),
    State.SUBMITTED: gettext_lazy("Submit to the province"),
    State.DRAFT: gettext_lazy("Send back to draft"),
    State.WITHDRAWN: gettext_lazy("Withdraw the proposal"),
}


def _detail_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    """Everything the page shows, in a fixed, small number of queries."""
    user = request.user
    events = event_rows(proposal)
    needs = list(proposal.needs.order_by("created_at", "pk").values("pk", "title", "is_sensitive"))
    context = context_for(events, {n["pk"] for n in needs}, user)
    for need in needs:
        need["visible"] = need["pk"] in context.visible_need_ids
    last_from = next((e["from_state"] for e in reversed(events)
                      if e["kind"] == EventKind.STATE and e["to_state"] == proposal.state), "")
    forum_held = any(e["kind"] == EventKind.FORUM for e in events)
    can_moderate = user.has_perm("proposals.moderate_comments", proposal)
    authenticated = user.is_authenticated
    return {
        "proposal": proposal,
        "state_label": State(proposal.state).label,
        "next_text": NEXT.get(proposal.state, ""),
        "steps": steps_for(proposal.state, last_from, forum_held),
        "entries": story_entries(events, context),
        "needs": needs,
        "target_groups": [g.name for g in proposal.target_groups.all()],
        "plan": _plan_section(proposal),
        "comments": _comments(proposal, user, can_moderate),
        "supported": authenticated and Support.objects.filter(
            proposal=proposal, user=user).exists(),
        "following": authenticated and Follow.objects.filter(
            proposal=proposal, user=user).exists(),
        "can_edit": user.has_perm("proposals.change_proposal", proposal),
        "can_support": user.has_perm("proposals.support_proposal", proposal),
        "can_follow": user.has_perm("proposals.follow_proposal", proposal),
        "can_comment": user.has_perm("proposals.comment_proposal", proposal),
        "can_moderate": can_moderate,
        "actions": _actions(proposal, user),
        "comment_form": CommentForm(),
        "hide_form": ReasonForm(prefix="hide"),
        "report_form": ReasonForm(prefix="report"),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    return render(request, "proposals/detail.html", _detail_context(request, proposal))


def _detail_with_error(request: HttpRequest, proposal: Proposal, **extra: Any) -> HttpResponse:
    context = _detail_context(request, proposal)
    context.update(extra)
    return render(request, "proposals/detail.html", context, status=400)


# --- edit ------------------------------------------------------------------------------------

def edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.change_proposal", proposal):
        return refuse(request)
    conflict = None
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, instance=proposal)
        if form.is_valid():
            result = services.save_edit(proposal, form.cleaned_data,
                                        form.cleaned_data["version"], request.user)
            if result.saved:
                messages.success(request, _("The changes are saved.")
                                 if result.changed else _("Nothing was changed."))
                return redirect(result.current)
            conflict = _conflict(request, result.current, form)
            # Keep what this person typed, now based on the version they have been shown.
            data = request.POST.copy()
            data["version"] = str(result.current.version)
            form = ProposalForm(data, instance=result.current)
            form.is_valid()
            status = 409
        else:
            status = 400
    else:
        form = ProposalForm(instance=proposal)
    return render(request, "proposals/edit.html",
                  {"form": form, "proposal": proposal, "conflict": conflict}, status=status)


def _display(form: ProposalForm, name: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if name == "target_groups":
        return ", ".join(str(g) for g in value)
    if name == "kind":
        return str(dict(form.fields["kind"].choices).get(value, value))
    if name == "area":
        return f"{value.code} {value.name}"
    return str(value)


def _conflict(request: HttpRequest, current: Proposal, form: ProposalForm) -> dict[str, Any]:
    """What the other person saved, field by field, beside what this person typed."""
    changed = services.differences(current, form.cleaned_data)
    rows = []
    for name in changed:
        theirs = (list(current.target_groups.all()) if name == "target_groups"
                  else getattr(current, name))
        rows.append({"label": form.fields[name].label, "name": name,
                     "theirs": _display(form, name, theirs),
                     "yours": _display(form, name, form.cleaned_data.get(name))})
    last = (current.events.filter(kind__in=[EventKind.EDIT, EventKind.STATE])
            .order_by("-at", "-pk").values("at", "actor_role", "kind").first())
    return {"rows": rows, "at": last["at"] if last else current.updated_at,
            "role": role_name(last["actor_role"]) if last else "",
            "state_changed": bool(last and last["kind"] == EventKind.STATE)}


# --- moving it -------------------------------------------------------------------------------

@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    form = TransitionForm(request.POST)
    to_state = request.POST.get("to_state", "")
    perm = TRANSITION_PERMS.get(to_state)
    if not request.user.is_authenticated:
        return refuse(request)
    if perm is None:
        message = (_("This step is taken on the committee's or the plan's pages.")
                   if to_state in State.values else _("Choose a step to take."))
        return _detail_with_error(request, proposal, action_error=message)
    if not request.user.has_perm(perm, proposal):
        return refuse(request)
    reason = form.data.get("reason", "")[:2000]
    try:
        transition(proposal, to_state, request.user, reason=reason)
    except ProposalError as error:
        return _detail_with_error(request, proposal, action_error=str(error),
                                  action_reason=reason, action_state=to_state)
    messages.success(request, _("The proposal is now “%(state)s”.")
                     % {"state": State(to_state).label})
    return redirect(proposal)


# --- support, follow -------------------------------------------------------------------------

@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.support_proposal", proposal):
        return refuse(request)
    if services.toggle_support(proposal, request.user):
        messages.success(request, _("You support this proposal."))
    else:
        messages.success(request, _("You no longer support this proposal."))
    return redirect(proposal)


@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.follow_proposal", proposal):
        return refuse(request)
    if services.toggle_follow(proposal, request.user):
        messages.success(request, _("You follow this proposal: you will be told when it "
                                    "moves."))
    else:
        messages.success(request, _("You no longer follow this proposal."))
    return redirect(proposal)


# --- comments --------------------------------------------------------------------------------

@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.comment_proposal", proposal):
        return refuse(request)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail_with_error(request, proposal, comment_form=form)
    saved = services.add_comment(proposal, request.user, form.cleaned_data["body"])
    messages.success(request, _("Your comment is published."))
    return redirect(f"{proposal.get_absolute_url()}#comment-{saved.pk}")


def _comment_or_404(request: HttpRequest, pk: int) -> Comment:
    found = get_object_or_404(Comment.objects.select_related(
        "proposal", "proposal__area", "proposal__area__province", "proposal__strategy"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", found.proposal):
        raise Http404
    return found


@require_POST
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    found = _comment_or_404(request, pk)
    if not request.user.has_perm("proposals.report_comment", found):
        return refuse(request)
    form = ReasonForm(request.POST, prefix="report")
    if not form.is_valid():
        return _detail_with_error(request, found.proposal, report_form=form,
                                  report_comment_id=found.pk)
    if services.report_comment(found, request.user, form.cleaned_data["reason"]):
        messages.success(request, _("Thank you. The moderators will look at this comment."))
    else:
        messages.info(request, _("You have already reported this comment."))
    return redirect(f"{found.proposal.get_absolute_url()}#comment-{found.pk}")


@require_POST
def hide_comment(request: HttpRequest, pk: int) -> HttpResponse:
    found = _comment_or_404(request, pk)
    if not request.user.has_perm("proposals.hide_comment", found):
        return refuse(request)
    form = ReasonForm(request.POST, prefix="hide")
    if not form.is_valid():
        return _detail_with_error(request, found.proposal, hide_form=form,
                                  hide_comment_id=found.pk)
    services.hide_comment(found, request.user, form.cleaned_data["reason"])
    messages.success(request, _("The comment is hidden; the reason is shown in its place."))
    return redirect(f"{found.proposal.get_absolute_url()}#comment-{found.pk}")
