"""Progress updates on plan items, and their photos served through a permission check.

Progress is public, like the plan; reporting it needs ``planning.report_progress``. Photos are
never linked by their storage path: ``photo`` checks the plan item's view permission first.
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from monitoring.forms import FigureFormSet, ProgressForm, figures_from
from monitoring.models import ProgressUpdate
from monitoring.services import report_progress
from planning.views import get_item, refuse
from proposals.commands import ProposalError


def progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(pk)
    if not request.user.has_perm("planning.report_progress", item):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        figures = FigureFormSet(request.POST, prefix="figures")
        form_ok, figures_ok = form.is_valid(), figures.is_valid()
        if form_ok and figures_ok:
            data = form.cleaned_data
            try:
                report_progress(item, data["date"], data["progress"], data["text"],
                                request.user, figures=figures_from(figures),
                                photo=data["photo"])
            except ProposalError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The progress update is published."))
                return redirect(item)
        status = 400
    else:
        form = ProgressForm(initial={"progress": item.progress})
        figures = FigureFormSet(prefix="figures")
    return render(request, "monitoring/progress_form.html",
                  {"form": form, "figures": figures, "item": item}, status=status)


def photo(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(ProgressUpdate.objects.select_related("plan_item__plan__area"),
                               pk=pk)
    if not request.user.has_perm("planning.view_planitem", update.plan_item):
        return refuse(request)
    if not update.photo:
        raise Http404(_("This progress update has no photo."))
    try:
        handle = update.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The photo file is missing.")) from error
    content_type = mimetypes.guess_type(update.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
