"""Composition pages: who sits on a body, which groups have no seat, seats, terms, nominations.

Reading is public (committee membership is public record; candidates' statements are for the
coordinators who may endorse them and the officers who select). Managing seats and terms and
selecting a candidate need ``committee.decide`` on the body; nominating needs
``committee.nominate`` and ``committee.nominate_for`` on the organisation; endorsing needs
``committee.endorse`` on the nomination. Access is decided only by those rules.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.predicates import organisation_ids_for
from areas.models import Level
from areas.services import get_area_or_404
from committee import services
from committee.composition import (
    bodies_for_province,
    composition,
    compositions,
    past_terms,
    pending_nominations,
    vulnerable_groups,
)
from committee.forms import (
    EndorsementForm,
    EndTermForm,
    NominationForm,
    SeatForm,
    SeatLimitsForm,
    SelectionForm,
    TermForm,
)
from committee.models import Body, BodyKind, Nomination, NominationStatus, Seat, SeatTerm
from committee.services import CompositionError
from orgs.models import Organisation
from portal.shortcuts import refuse


def get_body(pk: int) -> Body:
    return get_object_or_404(Body.objects.select_related("area"), pk=pk)


def get_seat(pk: int) -> Seat:
    return get_object_or_404(Seat.objects.select_related("body", "body__area"), pk=pk)


def get_nomination(pk: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.select_related("seat", "seat__body", "seat__body__area",
                                          "organisation", "candidate_organisation"), pk=pk)


def coordinated(user: Any) -> Any:
    """The organisations ``user`` coordinates: the ones they may act for."""
    ids = organisation_ids_for(user, [Role.CSO_COORDINATOR])
    return Organisation.objects.filter(pk__in=ids).order_by("name_th", "pk")


def blame(form: forms.BaseForm, error: CompositionError) -> None:
    """Show a refusal on the field it is about, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def province_of(found: Body) -> Any:
    """The province whose representation page covers this body (none above a province)."""
    area = found.area
    return area if area.level == Level.PROVINCE else area.province


# --- public pages ----------------------------------------------------------------------------

def body_composition(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    return render(request, "committee/composition.html", {
        "body": found,
        "comp": composition(found),
        "past": past_terms(found),
        "province": province_of(found),
        "can_decide": request.user.has_perm("committee.decide", found),
    })


def representation(request: HttpRequest, code: str) -> HttpResponse:
    """For one province: which vulnerable groups have no civil-society seat on its bodies."""
    area = get_area_or_404(code)
    if area.level != Level.PROVINCE:
        raise Http404(_("“%(code)s” is %(name)s, a %(level)s. This page is per province: use a "
                        "2-digit province code, e.g. 51 for Lamphun.")
                      % {"code": code, "name": area.name, "level": area.get_level_display()})
    comps = compositions(bodies_for_province(area))
    main = next((c for c in comps if c.body.kind == BodyKind.PROVINCIAL
                 and c.body.area_id == area.pk), None)
    return render(request, "committee/representation.html", {
        "province": area,
        "main": main,
        "others": [c for c in comps if c is not main],
        "groups": vulnerable_groups(),
    })


def seat(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_seat(pk)
    user = request.user
    state = next(s for s in composition(found.body).seats if s.seat.pk == found.pk)
    nominations = list(pending_nominations(found))
    for nomination in nominations:
        nomination.can_endorse = (nomination.status == NominationStatus.PENDING
                                  and user.has_perm("committee.endorse", nomination))
    can_decide = user.has_perm("committee.decide", found)
    return render(request, "committee/seat.html", {
        "seat": found,
        "body": found.body,
        "state": state,
        "terms": found.terms.select_related("organisation").prefetch_related("target_groups"),
        "nominations": nominations,
        "can_see_candidates": user.has_perm("committee.view_nominations", found),
        "can_nominate": state.open_for_nomination and user.has_perm("committee.nominate", found),
        "can_decide": can_decide,
        "today": timezone.localdate(),
    })


# --- nominations -----------------------------------------------------------------------------

def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_seat(pk)
    user = request.user
    if not user.has_perm("committee.nominate", found):
        return refuse(request)
    organisations = coordinated(user)
    refusal = services.nomination_refusal(found)
    form, status = None, 200
    if refusal is not None:
        status = 400 if request.method == "POST" else 200
    elif request.method == "POST":
        form = NominationForm(request.POST, seat=found, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            org = data["organisation"]
            if not user.has_perm("committee.nominate_for", org):
                form.add_error("organisation", _("You may nominate only for an organisation "
                                                 "you coordinate."))
            else:
                try:
                    services.nominate(found, org, data["candidate_name"], data["statement"],
                                      user, candidate_organisation=data["candidate_organisation"],
                                      target_groups=data["target_groups"])
                except CompositionError as error:
                    blame(form, error)
                else:
                    messages.success(request, _("%(name)s is nominated for this seat. Other "
                                                "organisations can now endorse the nomination.")
                                     % {"name": data["candidate_name"]})
                    return redirect(found)
        status = 400
    else:
        form = NominationForm(seat=found, organisations=organisations)
    return render(request, "committee/nominate.html", {
        "seat": found, "body": found.body, "form": form, "refusal": refusal}, status=status)


def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_nomination(pk)
    user = request.user
    if not user.has_perm("committee.endorse", nomination):
        return refuse(request)
    organisations = coordinated(user).exclude(pk=nomination.organisation_id)
    status = 200
    if request.method == "POST":
        form = EndorsementForm(request.POST, organisations=organisations)
        if form.is_valid():
            org = form.cleaned_data["organisation"]
            try:
                services.endorse(nomination, org, user, form.cleaned_data["note"])
            except CompositionError as error:
                blame(form, error)
            else:
                messages.success(request, _("%(org)s endorses the nomination of %(name)s.")
                                 % {"org": org, "name": nomination.candidate_name})
                return redirect(nomination.seat)
        status = 400
    else:
        form = EndorsementForm(organisations=organisations)
    return render(request, "committee/endorse.html", {
        "nomination": nomination, "seat": nomination.seat, "body": nomination.seat.body,
        "endorsements": nomination.endorsements.select_related("organisation"),
        "form": form}, status=status)


def select(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_nomination(pk)
    user = request.user
    if not user.has_perm("committee.decide", nomination):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = SelectionForm(request.POST)
        if form.is_valid():
            try:
                services.select_nomination(nomination, form.cleaned_data["reason"], user,
                                           starts_on=form.cleaned_data["starts_on"])
            except CompositionError as error:
                blame(form, error)
            else:
                messages.success(request, _("%(name)s is selected: the seat is filled.")
                                 % {"name": nomination.candidate_name})
                return redirect("committee:composition", pk=nomination.seat.body_id)
        status = 400
    else:
        form = SelectionForm(initial={"starts_on": timezone.localdate()})
    return render(request, "committee/select.html", {
        "nomination": nomination, "seat": nomination.seat, "body": nomination.seat.body,
        "endorsements": nomination.endorsements.select_related("organisation"),
        "decided": nomination.status != NominationStatus.PENDING,
        "form": form}, status=status)


# --- officers: seats and terms ---------------------------------------------------------------

def seats(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = SeatForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_seat(
                    found, data["category"], data["title"], request.user, number=data["number"],
                    qualification=data["qualification"], target_groups=data["target_groups"],
                    issue_areas=data["issue_areas"])
            except CompositionError as error:
                blame(form, error)
            else:
                messages.success(request, _("Seat %(number)s is created.")
                                 % {"number": created.number})
                return redirect("committee:seats", pk=found.pk)
        status = 400
    else:
        form = SeatForm()
    return _seats_page(request, found, form=form, status=status)


def _seats_page(request: HttpRequest, found: Body, *, form: SeatForm | None = None,
                limits: SeatLimitsForm | None = None, status: int = 200) -> HttpResponse:
    return render(request, "committee/seats.html", {
        "body": found,
        "comp": composition(found),
        "form": form or SeatForm(),
        "limits": limits or SeatLimitsForm(initial={"cso_seats_min": found.cso_seats_min,
                                                      "cso_seats_max": found.cso_seats_max}),
    }, status=status)


@require_POST
def seat_limits(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_body(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    limits = SeatLimitsForm(request.POST)
    if limits.is_valid():
        try:
            services.set_seat_limits(found, limits.cleaned_data["cso_seats_min"],
                                     limits.cleaned_data["cso_seats_max"])
        except CompositionError as error:
            blame(limits, error)
        else:
            messages.success(request, _("The number of civil-society seats allowed is saved."))
            return redirect("committee:seats", pk=found.pk)
    return _seats_page(request, found, limits=limits, status=400)


def term_create(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_seat(pk)
    if not request.user.has_perm("committee.decide", found):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = TermForm(request.POST, body=found.body)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_term(
                    found, data["holder_name"], data["starts_on"], request.user,
                    ends_on=data["ends_on"], organisation=data["organisation"],
                    target_groups=data["target_groups"], issue_areas=data["issue_areas"])
            except CompositionError as error:
                blame(form, error)
            else:
                messages.success(request, _("The term of %(name)s is recorded.")
                                 % {"name": data["holder_name"]})
                return redirect(found)
        status = 400
    else:
        form = TermForm(body=found.body, initial={
            "target_groups": list(found.target_groups.all()),
            "issue_areas": list(found.issue_areas.all())})
    return render(request, "committee/term_form.html",
                  {"seat": found, "body": found.body, "form": form}, status=status)


def term_end(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(SeatTerm.objects.select_related("seat", "seat__body",
                                                             "seat__body__area"), pk=pk)
    if not request.user.has_perm("committee.decide", term):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = EndTermForm(request.POST)
        if form.is_valid():
            try:
                services.end_term(term, form.cleaned_data["ends_on"], request.user,
                                  form.cleaned_data["reason"])
            except CompositionError as error:
                blame(form, error)
            else:
                messages.success(request, _("The term of %(name)s has ended.")
                                 % {"name": term.holder_name})
                return redirect(term.seat)
        status = 400
    else:
        form = EndTermForm(initial={"ends_on": timezone.localdate()})
    return render(request, "committee/term_end.html",
                  {"term": term, "seat": term.seat, "body": term.seat.body, "form": form},
                  status=status)
