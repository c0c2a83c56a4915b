"""A citizen logs in through the real login form and finds an organisation in the directory."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def submit(form: Any) -> None:
    """Click the form's submit button (a <button> without a type submits too)."""
    form.locator("button:not([type=button]):not([type=reset]), input[type=submit]").first.click()


def test_a_citizen_logs_in_and_finds_an_organisation(page: Any, world: Any) -> None:
    from playwright.sync_api import expect

    citizen = world.people["citizen"]
    page.goto("/accounts/login/")
    login = page.locator("form:has(input[name=password])")
    login.locator("input[name=username]").fill(citizen.email)
    login.locator("input[name=password]").fill(PASSWORD)
    submit(login)
    # Logged in: the header now offers the log-out button instead of the log-in link.
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(1)
    expect(page.locator("header a[href='/accounts/login/']")).to_have_count(0)

    page.locator("header nav a[href='/organisations/']").click()
    expect(page).to_have_url(re.compile(r"/organisations/(\?.*)?$"))
    search = page.locator("form:has(input[name=q])")
    search.locator("input[name=q]").fill("คนพิการ")  # part of "สมาคมคนพิการจังหวัดลำพูน"
    submit(search)
    expect(page).to_have_url(re.compile(r"/organisations/\?(.*&)?q="))

    main = page.locator("main")
    found = main.locator(f"a[href='/organisations/{world.org.pk}/']")
    expect(found.first).to_be_visible()
    expect(main.locator(f"a[href='/organisations/{world.other_org.pk}/']")).to_have_count(0)
    expect(main).not_to_contain_text(world.other_org.name_th)

    found.first.click()
    expect(page).to_have_url(re.compile(rf"/organisations/{world.org.pk}/$"))
    expect(page.locator("h1")).to_contain_text(world.org.name_th)


def test_the_language_button_switches_the_page_to_english(page: Any, areas: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    # The choice sticks: the next page is English too, and offers the way back to Thai.
    page.goto("/organisations/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="ภาษาไทย")).to_be_visible()
