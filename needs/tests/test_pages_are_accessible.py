"""axe-core finds no WCAG 2.1 A/AA violation on the needs pages, forms with errors included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from needs.tests.helpers import add_figure, make_forum, make_need, make_sensitive_need

    forum = make_forum(world)
    need = make_need(world, org=world.org, forums=[forum], groups=["disability"],
                     raised_by=world.people["citizen"], people_affected=40)
    add_figure(need)
    other = make_need(world, title="ทางลาดที่ว่าการอำเภอ", status="accepted")
    make_sensitive_need(world)
    return {"need": need, "other": other}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("list", lambda s: "/needs/", "th", "anonymous"),
    ("list-en", lambda s: "/needs/?area=51", "en", "working_group"),
    ("detail", lambda s: f"/needs/{s['need'].pk}/", "th", "anonymous"),
    ("detail-working-group", lambda s: f"/needs/{s['need'].pk}/", "en", "working_group"),
    ("raise", lambda s: "/needs/new/", "th", "cso_member"),
    ("queue", lambda s: "/needs/queue/51/", "th", "working_group"),
    ("merge", lambda s: f"/needs/merge/?need={s['need'].pk}&need={s['other'].pk}", "th",
     "working_group"),
    ("synthesise", lambda s: f"/needs/synthesise/?need={s['need'].pk}&need={s['other'].pk}",
     "th", "working_group"),
    ("split", lambda s: f"/needs/{s['need'].pk}/split/", "th", "working_group"),
    ("screen", lambda s: f"/needs/{s['need'].pk}/screen/", "en", "working_group"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_raise_form_with_errors_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                          context: Any,  # noqa: F811
                                                          live_server: Any,
                                                          world: Any) -> None:
    log_in_context(context, live_server, world.people["citizen"])
    page = context.new_page()
    page.goto("/needs/new/")
    page.fill("#id_title", "ทดสอบ")
    page.fill("#id_area", "5199")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "raise form after a failed submission")
