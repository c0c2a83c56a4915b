"""axe-core finds no WCAG 2.1 A/AA violation on the committee and plan pages, forms included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    """A meeting with one decided and one open item, and a plan item with progress."""
    from committee.services import add_to_agenda, decide
    from committee.tests.helpers import make_meeting, make_proposal
    from planning.services import fund, report_progress
    from planning.tests.helpers import make_item, make_plan

    officer = world.people["provincial_officer"]
    meeting = make_meeting(world)
    decided = make_proposal(world, title="ทางลาดที่ว่าการอำเภอ")
    open_item = make_proposal(world, title="ศูนย์ข้อมูลกลาง")
    make_proposal(world, title="รอเข้าวาระ")
    add_to_agenda(meeting, decided, officer)
    add_to_agenda(meeting, open_item, officer)
    decide(meeting, decided, "rejected", "ไม่อยู่ในกรอบงบประมาณ", officer)
    plan = make_plan(world)
    item = make_item(world, plan=plan)
    fund(item, Decimal("450000"), 2569, "สำนักงานจังหวัดลำพูน", officer)
    report_progress(item, dt.date(2026, 3, 1), 40, "สร้างทางลาดแล้ว 3 แห่ง", officer,
                    figures=[{"label": "ทางลาด", "value": 3, "unit": "แห่ง"}])
    return {"meeting": meeting, "item": item, "body": meeting.body, **composition(world, meeting.body)}


def composition(world: Any, body: Any) -> dict[str, Any]:
    """Seats with a holder, a past term, a vacant seat and a nomination from another
    organisation (so that the disability association's coordinator may endorse it)."""
    from committee.models import Endorsement
    from committee.tests.helpers import make_nomination, make_seat, make_term

    filled = make_seat(world, body, title="ผู้แทนด้านเกษตร")
    make_term(filled, "ผู้แทนวาระก่อน", starts_on=dt.date(2022, 10, 1),
              ends_on=dt.date(2024, 10, 1))
    term = make_term(filled, "ผู้แทนเกษตร", organisation=world.org, groups=("older-people",))
    make_seat(world, body, category="ex_officio", title="ผู้ว่าราชการจังหวัด")
    vacant = make_seat(world, body, groups=("disability",))
    open_seat = make_seat(world, body, title="ผู้แทนด้านผู้สูงอายุ")
    nomination = make_nomination(world, vacant, organisation=world.other_org)
    Endorsement.objects.create(nomination=make_nomination(world, vacant, candidate="คนที่สอง"),
                               organisation=world.other_org)
    return {"term": term, "vacant": vacant, "open_seat": open_seat, "nomination": nomination}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("committees", lambda s: "/committee/", "th", "anonymous"),
    ("body-officer", lambda s: f"/committee/bodies/{s['body'].pk}/", "th", "provincial_officer"),
    ("meeting", lambda s: f"/committee/meetings/{s['meeting'].pk}/", "th", "anonymous"),
    ("meeting-officer", lambda s: f"/committee/meetings/{s['meeting'].pk}/", "en",
     "provincial_officer"),
    ("brief", lambda s: f"/committee/meetings/{s['meeting'].pk}/brief/", "th",
     "committee_member"),
    ("new-body", lambda s: "/committee/bodies/new/", "th", "provincial_officer"),
    ("new-meeting", lambda s: f"/committee/bodies/{s['body'].pk}/meetings/new/", "th",
     "provincial_officer"),
    ("composition", lambda s: f"/committee/bodies/{s['body'].pk}/composition/", "th",
     "anonymous"),
    ("composition-officer", lambda s: f"/committee/bodies/{s['body'].pk}/composition/", "en",
     "provincial_officer"),
    ("representation", lambda s: "/committee/representation/51/", "th", "anonymous"),
    ("seat", lambda s: f"/committee/seats/{s['vacant'].pk}/", "th", "anonymous"),
    ("seat-coordinator", lambda s: f"/committee/seats/{s['vacant'].pk}/", "th",
     "cso_coordinator"),
    ("seat-officer", lambda s: f"/committee/seats/{s['term'].seat_id}/", "en",
     "provincial_officer"),
    ("seats", lambda s: f"/committee/bodies/{s['body'].pk}/seats/", "th", "provincial_officer"),
    ("new-term", lambda s: f"/committee/seats/{s['open_seat'].pk}/terms/new/", "th",
     "provincial_officer"),
    ("end-term", lambda s: f"/committee/terms/{s['term'].pk}/end/", "th", "provincial_officer"),
    ("nominate", lambda s: f"/committee/seats/{s['open_seat'].pk}/nominate/", "th",
     "cso_coordinator"),
    ("nominate-filled", lambda s: f"/committee/seats/{s['term'].seat_id}/nominate/", "en",
     "cso_coordinator"),
    ("endorse", lambda s: f"/committee/nominations/{s['nomination'].pk}/endorse/", "th",
     "cso_coordinator"),
    ("select", lambda s: f"/committee/nominations/{s['nomination'].pk}/select/", "th",
     "provincial_officer"),
    ("plan", lambda s: "/plan/51/", "th", "anonymous"),
    ("plan-item", lambda s: f"/plan/items/{s['item'].pk}/", "th", "anonymous"),
    ("plan-item-officer", lambda s: f"/plan/items/{s['item'].pk}/", "en", "provincial_officer"),
    ("fund", lambda s: f"/plan/items/{s['item'].pk}/fund/", "th", "provincial_officer"),
    ("progress", lambda s: f"/plan/items/{s['item'].pk}/progress/", "th", "provincial_officer"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


@pytest.mark.parametrize("path", ["decision", "meeting", "term", "nominate"])
def test_forms_with_errors_have_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                                  live_server: Any, world: Any,
                                                  path: str) -> None:
    found = story(world)
    role = "cso_coordinator" if path == "nominate" else "provincial_officer"
    log_in_context(context, live_server, world.people[role])
    page = context.new_page()
    if path == "decision":
        page.goto(f"/committee/meetings/{found['meeting'].pk}/")
        form = page.locator("form.decision-form").first
        form.locator("input[value=rejected]").check()
        form.locator("button[type=submit]").click()
    elif path == "term":  # overlaps the running term
        page.goto(f"/committee/seats/{found['term'].seat_id}/terms/new/")
        page.fill("#id_holder_name", "ผู้แทนซ้อน")
        page.fill("#id_starts_on", "2025-01-01")
        page.locator("main form button[type=submit]").click()
    elif path == "nominate":  # no candidate, no statement
        page.goto(f"/committee/seats/{found['open_seat'].pk}/nominate/")
        page.locator("main form button[type=submit]").click()
    else:
        page.goto(f"/committee/bodies/{found['body'].pk}/meetings/new/")
        page.fill("#id_number", "4")
        page.fill("#id_year", "2568")
        page.fill("#id_date", "2025-09-18")
        page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, f"{path} form after a failed submission")
