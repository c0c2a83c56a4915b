"""A citizen signs up with e-mail, name and password, and is logged in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import RoleGrant, User

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "New.Person@Example.org",
    "full_name": "สมหญิง ใจดี",
    "password1": "rice-fields-at-dawn-2569",
    "password2": "rice-fields-at-dawn-2569",
}


def test_the_form_is_labelled_and_hints_autocomplete(client: Any) -> None:
    html = client.get(reverse("accounts:register")).content.decode()
    for field in ("email", "full_name", "password1", "password2"):
        assert f'<label for="id_{field}"' in html
    assert re.search(r'<input[^>]*autocomplete="email"[^>]*id="id_email"', html)
    assert re.search(r'<input[^>]*autocomplete="new-password"[^>]*id="id_password1"', html)
    # Help text is read with its input.
    assert re.search(r'<input[^>]*aria-describedby="id_password1_helptext"', html)


def test_sign_up_logs_in_and_goes_home(client: Any) -> None:
    response = client.post(reverse("accounts:register"), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    user = User.objects.get(email="new.person@example.org")
    assert user.full_name == "สมหญิง ใจดี"
    assert user.check_password(GOOD["password1"])
    assert not user.is_staff and not user.is_superuser
    assert not RoleGrant.objects.filter(user=user).exists()  # a citizen needs no grant
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_address_already_used_in_any_case_is_refused(client: Any, world: Any) -> None:
    response = client.post(reverse("accounts:register"), {**GOOD, "email": "CITIZEN@example.org"})
    assert response.status_code == 400
    assert "มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว" in response.context["form"].errors["email"][0]
    assert User.objects.filter(email__iexact="citizen@example.org").count() == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"password2": "something-else-entirely"}, "password2"),
    ({"password1": "short", "password2": "short"}, "password2"),
    ({"password1": "password123", "password2": "password123"}, "password2"),
    ({"password1": "1234567890123", "password2": "1234567890123"}, "password2"),
    ({"email": "not an address"}, "email"),
    ({"full_name": ""}, "full_name"),
])
def test_invalid_input_is_refused_and_nothing_saved(client: Any, change: dict[str, str],
                                                     field: str) -> None:
    response = client.post(reverse("accounts:register"), {**GOOD, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert not User.objects.filter(email__iexact=GOOD["email"]).exists()
    assert "_auth_user_id" not in client.session


def test_a_logged_in_person_is_sent_home(client: Any, world: Any) -> None:
    world.login(client, "citizen")
    response = client.get(reverse("accounts:register"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
