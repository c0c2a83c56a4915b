"""The planning pulse of a province or district: now, next, how to take part; feeds; follow.

Reading the pulse and its feeds is public. Following needs a login; setting a province's own
dates needs ``planning.set_cycle_dates`` on the province.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.models import Area, Level
from areas.services import get_area_or_404
from forums.models import Forum
from planning import calendar
from planning.calendar_data import set_area_dates, template_steps
from planning.forms import CycleDatesForm, FollowForm
from planning.ics import milestone_calendar
from planning.models import AreaFollow, PlanType
from portal.shortcuts import refuse

# How far ahead the pulse page and the feeds look for partnership commitments.
COMMITMENT_DAYS = 90


def pulse_area(code: str) -> Area:
    area = get_area_or_404(code)
    if area.level not in calendar.PULSE_LEVELS:
        raise Http404(_("The planning pulse is shown per province (2-digit code) or district "
                        "(4-digit code)."))
    return area


def pulse(request: HttpRequest, code: str) -> HttpResponse:
    return _pulse_page(request, pulse_area(code))


def _pulse_page(request: HttpRequest, area: Area, *, follow_form: FollowForm | None = None,
                status: int = 200) -> HttpResponse:
    found = calendar.pulse(area)
    day = found.today
    user = request.user
    following = (AreaFollow.objects.filter(user=user, area=area).first()
                 if user.is_authenticated else None)
    forums = (Forum.objects.upcoming(timezone.now()).within(area).select_related("area")
              .order_by("starts_at", "pk")[:5])
    province = area.province or area
    can_set_dates = user.has_perm("planning.set_cycle_dates", province)
    year = calendar.fiscal_year_of(day)
    return render(request, "planning/pulse.html", {
        "area": area,
        "province": province,
        "breadcrumbs": [a for a in area.ancestors() if a.level != Level.NATION],
        "pulse": found,
        "fiscal_year": year,
        "forums": forums,
        "commitments": calendar.commitments_due(area, day, day + dt.timedelta(
            days=COMMITMENT_DAYS)),
        "districts": area.children.order_by("code") if area.level == Level.PROVINCE else [],
        "following": following,
        "can_follow": user.has_perm("planning.follow_pulse"),
        "follow_form": follow_form or FollowForm(initial={
            "days_before": following.days_before if following else 7}),
        "can_set_dates": can_set_dates,
        "date_types": [t for t in calendar.pulse_types(province) if t.level == Level.PROVINCE]
        if can_set_dates else [],
        "date_years": [year, year + 1, year + 2],
    }, status=status)


@require_POST
def follow(request: HttpRequest, code: str) -> HttpResponse:
    """Follow the area's pulse (reminders N days before each step), or stop following it."""
    area = pulse_area(code)
    if not request.user.has_perm("planning.follow_pulse"):
        return refuse(request)
    existing = AreaFollow.objects.filter(user=request.user, area=area).first()
    if existing is not None:
        existing.delete()
        messages.success(request, _("You no longer follow the planning pulse of %(area)s.")
                         % {"area": area.name})
        return redirect("planning:pulse", area.code)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _pulse_page(request, area, follow_form=form, status=400)
    days = form.cleaned_data["days_before"]
    AreaFollow.objects.create(user=request.user, area=area,
                              days_before=7 if days is None else days)
    messages.success(request, _("You follow the planning pulse of %(area)s: you will be "
                                "reminded before each step.") % {"area": area.name})
    return redirect("planning:pulse", area.code)


def feed(request: HttpRequest, code: str, plan_type: str | None = None) -> HttpResponse:
    """An ICS feed at a stable address: every plan type of the pulse, or one plan type."""
    area = pulse_area(code)
    if plan_type is None:
        types = calendar.pulse_types(area)
        name = _("Planning calendar: %(area)s") % {"area": area.name}
        filename = f"klang-plan-{area.code}.ics"
    else:
        found = get_object_or_404(PlanType, slug=plan_type)
        types = [found]
        name = _("%(plan)s: %(area)s") % {"plan": found.name, "area": area.name}
        filename = f"klang-plan-{area.code}-{found.slug}.ics"
    milestones = calendar.area_milestones(area, types)
    commitments = []
    if plan_type is None:
        day = calendar.today()
        commitments = calendar.commitments_due(area, day - dt.timedelta(days=30),
                                               day + dt.timedelta(days=365))
    content = milestone_calendar(area, name, milestones, commitments,
                                 request.build_absolute_uri,
                                 f"/plan/pulse/{area.code}/")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def cycle_dates(request: HttpRequest, code: str, plan_type: str, year: int) -> HttpResponse:
    """The provincial officer sets the province's own dates for a cycle (template otherwise)."""
    area = get_area_or_404(code)
    if area.level != Level.PROVINCE:
        raise Http404(_("A province sets its own dates: use its 2-digit code."))
    found = get_object_or_404(PlanType, slug=plan_type)
    if not request.user.has_perm("planning.set_cycle_dates", area):
        return refuse(request)
    steps = list(template_steps(found, year, area))
    if not steps:
        raise Http404(_("There is no calendar for this plan and year yet."))
    status = 200
    if request.method == "POST":
        form = CycleDatesForm(request.POST, steps=steps)
        if form.is_valid():
            try:
                set_area_dates(found, year, area, form.dates(), request.user)
            except calendar.CalendarError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The dates of %(plan)s %(year)s for %(area)s are "
                                            "saved.") % {"plan": found.name, "year": year,
                                                         "area": area.name})
                return redirect("planning:pulse", area.code)
        status = 400
    else:
        form = CycleDatesForm(steps=steps)
    return render(request, "planning/cycle_dates.html", {
        "area": area, "plan_type": found, "year": year, "form": form}, status=status)
