"""axe-core finds no WCAG 2.1 A/AA violation on the verification, area-review and index pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    # Browser tests flush the database: the seeded definitions come back from the data file.
    from evidence.indices import shipped_definitions
    from evidence.models import IndexDefinition
    from evidence.tests.access_verification import make_household

    for row in shipped_definitions():
        IndexDefinition.objects.get_or_create(kind=row["kind"], version=row["version"], defaults={
            "name_th": row["name_th"], "name_en": row["name_en"],
            "description_th": row["description_th"], "description_en": row["description_en"],
            "config": {**row["config"], "sources": row["sources"]}})
    household = make_household(world, entered_by=world.people["cso_coordinator"],
                               deprivations=(1 << 15) | 1, flags=1, card=True)
    for _ in range(6):
        make_household(world, status="verified", deprivations=1 << 4)
    make_household(world, status="draft", entered_by=world.people["cso_member"])
    return {"household": household}


PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str], str, str]] = [
    ("queue", lambda s, w: f"/evidence/verification/organisation/{w.org.pk}/", "th",
     "cso_member"),
    ("verify", lambda s, w: f"/evidence/verification/household/{s['household'].pseudonym}/",
     "en", "cso_member"),
    ("area-review", lambda s, w: "/evidence/review/51/", "th", "working_group"),
    ("indices", lambda s, w: "/evidence/indices/", "th", "anonymous"),
    ("index", lambda s, w: "/evidence/indices/mpi-1/", "en", "anonymous"),
    ("new-mpi", lambda s, w: "/evidence/indices/mpi/new/", "th", "administrator"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world), world)
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")
