"""Pages of indicators, composite indices and allocation scenarios.

Reading is public (``indicators.view_indicators``). Importing, defining an index and saving a
scenario are for officers (``indicators.write_somewhere`` to open the page,
``indicators.write_for_area`` for the area the data is for).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from areas.models import Area
from areas.services import get_area_or_404
from indicators import exports, services
from indicators.allocation import AllocationError
from indicators.forms import ImportForm, IndexConfigForm, ScenarioForm
from indicators.importer import ImportFailed, import_file
from indicators.models import (
    Dimension,
    IndexComponent,
    IndexConfig,
    Indicator,
    Scenario,
    ScenarioArea,
    may_write_for,
)
from portal.shortcuts import refuse

PAGE_SIZE = 100
CHART_MAX_BARS = 40
LABEL_PX = 190   # room for area names left of the bars
BAR_PX = 400
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_read(request: HttpRequest) -> bool:
    return request.user.has_perm("indicators.view_indicators")


def can_write(request: HttpRequest) -> bool:
    return request.user.has_perm("indicators.write_somewhere")


def bars(items: list[tuple[str, float | None, str]]) -> list[dict[str, Any]]:
    """Bar geometry for the inline SVG chart (the data table beside it has the numbers)."""
    present = [v for _label, v, _text in items if v is not None]
    top = max([abs(v) for v in present], default=0) or 1
    out = []
    for i, (label, v, text) in enumerate(items):
        width = round(max(v or 0, 0) / top * BAR_PX, 1) if v is not None else 0
        out.append({"label": label, "text": text, "y": i * 26, "text_y": i * 26 + 17,
                    "bar_y": i * 26 + 4, "width": width, "text_x": LABEL_PX + width + 6})
    return out


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- indicators ------------------------------------------------------------------------------

def indicator_list(request: HttpRequest) -> HttpResponse:
    if not can_read(request):
        return refuse(request)
    dimension = request.GET.get("dimension", "")
    indicators = Indicator.objects.annotate(n_values=Count("values"),
                                            latest=Max("values__year"))
    if dimension in Dimension.values:
        indicators = indicators.filter(dimension=dimension)
    else:
        dimension = ""
    return render(request, "indicators/list.html", {
        "indicators": indicators.order_by("dimension", "code"),
        "dimensions": Dimension.choices, "dimension": dimension,
        "can_write": can_write(request),
        "indices": IndexConfig.objects.select_related("scope")[:10],
        "scenarios": Scenario.objects.select_related("index")[:10],
    })


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not can_read(request):
        return refuse(request)
    indicator = get_object_or_404(Indicator, code=code)
    years = list(indicator.values.order_by("-year").values_list("year", flat=True).distinct())
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    within_code = request.GET.get("in", "").strip()
    values = indicator.values.filter(year=year).select_related("area")
    within = None
    if within_code:
        within = get_area_or_404(within_code)
        values = values.filter(within.subtree_q("area__"))
    values = values.order_by("area__code")
    page = Paginator(values, PAGE_SIZE).get_page(request.GET.get("page"))
    chart = None
    if 0 < page.paginator.count <= CHART_MAX_BARS:
        chart = bars([(v.area.name, v.value, f"{v.value:,.2f}") for v in values])
    return render(request, "indicators/detail.html", {
        "indicator": indicator, "years": years, "year": year, "within": within,
        "within_code": within_code, "page": page, "chart": chart,
        "chart_height": len(chart or []) * 26,
    })


def import_values(request: HttpRequest) -> HttpResponse:
    if not can_write(request):
        return refuse(request)
    errors: list[str] = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_file(upload.name, upload.read(), request.user)
        except ImportFailed as failed:
            errors = [str(e) for e in failed.errors]
        else:
            messages.success(request, _(
                "Imported: %(created)s new values, %(replaced)s replaced, %(indicators)s "
                "indicators defined.") % {"created": report.created,
                                           "replaced": report.replaced,
                                           "indicators": report.indicators})
            return redirect("indicators:list")
    return render(request, "indicators/import.html", {
        "form": form, "errors": errors,
        "may_import_evidence": request.user.has_perm("indicators.redefine_indicator"),
    }, status=400 if errors else 200)


def import_evidence(request: HttpRequest) -> HttpResponse:
    """Klang's own household evidence (published, suppressed statistics) as indicator values,
    so a composite index can put civil-society evidence beside the state's figures."""
    if not request.user.has_perm("indicators.redefine_indicator"):
        return refuse(request)
    if request.method != "POST":
        return redirect("indicators:import")
    year = request.POST.get("year", "")
    if not (year.isdigit() and 2500 <= int(year) <= 2700):
        messages.error(request, _("Give the year in the Buddhist Era, e.g. 2568."))
        return redirect("indicators:import")
    written = services.import_evidence_statistics(int(year), request.user)
    messages.success(request, _("%(count)s published household-evidence figures are now "
                                "indicator values of %(year)s.") % {"count": written,
                                                                    "year": year})
    return redirect("indicators:list")


# --- composite indices -----------------------------------------------------------------------

def index_list(request: HttpRequest) -> HttpResponse:
    if not can_read(request):
        return refuse(request)
    return render(request, "indicators/index_list.html", {
        "indices": IndexConfig.objects.select_related("scope").annotate(
            n_indicators=Count("components")),
        "can_write": can_write(request),
    })


def index_new(request: HttpRequest) -> HttpResponse:
    if not can_write(request):
        return refuse(request)
    form = IndexConfigForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not may_write_for(request.user, data["scope"]):
            return refuse(request)
        config = IndexConfig.objects.create(
            name=data["name"], scope=data["scope"], level=data["level"], year=data["year"],
            created_by=request.user)
        IndexComponent.objects.bulk_create([
            IndexComponent(config=config, indicator=i, dimension=i.dimension)
            for i in data["indicators"]])
        messages.success(request, _("The index was saved."))
        return redirect(config)
    return render(request, "indicators/index_form.html", {"form": form})


def index_or_404(request: HttpRequest, pk: int) -> IndexConfig:
    if not can_read(request):
        raise Http404
    return get_object_or_404(IndexConfig.objects.select_related("scope"), pk=pk)


def index_detail(request: HttpRequest, pk: int) -> HttpResponse:
    config = index_or_404(request, pk)
    table = services.compute_index(config)
    ranked = sorted((r for r in table.rows if r.rank is not None),
                    key=lambda r: (r.rank, r.area.code))
    chart = None
    if 0 < len(ranked) <= CHART_MAX_BARS:
        chart = bars([(r.area.name, r.composite, f"{r.composite:.3f}") for r in ranked])
    page = Paginator(table.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "indicators/index_detail.html", {
        "config": config, "table": table, "page": page, "chart": chart,
        "chart_height": len(chart or []) * 26,
        "components": config.components.select_related("indicator").order_by("dimension",
                                                                               "pk"),
        "method": services.METHOD, "missing_rule": services.MISSING_RULE,
        "can_write": can_write(request),
    })


def index_export(request: HttpRequest, pk: int) -> HttpResponse:
    config = index_or_404(request, pk)
    table = services.compute_index(config)
    name = slugify(f"index-{config.pk}-{config.year}") or f"index-{config.pk}"
    return xlsx_response(exports.index_workbook(table), f"{name}.xlsx")


# --- allocation scenarios --------------------------------------------------------------------

def scenario_list(request: HttpRequest) -> HttpResponse:
    if not can_read(request):
        return refuse(request)
    scenarios = Scenario.objects.select_related("index", "index__scope")
    return render(request, "indicators/scenario_list.html", {
        "scenarios": scenarios, "can_write": can_write(request),
    })


def scenario_new(request: HttpRequest) -> HttpResponse:
    if not can_write(request):
        return refuse(request)
    initial = {"index": request.GET.get("index")} if request.GET.get("index") else {}
    form = ScenarioForm(request.POST or None, initial=initial)
    preview: list[services.ScenarioLine] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        index = data["index"]
        if not may_write_for(request.user, index.scope):
            return refuse(request)
        args = {"index": index, "year": data["year"], "envelope": data["envelope"],
                "rule": data["rule"], "floor": data["floor"] or 0, "cap": data["cap"]}
        try:
            if request.POST.get("action") == "preview":
                preview = preview_lines(**args)
            else:
                scenario = services.save_scenario(name=data["name"], notes=data["notes"],
                                                  user=request.user, **args)
                messages.success(request, _("The scenario was saved."))
                return redirect(scenario)
        except AllocationError as error:
            form.add_error(None, services.ERROR_MESSAGES.get(error.code, _("Not possible.")))
    return render(request, "indicators/scenario_form.html", {
        "form": form, "preview": preview, "method": services.ALLOCATION_METHOD,
    }, status=400 if form.errors else 200)


def preview_lines(*, index: IndexConfig, year: int, envelope: int, rule: str, floor: int,
                  cap: int | None) -> list[services.ScenarioLine]:
    """The scenario as it would be saved, without saving it."""
    table, rows = services.allocate(index, year, envelope, rule, floor, cap)
    scenario = Scenario(index=index, year=year, envelope=envelope, rule=rule, floor=floor,
                        cap=cap)
    areas = Area.objects.in_bulk([row.area.pk for row, _share, _pop in rows])
    lines = []
    for row, share, pop in rows:
        area_row = ScenarioArea(scenario=scenario, area=areas[row.area.pk], population=pop,
                                composite=row.composite, rank=row.rank, ranked=table.ranked,
                                weight=share.weight, proportional=share.proportional,
                                amount=share.amount, share=share.share, bound=share.bound,
                                missing=",".join(share.missing))
        lines.append(services.ScenarioLine(area_row, services.reason(scenario, area_row),
                                           None, None))
    return lines


def scenario_or_404(request: HttpRequest, pk: Any) -> Scenario:
    if not can_read(request):
        raise Http404
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Scenario.objects.select_related("index", "index__scope"), pk=pk)


def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = scenario_or_404(request, pk)
    lines, previous = services.scenario_lines(scenario)
    chart = bars([(line.row.area.name, float(line.row.amount),
                   services.baht(line.row.amount)) for line in lines]) \
        if len(lines) <= CHART_MAX_BARS else None
    return render(request, "indicators/scenario_detail.html", {
        "scenario": scenario, "lines": lines, "previous": previous, "chart": chart,
        "chart_height": len(chart or []) * 26, "method": services.ALLOCATION_METHOD,
        "others": Scenario.objects.exclude(pk=scenario.pk).filter(
            index__scope=scenario.index.scope)[:20],
        "total": sum(line.row.amount for line in lines),
    })


def scenario_compare(request: HttpRequest) -> HttpResponse:
    if not can_read(request):
        return refuse(request)
    first = scenario_or_404(request, request.GET.get("a"))
    second = scenario_or_404(request, request.GET.get("b"))
    amounts_a = {r.area_id: r for r in first.areas.select_related("area")}
    amounts_b = {r.area_id: r for r in second.areas.select_related("area")}
    rows = []
    for area_id in sorted(set(amounts_a) | set(amounts_b),
                          key=lambda i: (amounts_a.get(i) or amounts_b.get(i)).area.code):
        a, b = amounts_a.get(area_id), amounts_b.get(area_id)
        area = (a or b).area
        rows.append({"area": area, "a": a, "b": b,
                     "difference": (b.amount if b else 0) - (a.amount if a else 0)})
    return render(request, "indicators/scenario_compare.html", {
        "first": first, "second": second, "rows": rows,
    })


def scenario_export(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = scenario_or_404(request, pk)
    lines, previous = services.scenario_lines(scenario)
    return xlsx_response(exports.scenario_workbook(scenario, lines, previous),
                         f"scenario-{scenario.pk}-{scenario.year}.xlsx")


