"""/api/v1/agreements/: agreements per area with parties, areas and commitments."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.services import change_status
from agreements.tests.helpers import make_agreement, make_commitment

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_area_and_words(client, world, areas):
    lamphun = make_agreement(world, title="Lamphun-wide MOU")
    li = make_agreement(world, title="Li water plan", areas=[areas.get(code="5104")])
    make_agreement(world, title="Chiang Mai MOU", areas=[world.chiang_mai], organisations=[])

    body = client.get("/api/v1/agreements/?area=51").json()
    assert body["count"] == 2 and body["next"] is None
    assert {row["id"] for row in body["results"]} == {lamphun.pk, li.pk}
    row = next(r for r in body["results"] if r["id"] == lamphun.pk)
    assert row["organisations"][0]["name_th"] == world.org.name_th
    assert row["parties"] == [{"name": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน",
                               "kind": "agency"}]
    assert [a["code"] for a in row["areas"]] == ["51"]
    assert row["url"] == f"/agreements/{lamphun.pk}/"

    body = client.get("/api/v1/agreements/?area=51&q=water").json()
    assert [r["id"] for r in body["results"]] == [li.pk]
    assert client.get("/api/v1/agreements/").json()["count"] == 3


def test_from_and_to_keep_agreements_with_commitments_due_then(client, world):
    soon = make_agreement(world, title="Soon")
    later = make_agreement(world, title="Later")
    make_agreement(world, title="Nothing due")
    make_commitment(world, soon, due_date=dt.date(2026, 1, 15))
    make_commitment(world, later, due_date=dt.date(2026, 6, 1))

    ids = [r["id"] for r in client.get(
        "/api/v1/agreements/?from=2026-01-01&to=2026-01-31").json()["results"]]
    assert ids == [soon.pk]
    ids = {r["id"] for r in client.get("/api/v1/agreements/?from=2026-01-01").json()["results"]}
    assert ids == {soon.pk, later.pk}


def test_one_agreement_with_its_commitments(client, world):
    commitment = make_commitment(world)
    change_status(commitment, "in_progress", "Two of eight offices surveyed.",
                  world.people["provincial_officer"])
    agreement = commitment.agreement
    body = client.get(f"/api/v1/agreements/{agreement.pk}/").json()
    assert body["title"] == agreement.title and body["scope"] == agreement.scope
    assert body["kind"] == "mou" and body["starts_on"] == "2025-08-01"
    assert body["commitment_count"] == 1
    assert body["commitments"] == [{
        "id": commitment.pk, "title": commitment.title, "responsible": commitment.responsible,
        "due_date": "2026-03-31", "status": "in_progress", "status_label": "In progress",
        "status_note": "Two of eight offices surveyed.",
        "url": f"/agreements/{agreement.pk}/#commitment-{commitment.pk}"}]


def test_bad_input_answers_with_field_errors(client, world):
    response = client.get("/api/v1/agreements/?from=2026-02-31")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "from"
    response = client.get("/api/v1/agreements/?from=2026-03-01&to=2026-02-01")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "to"
    assert client.get("/api/v1/agreements/?area=9999").status_code == 404
    assert client.get("/api/v1/agreements/999999/").status_code == 404
