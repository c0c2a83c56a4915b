"""Someone looks up one planning area by its DOPA code."""

from __future__ import annotations

from typing import Any

import pytest

from areas.models import AreaAlias

pytestmark = pytest.mark.django_db


def test_51_is_lamphun(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/51/")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["name_th"], body["name_en"]) == ("51", "ลำพูน", "Lamphun")
    assert body["level"] == "province"
    assert body["parent"]["code"] == "G-01"
    assert len(body["children"]) == 8
    assert {"code": "5104", "level": "district", "name_th": "ลี้", "name_en": "Li"} in (
        body["children"])


def test_without_trailing_slash(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/51")
    assert response.status_code == 200
    assert response.json()["name_en"] == "Lamphun"


def test_subdistrict_has_its_lineage(client: Any, areas: Any) -> None:
    code = areas.filter(level="subdistrict", province__code="51").values_list(
        "code", flat=True).first()
    body = client.get(f"/api/v1/areas/{code}/").json()
    assert body["province_code"] == "51"
    assert body["district_code"] == code[:4]
    assert body["parent_code"] == code[:4]


def test_unknown_code_is_404_naming_it(client: Any, areas: Any) -> None:
    response = client.get("/api/v1/areas/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Unknown area code: 999999"}


def test_abolished_code_names_its_successor(client: Any, areas: Any) -> None:
    alias = AreaAlias.objects.filter(successors__isnull=False).order_by("code").first()
    successor = alias.successors.first()
    response = client.get(f"/api/v1/areas/{alias.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    body = response.json()
    assert "abolished" in body["detail"] and successor.code in body["detail"]
    assert successor.code in [s["code"] for s in body["successors"]]


def test_successor_lists_its_abolished_codes(client: Any, areas: Any) -> None:
    alias = AreaAlias.objects.filter(successors__isnull=False).order_by("code").first()
    successor = alias.successors.first()
    body = client.get(f"/api/v1/areas/{successor.code}/").json()
    assert alias.code in [a["code"] for a in body["aliases"]]
