"""axe-core finds no WCAG 2.1 A/AA violation on the agreement pages, forms included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from agreements.services import change_status
    from agreements.tests.helpers import make_commitment

    commitment = make_commitment(world)
    change_status(commitment, "late", "ทีมสำรวจล่าช้า", world.people["provincial_officer"])
    return {"agreement": commitment.agreement, "commitment": commitment}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("list", lambda s: "/agreements/?area=51", "th", "anonymous"),
    ("detail", lambda s: f"/agreements/{s['agreement'].pk}/", "th", "anonymous"),
    ("detail-coordinator", lambda s: f"/agreements/{s['agreement'].pk}/", "en",
     "cso_coordinator"),
    ("new", lambda s: "/agreements/new/", "th", "provincial_officer"),
    ("edit", lambda s: f"/agreements/{s['agreement'].pk}/edit/", "th", "provincial_officer"),
    ("document", lambda s: f"/agreements/{s['agreement'].pk}/documents/new/", "th",
     "provincial_officer"),
    ("commitment", lambda s: f"/agreements/{s['agreement'].pk}/commitments/new/", "th",
     "provincial_officer"),
    ("status", lambda s: f"/agreements/commitments/{s['commitment'].pk}/status/", "th",
     "provincial_officer"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_form_with_errors_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                                    live_server: Any, world: Any) -> None:
    story(world)
    log_in_context(context, live_server, world.people["provincial_officer"])
    page = context.new_page()
    page.goto("/agreements/new/")
    page.fill("#id_title", "MOU")
    page.fill("#id_area_codes", "9999")
    page.fill("#id_starts_on", "2026-10-01")
    page.fill("#id_ends_on", "2026-09-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "agreement form after a failed submission")
