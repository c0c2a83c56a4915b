"""A developer reads committees, their seats, holders and vacancies from the API."""

from __future__ import annotations

from typing import Any

import pytest

from committee.tests.helpers import lamphun_committee, make_body, make_nomination

pytestmark = pytest.mark.django_db


def test_list_filters_by_area_below_and_kind(client: Any, world: Any) -> None:
    body = lamphun_committee(world, filled=2, vacant=1)
    district = make_body(world, area=world.lamphun.__class__.objects.get(code="5104"))
    district.kind = "district"
    district.save()
    make_body(world, area=world.chiang_mai)

    found = client.get("/api/v1/bodies/?area=51").json()
    assert {row["id"] for row in found["results"]} == {body.pk, district.pk}
    assert found["count"] == 2
    row = next(r for r in found["results"] if r["id"] == body.pk)
    assert (row["cso_seats"], row["cso_seats_filled"], row["cso_seats_min"],
            row["cso_seats_max"]) == (3, 2, 4, 12)
    assert "disability" in {g["slug"] for g in row["groups_without_representation"]}
    assert row["url"] == f"/committee/bodies/{body.pk}/composition/"

    provincial = client.get("/api/v1/bodies/?area=51&kind=provincial").json()
    assert [r["id"] for r in provincial["results"]] == [body.pk]


def test_bad_filters_answer_with_a_reason(client: Any, world: Any) -> None:
    bad_kind = client.get("/api/v1/bodies/?kind=parliament")
    assert bad_kind.status_code == 400
    assert bad_kind.json()["detail"][0]["field"] == "kind"
    assert client.get("/api/v1/bodies/?area=99").status_code == 404


def test_one_body_has_seats_holders_and_vacancies(client: Any, world: Any) -> None:
    body = lamphun_committee(world, filled=1, vacant=2)
    seat = body.seats.get(title="ผู้แทนภาคประชาสังคม ด้านคนพิการ")
    make_nomination(world, seat, candidate="นายผู้สมัคร ลับ")
    response = client.get(f"/api/v1/bodies/{body.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert len(data["seats"]) == 4
    governor = next(s for s in data["seats"] if s["category"] == "ex_officio")
    assert governor["holder"]["name"] == "ผู้ว่าราชการจังหวัดลำพูน"
    disability = next(s for s in data["seats"] if s["id"] == seat.pk)
    assert disability["vacant"] and disability["holder"] is None
    assert disability["target_groups"] == ["disability"]
    assert disability["open_for_nomination"] and disability["pending_nominations"] == 1
    assert seat.pk in data["vacancies"] and len(data["vacancies"]) == 2
    assert "นายผู้สมัคร ลับ" not in response.content.decode()


def test_an_unknown_body_is_not_found(client: Any, world: Any) -> None:
    assert client.get("/api/v1/bodies/999999/").status_code == 404
