"""axe-core finds no WCAG 2.1 A/AA violation on the planning pulse pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from needs.tests.helpers import make_need
    from planning.tests.pulse_helpers import load_calendar

    load_calendar()
    return {"need": make_need(world, area="510401")}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("pulse", lambda s: "/plan/pulse/51/", "th", "anonymous"),
    ("pulse-follower", lambda s: "/plan/pulse/51/", "en", "provincial_officer"),
    ("pulse-district", lambda s: "/plan/pulse/5104/", "th", "cso_coordinator"),
    ("dates", lambda s: "/plan/pulse/51/province-annual/2571/dates/", "en",
     "provincial_officer"),
    ("need-next-step", lambda s: f"/needs/{s['need'].pk}/", "en", "anonymous"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")
