"""A person creates, lists and revokes their own API tokens."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(world: Any, client: Any) -> Any:
    client.force_login(world.people["cso_coordinator"])
    return world.people["cso_coordinator"]


def test_anonymous_is_sent_to_log_in(client: Any, world: Any) -> None:
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_page_has_a_labelled_form(client: Any, person: Any) -> None:
    client.cookies["klang_language"] = "en"
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_name"' in html
    assert "You have no tokens yet." in html


def test_new_key_is_shown_once_and_works(client: Any, person: Any) -> None:
    response = client.post(reverse("accounts:tokens"), {"name": "survey import"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = re.search(r'value="(klang_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=person)
    assert token.name == "survey import" and ApiToken.hash(key) == token.digest
    assert ApiToken.authenticate(key) == person

    again = client.get(reverse("accounts:tokens")).content.decode()
    assert key not in again
    assert "survey import" in again and token.prefix in again

    api = client.__class__()  # no session: the token alone
    created = api.post("/api/v1/organisations/", data=json.dumps(
        {"name_th": "กลุ่มทดสอบโทเค็น", "home_area": "51"}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}")
    assert created.status_code == 201


def test_token_needs_a_name(client: Any, person: Any) -> None:
    response = client.post(reverse("accounts:tokens"), {"name": "   "})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_lists_only_own_tokens(client: Any, person: Any, world: Any) -> None:
    ApiToken.issue(person, "mine")
    ApiToken.issue(world.people["citizen"], "someone else's")
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "mine" in html and "someone else" not in html


def test_revoke_own_token(client: Any, person: Any) -> None:
    token, key = ApiToken.issue(person, "old script")
    response = client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiToken.authenticate(key) is None


def test_revoke_needs_post(client: Any, person: Any) -> None:
    token, _key = ApiToken.issue(person, "old script")
    assert client.get(reverse("accounts:revoke_token", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_another_persons_token_is_404(client: Any, person: Any, world: Any) -> None:
    token, key = ApiToken.issue(world.people["citizen"], "theirs")
    response = client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    assert ApiToken.authenticate(key) == world.people["citizen"]
