"""axe-core finds no WCAG 2.1 A/AA violation on the forum pages, forms with errors included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from forums.models import ForumFile
    from forums.services import add_file, add_participant
    from forums.tests.helpers import make_forum, pdf_upload, png_upload
    from orgs.models import TargetGroup

    # Browser tests flush the database, and the target groups with it.
    TargetGroup.objects.get_or_create(slug="disability", defaults={
        "name_th": "คนพิการ", "name_en": "People with disabilities"})
    past = make_forum(world, days=-2, agenda="1. เปิดเวที\n2. ระดมปัญหา", minutes="สรุป",
                      attendance_by_organisation={world.org: 30, "กลุ่มแม่บ้าน": 12},
                      attendance_by_group={"disability": 12})
    add_participant(past, "นางบัวผัน ใจดี", "สมาคมคนพิการ", world.people["cso_member"])
    add_file(past, ForumFile.Kind.PHOTO, "บรรยากาศ", png_upload(), "image/png", None)
    add_file(past, ForumFile.Kind.DOCUMENT, "รายงาน", pdf_upload(), "application/pdf", None)
    make_forum(world, days=3, area="5104", online_url="https://meet.example.org/li")
    return {"forum": past}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("list", lambda s: "/forums/", "th", "anonymous"),
    ("list-en", lambda s: "/forums/?area=51", "en", "cso_member"),
    ("detail", lambda s: f"/forums/{s['forum'].pk}/", "th", "anonymous"),
    ("detail-organiser", lambda s: f"/forums/{s['forum'].pk}/", "en", "cso_member"),
    ("create", lambda s: "/forums/new/", "th", "cso_member"),
    ("edit", lambda s: f"/forums/{s['forum'].pk}/edit/", "en", "provincial_officer"),
    ("participants", lambda s: f"/forums/{s['forum'].pk}/participants/", "th", "working_group"),
    ("upload", lambda s: f"/forums/{s['forum'].pk}/files/new/", "th", "cso_coordinator"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_forum_form_with_errors_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                          context: Any,  # noqa: F811
                                                          live_server: Any,
                                                          world: Any) -> None:
    log_in_context(context, live_server, world.people["cso_member"])
    page = context.new_page()
    page.goto("/forums/new/")
    page.fill("#id_title", "ทดสอบ")
    page.fill("#id_area", "5199")
    page.fill("#id_orgs-0-count", "4")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "forum form after a failed submission")


def test_the_participant_form_with_errors_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                                context: Any,  # noqa: F811
                                                                live_server: Any,
                                                                world: Any) -> None:
    forum = story(world)["forum"]
    log_in_context(context, live_server, world.people["cso_member"])
    page = context.new_page()
    page.goto(f"/forums/{forum.pk}/participants/")
    page.fill("#id_name", "นายทดสอบ")
    page.locator("main form.org-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "participant form after a failed submission")
