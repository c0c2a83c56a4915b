"""axe-core finds no WCAG 2.1 A/AA violation on the statistics pages, the state-figure import
and the citation form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from evidence.tests.access_statistics import lamphun_evidence, public_need

    places = lamphun_evidence(world)
    return {"li": places["s1"].district.code, "need": public_need(world)}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("province", lambda s: "/evidence/statistics/51/", "th", "anonymous"),
    ("district-en", lambda s: f"/evidence/statistics/{s['li']}/?group=disability", "en",
     "working_group"),
    ("import", lambda s: "/evidence/statistics/state-figures/import/", "th",
     "provincial_officer"),
    ("cite", lambda s: f"/evidence/statistics/cite/need/{s['need'].pk}/?area=51", "en",
     "cso_member"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")
