"""axe-core finds no WCAG 2.1 A/AA violation on the indicators, index and scenario pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from indicators.tests.helpers import make_scenario

    last = make_scenario(world, year=2568, envelope=80_000_000)
    this = make_scenario(world, year=2569)
    return {"last": last, "this": this}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("list", lambda s: "/indicators/", "th", "anonymous"),
    ("detail", lambda s: "/indicators/t-health/?in=51", "en", "anonymous"),
    ("import", lambda s: "/indicators/import/", "th", "provincial_officer"),
    ("index-list", lambda s: "/indicators/indices/", "th", "anonymous"),
    ("index-new", lambda s: "/indicators/indices/new/", "en", "provincial_officer"),
    ("index-detail", lambda s: f"/indicators/indices/{s['this'].index_id}/", "th",
     "anonymous"),
    ("scenario-list", lambda s: "/indicators/scenarios/", "en", "provincial_officer"),
    ("scenario-new", lambda s: "/indicators/scenarios/new/", "th", "provincial_officer"),
    ("scenario-detail", lambda s: f"/indicators/scenarios/{s['this'].pk}/", "th",
     "anonymous"),
    ("scenario-compare",
     lambda s: f"/indicators/scenarios/compare/?a={s['last'].pk}&b={s['this'].pk}", "en",
     "anonymous"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_scenario_form_with_errors_and_a_preview(axe_script: Any,  # noqa: F811
                                                     context: Any, live_server: Any,
                                                     world: Any) -> None:
    s = story(world)
    log_in_context(context, live_server, world.people["provincial_officer"])
    page = context.new_page()
    page.goto("/indicators/scenarios/new/")
    page.locator("main form button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "scenario form after a failed submission")
    page.fill("#id_name", "ทดลอง")
    page.select_option("#id_index", str(s["this"].index_id))
    page.fill("#id_year", "2570")
    page.fill("#id_envelope", "90,000,000")
    page.locator("main form button[value=preview]").click()
    page.wait_for_load_state()
    assert page.locator("#preview-heading").count() == 1
    assert_no_axe_violations(page, axe_script, "scenario preview")
