"""A developer reads the API's OpenAPI schema and its docs page, offline."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_schema_has_every_path_with_tags_and_summaries(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    assert {"/api/v1/areas/", "/api/v1/areas/{code}/", "/api/v1/organisations/",
            "/api/v1/organisations/{org_id}/", "/api/v1/forums/", "/api/v1/needs/",
            "/api/v1/proposals/"} <= set(paths)
    assert set(paths["/api/v1/organisations/"]) == {"get", "post"}
    assert set(paths["/api/v1/organisations/{org_id}/"]) == {"get", "patch"}
    declared_tags = {tag["name"] for tag in schema["tags"]}
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["summary"], f"{method} {path} has no summary"
            assert len(operation["tags"]) == 1 and operation["tags"][0] in declared_tags, path
    list_params = {p["name"] for p in paths["/api/v1/organisations/"]["get"]["parameters"]}
    assert {"area", "target_group", "issue_area", "type", "q", "limit", "offset"} <= list_params


def test_writes_declare_bearer_auth(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    post = schema["paths"]["/api/v1/organisations/"]["post"]
    assert {"BearerToken": []} in post["security"]
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert "security" not in schema["paths"]["/api/v1/organisations/"]["get"]


def test_docs_page_uses_only_local_assets(client: Any) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by Klang itself"
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file"
    assert "cdn" not in html.lower()


def test_docs_page_calls_no_online_validator(client: Any) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert '"validatorUrl": null' in html
