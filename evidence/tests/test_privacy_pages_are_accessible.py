"""axe-core finds no WCAG 2.1 A/AA violation on a household's record, its privacy actions and
the audit log, the record with its names open included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, set_language
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def record(world: Any) -> str:
    from audit.log import record as audit
    from evidence.tests.access_privacy import make_household

    household = make_household(world)
    audit(world.people["cso_member"], "view", object_type="household",
          object_label=household.pseudonym, organisation_id=world.org.pk, reason="ตรวจสอบ")
    return f"/evidence/households/{household.pseudonym}/"


PAGES: list[tuple[str, Callable[[str], str], str, str]] = [
    ("household", lambda url: url, "th", "cso_member"),
    ("household-en", lambda url: url, "en", "dpo"),
    ("correct", lambda url: url + "correct/", "th", "cso_coordinator"),
    ("withdraw", lambda url: url + "withdraw/", "th", "cso_member"),
    ("export", lambda url: url + "export/", "en", "cso_member"),
    ("erase", lambda url: url + "erase/", "th", "dpo"),
    ("audit-log", lambda url: "/audit/", "th", "dpo"),
    ("audit-log-en", lambda url: "/audit/?action=view", "en", "dpo"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(record(world))
    set_language(context, live_server, language)
    log_in_context(context, live_server, world.people[role])
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_record_with_its_names_open_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                              context: Any,
                                                              live_server: Any,
                                                              world: Any) -> None:
    url = record(world)
    log_in_context(context, live_server, world.people["cso_member"])
    page = context.new_page()
    page.goto(url)
    page.locator("main form button[type=submit]").click()   # no purpose chosen: errors
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    assert_no_axe_violations(page, axe_script, "purpose form with errors")
    page.check("input[name=purpose][value=verification]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".identity").count() == 1
    assert_no_axe_violations(page, axe_script, "record with names")
