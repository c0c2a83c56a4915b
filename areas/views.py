"""Public pages of the planning areas: where an area sits, what is below it, who works there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from areas.forms import VillageForm
from areas.models import Area, AreaAlias, Level
from areas.services import get_area_or_404, unknown_area_message
from orgs.models import Organisation


def detail(request: HttpRequest, code: str) -> HttpResponse:
    area = Area.objects.select_related("parent").filter(code=code).first()
    if area is None:
        alias = AreaAlias.objects.filter(code=code).prefetch_related("successors").first()
        if alias is None:
            raise Http404(unknown_area_message(code))
        successors = list(alias.successors.all())
        if len(successors) == 1:
            messages.info(request, _("The code %(old)s (%(name)s) was abolished; it is now "
                                     "%(new)s.") % {"old": alias.code, "name": alias.name_th,
                                                    "new": successors[0].name})
            return redirect("areas:detail", successors[0].code, permanent=False)
        return render(request, "areas/abolished.html", {"alias": alias,
                                                         "successors": successors}, status=404)

    children = area.children.order_by("code")
    organisations = Organisation.objects.in_area(area)
    context = {
        "area": area,
        "ancestors": area.ancestors(),
        "children": children,
        "child_level": children.first().get_level_display() if children.exists() else "",
        "organisation_count": organisations.count(),
        "recent_organisations": organisations.select_related("home_area").order_by("-created_at")[:5],
        "is_province": area.level == Level.PROVINCE,
        "can_add_village": area.level == Level.SUBDISTRICT
        and request.user.has_perm("areas.add_village", area),
    }
    return render(request, "areas/detail.html", context)


@login_required
def add_village(request: HttpRequest, code: str) -> HttpResponse:
    subdistrict = get_area_or_404(code)
    if subdistrict.level != Level.SUBDISTRICT:
        raise Http404(_("Villages are added under a sub-district."))
    if not request.user.has_perm("areas.add_village", subdistrict):
        raise PermissionDenied(_("Only people who work in this area may add a village."))
    form = VillageForm(request.POST or None, subdistrict=subdistrict)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                village = Area(
                    code=form.code_for(form.cleaned_data["village_no"]),
                    level=Level.VILLAGE,
                    name_th=form.cleaned_data["name_th"],
                    name_en=form.cleaned_data["name_en"],
                    parent=subdistrict,
                    created_by=request.user,
                )
                village.save()
            messages.success(request, _("The village was added."))
            return redirect("areas:detail", village.code)
        return render(request, "areas/add_village.html",
                      {"form": form, "area": subdistrict}, status=400)
    return render(request, "areas/add_village.html", {"form": form, "area": subdistrict})
