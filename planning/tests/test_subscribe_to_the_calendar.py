"""Anyone subscribes their calendar to an area's planning steps, all plans or one plan type."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from planning.calendar import today
from planning.models import Milestone
from planning.tests.pulse_helpers import make_cycle

pytestmark = pytest.mark.django_db


def events(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def cycles() -> None:
    make_cycle("province-annual", [
        {"name": "Provincial hearing", "start": 3, "end": 20, "how": "Bring your proposals."},
        {"name": "Committee approval", "start": 25, "end": 25, "estimate": False}])
    make_cycle("cluster", [{"name": "Cluster hearing", "start": 5, "end": 9}])
    make_cycle("village", [{"name": "Village forum", "start": 2, "end": 8}])


def test_the_area_feed_holds_its_plans_as_all_day_events(client: Any, world: Any) -> None:
    cycles()
    found = events(client.get("/plan/pulse/51/calendar.ics"))
    hearing = Milestone.objects.get(name_en="Provincial hearing")
    approval = Milestone.objects.get(name_en="Committee approval")
    cluster = Milestone.objects.get(name_en="Cluster hearing")
    assert set(found) == {f"milestone-{m.pk}@klang" for m in (hearing, approval, cluster)}
    event = found[f"milestone-{hearing.pk}@klang"]
    # All-day: DTSTART;VALUE=DATE, and DTEND the day after the last day.
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == today() + dt.timedelta(days=3)
    assert event.decoded("DTEND") == today() + dt.timedelta(days=21)
    assert "Provincial hearing" in str(event["SUMMARY"])
    assert "(estimated date)" in str(event["SUMMARY"])
    assert "Bring your proposals." in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith("/plan/pulse/51/")
    assert "(estimated date)" not in str(found[f"milestone-{approval.pk}@klang"]["SUMMARY"])


def test_one_plan_type_per_feed(client: Any, world: Any) -> None:
    cycles()
    found = events(client.get("/plan/pulse/51/cluster.ics"))
    assert [str(e["SUMMARY"]) for e in found.values()] == [
        "Cluster hearing · Provincial cluster plan (estimated date)"]
    district = events(client.get("/plan/pulse/5104/calendar.ics"))
    assert {str(e["SUMMARY"]).split(" · ")[0] for e in district.values()} == {"Village forum"}


def test_uids_stay_when_dates_move(client: Any, world: Any) -> None:
    cycles()
    first = set(events(client.get("/plan/pulse/51/calendar.ics")))
    Milestone.objects.filter(name_en="Provincial hearing").update(
        starts_on=today() + dt.timedelta(days=4))
    assert set(events(client.get("/plan/pulse/51/calendar.ics"))) == first


@pytest.mark.parametrize("url", ["/plan/pulse/5199/calendar.ics", "/plan/pulse/51/nothing.ics",
                                 "/plan/pulse/510401/calendar.ics"])
def test_unknown_area_or_plan_type_is_404(client: Any, world: Any, url: str) -> None:
    cycles()
    assert client.get(url).status_code == 404
