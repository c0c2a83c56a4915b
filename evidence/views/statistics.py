"""Area statistics pages: the published (suppressed) table of an area, its export, the import
of state figures and the form that cites a figure on a need or a proposal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from areas.models import Area
from areas.services import get_area_or_404, resolve
from evidence import citations, state_figures, statistics
from evidence.exports import csv_text, xlsx_bytes
from evidence.models import StateFigure
from portal.shortcuts import refuse

SUMMARY_INDICATORS = ["households", "poor_any", "target_poor", "mpi_poor"]


def published_area_or_404(code: str) -> Area:
    area = get_area_or_404(code)
    if area.level not in statistics.PUBLISHED_LEVELS:
        raise Http404(_("Statistics are published for sub-districts and larger areas only."))
    return area


def state_figures_by_cell(area_ids: list[int]) -> dict[tuple[int, str, str], list[StateFigure]]:
    found: dict[tuple[int, str, str], list[StateFigure]] = defaultdict(list)
    for figure in StateFigure.objects.filter(area_id__in=area_ids).order_by("-year", "source"):
        found[(figure.area_id, figure.group, figure.indicator)].append(figure)
    return found


def area_statistics(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.has_perm("evidence.view_statistics"):
        return refuse(request)
    area = published_area_or_404(code)
    groups = statistics.group_labels()
    group = request.GET.get("group") or statistics.GROUPS[0]
    if group not in groups:
        group = statistics.GROUPS[0]
    labels = statistics.indicator_labels()
    cells = {(c["group"], c["indicator"]): c for c in statistics.cells_for_area(area.pk)}
    figures = state_figures_by_cell([area.pk])
    rows = []
    for indicator in statistics.INDICATORS:
        cell = cells.get((group, indicator))
        if cell is None:
            continue
        rows.append({"indicator": indicator, "label": labels[indicator], "cell": cell,
                     "percent": None if cell["rate"] is None else cell["rate"] * 100,
                     "state": figures.get((area.pk, group, indicator), [])})
    any_cell = next(iter(cells.values()), None)
    children: dict[int, dict[str, Any]] = {}
    for c in statistics.cells_for_children(area.pk):
        if c["group"] != group or c["indicator"] not in SUMMARY_INDICATORS:
            continue
        child = children.setdefault(c["area_id"], {
            "code": c["area__code"],
            "name": c["area__name_en"] if request.LANGUAGE_CODE == "en" and c["area__name_en"]
            else c["area__name_th"],
            "cells": [None] * len(SUMMARY_INDICATORS)})
        child["cells"][SUMMARY_INDICATORS.index(c["indicator"])] = c
    return render(request, "evidence/statistics/area.html", {
        "area": area, "breadcrumbs": area.ancestors(), "rows": rows,
        "group": group, "group_label": groups[group], "groups": groups.items(),
        "verified_share": (any_cell["verified_share"] * 100
                           if any_cell and any_cell["verified_share"] is not None else None),
        "definition_version": any_cell["definition_version"] if any_cell else "",
        "computed_at": any_cell["computed_at"] if any_cell else None,
        "children": sorted(children.values(), key=lambda c: c["code"]),
        "summary_labels": [(i, labels[i]) for i in SUMMARY_INDICATORS],
        "threshold": _threshold(),
        "can_import": request.user.has_perm("evidence.publish_state_figures"),
    })


def _threshold() -> int:
    from django.conf import settings

    return settings.EVIDENCE_SUPPRESSION_THRESHOLD


EXPORT_HEADER = ["area_code", "area_name", "level", "group", "indicator", "count",
                 "households", "rate", "suppressed", "verified_share", "definition_version",
                 "computed_at"]


def export_rows(area: Area) -> list[list[Any]]:
    """The published table of the area and of the areas just below it, as exported."""
    rows = []
    own = [dict(c, area__code=area.code, area__name_th=area.name_th)
           for c in statistics.cells_for_area(area.pk)]
    order = {name: i for i, name in enumerate(statistics.INDICATORS)}
    groups = {name: i for i, name in enumerate(statistics.GROUPS)}
    for c in sorted([*own, *statistics.cells_for_children(area.pk)],
                    key=lambda c: (c["area__code"] != area.code, c["area__code"],
                                   groups.get(c["group"], 99), order.get(c["indicator"], 99))):
        rows.append([c["area__code"], c["area__name_th"], c["level"], c["group"],
                     c["indicator"], c["count"], c["denominator"], c["rate"],
                     c["suppressed"] or "", c["verified_share"], c["definition_version"],
                     c["computed_at"].replace(tzinfo=None) if c["computed_at"] else None])
    return rows


def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if not request.user.has_perm("evidence.view_statistics"):
        return refuse(request)
    area = published_area_or_404(code)
    rows = export_rows(area)
    name = f"klang-statistics-{area.code}-{dt.date.today():%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse("\ufeff" + csv_text(EXPORT_HEADER, rows),
                                content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes({"statistics": (EXPORT_HEADER, rows)}),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def import_state_figures(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    if not request.user.has_perm("evidence.publish_state_figures"):
        return refuse(request)
    problems: list[state_figures.Problem] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [state_figures.Problem(None, "file", _("Choose a file to import."))]
        elif upload.size > settings.KLANG_UPLOAD_MAX_BYTES:
            problems = [state_figures.Problem(None, "file", _("The file is too large."))]
        else:
            try:
                count = state_figures.import_figures(upload.read(), request.user)
            except state_figures.StateFigureError as error:
                problems = error.problems
            else:
                messages.success(request, _("%(count)s state figures imported.") % {
                    "count": count})
                return redirect("evidence:state_figures_import")
    recent = StateFigure.objects.select_related("area").order_by("-imported_at")[:20]
    return render(request, "evidence/statistics/state_figures_import.html", {
        "problems": problems, "recent": recent, "indicators": statistics.INDICATORS,
        "groups": statistics.GROUPS}, status=400 if problems else 200)


def _cite(request: HttpRequest, obj: Any, *, kind: str) -> HttpResponse:
    if not request.user.has_perm("evidence.cite_statistic", obj):
        if not request.user.has_perm(f"{obj._meta.app_label}.view_{obj._meta.model_name}", obj):
            raise Http404
        return refuse(request)
    groups = statistics.group_labels()
    labels = statistics.indicator_labels()
    source = request.POST if request.method == "POST" else request.GET
    values = {"area": source.get("area", "").strip(), "group": source.get("group", "all"),
              "indicator": source.get("indicator", "households")}
    errors: dict[str, str] = {}
    if request.method == "POST":
        area = resolve(values["area"]) if values["area"] else None
        if area is None:
            errors["area"] = _("Enter the code of a sub-district or a larger area, e.g. 510401.")
        if values["group"] not in groups:
            errors["group"] = _("Choose a group.")
        if values["indicator"] not in labels:
            errors["indicator"] = _("Choose an indicator.")
        if not errors:
            try:
                citations.cite(request.user, area=area, group=values["group"],
                               indicator=values["indicator"], **{kind: obj})
            except citations.CitationError as error:
                errors["area"] = str(error)
            else:
                messages.success(request, _("The figure is cited."))
                return redirect(obj.get_absolute_url())
    return render(request, "evidence/statistics/cite.html", {
        "object": obj, "kind": kind, "values": values, "errors": errors,
        "groups": groups.items(), "indicators": labels.items(),
        "cited": citations.cited_by(**{kind: obj}),
    }, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
def cite_for_need(request: HttpRequest, pk: int) -> HttpResponse:
    from needs.models import Need

    return _cite(request, get_object_or_404(Need, pk=pk), kind="need")


@require_http_methods(["GET", "POST"])
def cite_for_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    from proposals.models import Proposal

    return _cite(request, get_object_or_404(Proposal, pk=pk), kind="proposal")


def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.view_statistics"):
        return refuse(request)
    return redirect("evidence:statistics_area", code="TH")


urlpatterns = [
    path("statistics/", index, name="statistics"),
    path("statistics/state-figures/import/", import_state_figures,
         name="state_figures_import"),
    path("statistics/cite/need/<int:pk>/", cite_for_need, name="cite_need"),
    path("statistics/cite/proposal/<int:pk>/", cite_for_proposal, name="cite_proposal"),
    path("statistics/<str:code>/", area_statistics, name="statistics_area"),
    path("statistics/<str:code>/export.<str:fmt>", export, name="statistics_export"),
]
