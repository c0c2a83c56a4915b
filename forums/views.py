"""Forum pages: the public list and record, the organisers' forms, files and the calendar feed.

Access is decided only by the permission rules in ``forums/models.py`` (``user.has_perm``).
Named participants are personal data: they are rendered only for ``forums.view_participants``.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Sum, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.models import Area, Level
from areas.services import get_area_or_404
from forums import services
from forums.forms import (
    ForumFileForm,
    ForumForm,
    GroupAttendanceForm,
    OrganisationAttendanceFormSet,
    ParticipantForm,
)
from forums.ics import forum_calendar
from forums.models import Forum, ForumFile, Participant
from needs.models import Need
from portal.shortcuts import refuse, select_options

PAGE_SIZE = 20
WHEN = {"upcoming", "past"}



def get_forum(pk: int) -> Forum:
    return get_object_or_404(Forum.objects.select_related("area"), pk=pk)



# --- list ------------------------------------------------------------------------------------

def forum_list(request: HttpRequest) -> HttpResponse:
    """Public list: upcoming forums first (soonest first), then past ones (latest first)."""
    area_code = request.GET.get("area", "").strip()
    when = request.GET.get("when", "").strip()
    when = when if when in WHEN else ""
    now = timezone.now()
    upcoming = Forum.objects.upcoming_q(now)

    forums = Forum.objects.all()
    area = None
    if area_code:
        area = get_area_or_404(area_code)
        forums = forums.within(area)
    if when == "upcoming":
        forums = forums.filter(upcoming)
    elif when == "past":
        forums = forums.exclude(upcoming)
    forums = (
        forums.select_related("area")
        .annotate(
            is_upcoming=Case(When(upcoming, then=Value(True)), default=Value(False),
                             output_field=BooleanField()),
            soon=Case(When(upcoming, then=F("starts_at")), default=None),
            people=Sum("attendance_by_organisation__count"),
        )
        .order_by("-is_upcoming", F("soon").asc(nulls_last=True), "-starts_at", "-pk")
    )
    page = Paginator(forums, PAGE_SIZE).get_page(request.GET.get("page"))

    provinces = [(p.code, p.name) for p in Area.objects.filter(level=Level.PROVINCE)
                 .order_by("name_th").only("code", "name_th", "name_en")]
    if area is not None and area.level != Level.PROVINCE:
        label = f"{area.name} ({area.province.name})" if area.province_id else area.name
        provinces.insert(0, (area.code, label))
    return render(request, "forums/list.html", {
        "page": page,
        "area": area,
        "filters": {"area": area_code, "when": when},
        "filtered": bool(area_code or when),
        "area_options": select_options(provinces, area_code),
        "when_options": select_options(
            [("upcoming", _("Upcoming")), ("past", _("Past"))], when),
        "can_add": request.user.has_perm("forums.add_forum"),
    })


# --- record ----------------------------------------------------------------------------------

def detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    user = request.user
    if not user.has_perm("forums.view_forum", forum):
        return refuse(request)
    can_view_participants = user.has_perm("forums.view_participants", forum)
    files = list(forum.files.all())
    area = forum.area
    return render(request, "forums/detail.html", {
        "forum": forum,
        "breadcrumbs": [*area.ancestors(), area],
        "organisers": forum.organisers.order_by("name_th"),
        "attendance": services.attendance_of(forum),
        "can_view_participants": can_view_participants,
        "participants": forum.participants.order_by("name") if can_view_participants else None,
        "photos": [f for f in files if f.kind == ForumFile.Kind.PHOTO],
        "documents": [f for f in files if f.kind == ForumFile.Kind.DOCUMENT],
        # Sensitive needs raised at the forum stay hidden from people who may not see them.
        "needs": Need.objects.visible_to(user).filter(forums=forum).select_related("area"),
        "can_edit": user.has_perm("forums.change_forum", forum),
        "is_upcoming": Forum.objects.upcoming(timezone.now()).filter(pk=forum.pk).exists(),
    })


# --- create and edit -------------------------------------------------------------------------

def _form_page(request: HttpRequest, forum: Forum | None) -> HttpResponse:
    instance = forum or Forum()
    if request.method == "POST":
        form = ForumForm(request.POST, instance=instance, user=request.user)
        by_org = OrganisationAttendanceFormSet(request.POST, prefix="orgs")
        by_group = GroupAttendanceForm(request.POST, prefix="groups")
        valid = [form.is_valid(), by_org.is_valid(), by_group.is_valid()]
        if all(valid):
            data = form.cleaned_data
            fields = {name: data[name] for name in services.FORUM_FIELDS}
            if forum is None:
                saved = services.create_forum(
                    **fields, organisers=data["organisers"],
                    attendance_by_organisation=by_org.attendance(),
                    attendance_by_group=by_group.attendance(), created_by=request.user,
                )
                messages.success(request, _("The forum is recorded."))
            else:
                saved = services.update_forum(forum, fields, data["organisers"],
                                              by_org.attendance(), by_group.attendance())
                messages.success(request, _("The changes are saved."))
            return redirect(saved)
        status = 400
    else:
        form = ForumForm(instance=instance, user=request.user)
        org_rows, group_counts = services.attendance_rows(forum) if forum else ([], {})
        by_org = OrganisationAttendanceFormSet(initial=org_rows, prefix="orgs")
        by_group = GroupAttendanceForm(initial=group_counts, prefix="groups")
        status = 200
    return render(request, "forums/form.html", {
        "form": form, "by_org": by_org, "by_group": by_group, "forum": forum,
        "has_errors": status == 400,
    }, status=status)


def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("forums.add_forum"):
        return refuse(request)
    return _form_page(request, None)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    if not request.user.has_perm("forums.change_forum", forum):
        return refuse(request)
    return _form_page(request, forum)


# --- named participants ----------------------------------------------------------------------

def participants(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    user = request.user
    perm = "forums.change_forum" if request.method == "POST" else "forums.view_participants"
    if not user.has_perm(perm, forum):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = ParticipantForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            person = services.add_participant(forum, data["name"], data["organisation_name"],
                                              user)
            messages.success(request, _("%(name)s is added to the named participants.")
                             % {"name": person.name})
            return redirect("forums:participants", pk=forum.pk)
        status = 400
    else:
        form = ParticipantForm()
    return render(request, "forums/participants.html", {
        "forum": forum, "form": form,
        "participants": forum.participants.select_related("consent_recorded_by").order_by("name"),
        "can_edit": user.has_perm("forums.change_forum", forum),
    }, status=status)


@require_POST
def participant_delete(request: HttpRequest, pk: int, participant_id: int) -> HttpResponse:
    forum = get_forum(pk)
    if not request.user.has_perm("forums.change_forum", forum):
        return refuse(request)
    person = get_object_or_404(Participant, pk=participant_id, forum=forum)
    person.delete()
    messages.success(request, _("%(name)s is no longer named in the forum's record.")
                     % {"name": person.name})
    return redirect("forums:participants", pk=forum.pk)


# --- photos and documents --------------------------------------------------------------------

def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    if not request.user.has_perm("forums.change_forum", forum):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = ForumFileForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            services.add_file(forum, data["kind"], data["title"], data["file"],
                              form.content_type, request.user)
            messages.success(request, _("“%(title)s” is added to the forum's record.")
                             % {"title": data["title"]})
            return redirect(forum)
        status = 400
    else:
        form = ForumFileForm()
    return render(request, "forums/file_form.html", {
        "forum": forum, "form": form, "max_size": settings.KLANG_UPLOAD_MAX_BYTES,
    }, status=status)


def file_download(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    """Files are served only through here, after the forum's own permission check."""
    forum = get_forum(pk)
    if not request.user.has_perm("forums.view_forum", forum):
        return refuse(request)
    forum_file = get_object_or_404(ForumFile, pk=file_id, forum=forum)
    try:
        handle = forum_file.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("This file is no longer stored.")) from error
    extension = PurePath(forum_file.file.name).suffix.lower()
    response = FileResponse(
        handle, content_type=forum_file.content_type,
        as_attachment=forum_file.kind == ForumFile.Kind.DOCUMENT,
        filename=f"forum-{forum.pk}-{forum_file.pk}{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def file_delete(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    forum = get_forum(pk)
    if not request.user.has_perm("forums.change_forum", forum):
        return refuse(request)
    forum_file = get_object_or_404(ForumFile, pk=file_id, forum=forum)
    services.delete_file(forum_file)
    messages.success(request, _("“%(title)s” is removed.") % {"title": forum_file.title})
    return redirect(forum)


# --- calendar --------------------------------------------------------------------------------

def calendar(request: HttpRequest, area_code: str) -> HttpResponse:
    area = get_area_or_404(area_code)
    content = forum_calendar(area, request.build_absolute_uri)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="klang-forums-{area.code}.ics"'
    return response
