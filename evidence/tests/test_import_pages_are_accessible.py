"""axe-core finds no WCAG 2.1 A/AA violation on the import pages (list, upload form, a job with
its problem report, correcting a quarantined row)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, set_language
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from evidence.tests.access_imports import job, quarantined

    return {"job": job(world), "quarantined": quarantined(world)}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str]] = [
    ("list", lambda s: "/evidence/imports/", "th"),
    ("new", lambda s: "/evidence/imports/new/", "th"),
    ("job", lambda s: f"/evidence/imports/{s['job'].pk}/", "en"),
    ("correct", lambda s: s["quarantined"], "th"),
]


@pytest.mark.parametrize(("path", "language"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_import_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                           live_server: Any, world: Any, path: Any,
                                           language: str) -> None:
    url = path(story(world))
    set_language(context, live_server, language)
    log_in_context(context, live_server, world.people["cso_member"])
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert_no_axe_violations(page, axe_script, f"{url} ({language})")
