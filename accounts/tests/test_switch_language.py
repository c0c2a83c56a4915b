"""Thai by default; a person may switch to English, and the choice is remembered."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def html_lang(response: Any) -> str:
    text = response.content.decode()
    start = text.index("<html lang=\"") + len("<html lang=\"")
    return text[start:text.index("\"", start)]


def test_the_default_is_thai(client: Any) -> None:
    response = client.get(reverse("accounts:login"))
    assert html_lang(response) == "th"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # The switch offers English.
    assert 'name="language" value="en"' in response.content.decode()


def test_switch_to_english_and_it_is_remembered(client: Any) -> None:
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response["Location"] == login
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    page = client.get(login)
    assert html_lang(page) == "en"
    html = page.content.decode()
    assert "Forgotten your password?" in html
    assert 'name="language" value="th"' in html

    # Still English on the next page, with no further choice made.
    assert html_lang(client.get(reverse("accounts:register"))) == "en"


def test_switch_back_to_thai(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert html_lang(client.get(reverse("accounts:login"))) == "th"


def test_an_unknown_language_is_ignored(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert html_lang(client.get(reverse("accounts:login"))) == "th"


def test_an_english_browser_still_gets_thai_until_the_person_switches(client: Any) -> None:
    # Many Thai phones are set to English; pages stay Thai unless English is chosen.
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(page) == "th"
