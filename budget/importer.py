"""Import budget lines from an XLSX or CSV file.

Every row is read and checked first. If any row has an error, nothing is written and the report
names each bad row and column. Otherwise the lines are written in one transaction. A line that
repeats an earlier row of the file, or a line already imported (same fiscal year, province or
cluster, project, agency and amount), is not written again: the report lists those rows, so a
second import of the same file adds nothing and says so.

Agencies are free text: Thai budget documents name agencies in many ways and there is no
official list to check against, so an agency never seen before in the province is accepted and
listed in the report's notes, for the officer to spot a typing mistake.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.predicates import is_administrator, is_national_analyst
from areas.models import Area, Level
from budget import versions
from budget.models import BudgetClass, BudgetImport, BudgetLine
from budget.parsing import (
    CellError,
    parse_amount,
    parse_code,
    parse_fiscal_year,
    parse_source,
    text_of,
)
from budget.suggest import classes_with_keywords, suggest_class, suggest_groups
from orgs.models import TargetGroup

MAX_ROWS = 50_000
PLACED_LEVELS = {Level.CLUSTER, Level.PROVINCE, Level.DISTRICT, Level.SUBDISTRICT}

# Column -> the headers it may have (folded: lower case, single spaces, no "(บาท)").
COLUMNS: dict[str, tuple[str, ...]] = {
    "fiscal_year": ("fiscal_year", "fiscal year", "year", "ปีงบประมาณ", "ปีงบ", "ปี"),
    "plan": ("plan", "แผน", "แผนงาน", "แผนงาน/ผลผลิต"),
    "project": ("project", "โครงการ", "ชื่อโครงการ", "โครงการ/กิจกรรม"),
    "agency": ("agency", "หน่วยงาน", "หน่วยงานรับผิดชอบ", "หน่วยงานดำเนินการ",
               "หน่วยงานเจ้าของโครงการ"),
    "amount": ("amount", "amount (baht)", "งบประมาณ", "จำนวนเงิน", "วงเงิน", "วงเงินงบประมาณ"),
    "source": ("source", "แหล่งงบประมาณ", "แหล่งเงิน", "แหล่งที่มาของงบประมาณ"),
    "area_code": ("area_code", "area code", "area", "รหัสพื้นที่", "พื้นที่ (รหัส)"),
    "target_groups": ("target_groups", "target groups", "กลุ่มเป้าหมาย"),
    "class": ("class", "budget class", "budget_class", "หมวด", "ประเภทโครงการ"),
}
REQUIRED = ("fiscal_year", "project", "agency", "amount", "source", "area_code")


def column_labels() -> dict[str, str]:
    return {
        "fiscal_year": _("fiscal year"), "plan": _("plan"), "project": _("project"),
        "agency": _("agency"), "amount": _("amount"), "source": _("source"),
        "area_code": _("area code"), "target_groups": _("target groups"), "class": _("class"),
    }


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, header)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass
class ParsedLine:
    row: int
    fiscal_year: int
    plan: str
    project: str
    agency: str
    amount: Decimal
    source: str
    area: Area
    key: str
    budget_class: BudgetClass | None
    class_given: bool
    group_ids: list[int]


@dataclass
class ImportReport:
    file_name: str
    rows_read: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    created: int = 0
    notes: list[str] = field(default_factory=list)
    batch: BudgetImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading the file ------------------------------------------------------------------------

def fold_header(value: Any) -> str:
    text = text_of(value).casefold().replace("_", " ")
    text = re.sub(r"\((บาท|baht)\)", "", text)
    return " ".join(text.split())


def read_table(name: str, data: bytes) -> Iterator[list[Any]]:
    """The rows of the first sheet (XLSX) or of the CSV, header first."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises several kinds for a damaged file
            raise ImportFileError(_("This file could not be read as an Excel (.xlsx) "
                                    "workbook.")) from error
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
        book.close()
        return
    if not name.lower().endswith(".csv"):
        raise ImportFileError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is neither UTF-8 nor Thai Windows (TIS-620) "
                                "text."))
    yield from csv.reader(io.StringIO(text))


def map_header(header: list[Any]) -> dict[str, int]:
    lookup = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = lookup.get(fold_header(cell))
        if column and column not in found:
            found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        labels = column_labels()
        raise ImportFileError(_("The first row must name the columns. Missing: %(columns)s.")
                              % {"columns": ", ".join(labels[c] for c in missing)})
    return found


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- checking rows ---------------------------------------------------------------------------

def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def line_key(fiscal_year: int, area: Area, project: str, agency: str, amount: Decimal) -> str:
    """What makes two lines the same line: the year, the province (or the cluster of a cluster
    line), the project, the agency and the amount."""
    scope = area.province_id or area.cluster_id or area.pk
    text = f"{fiscal_year}|{scope}|{normalise(project)}|{normalise(agency)}|{amount:.2f}"
    return hashlib.sha256(text.encode()).hexdigest()


def group_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, slug, name_th, name_en in TargetGroup.objects.values_list("pk", "slug", "name_th",
                                                                      "name_en"):
        for word in (slug, name_th, name_en):
            lookup[normalise(word)] = pk
    return lookup


def class_lookup(classes: list[BudgetClass]) -> dict[str, BudgetClass]:
    lookup: dict[str, BudgetClass] = {}
    for budget_class in classes:
        for word in (budget_class.slug, budget_class.name_th, budget_class.name_en):
            lookup[normalise(word)] = budget_class
    return lookup


def check_rows(user: Any, rows: list[tuple[int, list[Any]]], columns: dict[str, int],
               report: ImportReport) -> list[ParsedLine]:
    from budget.models import officer_may_manage

    labels = column_labels()

    def where(column: str) -> str:
        return f"{labels[column]} ({column_letter(columns[column])})"

    def cell(values: list[Any], column: str) -> Any:
        index = columns.get(column)
        return values[index] if index is not None and index < len(values) else None

    codes = {parse_code(cell(values, "area_code")) for _, values in rows}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes - {""})}
    rules = classes_with_keywords()
    classes = class_lookup([c for c, _ in rules])
    groups = group_lookup()
    may_manage_everywhere = bool(is_national_analyst(user) or is_administrator(user))
    allowed: dict[int, bool] = {}

    parsed: list[ParsedLine] = []
    for row, values in rows:
        errors: list[RowError] = []

        def attempt(column: str, parse: Any, errors: list[RowError] = errors,
                    values: list[Any] = values, row: int = row) -> Any:
            try:
                return parse(cell(values, column))
            except CellError as error:
                errors.append(RowError(row, where(column), str(error)))
                return None

        year = attempt("fiscal_year", parse_fiscal_year)
        amount = attempt("amount", parse_amount)
        source = attempt("source", parse_source)
        project = text_of(cell(values, "project"))
        agency = text_of(cell(values, "agency"))
        plan = text_of(cell(values, "plan"))
        if not project:
            errors.append(RowError(row, where("project"), _("The project is missing.")))
        elif len(project) > 500:
            errors.append(RowError(row, where("project"), _("At most 500 characters.")))
        if not agency:
            errors.append(RowError(row, where("agency"), _("The agency is missing.")))
        elif len(agency) > 255:
            errors.append(RowError(row, where("agency"), _("At most 255 characters.")))
        if len(plan) > 255:
            errors.append(RowError(row, where("plan"), _("At most 255 characters.")))
        code = parse_code(cell(values, "area_code"))
        area = areas.get(code)
        if not code:
            errors.append(RowError(row, where("area_code"), _("The area code is missing.")))
        elif area is None:
            errors.append(RowError(row, where("area_code"), _(
                "There is no area with the code “%(code)s”: use the official code of a "
                "province (2 digits), district (4) or sub-district (6), or a provincial cluster "
                "(G-01 …).") % {"code": code}))
        elif area.level not in PLACED_LEVELS:
            errors.append(RowError(row, where("area_code"), _(
                "A budget line is placed in a provincial cluster, a province, a district or a "
                "sub-district, not in “%(code)s”.") % {"code": code}))
        else:
            if area.pk not in allowed:
                allowed[area.pk] = may_manage_everywhere or officer_may_manage(user, area)
            if not allowed[area.pk]:
                errors.append(RowError(row, where("area_code"), _(
                    "You may not import budget lines for %(area)s: only its provincial officers "
                    "can.") % {"area": area.name}))
        budget_class, class_given = None, False
        if text_of(cell(values, "class")):
            budget_class = classes.get(normalise(text_of(cell(values, "class"))))
            class_given = True
            if budget_class is None:
                errors.append(RowError(row, where("class"), _(
                    "Unknown class “%(value)s”. Use one of: %(choices)s.") % {
                        "value": text_of(cell(values, "class")),
                        "choices": ", ".join(c.name for c, _ in rules)}))
        group_ids: list[int] = []
        for word in re.split(r"[,;\n]", text_of(cell(values, "target_groups"))):
            if not word.strip():
                continue
            pk = groups.get(normalise(word))
            if pk is None:
                errors.append(RowError(row, where("target_groups"), _(
                    "Unknown target group “%(value)s”.") % {"value": word.strip()}))
            elif pk not in group_ids:
                group_ids.append(pk)
        if errors:
            report.errors.extend(errors)
            continue
        text = f"{plan} {project}"
        if budget_class is None:
            budget_class = suggest_class(text, rules)
        if not group_ids:
            group_ids = [groups[s] for s in suggest_groups(text) if s in groups]
        parsed.append(ParsedLine(
            row=row, fiscal_year=year, plan=plan, project=project, agency=agency,
            amount=amount, source=source, area=area,
            key=line_key(year, area, project, agency, amount), budget_class=budget_class,
            class_given=class_given, group_ids=group_ids,
        ))
    return parsed


# --- importing -------------------------------------------------------------------------------

def import_budget_file(user: Any, name: str, data: bytes) -> ImportReport:
    report = ImportReport(file_name=name)
    try:
        table = read_table(name, data)
        header = next(table, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        columns = map_header(header)
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(table, start=2):
            if all(text_of(v) == "" for v in values):
                continue
            rows.append((number, list(values)))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(_("A file may hold at most %(max)s lines: split it.")
                                      % {"max": f"{MAX_ROWS:,}"})
    except ImportFileError as error:
        report.errors.append(RowError(1, "", str(error)))
        return report
    report.rows_read = len(rows)
    if not rows:
        report.errors.append(RowError(1, "", _("The file has no budget lines under its header.")))
        return report
    parsed = check_rows(user, rows, columns, report)
    if report.errors:
        return report

    first_row: dict[str, int] = {}
    fresh: list[ParsedLine] = []
    existing = set(BudgetLine.objects.filter(key__in=[p.key for p in parsed])
                   .values_list("key", flat=True))
    for line in parsed:
        if line.key in first_row:
            report.skipped.append(SkippedRow(line.row, _(
                "the same line as row %(row)s (same year, project, agency and amount): "
                "imported once") % {"row": first_row[line.key]}))
            continue
        first_row[line.key] = line.row
        if line.key in existing:
            report.skipped.append(SkippedRow(line.row, _("already imported")))
            continue
        fresh.append(line)
    report.notes += new_agency_notes(fresh)
    write_lines(user, name, data, fresh, report)
    return report


def new_agency_notes(lines: list[ParsedLine]) -> list[str]:
    provinces = {line.area.province_id for line in lines if line.area.province_id}
    known = {(p, normalise(a)) for p, a in BudgetLine.objects.filter(province_id__in=provinces)
             .values_list("province_id", "agency").distinct()}
    if not known:
        return []  # the province's first import: every agency is new, nothing to point out
    new: dict[str, int] = {}
    for line in lines:
        if line.area.province_id and (line.area.province_id, normalise(line.agency)) not in known:
            new.setdefault(line.agency, line.row)
    return [_("Row %(row)s: agency “%(agency)s” is new in this province; check its spelling.")
            % {"row": row, "agency": agency} for agency, row in sorted(new.items(),
                                                                    key=lambda x: x[1])]


@transaction.atomic
def write_lines(user: Any, name: str, data: bytes, lines: list[ParsedLine],
                report: ImportReport) -> None:
    from django.utils import timezone

    batch = BudgetImport.objects.create(
        file_name=name[:255], sha256=hashlib.sha256(data).hexdigest(),
        imported_by=user if getattr(user, "is_authenticated", False) else None,
        rows_read=report.rows_read, rows_created=len(lines), rows_skipped=len(report.skipped),
    )
    now = timezone.now()
    objects = []
    for line in lines:
        obj = BudgetLine(
            fiscal_year=line.fiscal_year, plan=line.plan, project=line.project,
            agency=line.agency, amount=line.amount, source=line.source, area=line.area,
            budget_class=line.budget_class,
            suggested_class=None if line.class_given else line.budget_class,
            class_confirmed=line.class_given,
            confirmed_by=user if line.class_given else None,
            confirmed_at=now if line.class_given else None,
            key=line.key, imported_from=batch, row_number=line.row,
        )
        obj.set_lineage()
        objects.append(obj)
    BudgetLine.objects.bulk_create(objects, batch_size=1000)
    created = dict(BudgetLine.objects.filter(imported_from=batch).values_list("key", "pk"))
    through = BudgetLine.target_groups.through
    through.objects.bulk_create(
        [through(budgetline_id=created[line.key], targetgroup_id=group)
         for line in lines for group in line.group_ids], batch_size=2000)
    # Bulk writes send no signals: the cached summaries of these provinces end here.
    versions.bump_lines(objects)
    report.created = len(lines)
    report.batch = batch
