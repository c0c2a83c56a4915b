"""After five wrong passwords, logging in to that account from that address is paused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client: Any, email: str, password: str, ip: str = "203.0.113.7") -> Any:
    return client.post(reverse("accounts:login"), {"username": email, "password": password},
                       REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_out_even_the_right_one(client: Any, world: Any) -> None:
    for _ in range(4):
        assert attempt(client, "citizen@example.org", "wrong-password").status_code == 200
    # The fifth failure itself is answered with the lockout page.
    assert attempt(client, "citizen@example.org", "wrong-password").status_code == 429
    response = attempt(client, "citizen@example.org", PASSWORD)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert reverse("accounts:password_reset") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_changing_the_case_of_the_address_does_not_buy_more_tries(client: Any,
                                                                  world: Any) -> None:
    for email in ["citizen@example.org", "Citizen@example.org", "CITIZEN@example.org",
                  "citizen@EXAMPLE.org", "cItIzEn@example.org"]:
        attempt(client, email, "wrong-password")
    assert attempt(client, "Citizen@Example.Org", PASSWORD).status_code == 429


def test_another_account_from_the_same_address_is_not_locked(client: Any, world: Any) -> None:
    for _ in range(5):
        attempt(client, "citizen@example.org", "wrong-password")
    response = attempt(client, "funder@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.people["funder"].pk)


def test_the_same_account_from_another_address_is_not_locked(client: Any, world: Any) -> None:
    for _ in range(5):
        attempt(client, "citizen@example.org", "wrong-password", ip="203.0.113.7")
    response = attempt(client, "citizen@example.org", PASSWORD, ip="198.51.100.9")
    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client: Any, world: Any) -> None:
    for _ in range(4):
        attempt(client, "citizen@example.org", "wrong-password")
    assert attempt(client, "citizen@example.org", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        attempt(client, "citizen@example.org", "wrong-password")
    assert attempt(client, "citizen@example.org", PASSWORD).status_code == 302
