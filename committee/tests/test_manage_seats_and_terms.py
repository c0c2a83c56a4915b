"""The provincial officer creates seats, records and ends terms; bad input is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from committee.models import Seat, SeatTerm
from committee.tests.helpers import make_body, make_seat, make_term

pytestmark = pytest.mark.django_db


def new_seat(category: str = "civil_society", **extra: Any) -> dict[str, Any]:
    return {"category": category, "title": "ผู้แทนด้านคนพิการ",
            "qualification": "องค์กรคนพิการที่จดทะเบียน", **extra}


def test_the_officer_creates_a_seat_reserved_for_a_group(client: Any, world: Any) -> None:
    from orgs.models import TargetGroup

    body = make_body(world)
    disability = TargetGroup.objects.get(slug="disability")
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{body.pk}/seats/",
                           new_seat(target_groups=[disability.pk]))
    assert response.status_code == 302
    seat = Seat.objects.get(body=body)
    assert (seat.number, seat.category) == (1, "civil_society")
    assert list(seat.target_groups.all()) == [disability]
    assert seat.created_by == world.people["provincial_officer"]


def test_a_civil_society_seat_beyond_the_maximum_is_refused(client: Any, world: Any) -> None:
    body = make_body(world)
    body.cso_seats_max = 2
    body.save()
    make_seat(world, body)
    make_seat(world, body)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/bodies/{body.pk}/seats/", new_seat())
    assert response.status_code == 400
    assert "may have at most 2 civil-society seats" in response.content.decode()
    assert body.seats.count() == 2
    # Other categories have no such limit.
    ok = client.post(f"/committee/bodies/{body.pk}/seats/",
                     new_seat("ex_officio", title="ผู้ว่าราชการจังหวัด"))
    assert ok.status_code == 302 and body.seats.count() == 3


def test_the_maximum_cannot_drop_below_the_seats_there_are(client: Any, world: Any) -> None:
    body = make_body(world)
    for _ in range(3):
        make_seat(world, body)
    world.login(client, "provincial_officer")
    url = f"/committee/bodies/{body.pk}/seats/limits/"
    refused = client.post(url, {"cso_seats_min": 1, "cso_seats_max": 2})
    assert refused.status_code == 400
    assert "already has 3 civil-society seats" in refused.content.decode()
    assert client.post(url, {"cso_seats_min": 5, "cso_seats_max": 4}).status_code == 400
    assert client.post(url, {"cso_seats_min": 2, "cso_seats_max": 8}).status_code == 302
    body.refresh_from_db()
    assert (body.cso_seats_min, body.cso_seats_max) == (2, 8)


def test_the_officer_records_a_term(client: Any, world: Any) -> None:
    seat = make_seat(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/seats/{seat.pk}/terms/new/", {
        "holder_name": "นางผู้แทน ใหม่", "organisation": world.org.pk,
        "starts_on": "2025-10-01", "ends_on": ""})
    assert response.status_code == 302
    term = SeatTerm.objects.get(seat=seat)
    assert (term.holder_name, term.organisation, term.ends_on) == (
        "นางผู้แทน ใหม่", world.org, None)


def test_an_overlapping_term_is_refused_naming_the_other(client: Any, world: Any) -> None:
    seat = make_seat(world)
    make_term(seat, "นายผู้แทน เดิม", starts_on=dt.date(2024, 10, 1),
              ends_on=dt.date(2026, 10, 1))
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/seats/{seat.pk}/terms/new/", {
        "holder_name": "นางผู้แทน ใหม่", "starts_on": "2025-10-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "overlaps the term of นายผู้แทน เดิม" in html
    assert 'aria-invalid="true"' in html
    assert seat.terms.count() == 1
    # The day the old term ends, the seat is free.
    ok = client.post(f"/committee/seats/{seat.pk}/terms/new/", {
        "holder_name": "นางผู้แทน ใหม่", "starts_on": "2026-10-01"})
    assert ok.status_code == 302 and seat.terms.count() == 2


def test_a_term_that_ends_before_it_starts_is_refused(client: Any, world: Any) -> None:
    seat = make_seat(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/seats/{seat.pk}/terms/new/", {
        "holder_name": "นางผู้แทน ใหม่", "starts_on": "2025-10-01", "ends_on": "2025-01-01"})
    assert response.status_code == 400
    assert not seat.terms.exists()


def test_ending_a_term_makes_the_seat_vacant(client: Any, world: Any) -> None:
    seat = make_seat(world)
    term = make_term(seat, "นายผู้แทน เดิม")
    world.login(client, "provincial_officer")
    today = timezone.localdate()
    response = client.post(f"/committee/terms/{term.pk}/end/",
                           {"ends_on": today.isoformat(), "reason": "ลาออก"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.ends_on, term.end_reason, term.ended_by) == (
        today, "ลาออก", world.people["provincial_officer"])
    html = client.get(f"/committee/bodies/{seat.body_id}/composition/").content.decode()
    assert "Civil-society seats: 0 of 1 filled" in html
    assert "นายผู้แทน เดิม" in html.split('id="history"')[1]


def test_an_officer_of_another_province_is_refused(client: Any, world: Any) -> None:
    seat = make_seat(world)
    term = make_term(seat)
    world.login(client, "other_province_officer")
    assert client.get(f"/committee/bodies/{seat.body_id}/seats/").status_code == 403
    assert client.post(f"/committee/bodies/{seat.body_id}/seats/", new_seat()).status_code == 403
    assert client.post(f"/committee/seats/{seat.pk}/terms/new/", {
        "holder_name": "x", "starts_on": "2030-01-01"}).status_code == 403
    assert client.post(f"/committee/terms/{term.pk}/end/",
                       {"ends_on": "2030-01-01"}).status_code == 403
    assert seat.body.seats.count() == 1 and seat.terms.count() == 1
    term.refresh_from_db()
    assert term.ends_on is None
