"""Everyone outside the collecting organisation (and the DPO) is answered 404 on every page,
action, export and API URL of a household, and no name, phone or ID number is in any answer
they get; nothing is decrypted or changed for them."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from conftest import MATRIX_ROLES
from evidence.models import Household
from evidence.tests.access_privacy import SECRETS, make_household

pytestmark = pytest.mark.django_db

OUTSIDERS = [r for r in MATRIX_ROLES if r not in {"cso_member", "cso_coordinator", "dpo"}]


def requests_for(pseudonym: str) -> list[tuple[str, str, dict[str, str]]]:
    base = f"/evidence/households/{pseudonym}/"
    return [
        ("get", base, {}),
        ("post", base, {"purpose": "verification", "note": ""}),
        ("get", base + "correct/", {}),
        ("post", base + "correct/", {"reason": "x", "m1_age": "1"}),
        ("get", base + "withdraw/", {}),
        ("post", base + "withdraw/", {"withdrawn_on": "2025-07-01", "reason": "x"}),
        ("get", base + "export/", {}),
        ("post", base + "export/", {"reason": "x", "file_format": "json"}),
        ("get", base + "erase/", {}),
        ("post", base + "erase/", {"reason": "x", "confirm": pseudonym}),
        ("get", f"/api/v1/households/{pseudonym}/", {}),
    ]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_an_outsider_gets_404_and_no_personal_data(client: Any, world: Any, role: str) -> None:
    household = make_household(world)
    world.login(client, role)
    for method, url, data in requests_for(household.pseudonym):
        response = getattr(client, method)(url, data)
        expected = {401} if role == "anonymous" and url.startswith("/api/") else {404}
        assert response.status_code in expected, f"{method} {url} as {role}"
        body = response.content.decode(errors="replace")
        for secret in SECRETS:
            assert secret not in body, f"{method} {url} as {role} leaks {secret}"
    listed = client.get("/api/v1/households/")
    assert listed.status_code == (401 if role == "anonymous" else 200)
    assert household.pseudonym not in listed.content.decode()
    household.refresh_from_db()
    assert household.consent_withdrawn_at is None
    assert Household.objects.filter(pk=household.pk).exists()
    assert not AuditEvent.objects.filter(object_label=household.pseudonym).exists()


def test_a_member_of_another_organisation_is_an_outsider(client: Any, world: Any) -> None:
    household = make_household(world, org=world.other_org)
    world.login(client, "cso_coordinator")
    for method, url, data in requests_for(household.pseudonym):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, f"{method} {url}"
        for secret in SECRETS:
            assert secret not in response.content.decode(errors="replace")
    assert client.get("/api/v1/households/").json()["count"] == 0


def test_a_member_may_not_erase_but_is_told_403(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_coordinator")
    response = client.post(f"/evidence/households/{household.pseudonym}/erase/",
                           {"reason": "x", "confirm": household.pseudonym})
    assert response.status_code == 403
    assert Household.objects.filter(pk=household.pk).exists()
