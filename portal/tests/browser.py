"""Helpers for the browser tests (the fixtures are in klang/browser_fixtures.py)."""

from __future__ import annotations

from typing import Any


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
