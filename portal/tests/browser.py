"""Helpers for the browser tests (the fixtures are in klang/browser_fixtures.py)."""

from __future__ import annotations

from typing import Any

from conftest import PASSWORD
from klang.browser_fixtures import TIMEOUT_MS


def log_in_context(context: Any, live_server: Any, user: Any) -> None:
    """Give the browser a session for ``user`` without going through the login form."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])


def set_language(context: Any, live_server: Any, language: str) -> None:
    from django.conf import settings

    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                          "url": live_server.url}])


def open_as(context: Any, live_server: Any, world: Any, url: str, language: str,
            role: str) -> Any:
    """A new page showing ``url`` in ``language`` to the world's person in ``role`` (or to an
    anonymous visitor); fails unless the server answers 200."""
    set_language(context, live_server, language)
    if role != "anonymous":
        log_in_context(context, live_server, world.people[role])
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page


def submit(page: Any, form: Any) -> Any:
    """Click the form's submit button and wait for the page it leads to; fail with the page's
    text when the server answers anything but success (a form with errors answers 400)."""
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").last.click()
    response = navigation.value
    assert response is not None and response.ok, (
        f"{response.status if response else '?'} at {page.url}:\n"
        + page.locator("main").inner_text()[:3000])
    return response


def switch_to_english(page: Any) -> None:
    from playwright.sync_api import expect

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


class Browsers:
    """Fresh browser profiles on the live server, one per person, closed at the end."""

    def __init__(self, browser: Any, live_server: Any) -> None:
        self.browser, self.live_server = browser, live_server
        self.contexts: list[Any] = []

    def fresh_page(self) -> Any:
        context = self.browser.new_context(base_url=self.live_server.url, locale="th-TH",
                                           viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        return context.new_page()

    def visitor(self) -> Any:
        """Someone who is not logged in, reading in English."""
        page = self.fresh_page()
        page.goto("/")
        switch_to_english(page)
        return page

    def log_in(self, person: Any) -> Any:
        """A fresh browser in which ``person`` logs in through the login form."""
        from playwright.sync_api import expect

        page = self.fresh_page()
        page.goto("/accounts/login/")
        switch_to_english(page)
        login = page.locator("form:has(input[name=password])")
        login.locator("input[name=username]").fill(person.email)
        login.locator("input[name=password]").fill(PASSWORD)
        submit(page, login)
        expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(1)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
