"""XLSX exports of budget lines and of a province's summary, and the import template.

Budget lines are public: no personal data, nothing to audit. Cells go through Klang's one rule
against formula injection (``evidence.exports``), so a project name cannot run in the reader's
spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from budget.models import BudgetLine
from budget.services import Summary
from evidence.exports import xlsx_bytes


def workbook_bytes(sheets: Iterable[tuple[str, list[str], Iterable[Iterable[Any]]]]) -> bytes:
    return xlsx_bytes({title: (header, rows) for title, header, rows in sheets})


def line_header() -> list[str]:
    return [_("fiscal year"), _("plan"), _("project"), _("agency"), _("amount"), _("source"),
            _("area code"), _("area"), _("province code"), _("district code"), _("class"),
            _("class confirmed"), _("target groups"), _("plan items"), _("proposals")]


def line_rows(lines: QuerySet[BudgetLine]) -> Iterable[list[Any]]:
    from collections import defaultdict

    lines = lines.select_related("area", "province", "district", "budget_class")
    groups: dict[int, list[str]] = defaultdict(list)
    items: dict[int, list[str]] = defaultdict(list)
    proposals: dict[int, list[str]] = defaultdict(list)
    ids = list(lines.values_list("pk", flat=True))
    for line_id, slug in BudgetLine.target_groups.through.objects.filter(
            budgetline_id__in=ids).values_list("budgetline_id", "targetgroup__slug"):
        groups[line_id].append(slug)
    for line_id, pk in BudgetLine.plan_items.through.objects.filter(
            budgetline_id__in=ids).values_list("budgetline_id", "planitem_id"):
        items[line_id].append(str(pk))
    for line_id, pk in BudgetLine.proposals.through.objects.filter(
            budgetline_id__in=ids).values_list("budgetline_id", "proposal_id"):
        proposals[line_id].append(str(pk))
    for line in lines.iterator(chunk_size=2000):
        yield [line.fiscal_year, line.plan, line.project, line.agency, float(line.amount),
               line.source, line.area.code, line.area.name_th,
               line.province.code if line.province else "",
               line.district.code if line.district else "",
               line.budget_class.slug if line.budget_class else "",
               line.class_confirmed, ", ".join(groups[line.pk]), ", ".join(items[line.pk]),
               ", ".join(proposals[line.pk])]


def lines_workbook(lines: QuerySet[BudgetLine]) -> bytes:
    return workbook_bytes([(_("Budget lines"), line_header(), line_rows(lines))])


def summary_workbook(summary: Summary) -> bytes:
    header = [_("key"), _("name"), _("amount"), _("lines"), _("share (%)")]

    def rows(table: list[Any]) -> list[list[Any]]:
        return [[r.key, r.label, float(r.amount), r.count, r.share] for r in table]

    overview = [
        [_("province"), summary.province.code],
        [_("fiscal year"), summary.fiscal_year],
        [_("total"), float(summary.total)],
        [_("lines"), summary.count],
        [_("infrastructure"), float(summary.infrastructure)],
        [_("infrastructure share (%)"), summary.infrastructure_share],
        [_("quality of life"), float(summary.quality_of_life)],
        [_("quality-of-life share (%)"), summary.quality_of_life_share],
        [_("quality of life to vulnerable groups"), float(summary.qol_vulnerable)],
        [_("share of quality of life to vulnerable groups (%)"), summary.qol_vulnerable_share],
        [_("lines whose class is not confirmed"), summary.unconfirmed_count],
    ]
    return workbook_bytes([
        (_("Overview"), [_("figure"), _("value")], overview),
        (_("By class"), header, rows(summary.by_class)),
        (_("By source"), header, rows(summary.by_source)),
        (_("By target group"), header, rows(summary.by_group)),
        (_("By district"), header, rows(summary.by_district)),
        (_("Quality of life by group"), header, rows(summary.qol_by_group)),
        (_("Vulnerable groups by district"), header, rows(summary.qol_vulnerable_by_district)),
    ])


def template_workbook() -> bytes:
    header = ["fiscal_year", "plan", "project", "agency", "amount", "source", "area_code",
              "target_groups", "class"]
    example = [2569, "แผนงานพัฒนาคุณภาพชีวิต", "โครงการส่งเสริมอาชีพผู้สูงอายุ อำเภอลี้",
               "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน", "1,250,000", "งบจังหวัด",
               "5104", "older-people", ""]
    return workbook_bytes([(_("Budget lines"), header, [example])])
