"""A person chooses how often Klang tells them, and whether by e-mail or on LINE."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import Frequency, Preference

pytestmark = pytest.mark.django_db

LINE_ID = "U4af4980629" + "0" * 16 + "abcdef"  # "U" and 32 hexadecimal characters


def test_the_defaults_are_at_once_by_email(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    response = client.get("/notifications/settings/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="radio" name="frequency" value="immediate"' in html
    assert 'value="immediate" required id="id_frequency_0" checked' in html
    assert 'id="id_by_email" checked' in html
    # The frequency is a group of radio buttons with a legend; the channels have one too.
    assert html.count("<legend") == 2
    assert 'for="id_line_user_id"' in html
    assert not Preference.objects.filter(user=world.people["citizen"]).exists()


def test_choose_a_daily_digest_on_line(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    response = client.post("/notifications/settings/", {
        "frequency": "daily", "by_email": "on", "by_line": "on",
        "line_user_id": f"  {LINE_ID.upper().replace('U4AF', 'U4af')} ",
    })
    assert response.status_code == 302
    assert response["Location"] == "/notifications/settings/"
    preference = Preference.objects.get(user=world.people["citizen"])
    assert preference.frequency == Frequency.DAILY
    assert preference.by_email and preference.by_line
    assert preference.line_user_id == LINE_ID  # trimmed, hexadecimal in lower case

    page = client.get("/notifications/settings/")
    assert 'value="daily" required id="id_frequency_1" checked' in page.content.decode()


def test_stop_emails(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    client.post("/notifications/settings/", {"frequency": "never"})
    preference = Preference.objects.get(user=world.people["citizen"])
    assert preference.frequency == Frequency.NEVER
    assert not preference.by_email


@pytest.mark.parametrize("bad", [
    "@klang-lamphun",                    # the shareable LINE ID, not the user ID
    "U" + "0" * 31,                      # one character short
    "U" + "g" * 32,                      # not hexadecimal
    "X" + "0" * 32,                      # wrong first letter
])
def test_a_wrong_line_user_id_is_refused(client: Any, world: Any, bad: str) -> None:
    world.login(client, "citizen")
    response = client.post("/notifications/settings/", {
        "frequency": "immediate", "by_line": "on", "line_user_id": bad})
    assert response.status_code == 400
    assert "line_user_id" in response.context["form"].errors
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_line_user_id_error"' in html
    # The error is read out with the field.
    assert 'aria-describedby="id_line_user_id_helptext id_line_user_id_error"' in html
    assert not Preference.objects.filter(user=world.people["citizen"]).exists()


def test_line_needs_a_user_id(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    response = client.post("/notifications/settings/", {"frequency": "immediate",
                                                          "by_line": "on"})
    assert response.status_code == 400
    assert "line_user_id" in response.context["form"].errors
    assert not Preference.objects.exists()


def test_the_page_explains_in_plain_words(client: Any, world: Any, settings: Any) -> None:
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    world.login(client, "citizen")
    client.cookies["klang_language"] = "en"
    html = client.get("/notifications/settings/").content.decode()
    assert "Once a day: one summary of the day&#x27;s updates" in html
    assert "This is not the LINE ID you share with friends" in html
    assert "To citizen@example.org, the address you log in with." in html
    assert "LINE messages are not switched on for this site yet" in html


def test_anonymous_visitors_are_asked_to_log_in(client: Any, world: Any) -> None:
    response = client.post("/notifications/settings/", {"frequency": "never"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Preference.objects.exists()
