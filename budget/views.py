"""Pages of the provincial budget: the province's year at a glance, its lines, one line, and the
officers' import, classification and linking.

Reads are public (public money). Every write asks ``request.user.has_perm`` with the province or
the line; a refused officer of another province gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from areas.models import Area, Level
from budget import exports, services
from budget.forms import ImportForm, LineForm
from budget.importer import import_budget_file
from budget.models import BudgetClass, BudgetLine
from orgs.models import TargetGroup
from planning.models import FundingSource
from portal.shortcuts import refuse, select_options

PAGE_SIZE = 50
CLASSIFY_PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def province_or_404(code: str) -> Area:
    area = Area.objects.filter(code=code, level=Level.PROVINCE).first()
    if area is None:
        raise Http404(_("No such province."))
    return area


def xlsx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- reading ---------------------------------------------------------------------------------

def index(request: HttpRequest) -> HttpResponse:
    """Choose a province and a year."""
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    code = request.GET.get("province", "").strip()
    year = request.GET.get("year", "").strip()
    if code:
        province = province_or_404(code)
        if year.isdigit():
            return redirect("budget:province", province.code, int(year))
        return redirect("budget:province_latest", province.code)
    provinces = list(Area.objects.filter(level=Level.PROVINCE).order_by("name_th")
                     .values_list("code", "name_th" if request.LANGUAGE_CODE == "th"
                                  else "name_en"))
    years = list(BudgetLine.objects.values_list("fiscal_year", flat=True).distinct()
                 .order_by("-fiscal_year"))
    return render(request, "budget/index.html", {
        "province_options": select_options(provinces, "51"),
        "years": years,
        "can_import": request.user.has_perm("budget.import_lines"),
    })


def province_latest(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    province = province_or_404(code)
    years = services.years_of(province)
    if not years:
        return render(request, "budget/province_empty.html", {
            "province": province,
            "can_import": request.user.has_perm("budget.import_lines", province)})
    return redirect("budget:province", province.code, years[0])


def province_year(request: HttpRequest, code: str, year: int) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    province = province_or_404(code)

    def figures(summary: services.Summary, trend: list[services.YearTrend]) -> str:
        # The figures depend on the data and the language only: cached with them.
        return render_to_string("budget/_province_summary.html", {
            "province": province, "year": year, "summary": summary, "trend": trend})

    summary, trend, body = services.cached_page(province, year, figures)
    return render(request, "budget/province.html", {
        "province": province, "year": year, "summary": summary, "trend": trend, "body": body,
        "years": [t.fiscal_year for t in reversed(trend)],
        "can_classify": request.user.has_perm("budget.classify_lines", province),
        "can_import": request.user.has_perm("budget.import_lines", province),
    })


def filtered_lines(request: HttpRequest, province: Area, year: int
                   ) -> tuple[QuerySet[BudgetLine], dict[str, str]]:
    params = request.GET
    filters = {name: params.get(name, "").strip()
               for name in ("q", "class", "source", "group", "district", "unconfirmed")}
    lines = services.province_lines(province, year)
    if filters["class"] == "none":
        lines = lines.filter(budget_class__isnull=True)
    elif filters["class"]:
        lines = lines.filter(budget_class__slug=filters["class"])
    if filters["source"] in FundingSource.values:
        lines = lines.filter(source=filters["source"])
    else:
        filters["source"] = ""
    if filters["group"]:
        lines = lines.filter(pk__in=BudgetLine.target_groups.through.objects.filter(
            targetgroup__slug=filters["group"]).values("budgetline_id"))
    if filters["district"]:
        lines = lines.filter(district__code=filters["district"])
    if filters["unconfirmed"]:
        lines = lines.filter(class_confirmed=False)
    if filters["q"]:
        lines = lines.filter(Q(project__icontains=filters["q"]) |
                             Q(agency__icontains=filters["q"]) | Q(plan__icontains=filters["q"]))
    return lines, filters


def line_list(request: HttpRequest, code: str, year: int) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    province = province_or_404(code)
    lines, filters = filtered_lines(request, province, year)
    page = Paginator(lines.select_related("budget_class", "area").order_by("-amount", "pk"),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budget/lines.html", {
        "province": province, "year": year, "page": page, "filters": filters,
        "filtered": any(filters.values()),
        "classes": BudgetClass.objects.all(), "groups": TargetGroup.objects.all(),
        "sources": FundingSource.choices,
        "districts": Area.objects.filter(parent=province).order_by("code"),
        "query": request.GET.urlencode(),
    })


def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    line = get_object_or_404(BudgetLine.objects.select_related(
        "area", "province", "district", "budget_class", "suggested_class", "imported_from"),
        pk=pk)
    return render(request, "budget/line.html", {
        "line": line, "groups": line.target_groups.all(),
        "plan_items": line.plan_items.select_related("plan"),
        "proposals": line.proposals.all(),
        "can_edit": request.user.has_perm("budget.classify_lines", line),
    })


# --- exports ---------------------------------------------------------------------------------

def export_lines(request: HttpRequest, code: str, year: int) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    province = province_or_404(code)
    lines, _filters = filtered_lines(request, province, year)
    return xlsx_response(exports.lines_workbook(lines.order_by("-amount", "pk")),
                         f"budget-lines-{province.code}-{year}.xlsx")


def export_summary(request: HttpRequest, code: str, year: int) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    province = province_or_404(code)
    return xlsx_response(exports.summary_workbook(services.cached_summary(province, year)),
                         f"budget-summary-{province.code}-{year}.xlsx")


def import_template(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("budget.view_budget"):
        return refuse(request)
    return xlsx_response(exports.template_workbook(), "budget-lines-template.xlsx")


# --- the officers' work ----------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def import_lines(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("budget.import_lines"):
        return refuse(request)
    services.ensure_classes()
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_budget_file(request.user, upload.name, upload.read())
        if report.ok:
            messages.success(request, _(
                "%(created)s budget lines imported, %(skipped)s rows skipped.") % {
                    "created": report.created, "skipped": len(report.skipped)})
    refused = bool(form.errors) or (report is not None and not report.ok)
    return render(request, "budget/import.html", {"form": form, "report": report},
                  status=400 if refused else 200)


@require_http_methods(["GET", "POST"])
def classify(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Confirm or change the suggested class of the lines not yet confirmed, a page at a time."""
    province = province_or_404(code)
    if not request.user.has_perm("budget.classify_lines", province):
        return refuse(request)
    classes = {str(c.pk): c for c in BudgetClass.objects.all()}
    pending = (services.province_lines(province, year).filter(class_confirmed=False)
               .select_related("budget_class", "area").order_by("-amount", "pk"))
    errors: list[str] = []
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("line") if v.isdigit()]
        mine = set(pending.filter(pk__in=ids).values_list("pk", flat=True))
        choices: dict[int, BudgetClass] = {}
        for pk in ids:
            chosen = classes.get(request.POST.get(f"class-{pk}", ""))
            if pk not in mine:
                continue
            if chosen is None:
                errors.append(_("Choose a class for every line you confirm."))
                break
            choices[pk] = chosen
        if not errors:
            done = services.confirm_classes(request.user, choices)
            messages.success(request, _("%(count)s lines confirmed.") % {"count": done})
            return redirect("budget:classify", province.code, year)
    page = Paginator(pending, CLASSIFY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budget/classify.html", {
        "province": province, "year": year, "page": page, "classes": classes.values(),
        "errors": errors,
    }, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
def edit_line(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(BudgetLine.objects.select_related("area", "budget_class"), pk=pk)
    if not request.user.has_perm("budget.link_lines", line):
        return refuse(request)
    form = LineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        changed: Any = form.save(commit=False)
        if "budget_class" in form.changed_data or not changed.class_confirmed:
            services.confirm_classes(request.user, {line.pk: form.cleaned_data["budget_class"]})
        form.save_m2m()
        messages.success(request, _("The budget line is saved."))
        return redirect(line.get_absolute_url())
    return render(request, "budget/line_form.html", {"line": line, "form": form},
                  status=400 if form.errors else 200)
