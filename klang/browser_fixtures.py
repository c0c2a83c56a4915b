"""Browser fixtures shared by every app: Debian's Chromium, driven by Playwright, against the
live server.

Chromium is never downloaded (no ``playwright install``): the tests use /usr/bin/chromium, which
``.ci/run`` installs with apt when it is missing. Without it the browser tests are skipped, unless
KLANG_REQUIRE_BROWSER=1 (set by CI), in which case they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("KLANG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Playwright waits at most this long for a page or an element (milliseconds).
TIMEOUT_MS = 15_000


def browser_required() -> bool:
    return os.environ.get("KLANG_REQUIRE_BROWSER", "") == "1"


def unavailable(reason: str) -> None:
    """Skip, or fail where CI requires the browser tests to run."""
    if browser_required():
        pytest.fail(f"{reason} (KLANG_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium package to run the "
                    "browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements-dev.lock
        unavailable("the playwright package is not installed (make install-dev)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser profile (no cookies) for each test, as a Thai reader's browser."""
    context = browser.new_context(base_url=live_server.url, locale="th-TH",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def browsers(browser: Any, live_server: Any) -> Iterator[Any]:
    """Several people at once, each in a fresh browser profile (see portal.tests.browser)."""
    from portal.tests.browser import Browsers

    opened = Browsers(browser, live_server)
    try:
        yield opened
    finally:
        opened.close()
