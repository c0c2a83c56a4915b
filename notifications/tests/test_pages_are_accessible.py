"""axe-core finds no WCAG 2.1 A/AA violation on the notification pages, errors included."""

from __future__ import annotations

from typing import Any

import pytest

from portal.tests.browser import log_in_context, set_language
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def fill_inbox(world: Any) -> None:
    from django.utils import timezone

    from notifications.models import Kind, Notification

    citizen = world.people["citizen"]
    Notification.objects.create(user=citizen, kind=Kind.PROPOSAL_STATE,
                                title="ศูนย์ข้อมูลคนพิการ: อยู่ระหว่างการพิจารณาของคณะกรรมการ",
                                body="เหตุผล: ข้อมูลครบ\nเสนอเข้าที่ประชุม 4/2568",
                                url="/proposals/1/")
    Notification.objects.create(user=citizen, kind=Kind.UPCOMING_FORUM,
                                title="เวทีประชาคมอำเภอลี้", url="/forums/1/",
                                read_at=timezone.now())


@pytest.mark.parametrize(("path", "language"), [
    ("/notifications/", "th"), ("/notifications/", "en"),
    ("/notifications/settings/", "th"), ("/notifications/settings/", "en"),
])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: str,
                                    language: str) -> None:
    fill_inbox(world)
    set_language(context, live_server, language)
    log_in_context(context, live_server, world.people["citizen"])
    page = context.new_page()
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    assert_no_axe_violations(page, axe_script, f"{path} ({language})")


def test_the_settings_form_with_errors_has_no_axe_violations(axe_script: Any,  # noqa: F811
                                                             context: Any,  # noqa: F811
                                                             live_server: Any,
                                                             world: Any) -> None:
    log_in_context(context, live_server, world.people["citizen"])
    page = context.new_page()
    page.goto("/notifications/settings/")
    page.check("#id_by_line")
    page.fill("#id_line_user_id", "@klang-lamphun")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .errorlist").count() > 0
    assert_no_axe_violations(page, axe_script, "notification settings after a failed save")
