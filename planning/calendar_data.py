"""Load the template planning calendar, and let a province set its own dates.

The template (``planning/data/calendar_template.csv``, sources in ``planning/data/SOURCES.md``)
gives each milestone's dates relative to the fiscal year, so one file serves every year.
Loading is idempotent: milestones are matched by (cycle, order) and updated in place, so their
ids — and the ICS UIDs built from them — stay the same.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import Area
from planning.calendar import BE_OFFSET, CalendarError, check_order
from planning.models import Cycle, Milestone, PlanType

DATA = Path(__file__).resolve().parent / "data"
TEMPLATE = DATA / "calendar_template.csv"
PLAN_TYPES = DATA / "plan_types.csv"
TEXT_FIELDS = ["slug", "name_th", "name_en", "responsible_th", "responsible_en",
               "civil_society_th", "civil_society_en", "source"]


@dataclass
class TemplateRow:
    line: int
    plan_type: str
    order: int
    values: dict[str, Any]
    start: tuple[int, int, int]   # (year offset, month, day)
    end: tuple[int, int, int]
    is_estimate: bool
    is_entry_deadline: bool

    def dates(self, fiscal_year: int) -> tuple[dt.date, dt.date]:
        base = fiscal_year - BE_OFFSET - 1  # the C.E. year in which the fiscal year begins
        return (dt.date(base + self.start[0], self.start[1], self.start[2]),
                dt.date(base + self.end[0], self.end[1], self.end[2]))


def _yes(value: str, line: int, column: str) -> bool:
    value = value.strip().lower()
    if value not in {"yes", "no"}:
        raise CalendarError(_("Line %(line)s: “%(column)s” must be yes or no.") % {
            "line": line, "column": column})
    return value == "yes"


def _relative(year: str, month_day: str, line: int, column: str) -> tuple[int, int, int]:
    try:
        month, day = (int(part) for part in month_day.strip().split("-"))
        offset = int(year)
        dt.date(2000, month, day)  # a real day (2000 is a leap year: 29 February is fine)
    except ValueError as error:
        raise CalendarError(_("Line %(line)s: “%(column)s” must be a month and day (MM-DD) and "
                              "a year offset.") % {"line": line, "column": column}) from error
    return offset, month, day


def read_template(path: Path = TEMPLATE) -> list[TemplateRow]:
    rows: list[TemplateRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            if not (raw.get("source") or "").strip():
                raise CalendarError(_("Line %(line)s: every date needs a source.") % {
                    "line": line})
            rows.append(TemplateRow(
                line=line, plan_type=raw["plan_type"].strip(), order=int(raw["order"]),
                values={name: (raw.get(name) or "").strip() for name in TEXT_FIELDS},
                start=_relative(raw["start_year"], raw["start"], line, "start"),
                end=_relative(raw["end_year"], raw["end"], line, "end"),
                is_estimate=_yes(raw["estimate"], line, "estimate"),
                is_entry_deadline=_yes(raw["entry_deadline"], line, "entry_deadline"),
            ))
    return rows


def load_plan_types(path: Path = PLAN_TYPES) -> dict[str, PlanType]:
    found: dict[str, PlanType] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            plan_type, _created = PlanType.objects.update_or_create(
                slug=raw["slug"].strip(), defaults={
                    "level": raw["level"].strip(), "order": int(raw["order"]),
                    "name_th": raw["name_th"].strip(), "name_en": raw["name_en"].strip(),
                    "summary_th": raw["summary_th"].strip(),
                    "summary_en": raw["summary_en"].strip()})
            found[plan_type.slug] = plan_type
    return found


@transaction.atomic
def load_template(first_year: int, years: int = 3, path: Path = TEMPLATE) -> int:
    """Load the template cycles of ``years`` fiscal years from ``first_year``; milestones saved.

    Nothing is saved when any cycle's dates are out of order.
    """
    types = load_plan_types()
    rows = read_template(path)
    by_type: dict[str, list[TemplateRow]] = {}
    for row in rows:
        if row.plan_type not in types:
            raise CalendarError(_("Line %(line)s: unknown plan type “%(type)s”.") % {
                "line": row.line, "type": row.plan_type})
        by_type.setdefault(row.plan_type, []).append(row)
    saved = 0
    for fiscal_year in range(first_year, first_year + years):
        for slug, type_rows in by_type.items():
            type_rows = sorted(type_rows, key=lambda r: r.order)
            draft = [_draft(row, fiscal_year) for row in type_rows]
            try:
                check_order(draft)
            except CalendarError as error:
                raise CalendarError(f"{slug} {fiscal_year}: {error}") from error
            cycle, _created = Cycle.objects.get_or_create(plan_type=types[slug],
                                                          fiscal_year=fiscal_year, area=None)
            cycle.milestones.exclude(order__in=[r.order for r in type_rows]).delete()
            for row, milestone in zip(type_rows, draft, strict=True):
                Milestone.objects.update_or_create(cycle=cycle, order=row.order, defaults={
                    **row.values, "starts_on": milestone.starts_on, "ends_on": milestone.ends_on,
                    "is_estimate": row.is_estimate, "is_entry_deadline": row.is_entry_deadline})
                saved += 1
    return saved


def _draft(row: TemplateRow, fiscal_year: int) -> Milestone:
    start, end = row.dates(fiscal_year)
    return Milestone(order=row.order, starts_on=start, ends_on=end, **row.values)


@transaction.atomic
def set_area_dates(plan_type: PlanType, fiscal_year: int, area: Area,
                   dates: Sequence[tuple[dt.date, dt.date]], user: Any) -> Cycle:
    """An area's own dates for a cycle, copying the template's steps; overrides the template.

    ``dates`` is one (start, end) per template milestone, in order. Dates an officer sets are
    the area's official dates, so they are no longer marked as estimates.
    """
    template = Cycle.objects.filter(plan_type=plan_type, fiscal_year=fiscal_year,
                                    area__isnull=True).first()
    own = Cycle.objects.filter(plan_type=plan_type, fiscal_year=fiscal_year, area=area).first()
    steps = list((own or template).milestones.order_by("order")) if (own or template) else []
    if not steps or len(steps) != len(dates):
        raise CalendarError(_("There is no template for this plan and year to set dates for."))
    for step, (start, end) in zip(steps, dates, strict=True):
        step.starts_on, step.ends_on = start, end
    check_order(steps)
    cycle, _created = Cycle.objects.update_or_create(
        plan_type=plan_type, fiscal_year=fiscal_year, area=area,
        defaults={"updated_by": user})
    source = _("Set by %(area)s on %(day)s") % {"area": area.name_th,
                                                 "day": dt.date.today().isoformat()}
    for step in steps:
        values = {name: getattr(step, name) for name in TEXT_FIELDS if name != "source"}
        Milestone.objects.update_or_create(cycle=cycle, order=step.order, defaults={
            **values, "starts_on": step.starts_on, "ends_on": step.ends_on,
            "is_estimate": False, "is_entry_deadline": step.is_entry_deadline,
            "source": source})
    return cycle


def template_steps(plan_type: PlanType, fiscal_year: int, area: Area) -> Iterable[Milestone]:
    """The steps the area's form shows: its own dates if set, else the template's."""
    for cycle_area in (area, None):
        cycle = Cycle.objects.filter(plan_type=plan_type, fiscal_year=fiscal_year,
                                     area=cycle_area).first()
        if cycle is not None:
            return list(cycle.milestones.order_by("order"))
    return []
