"""Anyone sees what is happening now in a province's or district's planning, and what is next."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command

from forums.tests.helpers import make_forum
from planning.calendar import pulse
from planning.models import Milestone
from planning.tests.pulse_helpers import load_calendar, make_cycle

pytestmark = pytest.mark.django_db


def section(response: Any, heading_id: str) -> str:
    """The text of one section of the page (the one labelled by ``heading_id``)."""
    html = response.content.decode()
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.find("</section>", start)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start:end])).split())


def provincial_year(world: Any) -> Any:
    return make_cycle("province-annual", [
        {"name": "Provincial hearing", "start": -20, "end": -5, "deadline": True},
        {"name": "Committee approval", "start": -3, "end": 10, "how": "Ask your CSO members."},
        {"name": "Budget request", "start": 12, "end": 40, "estimate": False},
        {"name": "Budget act", "start": 150, "end": 250},
    ])


def test_now_next_countdowns_and_how_to_take_part(client: Any, world: Any) -> None:
    provincial_year(world)
    response = client.get("/plan/pulse/51/")
    assert response.status_code == 200
    now = section(response, "now-heading")
    assert "Committee approval" in now and "10 days left" in now
    assert "Ask your CSO members." in now
    assert "Provincial hearing" not in now  # over
    upcoming = section(response, "next-heading")
    assert upcoming.index("Budget request") < upcoming.index("Budget act")
    assert "in 12 days" in upcoming and "in 150 days" in upcoming
    # Estimated dates say so; official ones do not.
    request_part = upcoming[upcoming.index("Budget request"):upcoming.index("Budget act")]
    assert "(estimated date)" not in request_part
    assert "(estimated date)" in upcoming[upcoming.index("Budget act"):]


def test_a_province_sets_its_own_dates_for_itself_only(client: Any, world: Any) -> None:
    provincial_year(world)
    make_cycle("province-annual", [{"name": "Lamphun's own hearing", "start": 4, "end": 9,
                                    "estimate": False}], area=world.lamphun)
    lamphun = section(client.get("/plan/pulse/51/"), "next-heading")
    assert "Lamphun's own hearing" in lamphun and "Budget request" not in lamphun
    # Chiang Mai keeps the national template; Lamphun's districts follow Lamphun.
    assert "Budget request" in section(client.get("/plan/pulse/50/"), "next-heading")


def test_a_district_shows_district_sub_district_and_village_plans(client: Any,
                                                                  world: Any) -> None:
    provincial_year(world)
    make_cycle("subdistrict", [{"name": "Sub-district forum", "start": 2, "end": 30}])
    make_cycle("village", [{"name": "Village forum", "start": 1, "end": 20}])
    district = client.get("/plan/pulse/5104/")
    upcoming = section(district, "next-heading")
    assert "Sub-district forum" in upcoming and "Village forum" in upcoming
    assert "Budget request" not in upcoming
    province = section(client.get("/plan/pulse/51/"), "next-heading")
    assert "Village forum" not in province


def test_upcoming_forums_and_commitments_of_the_area(client: Any, world: Any,
                                                     monkeypatch: Any) -> None:
    make_forum(world, area="5104", days=5, title="Li district forum")
    make_forum(world, area="50", days=5, title="Chiang Mai forum")
    make_forum(world, area="51", days=-3, title="Past forum")
    due = SimpleNamespace(pk=1, title="Shared disability survey", agreement="MOU 2569",
                          due_date=dt.date.today() + dt.timedelta(days=20),
                          get_absolute_url=lambda: "/agreements/1/")
    monkeypatch.setattr("planning.calendar.commitments_due", lambda area, start, end: [due])
    response = client.get("/plan/pulse/51/")
    forums = section(response, "forums-heading")
    assert "Li district forum" in forums
    assert "Chiang Mai forum" not in forums and "Past forum" not in forums
    commitments = section(response, "commitments-heading")
    assert "Shared disability survey" in commitments and "MOU 2569" in commitments


def test_the_shipped_template_loads_once_and_marks_estimates(client: Any, world: Any) -> None:
    count = load_calendar()
    ids = sorted(Milestone.objects.values_list("pk", flat=True))
    assert count == len(ids) > 0
    call_command("load_planning_calendar", year=2569, years=4)
    assert sorted(Milestone.objects.values_list("pk", flat=True)) == ids  # idempotent
    # Every row cites a source; the spending year is official, hearings are estimates.
    assert not Milestone.objects.filter(source="").exists()
    assert not Milestone.objects.get(cycle__plan_type__slug="province-annual",
                                      cycle__fiscal_year=2570, slug="spending").is_estimate
    assert Milestone.objects.get(cycle__plan_type__slug="province-annual",
                                 cycle__fiscal_year=2570, slug="province-hearing").is_estimate
    html = client.get("/plan/pulse/51/").content.decode()
    found = pulse(world.lamphun)
    shown = found.now + found.upcoming
    assert html.count('class="milestone"') == len(shown) > 0
    # Once in the explanation above the lists, then once per estimated date shown.
    assert html.count("(estimated date)") == 1 + sum(m.is_estimate for m in shown)


def test_thai_by_default_with_buddhist_era_dates(client: Any, world: Any) -> None:
    provincial_year(world)
    client.cookies.pop("klang_language", None)
    html = client.get("/plan/pulse/51/").content.decode()
    assert str(dt.date.today().year + 543) in html


@pytest.mark.parametrize("code", ["5199", "510401", "TH"])
def test_unknown_area_or_level_without_a_pulse_is_404(client: Any, world: Any,
                                                      code: str) -> None:
    assert client.get(f"/plan/pulse/{code}/").status_code == 404
