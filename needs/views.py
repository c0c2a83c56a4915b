"""Pages of needs: the public list and page, raising a need, and the working group's work.

Who may see or do what is asked of the rules in ``needs/models.py`` (``user.has_perm``). A
sensitive need someone may not see answers 404, never 403, so that its existence does not leak.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.models import Area, Level
from areas.services import get_area_or_404
from needs import services
from needs.forms import (
    EvidenceFormSet,
    NeedForm,
    ScreenForm,
    SplitFormSet,
    SynthesiseForm,
    need_ids,
    visible_needs,
)
from needs.models import Need, NeedEvidence, NeedStatus
from needs.services import NeedError
from orgs.models import IssueArea, TargetGroup
from portal.shortcuts import refuse

PAGE_SIZE = 25
# Merged and split needs live on in the needs that replaced them; the list hides them
# unless someone asks for that status.
HIDDEN_BY_DEFAULT = [NeedStatus.MERGED, NeedStatus.SPLIT]



def visible_need_or_404(request: HttpRequest, pk: int) -> Need:
    need = get_object_or_404(
        Need.objects.select_related("area", "province", "issue_area", "merged_into",
                                    "split_from"), pk=pk)
    if not request.user.has_perm("needs.view_need", need):
        raise Http404(_("No such need."))
    return need


# --- list and page ---------------------------------------------------------------------------

def filtered_needs(request: HttpRequest) -> tuple[Any, dict[str, str], Area | None]:
    """The needs this person may see, narrowed by the list's filters."""
    params = request.GET
    filters = {name: params.get(name, "").strip()
               for name in ("q", "area", "target_group", "issue_area", "status")}
    needs = Need.objects.visible_to(request.user)
    area = None
    if filters["area"]:
        area = get_area_or_404(filters["area"])
        needs = needs.filter(area.subtree_q("area__"))
    if filters["target_group"]:
        needs = needs.filter(pk__in=Need.target_groups.through.objects.filter(
            targetgroup__slug=filters["target_group"]).values("need_id"))
    if filters["issue_area"]:
        needs = needs.filter(issue_area__slug=filters["issue_area"])
    if filters["status"] in NeedStatus.values:
        needs = needs.filter(status=filters["status"])
    else:
        filters["status"] = ""
        needs = needs.exclude(status__in=HIDDEN_BY_DEFAULT)
    if filters["q"]:
        needs = needs.filter(Q(title__icontains=filters["q"]) |
                             Q(description__icontains=filters["q"]))
    return needs, filters, area


def need_list(request: HttpRequest) -> HttpResponse:
    needs, filters, area = filtered_needs(request)
    page = Paginator(needs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = list(Need.objects.filter(pk__in=[n.pk for n in page.object_list])
                .select_related("area", "issue_area").prefetch_related("target_groups")
                .annotate(supporter_count=Count("supporters", distinct=True))
                .order_by("-created_at", "-pk"))
    page.object_list = rows
    return render(request, "needs/list.html", {
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "area": area,
        "statuses": NeedStatus.choices,
        "target_groups": TargetGroup.objects.all(),
        "issue_areas": IssueArea.objects.all(),
        "can_raise": request.user.has_perm("needs.add_need"),
    })


def citizen_sources(need: Need) -> int:
    """How many registered citizens raised this need or a need merged into it, on their own."""
    raisers = set()
    for candidate in [need, *need.merged_needs.prefetch_related("organisations")]:
        if candidate.raised_by_id and not candidate.organisations.all():
            raisers.add(candidate.raised_by_id)
    return len(raisers)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = visible_need_or_404(request, pk)
    user = request.user
    can_screen = user.has_perm("needs.screen_need", need)
    visible = Need.objects.visible_to(user)
    from proposals.models import Proposal

    context: dict[str, Any] = {
        "need": need,
        "breadcrumbs": [*need.area.ancestors(), need.area],
        "organisations": need.organisations.order_by("name_th"),
        "forums": need.forums.order_by("starts_at"),
        "citizens": citizen_sources(need),
        "raised_by_me": user.is_authenticated and need.raised_by_id == user.pk,
        "target_groups": need.target_groups.all(),
        "evidence": need.evidence.all(),
        "supporter_count": need.supporters.count(),
        "supported": user.is_authenticated and need.supporters.filter(pk=user.pk).exists(),
        "can_support": user.has_perm("needs.support_need", need),
        "can_screen": can_screen,
        "can_work_on": can_screen and need.status in services.OPEN_STATUSES,
        "screen_form": ScreenForm() if can_screen else None,
        "merged_into_visible": bool(need.merged_into_id) and visible.filter(
            pk=need.merged_into_id).exists(),
        "merged_needs": visible.filter(merged_into=need).order_by("created_at"),
        "split_from_visible": bool(need.split_from_id) and visible.filter(
            pk=need.split_from_id).exists(),
        "split_needs": visible.filter(split_from=need).order_by("pk"),
        "proposals": Proposal.objects.visible_to(user).filter(needs=need).order_by("pk"),
    }
    return render(request, "needs/detail.html", context)


def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    """An evidence document, only for people who may see its need (never a public media URL)."""
    need = visible_need_or_404(request, pk)
    row = get_object_or_404(NeedEvidence, pk=evidence_id, need=need,
                            kind=NeedEvidence.Kind.DOCUMENT)
    if not row.file:
        raise Http404(_("This evidence has no file."))
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing.")) from error
    response = FileResponse(handle, content_type=row.content_type or "application/octet-stream",
                            filename=row.file.name.rsplit("/", 1)[-1])
    # The file's bytes were checked on upload; never let the browser guess another type.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if need.is_sensitive:
        response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    need = visible_need_or_404(request, pk)
    if not request.user.has_perm("needs.support_need", need):
        return refuse(request)
    if services.toggle_support(need, request.user):
        messages.success(request, _("You support this need."))
    else:
        messages.success(request, _("You no longer support this need."))
    return redirect(need)


# --- raising a need --------------------------------------------------------------------------

def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("needs.add_need"):
        return refuse(request)
    if request.method == "POST":
        form = NeedForm(request.POST, user=request.user)
        evidence = EvidenceFormSet(request.POST, request.FILES, prefix="evidence")
        form_ok, evidence_ok = form.is_valid(), evidence.is_valid()
        if form_ok and evidence_ok:
            rows = [row for f in evidence.forms if (row := f.row())]
            need = services.raise_need(request.user, form.cleaned_data, rows)
            messages.success(request, _("Your need is saved. The province's working group has "
                                        "been told and will screen it."))
            return redirect(need)
        status = 400
    else:
        initial = {}
        if request.GET.get("forum", "").isdigit():
            initial["forum"] = int(request.GET["forum"])
        form = NeedForm(user=request.user, initial=initial)
        evidence = EvidenceFormSet(prefix="evidence")
        status = 200
    return render(request, "needs/form.html", {"form": form, "evidence": evidence},
                  status=status)


# --- the working group -----------------------------------------------------------------------

def province_or_404(code: str) -> Area:
    area = get_area_or_404(code)
    if area.level != Level.PROVINCE:
        raise Http404(_("“%(code)s” is not a province. The working group's queue is kept per "
                        "province: use a 2-digit province code, e.g. 51 for Lamphun.")
                      % {"code": area.code})
    return area


def queue(request: HttpRequest, province_code: str) -> HttpResponse:
    province = province_or_404(province_code)
    if not request.user.has_perm("needs.view_queue", province):
        return refuse(request)
    base = (Need.objects.select_related("area", "issue_area")
            .annotate(supporter_count=Count("supporters", distinct=True)))
    waiting = base.in_queue_of(province).order_by("created_at", "pk")
    accepted = (base.filter(province=province, status=NeedStatus.ACCEPTED)
                .exclude(proposals__isnull=False).order_by("created_at", "pk"))
    return render(request, "needs/queue.html", {
        "province": province, "waiting": waiting, "accepted": accepted,
    })


def _working_group_needs(request: HttpRequest, ids: list[int]) -> list[Need] | None:
    """The chosen needs, or None if this person may not work on one of them."""
    needs = visible_needs(request.user, ids)
    if len(needs) != len(ids):
        raise Http404(_("One of the chosen needs does not exist."))
    if not needs:
        return needs if request.user.has_perm("needs.view_queue", None) else None
    if not all(request.user.has_perm("needs.screen_need", n) for n in needs):
        return None
    return needs


def screen(request: HttpRequest, pk: int) -> HttpResponse:
    need = visible_need_or_404(request, pk)
    if not request.user.has_perm("needs.screen_need", need):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = ScreenForm(request.POST)
        if form.is_valid():
            try:
                services.screen(need, form.cleaned_data["decision"],
                                form.cleaned_data["reason"], request.user)
            except NeedError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision is saved and the person who raised "
                                            "the need has been told."))
                return redirect(need)
        status = 400
    else:
        form = ScreenForm(initial={"decision": need.status if need.status in
                                   services.SCREEN_DECISIONS else None})
    return render(request, "needs/screen.html", {"need": need, "form": form}, status=status)


def split(request: HttpRequest, pk: int) -> HttpResponse:
    need = visible_need_or_404(request, pk)
    if not request.user.has_perm("needs.screen_need", need):
        return refuse(request)
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        parts = SplitFormSet(request.POST, prefix="parts")
        if parts.is_valid():
            try:
                created = services.split(need, [f.cleaned_data for f in parts.forms
                                                if f.cleaned_data], request.user)
            except NeedError as refused:
                errors.append(str(refused))
            else:
                messages.success(request, _("The need is split into %(count)d needs.")
                                 % {"count": len(created)})
                return redirect(need)
        status = 400
    else:
        parts = SplitFormSet(prefix="parts")
    return render(request, "needs/split.html", {"need": need, "parts": parts, "errors": errors},
                  status=status)


def merge(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    ids = need_ids(source.getlist("need"))
    needs = _working_group_needs(request, ids)
    if needs is None:
        return refuse(request)
    errors: list[str] = []
    keep_id = source.get("keep", "")
    status = 200
    if request.method == "POST":
        keep = next((n for n in needs if str(n.pk) == keep_id), None)
        if len(needs) < 2:
            errors.append(_("Choose at least two needs in the queue to merge."))
        elif keep is None:
            errors.append(_("Choose the need to keep."))
        else:
            try:
                services.merge(keep, [n for n in needs if n.pk != keep.pk], request.user)
            except NeedError as refused:
                errors.append(str(refused))
            else:
                messages.success(request, _("The needs are merged. The kept need has every "
                                            "source, supporter, forum and piece of evidence."))
                return redirect(keep)
        status = 400
    return render(request, "needs/merge.html", {
        "needs": needs, "keep_id": keep_id, "errors": errors,
    }, status=status)


def synthesise(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    ids = need_ids(source.getlist("need"))
    needs = _working_group_needs(request, ids)
    if needs is None:
        return refuse(request)
    provinces = {n.province_id for n in needs}
    province = needs[0].province if len(provinces) == 1 else None
    errors: list[str] = []
    if not needs:
        errors.append(_("Choose one or more needs in the working group's queue first."))
    elif province is None:
        errors.append(_("A proposal is synthesised from needs of one province."))
    status = 200
    if request.method == "POST":
        form = SynthesiseForm(request.POST, province=province)
        if form.is_valid() and not errors:
            try:
                proposal = services.synthesise(needs, form.cleaned_data, request.user)
            except NeedError as refused:
                errors.append(str(refused))
            else:
                messages.success(request, _("The draft proposal is saved with the needs it "
                                            "came from."))
                return redirect(proposal)
        status = 400
    else:
        form = SynthesiseForm(province=province, initial={
            "target_groups": list(TargetGroup.objects.filter(needs__in=needs).distinct()),
            "areas": " ".join(sorted({n.area.code for n in needs})),
            "beneficiaries": sum(n.people_affected or 0 for n in needs) or None,
            "evidence": services.evidence_text(needs),
        })
    return render(request, "needs/synthesise.html", {
        "needs": needs, "form": form, "errors": errors, "province": province,
        "any_sensitive": any(n.is_sensitive for n in needs),
    }, status=status)
