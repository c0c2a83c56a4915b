"""A CSO coordinator uploads their organisation's XLSForm; members and everyone else may not,
and nobody uploads for an organisation they do not coordinate."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.models import Survey
from evidence.tests.access_surveys import tiny_xlsform


def post(client: Any, organisation: Any, form_id: str = "tiny_form") -> Any:
    return client.post("/evidence/surveys/new/", {
        "organisation": organisation.pk, "xlsform": tiny_xlsform(form_id),
        "purpose_th": "เพื่อทดสอบ", "purpose_en": "For a test", "retention_days": "400"})


def test_the_coordinator_uploads_a_survey(client: Any, world: Any) -> None:
    coordinator = world.people["cso_coordinator"]
    world.login(client, "cso_coordinator")
    assert client.get("/evidence/surveys/new/").status_code == 200
    response = post(client, world.org)
    survey = Survey.objects.get(organisation=world.org)
    assert response.status_code == 302 and response["Location"] == f"/evidence/surveys/{survey.slug}/"
    assert survey.slug == "tiny_form" and survey.form_id == "tiny_form" and survey.version == "1"
    assert survey.created_by == coordinator and survey.retention_days == 400
    assert not survey.is_default and survey.xlsform.name.endswith(".xlsx")
    # The same form again gets its own address.
    post(client, world.org)
    assert Survey.objects.filter(organisation=world.org).count() == 2

    client.logout()
    client.cookies["klang_language"] = "en"
    page = client.get(f"/evidence/surveys/{survey.slug}/").content.decode()
    assert "อายุ" in page and "Age" in page and "For a test" in page
    download = client.get(f"/evidence/surveys/{survey.slug}/xlsform/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")
    assert survey.title_th in client.get("/evidence/surveys/").content.decode()


@pytest.mark.parametrize("role", ["cso_member", "working_group", "provincial_officer", "dpo",
                                  "administrator", "citizen"])
def test_others_cannot_upload(client: Any, world: Any, role: str) -> None:
    world.login(client, role)
    assert post(client, world.org).status_code == 403
    assert not Survey.objects.filter(organisation__isnull=False).exists()


def test_anonymous_people_are_sent_to_log_in(client: Any, world: Any) -> None:
    response = post(client, world.org)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Survey.objects.filter(organisation__isnull=False).exists()


def test_not_for_an_organisation_one_does_not_coordinate(client: Any, world: Any) -> None:
    world.login(client, "cso_coordinator")
    response = post(client, world.other_org)
    assert response.status_code == 400
    assert not Survey.objects.filter(organisation=world.other_org).exists()
