"""The planning calendar: which cycle applies where, what is on now, what comes next.

Thai fiscal years run from 1 October to 30 September and are named by the Buddhist-Era year in
which they end (fiscal year 2569 = 1 October 2025 – 30 September 2026). A cycle for fiscal year
Y is the work that leads to spending in Y, so most of its milestones fall before Y begins.

Which dates apply to an area: the cycle of the nearest area above it (itself, its district, its
province …) that set its own dates, else the national template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import LEVEL_ORDER, Area, Level
from planning.models import Cycle, Milestone, PlanType

BE_OFFSET = 543
# The plan types a pulse page shows, by the level of its area (the issue: a province page shows
# provincial, cluster and district plans; a district page district, sub-district and village).
PULSE_LEVELS: dict[str, list[str]] = {
    Level.PROVINCE: [Level.PROVINCE, Level.CLUSTER, Level.DISTRICT],
    Level.DISTRICT: [Level.DISTRICT, Level.SUBDISTRICT, Level.VILLAGE],
}
# The plan a need or proposal at a level must get into: a village need goes into the
# sub-district (local government) plan; a provincial proposal into the provincial yearly plan.
ENTRY_PLAN: dict[str, str] = {
    Level.VILLAGE: "subdistrict",
    Level.SUBDISTRICT: "subdistrict",
    Level.DISTRICT: "district",
    Level.PROVINCE: "province-annual",
    Level.CLUSTER: "cluster",
    Level.REGION: "regional",
    Level.NATION: "province-annual",
}
# Needs and proposals that are done with planning (merged, decided, funded …) show no next step.
CLOSED_STATES = {"out_of_scope", "merged", "split", "approved", "rejected", "funded",
                 "in_implementation", "completed", "not_implemented", "withdrawn"}
NEAR_DAYS = 14
UPCOMING = 5


class CalendarError(ValueError):
    """Milestone dates that cannot be right (out of order, ending before they start)."""


def fiscal_year_of(day: dt.date) -> int:
    """The B.E. fiscal year a day belongs to (1 October starts the next one)."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_start(fiscal_year: int) -> dt.date:
    return dt.date(fiscal_year - BE_OFFSET - 1, 10, 1)


def today() -> dt.date:
    return timezone.localdate()


def check_order(milestones: Sequence[Any]) -> None:
    """Each milestone ends on or after its start and starts on or after the one before it.

    ``milestones`` are in their order in the cycle (anything with name, starts_on, ends_on).
    """
    previous = None
    for milestone in milestones:
        if milestone.ends_on < milestone.starts_on:
            raise CalendarError(_("“%(name)s” ends (%(end)s) before it starts (%(start)s).") % {
                "name": milestone.name, "end": milestone.ends_on.isoformat(),
                "start": milestone.starts_on.isoformat()})
        if previous is not None and milestone.starts_on < previous.starts_on:
            raise CalendarError(_(
                "The milestones are out of order: “%(name)s” starts (%(start)s) before the step "
                "that comes before it, “%(previous)s”, starts (%(previous_start)s).") % {
                    "name": milestone.name, "start": milestone.starts_on.isoformat(),
                    "previous": previous.name,
                    "previous_start": previous.starts_on.isoformat()})
        previous = milestone


def pulse_types(area: Area) -> list[PlanType]:
    levels = PULSE_LEVELS.get(area.level)
    types = PlanType.objects.all()
    if levels is not None:
        types = types.filter(level__in=levels)
    return sorted(types, key=lambda t: (_level_rank(t.level), t.order))


def _level_rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def effective_cycles(area: Area | None, plan_types: Iterable[PlanType],
                     years: Iterable[int]) -> list[Cycle]:
    """One cycle per (plan type, fiscal year): the area's nearest own dates, else the template."""
    type_ids = [t.pk for t in plan_types]
    years = list(years)
    lineage = [] if area is None else area.lineage_ids()
    found = (Cycle.objects.filter(plan_type_id__in=type_ids, fiscal_year__in=years)
             .filter(Q(area__isnull=True) | Q(area_id__in=lineage))
             .select_related("plan_type", "area"))
    best: dict[tuple[int, int], Cycle] = {}
    for cycle in found:
        key = (cycle.plan_type_id, cycle.fiscal_year)
        if key not in best or _specificity(cycle) > _specificity(best[key]):
            best[key] = cycle
    return sorted(best.values(), key=lambda c: (_level_rank(c.plan_type.level),
                                                c.plan_type.order, c.fiscal_year))


def _specificity(cycle: Cycle) -> int:
    # The template is least specific; a village's own dates the most.
    return -1 if cycle.area is None else _level_rank(cycle.area.level)


def milestones_of(cycles: Iterable[Cycle], start: dt.date | None = None,
                  end: dt.date | None = None) -> list[Milestone]:
    """The cycles' milestones overlapping [start, end], by start date; each knows its cycle."""
    by_id = {c.pk: c for c in cycles}
    rows = Milestone.objects.filter(cycle_id__in=list(by_id))
    if start is not None:
        rows = rows.filter(ends_on__gte=start)
    if end is not None:
        rows = rows.filter(starts_on__lte=end)
    result = list(rows.order_by("starts_on", "cycle_id", "order"))
    for milestone in result:
        milestone.cycle = by_id[milestone.cycle_id]  # no query per row for its type and year
    return result


def calendar_years(day: dt.date | None = None) -> range:
    """The fiscal years worth showing around a day: last year's to the one prepared two ahead."""
    current = fiscal_year_of(day or today())
    return range(current - 1, current + 3)


def area_milestones(area: Area, plan_types: Iterable[PlanType] | None = None,
                    start: dt.date | None = None, end: dt.date | None = None,
                    years: Iterable[int] | None = None) -> list[Milestone]:
    types = list(plan_types) if plan_types is not None else pulse_types(area)
    cycles = effective_cycles(area, types, years if years is not None else calendar_years())
    return milestones_of(cycles, start, end)


def commitments_due(area: Area, start: dt.date, end: dt.date) -> list[Any]:
    """Partnership commitments due in the area (the agreements app, when it is installed)."""
    try:
        from agreements.services import commitments_due as due
    except ImportError:
        return []
    return list(due(area, start, end))


@dataclass
class Pulse:
    area: Area
    today: dt.date
    now: list[Milestone]
    upcoming: list[Milestone]
    plan_types: list[PlanType]


def pulse(area: Area, day: dt.date | None = None, upcoming: int = UPCOMING) -> Pulse:
    """What is happening now in the area's planning, and the next few steps, with countdowns."""
    day = day or today()
    types = pulse_types(area)
    rows = area_milestones(area, types, start=day, years=calendar_years(day))
    now = [m for m in rows if m.starts_on <= day]
    following = [m for m in rows if m.starts_on > day][:upcoming]
    for milestone in now:
        milestone.days_left = (milestone.ends_on - day).days
    for milestone in following:
        milestone.days_to_start = (milestone.starts_on - day).days
    return Pulse(area=area, today=day, now=now, upcoming=following, plan_types=types)


@dataclass
class NextStep:
    plan_type: PlanType
    cycle: Cycle
    milestone: Milestone | None        # the next step of the cycle the need can still reach
    deadline: Milestone | None         # that cycle's last step to bring proposals in
    days_to_deadline: int | None
    status: str                        # "open", "near" or "passed"
    passed_cycle: Cycle | None = None  # this year's cycle, when its deadline is already past

    @property
    def days_to_start(self) -> int | None:
        return None if self.milestone is None else self.milestone.days_to_start


def entry_plan_type(area: Area) -> PlanType | None:
    return PlanType.objects.filter(slug=ENTRY_PLAN.get(area.level, "province-annual")).first()


def next_step(area: Area, day: dt.date | None = None) -> NextStep | None:
    """The next milestone a need or proposal in the area must reach, and how near its deadline is.

    "This year's cycle" is the latest cycle that has begun. When its last step for proposals is
    past, the need can only reach the next cycle: the answer says so and points to it.
    """
    day = day or today()
    plan_type = entry_plan_type(area)
    if plan_type is None:
        return None
    cycles = effective_cycles(area, [plan_type], range(fiscal_year_of(day) - 1,
                                                       fiscal_year_of(day) + 4))
    if not cycles:
        return None
    steps: dict[int, list[Milestone]] = {c.pk: [] for c in cycles}
    for milestone in milestones_of(cycles):
        steps[milestone.cycle_id].append(milestone)
    cycles = [c for c in cycles if steps[c.pk]]
    if not cycles:
        return None

    def deadline_of(cycle: Cycle) -> Milestone:
        rows = sorted(steps[cycle.pk], key=lambda m: m.order)
        return next((m for m in rows if m.is_entry_deadline), rows[-1])

    started = [c for c in cycles if min(m.starts_on for m in steps[c.pk]) <= day]
    this_year = started[-1] if started else None
    target = next((c for c in cycles if deadline_of(c).ends_on >= day), None)
    passed = this_year if this_year is not None and deadline_of(this_year).ends_on < day else None
    if target is None:
        # Every loaded cycle is past its deadline: say so, with nothing to point to.
        last = cycles[-1]
        return NextStep(plan_type, last, None, deadline_of(last), None, "passed", passed or last)
    deadline = deadline_of(target)
    milestone = next(m for m in sorted(steps[target.pk], key=lambda m: m.order)
                     if m.ends_on >= day)
    milestone.days_to_start = (milestone.starts_on - day).days
    days = (deadline.ends_on - day).days
    status = "passed" if passed is not None else ("near" if days <= NEAR_DAYS else "open")
    return NextStep(plan_type, target, milestone, deadline, days, status, passed)
