"""The organisation registry: directory, profile, register/edit, verify, coverage per province.

Access is decided only by the permission rules in ``orgs/models.py`` (``user.has_perm``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import RoleGrant
from areas.models import Area, Level
from areas.services import get_area_or_404
from orgs.forms import ContactFormSet, OrganisationForm
from orgs.models import IssueArea, Organisation, OrgType, TargetGroup
from orgs.services import directory_rows, province_coverage, save_organisation, verify_organisation
from portal.shortcuts import refuse, select_options

PAGE_SIZE = 25



# --- directory -------------------------------------------------------------------------------

def directory(request: HttpRequest) -> HttpResponse:
    """Public list of organisations: search by name, filter by area, issue, group and type."""
    params = request.GET
    q = params.get("q", "").strip()
    area_code = params.get("area", "").strip()
    issue_slug = params.get("issue_area", "").strip()
    group_slug = params.get("target_group", "").strip()
    org_type = params.get("type", "").strip()

    orgs = Organisation.objects.all()
    area = None
    if area_code:
        area = get_area_or_404(area_code)
        orgs = orgs.in_area(area)
    if q:
        orgs = orgs.search(q)
    if issue_slug:
        orgs = orgs.filter(pk__in=Organisation.issue_areas.through.objects.filter(
            issuearea__slug=issue_slug).values("organisation_id"))
    if group_slug:
        orgs = orgs.filter(pk__in=Organisation.target_groups.through.objects.filter(
            targetgroup__slug=group_slug).values("organisation_id"))
    if org_type in OrgType.values:
        orgs = orgs.filter(org_type=org_type)
    else:
        org_type = ""

    page = Paginator(orgs.order_by("name_th", "pk").values_list("pk", flat=True),
                     PAGE_SIZE).get_page(params.get("page"))
    page.object_list = directory_rows(list(page.object_list))

    provinces = [(p.code, p.name) for p in Area.objects.filter(level=Level.PROVINCE)
                 .order_by("name_th").only("code", "name_th", "name_en")]
    if area is not None and area.level != Level.PROVINCE:
        # A district or sub-district code from a link stays selected, named with its province.
        label = f"{area.name} ({area.province.name})" if area.province_id else area.name
        provinces.insert(0, (area.code, label))
    return render(request, "orgs/directory.html", {
        "page": page,
        "filters": {"q": q, "area": area_code, "issue_area": issue_slug,
                    "target_group": group_slug, "type": org_type},
        "filtered": any((q, area_code, issue_slug, group_slug, org_type)),
        "area": area,
        # The filter menus hold ~110 options; built here, they cost a tenth of a template loop.
        "options": {
            "area": select_options(provinces, area_code),
            "issue_area": select_options(
                [(i.slug, i.name) for i in IssueArea.objects.all()], issue_slug),
            "target_group": select_options(
                [(g.slug, g.name) for g in TargetGroup.objects.all()], group_slug),
            "type": select_options(OrgType.choices, org_type),
        },
    })



# --- profile ---------------------------------------------------------------------------------

def detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.select_related("home_area", "verified_by"), pk=pk
    )
    user = request.user
    if not user.has_perm("orgs.view_organisation", org):
        return refuse(request)
    can_view_members = user.has_perm("orgs.view_members", org)
    contacts = org.contacts.all()
    members = None
    if can_view_members:
        members = (RoleGrant.objects.active().filter(organisation=org)
                   .select_related("user").order_by("role", "user__full_name"))
    else:
        contacts = contacts.filter(is_public=True)
    home = org.home_area
    return render(request, "orgs/detail.html", {
        "org": org,
        "breadcrumbs": [*home.ancestors(), home],
        "areas_covered": org.areas.order_by("code"),
        "issue_areas": org.issue_areas.all(),
        "target_groups": org.target_groups.all(),
        "networks": org.networks.order_by("name_th"),
        "network_members": org.network_members.select_related("home_area").order_by("name_th"),
        "contacts": contacts,
        "can_view_members": can_view_members,
        "members": members,
        "can_edit": user.has_perm("orgs.change_organisation", org),
        "can_verify": user.has_perm("orgs.verify_organisation", org),
    })


# --- register and edit -----------------------------------------------------------------------

def _form_page(request: HttpRequest, org: Organisation | None) -> HttpResponse:
    instance = org or Organisation()
    if request.method == "POST":
        form = OrganisationForm(request.POST, instance=instance)
        contacts = ContactFormSet(request.POST, instance=instance, prefix="contacts")
        form_ok = form.is_valid()
        contacts_ok = contacts.is_valid()
        if form_ok and contacts_ok:
            saved = save_organisation(form, contacts, request.user)
            if org is None:
                messages.success(request, _("Your organisation is registered. You are its "
                                            "coordinator and can keep this profile up to date."))
            else:
                messages.success(request, _("The changes are saved."))
            return redirect(saved)
        # A possible duplicate is a question to the person, not an error in what they typed.
        status = 409 if contacts_ok and form.needs_confirmation else 400
    else:
        form = OrganisationForm(instance=instance)
        contacts = ContactFormSet(instance=instance, prefix="contacts")
        status = 200
    return render(request, "orgs/form.html",
                  {"form": form, "contacts": contacts, "org": org}, status=status)


def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("orgs.add_organisation"):
        return refuse(request)
    return _form_page(request, None)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.select_related("home_area"), pk=pk)
    if not request.user.has_perm("orgs.change_organisation", org):
        return refuse(request)
    return _form_page(request, org)


@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.select_related("home_area"), pk=pk)
    if not request.user.has_perm("orgs.verify_organisation", org):
        return refuse(request)
    verify_organisation(org, request.user)
    messages.success(request, _("The organisation is marked as verified."))
    return redirect(org)


# --- coverage --------------------------------------------------------------------------------

def coverage(request: HttpRequest, code: str) -> HttpResponse:
    """Which vulnerable groups and which districts of a province no organisation works for."""
    area = get_area_or_404(code)
    if area.level != Level.PROVINCE:
        raise Http404(
            _("“%(code)s” (%(name)s) is not a province. The coverage view is made per "
              "province: use a 2-digit province code, e.g. 51 for Lamphun.")
            % {"code": area.code, "name": area.name},
        )
    if not request.user.has_perm("orgs.view_coverage", area):
        return refuse(request)
    context: dict[str, Any] = {"coverage": province_coverage(area), "province": area}
    return render(request, "orgs/coverage.html", context)
