"""Builders for the planning-pulse tests: cycles with dates around today, or the real template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from areas.models import Area
from planning.calendar import fiscal_year_of, today
from planning.calendar_data import load_plan_types, load_template
from planning.models import Cycle, Milestone


def load_calendar() -> int:
    """The shipped template for last year, this year and the two being prepared."""
    return load_template(fiscal_year_of(today()) - 1, 4)


def make_cycle(slug: str, steps: list[dict[str, Any]], *, year: int | None = None,
               area: Area | None = None) -> Cycle:
    """A cycle whose steps start ``start`` days from today and last until ``end`` days."""
    types = load_plan_types()
    cycle = Cycle.objects.create(plan_type=types[slug], area=area,
                                 fiscal_year=year or fiscal_year_of(today()) + 1)
    day = today()
    for order, step in enumerate(steps, start=1):
        Milestone.objects.create(
            cycle=cycle, order=order, slug=f"step-{order}",
            name_th=step.get("name_th", step["name"]), name_en=step["name"],
            starts_on=day + dt.timedelta(days=step["start"]),
            ends_on=day + dt.timedelta(days=step.get("end", step["start"])),
            is_estimate=step.get("estimate", True),
            is_entry_deadline=step.get("deadline", False),
            civil_society_en=step.get("how", ""), civil_society_th=step.get("how", ""),
            responsible_en=step.get("who", ""), responsible_th=step.get("who", ""),
            source="test")
    return cycle
