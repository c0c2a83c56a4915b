"""axe-core finds no WCAG 2.1 A/AA violation on the budget pages, the import report included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from portal.tests.browser import log_in_context, open_as
from portal.tests.test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401

pytestmark = pytest.mark.browser


def story(world: Any) -> dict[str, Any]:
    from budget.tests.helpers import make_line

    make_line("5101", project="ก่อสร้างถนนคอนกรีต", amount="7000000",
              budget_class="infrastructure", confirmed=True)
    older = make_line("5104", project="ส่งเสริมอาชีพผู้สูงอายุ", amount="3000000",
                      budget_class="quality-of-life", groups=("older-people",))
    make_line("51", project="ปีก่อน", amount="9000000", fiscal_year=2568,
              budget_class="quality-of-life")
    return {"line": older}


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], str, str]] = [
    ("index", lambda s: "/budget/", "th", "anonymous"),
    ("province", lambda s: "/budget/51/2569/", "th", "anonymous"),
    ("province-en", lambda s: "/budget/51/2569/", "en", "provincial_officer"),
    ("lines", lambda s: "/budget/51/2569/lines/?class=quality-of-life", "th", "anonymous"),
    ("line", lambda s: f"/budget/lines/{s['line'].pk}/", "th", "provincial_officer"),
    ("edit", lambda s: f"/budget/lines/{s['line'].pk}/edit/", "th", "provincial_officer"),
    ("classify", lambda s: "/budget/51/2569/classify/", "en", "provincial_officer"),
    ("import", lambda s: "/budget/import/", "th", "provincial_officer"),
]


@pytest.mark.parametrize(("path", "language", "role"), [p[1:] for p in PAGES],
                         ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                    live_server: Any, world: Any, path: Any, language: str,
                                    role: str) -> None:
    url = path(story(world))
    page = open_as(context, live_server, world, url, language, role)
    assert_no_axe_violations(page, axe_script, f"{url} ({language}, {role})")


def test_the_import_report_has_no_axe_violations(axe_script: Any, context: Any,  # noqa: F811
                                                 live_server: Any, world: Any,
                                                 tmp_path: Any) -> None:
    from budget.tests.helpers import xlsx_bytes

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx_bytes([[2569, "", "ถนน", "อบจ.", "1.250.000", "งบจังหวัด", "5199", "",
                                 ""]]))
    log_in_context(context, live_server, world.people["provincial_officer"])
    page = context.new_page()
    page.goto("/budget/import/")
    page.set_input_files("#id_file", str(bad))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main table caption").count() == 1
    assert_no_axe_violations(page, axe_script, "import report with problems")
