"""Milestones out of order, or ending before they start, are refused with a clear message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from planning.calendar import CalendarError, check_order
from planning.calendar_data import TEMPLATE, load_template
from planning.models import Cycle, Milestone

pytestmark = pytest.mark.django_db
URL = "/plan/pulse/51/province-annual/2570/dates/"


def template_2570() -> list[Milestone]:
    load_template(2570, 1)
    return list(Milestone.objects.filter(cycle__fiscal_year=2570, cycle__area__isnull=True,
                                         cycle__plan_type__slug="province-annual")
                .order_by("order"))


def dates_form(steps: list[Milestone], **changes: str) -> dict[str, str]:
    data = {}
    for step in steps:
        data[f"start_{step.order}"] = step.starts_on.isoformat()
        data[f"end_{step.order}"] = step.ends_on.isoformat()
    data.update(changes)
    return data


def test_check_order_names_the_step() -> None:
    first = Milestone(name_en="Hearing", name_th="Hearing", starts_on=dt.date(2026, 9, 1),
                      ends_on=dt.date(2026, 10, 31))
    second = Milestone(name_en="Approval", name_th="Approval", starts_on=dt.date(2026, 8, 1),
                       ends_on=dt.date(2026, 8, 30))
    with pytest.raises(CalendarError, match="Approval"):
        check_order([first, second])
    backwards = Milestone(name_en="Request", name_th="Request", starts_on=dt.date(2026, 12, 1),
                          ends_on=dt.date(2026, 11, 1))
    with pytest.raises(CalendarError, match="ends"):
        check_order([backwards])


def test_a_template_out_of_order_is_not_loaded(world: Any, tmp_path: Path) -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    # Swap the months of the provincial hearing so that it starts after the approval.
    bad = [line.replace(",-1,09-01,-1,10-31,", ",-1,12-15,-1,12-20,")
           if ",province-hearing," in line else line for line in lines]
    assert bad != lines
    path = tmp_path / "calendar.csv"
    path.write_text("\n".join(bad), encoding="utf-8")
    with pytest.raises(CalendarError, match="province-annual"):
        load_template(2570, 1, path=path)
    assert not Milestone.objects.exists()


def test_the_command_refuses_a_bad_year(world: Any) -> None:
    with pytest.raises(CommandError):
        call_command("load_planning_calendar", year=69)


def test_the_officer_sets_lamphuns_own_dates(client: Any, world: Any) -> None:
    steps = template_2570()
    world.login(client, "provincial_officer")
    assert client.get(URL).status_code == 200
    response = client.post(URL, dates_form(steps, start_1="2025-09-10", end_1="2025-09-12"))
    assert response.status_code == 302
    own = Cycle.objects.get(area=world.lamphun, fiscal_year=2570,
                            plan_type__slug="province-annual")
    hearing = own.milestones.get(order=1)
    assert hearing.starts_on == dt.date(2025, 9, 10) and not hearing.is_estimate
    # The template itself is unchanged.
    assert steps[0].starts_on == Milestone.objects.get(pk=steps[0].pk).starts_on


def test_out_of_order_dates_are_refused_and_nothing_saved(client: Any, world: Any) -> None:
    steps = template_2570()
    world.login(client, "provincial_officer")
    # The committee's approval (step 2) before the hearing (step 1) starts.
    response = client.post(URL, dates_form(steps, start_2="2025-08-01", end_2="2025-08-02"))
    assert response.status_code == 400
    assert "out of order" in response.content.decode()
    # An end before its start: a field error on that end date.
    response = client.post(URL, dates_form(steps, end_3="2025-11-01"))
    assert response.status_code == 400
    assert response.context["form"].errors["end_3"]
    # Not a date at all.
    response = client.post(URL, dates_form(steps, start_1="31/12/2568"))
    assert response.status_code == 400 and response.context["form"].errors["start_1"]
    assert not Cycle.objects.filter(area=world.lamphun).exists()


def test_another_provinces_officer_may_not_set_lamphuns_dates(client: Any, world: Any) -> None:
    steps = template_2570()
    world.login(client, "other_province_officer")
    assert client.post(URL, dates_form(steps)).status_code == 403


def test_the_admin_check_refuses_out_of_order(world: Any) -> None:
    steps = template_2570()
    step = steps[1]
    step.starts_on = steps[0].starts_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        step.clean()
