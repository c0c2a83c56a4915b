"""axe-core finds no WCAG 2.1 A/AA violation on the survey pages, the household list and the
household entry form (with its errors too)."""

from __future__ import annotations

from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser

PAGES: list[tuple[str, str, str, str]] = [
    ("surveys", "/evidence/surveys/", "th", "anonymous"),
    ("survey", "/evidence/surveys/household/", "en", "anonymous"),
    ("upload", "/evidence/surveys/new/", "th", "cso_coordinator"),
    ("households", "/evidence/households/", "th", "cso_member"),
    ("enter", "/evidence/households/new/", "th", "cso_member"),
    ("enter-en", "/evidence/households/new/", "en", "cso_member"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: str, language: str,
                                    role: str) -> None:
    from evidence.build_default_survey import ensure_default_survey

    ensure_default_survey()  # a browser test before this one may have emptied the database
    page = open_as(context, live_server, world, path, language, role)
    assert_no_axe_violations(page, axe_script, f"{path} ({language}, {role})")


def test_the_entry_form_with_errors_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                          context: Any, live_server: Any,
                                                          world: Any) -> None:
    from evidence.build_default_survey import ensure_default_survey

    ensure_default_survey()
    log_in_context(context, live_server, world.people["cso_member"])
    page = context.new_page()
    page.goto("/evidence/households/new/")
    page.check("#id_consent_0")
    page.fill("#id_area_code", "99")
    page.fill("#id_m0-age", "300")
    page.locator("main form button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "household form after a failed submission")
