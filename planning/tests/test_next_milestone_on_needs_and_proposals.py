"""A need or proposal shows the next planning step it must reach, and warns near the deadline."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from areas.models import Area
from committee.tests.helpers import make_proposal
from needs.tests.helpers import make_need
from planning.calendar import fiscal_year_of, next_step, today
from planning.tests.pulse_helpers import make_cycle

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    assert response.status_code == 200
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def local_plan(deadline_in: int = 50, *, year: int | None = None, offset: int = 0) -> None:
    make_cycle("subdistrict", [
        {"name": "Sub-district forum", "start": offset + 3, "end": offset + 30,
         "how": "Hand in your proposal in writing."},
        {"name": "Local plan committee", "start": offset + 31, "end": offset + deadline_in,
         "deadline": True},
        {"name": "Local budget spent", "start": offset + 300, "end": offset + 600},
    ], year=year)


def test_a_sub_district_need_shows_the_local_plans_next_step(client: Any, world: Any) -> None:
    local_plan()
    need = make_need(world, area="510401")
    page = text(client.get(f"/needs/{need.pk}/"))
    assert "The next planning step" in page
    assert "Sub-district local-government development plan" in page
    assert "Sub-district forum" in page and "in 3 days" in page
    assert "Hand in your proposal in writing." in page
    assert "Local plan committee" in page  # the last step to bring proposals in
    assert "Deadline" not in page


def test_a_village_need_goes_to_the_sub_district_plan(world: Any) -> None:
    local_plan()
    village = Area.objects.create(code="51040199", level="village", name_th="บ้านทดสอบ",
                                  parent=Area.objects.get(code="510401"))
    step = next_step(village)
    assert step.plan_type.slug == "subdistrict" and step.milestone.name == "Sub-district forum"


def test_the_deadline_is_near(client: Any, world: Any) -> None:
    make_cycle("subdistrict", [
        {"name": "Sub-district forum", "start": -30, "end": -5},
        {"name": "Local plan committee", "start": -4, "end": 10, "deadline": True}])
    need = make_need(world, area="510401")
    page = text(client.get(f"/needs/{need.pk}/"))
    assert "Deadline near." in page
    assert "10 days left" in page and "Local plan committee" in page


def test_the_deadline_has_passed_for_this_years_cycle(client: Any, world: Any) -> None:
    year = fiscal_year_of(today())
    local_plan(year=year, offset=-100, deadline_in=90)   # deadline ten days ago
    local_plan(year=year + 1, offset=200)                # next year's cycle
    need = make_need(world, area="510401")
    page = text(client.get(f"/needs/{need.pk}/"))
    assert "Deadline passed for this year's cycle." in page
    assert f"The next cycle is fiscal year {year + 1}." in page
    assert "in 203 days" in page  # next year's first step


def test_a_provincial_proposal_shows_the_provincial_plans_step(client: Any,
                                                               world: Any) -> None:
    local_plan()
    make_cycle("province-annual", [{"name": "Provincial hearing", "start": 6, "end": 40,
                                    "deadline": True}])
    proposal = make_proposal(world, "submitted")
    page = text(client.get(f"/proposals/{proposal.pk}/"))
    assert "Provincial yearly action plan" in page and "Provincial hearing" in page
    assert "Sub-district forum" not in page


def test_a_decided_proposal_shows_no_next_step(client: Any, world: Any) -> None:
    make_cycle("province-annual", [{"name": "Provincial hearing", "start": 6, "end": 40}])
    proposal = make_proposal(world, "approved")
    assert "The next planning step" not in text(client.get(f"/proposals/{proposal.pk}/"))


def test_no_calendar_no_section(client: Any, world: Any) -> None:
    need = make_need(world, area="510401")
    assert "The next planning step" not in text(client.get(f"/needs/{need.pk}/"))
