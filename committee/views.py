"""Committee pages: bodies and their members, meetings, agendas, decisions and briefs.

Reading is public (a committee's decisions are public record); running a committee needs
``committee.decide`` on its body, reading briefs ``committee.read_briefs``. Access is decided only
by those rules (``committee/models.py``).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.services import get_area_or_404
from committee import services
from committee.forms import AgendaForm, BodyForm, DecisionForm, MeetingForm, MemberForm
from committee.models import AgendaItem, Body, Meeting
from needs.models import Need
from portal.shortcuts import refuse
from proposals.commands import ProposalError
from proposals.models import Proposal


def get_body(pk: int) -> Body:
    return get_object_or_404(Body.objects.select_related("area"), pk=pk)


def get_meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body", "body__area"), pk=pk)


# --- public pages ----------------------------------------------------------------------------

def index(request: HttpRequest) -> HttpResponse:
    """Every body and its meetings, grouped by area; ``?area=51`` narrows to one area."""
    bodies = Body.objects.select_related("area").prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("-date")))
    area_code = request.GET.get("area", "").strip()
    area = None
    if area_code:
        area = get_area_or_404(area_code)
        bodies = bodies.filter(area.subtree_q("area__"))
    return render(request, "committee/index.html", {
        "bodies": bodies.order_by("area__code", "name_th", "pk"),
        "area": area,
        "can_create": request.user.has_perm("committee.add_body"),
    })


def body(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    return render(request, "committee/body.html", {
        "body": found,
        "members": found.members.all(),
        "meetings": found.meetings.order_by("-date"),
        "can_decide": request.user.has_perm("committee.decide", found),
    })


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, get_meeting(pk))


def _meeting_page(request: HttpRequest, found: Meeting, *, agenda_form: AgendaForm | None = None,
                  bound_decision: DecisionForm | None = None, error: str = "",
                  status: int = 200) -> HttpResponse:
    user = request.user
    can_decide = user.has_perm("committee.decide", found)
    items = list(found.agenda.select_related("proposal", "proposal__area", "decided_by")
                 .order_by("order", "pk"))
    for item in items:
        item.form = None
        if can_decide and not item.decision:
            posted = (bound_decision is not None
                      and bound_decision.data.get("proposal") == str(item.proposal_id))
            item.form = bound_decision if posted else DecisionForm(
                initial={"proposal": item.proposal_id}, auto_id=f"id_decide{item.pk}_%s")
    if can_decide and agenda_form is None:
        agenda_form = AgendaForm(queryset=services.proposals_for_agenda(found))
    return render(request, "committee/meeting.html", {
        "meeting": found,
        "body": found.body,
        "items": items,
        "can_decide": can_decide,
        "can_read_briefs": user.has_perm("committee.read_briefs", found),
        "agenda_form": agenda_form if can_decide else None,
        "error": error,
    }, status=status)


def brief(request: HttpRequest, pk: int) -> HttpResponse:
    """What committee members read before the meeting: each proposal and the evidence behind it.

    Needs are filtered through ``Need.objects.visible_to``: a sensitive need stays with the
    raising organisation and the working group even in a brief.
    """
    found = get_meeting(pk)
    if not request.user.has_perm("committee.read_briefs", found):
        return refuse(request)
    items = list(found.agenda.select_related("proposal", "proposal__area", "proposal__strategy")
                 .prefetch_related("proposal__target_groups").order_by("order", "pk"))
    visible = Need.objects.visible_to(request.user)
    for item in items:
        item.needs = list(visible.filter(proposals=item.proposal)
                          .select_related("area").prefetch_related("evidence")
                          .order_by("pk"))
    return render(request, "committee/brief.html", {
        "meeting": found, "body": found.body, "items": items})


# --- running a committee ---------------------------------------------------------------------

def body_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("committee.add_body"):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = BodyForm(request.POST)
        if form.is_valid():
            area = form.cleaned_data["area_code"]
            candidate = Body(area=area)
            if request.user.has_perm("committee.decide", candidate):
                data = form.cleaned_data
                created = services.create_body(
                    area, data["name_th"], data["kind"], name_en=data["name_en"],
                    short_name=data["short_name"])
                messages.success(request, _("The committee is created."))
                return redirect("committee:body", pk=created.pk)
            form.add_error("area_code", _("You can create committees only in the area where "
                                          "you are a provincial officer."))
        status = 400
    else:
        form = BodyForm()
    return render(request, "committee/body_form.html", {"form": form}, status=status)


def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = MemberForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.add_member(found, data["name"], position=data["position"],
                                organisation_name=data["organisation_name"])
            messages.success(request, _("%(name)s is added to the member list.")
                             % {"name": data["name"]})
            return redirect("committee:body", pk=found.pk)
        status = 400
    else:
        form = MemberForm()
    return render(request, "committee/member_form.html", {"form": form, "body": found},
                  status=status)


def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, body=found)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_meeting(found, data["number"], data["year"],
                                                  data["date"], place=data["place"],
                                                  minutes=data["minutes"])
            except ProposalError as error:
                form.add_error("number", str(error))
            else:
                messages.success(request, _("Meeting %(label)s is created. Now put proposals "
                                            "on its agenda.") % {"label": created.label})
                return redirect(created)
        status = 400
    else:
        form = MeetingForm(body=found)
    return render(request, "committee/meeting_form.html", {"form": form, "body": found},
                  status=status)


@require_POST
def add_to_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    form = AgendaForm(request.POST, queryset=services.proposals_for_agenda(found))
    if form.is_valid():
        proposal = form.cleaned_data["proposal"]
        try:
            services.add_to_agenda(found, proposal, request.user)
        except ProposalError as error:
            form.add_error("proposal", str(error))
        else:
            messages.success(request, _("“%(title)s” is on the agenda.")
                             % {"title": proposal.title})
            return redirect(found)
    return _meeting_page(request, found, agenda_form=form, status=400)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    proposal_id = request.POST.get("proposal", "")
    item = (AgendaItem.objects.filter(meeting=found, proposal_id=proposal_id).first()
            if proposal_id.isdigit() else None)
    form = DecisionForm(request.POST,
                        auto_id=f"id_decide{item.pk}_%s" if item else "id_decide_%s")
    error = ""
    if form.is_valid():
        proposal = Proposal.objects.filter(pk=form.cleaned_data["proposal"]).first()
        if proposal is None:
            error = _("There is no such proposal.")
        else:
            try:
                services.decide(found, proposal, form.cleaned_data["decision"],
                                form.cleaned_data["resolution"], request.user)
            except ProposalError as refusal:
                error = str(refusal)
            else:
                messages.success(request, _("The decision on “%(title)s” is recorded.")
                                 % {"title": proposal.title})
                return redirect(found)
    elif item is None or item.decision:
        # No form of this page can show the field errors: say what is wrong at the top.
        error = _("Choose a proposal on this meeting's agenda that is not decided yet, and a "
                  "decision.")
    return _meeting_page(request, found, bound_decision=form, error=error, status=400)
