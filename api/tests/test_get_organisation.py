"""Someone opens one organisation's public profile through the API."""

from __future__ import annotations

from typing import Any

import pytest

from orgs.models import Contact, Organisation

pytestmark = pytest.mark.django_db


def test_detail_has_profile_areas_and_networks(client: Any, world: Any) -> None:
    world.org.description = "ดูแลสิทธิคนพิการ"
    world.org.website = "https://example.org"
    world.org.save()
    world.org.networks.set([world.other_org])
    response = client.get(f"/api/v1/organisations/{world.org.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "ดูแลสิทธิคนพิการ"
    assert body["website"] == "https://example.org"
    assert [a["code"] for a in body["areas"]] == ["51"]
    assert body["networks"] == [{"id": world.other_org.pk, "name_th": world.other_org.name_th,
                                 "url": f"/organisations/{world.other_org.pk}/"}]


def test_only_public_contacts(client: Any, world: Any) -> None:
    Contact.objects.create(organisation=world.org, name="ผู้ประสานงานสาธารณะ",
                           phone="053000000", is_public=True)
    Contact.objects.create(organisation=world.org, name="คนที่ไม่ยินยอม",
                           phone="0899999999", email="private@example.org")
    body = client.get(f"/api/v1/organisations/{world.org.pk}/")
    text = body.content.decode()
    assert [c["name"] for c in body.json()["contacts"]] == ["ผู้ประสานงานสาธารณะ"]
    assert "0899999999" not in text and "private@example.org" not in text


def test_never_lists_members(client: Any, world: Any) -> None:
    text = client.get(f"/api/v1/organisations/{world.org.pk}/").content.decode()
    assert "@example.org" not in text
    assert "cso_member" not in text


def test_without_trailing_slash(client: Any, world: Any) -> None:
    response = client.get(f"/api/v1/organisations/{world.org.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == world.org.pk


def test_unknown_organisation_is_404(client: Any, world: Any) -> None:
    missing = (Organisation.objects.order_by("-pk").values_list("pk", flat=True).first()) + 1
    response = client.get(f"/api/v1/organisations/{missing}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": f"Unknown organisation: {missing}"}
