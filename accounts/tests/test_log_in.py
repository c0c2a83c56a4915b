"""A person logs in with their e-mail address and password, and logs out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_thai_first_and_links_to_sign_up_and_reset(client: Any) -> None:
    page = client.get(reverse("accounts:login"))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="th">' in html
    assert reverse("accounts:register") in html
    assert reverse("accounts:password_reset") in html
    # Labelled inputs with the autocomplete hints password managers and screen readers use.
    assert re.search(r'<label for="id_username">อีเมล', html)
    assert re.search(r'<input[^>]*type="email"[^>]*autocomplete="email"[^>]*id="id_username"',
                     html)
    assert re.search(r'<input[^>]*autocomplete="current-password"[^>]*id="id_password"', html)


def test_log_in_with_email_in_any_case_and_go_home(client: Any, world: Any) -> None:
    response = client.post(reverse("accounts:login"),
                           {"username": "Citizen@Example.ORG", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(world.people["citizen"].pk)


def test_log_in_follows_a_safe_next_only(client: Any, world: Any) -> None:
    profile = reverse("accounts:profile")
    response = client.post(reverse("accounts:login"), {
        "username": "citizen@example.org", "password": PASSWORD, "next": profile,
    })
    assert response["Location"] == profile

    client.logout()
    response = client.post(reverse("accounts:login"), {
        "username": "citizen@example.org", "password": PASSWORD,
        "next": "https://evil.example.com/",
    })
    assert response["Location"] == reverse("portal:home")


def test_a_wrong_password_is_refused_with_a_linked_message(client: Any, world: Any) -> None:
    response = client.post(reverse("accounts:login"),
                           {"username": "citizen@example.org", "password": "wrong-password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in html
    assert "อีเมลหรือรหัสผ่านไม่ถูกต้อง" in html


def test_an_invalid_field_is_described_by_its_error(client: Any, world: Any) -> None:
    response = client.post(reverse("accounts:login"), {"username": "not-an-email",
                                                       "password": "x"})
    html = response.content.decode()
    assert 'id="id_username_error"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_username_error"',
                     html)


def test_an_inactive_account_cannot_log_in(client: Any, world: Any) -> None:
    citizen = world.people["citizen"]
    citizen.is_active = False
    citizen.save()
    client.post(reverse("accounts:login"),
                {"username": "citizen@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_log_out_is_a_post(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_profile_needs_a_login(client: Any) -> None:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_the_profile_shows_the_account_and_its_roles(client: Any, world: Any) -> None:
    world.login(client, "cso_coordinator")
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "cso-coordinator@example.org" in html
    assert "ผู้ประสานงานองค์กรภาคประชาสังคม" in html
    assert world.org.name_th in html
    assert reverse("accounts:password_change") in html
    assert reverse("accounts:tokens") in html


def test_change_password_then_log_in_with_it(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    new = "a-new-pass-phrase-2569"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new,
    })
    assert response["Location"] == reverse("accounts:password_change_done")
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": "citizen@example.org", "password": new})
    assert client.session["_auth_user_id"] == str(world.people["citizen"].pk)
