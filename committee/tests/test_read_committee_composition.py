"""Anyone reads who sits on a committee: seats by category, holders, vacancies, history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from committee.tests.helpers import lamphun_committee, make_seat, make_term

pytestmark = pytest.mark.django_db


def test_the_public_sees_filled_and_vacant_seats_and_the_count(client: Any, world: Any) -> None:
    body = lamphun_committee(world)
    response = client.get(f"/committee/bodies/{body.pk}/composition/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Civil-society seats: 6 of 12 filled (minimum 4, maximum 12)" in html
    assert html.count('class="seat-vacant"') == 6
    assert html.count('class="seat-filled"') == 7  # six civil-society seats and the governor
    assert "ผู้แทนเกษตร คนที่ 3" in html and "ผู้ว่าราชการจังหวัดลำพูน" in html
    assert "Ex officio (government)" in html


def test_each_holder_shows_organisation_term_in_be_and_groups(client: Any, world: Any) -> None:
    seat = make_seat(world, title="ผู้แทนด้านผู้สูงอายุ")
    make_term(seat, "นางผู้สูงวัย ทดสอบ", organisation=world.org, groups=("older-people",),
              starts_on=dt.date(2024, 10, 1))
    client.cookies["klang_language"] = "th"
    html = client.get(f"/committee/bodies/{seat.body_id}/composition/").content.decode()
    assert "นางผู้สูงวัย ทดสอบ" in html
    assert world.org.name_th in html
    assert "1 ตุลาคม 2567" in html  # Buddhist Era
    assert "ผู้สูงอายุ" in html


def test_membership_history_lists_ended_terms(client: Any, world: Any) -> None:
    seat = make_seat(world)
    make_term(seat, "ผู้แทนวาระก่อน", starts_on=dt.date(2022, 10, 1), ends_on=dt.date(2024, 10, 1))
    make_term(seat, "ผู้แทนปัจจุบัน", starts_on=dt.date(2024, 10, 1))
    html = client.get(f"/committee/bodies/{seat.body_id}/composition/").content.decode()
    history = html.split('id="history"')[1]
    assert "ผู้แทนวาระก่อน" in history
    assert "ผู้แทนปัจจุบัน" not in history
    assert "Civil-society seats: 1 of 1 filled" in html


def test_a_seat_page_shows_its_criteria_and_holders(client: Any, world: Any) -> None:
    seat = make_seat(world, qualification="ต้องทำงานกับคนพิการมาแล้ว 2 ปี")
    make_term(seat, "ผู้แทนวาระก่อน", starts_on=dt.date(2022, 10, 1), ends_on=dt.date(2024, 10, 1))
    response = client.get(f"/committee/seats/{seat.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ต้องทำงานกับคนพิการมาแล้ว 2 ปี" in html
    assert "ผู้แทนวาระก่อน" in html
    assert re.search(r"This seat is vacant", html)


def test_the_lamphun_demo_shows_six_of_twelve_seats(client: Any, areas: Any) -> None:
    """The demo's ก.บ.จ.ลำพูน: 6 of 12 civil-society seats filled, one from a community
    council, 6 vacant, and nobody for older people, disability or ethnic groups."""
    from io import StringIO

    from django.core.management import call_command

    from committee.composition import composition
    from committee.models import Body

    call_command("load_demo", stdout=StringIO())
    body = Body.objects.get(short_name="ก.บ.จ.ลำพูน")
    comp = composition(body)
    assert (comp.cso_total, comp.cso_filled, len(comp.cso_vacant)) == (12, 6, 6)
    council = [s for s in comp.cso_seats if s.current and s.current.organisation
               and s.current.organisation.registration_status == "community_council"]
    assert len(council) == 1
    missing = {g.slug for g in comp.missing_groups}
    assert {"older-people", "disability", "ethnic-legal-status"} <= missing
    html = client.get(f"/committee/bodies/{body.pk}/composition/").content.decode()
    assert "Civil-society seats: 6 of 12 filled (minimum 4, maximum 12)" in html
    disability = body.seats.get(title="ผู้แทนภาคประชาสังคม ด้านคนพิการ")
    assert [g.slug for g in disability.target_groups.all()] == ["disability"]
    call_command("load_demo", stdout=StringIO())  # a second run changes nothing
    assert body.seats.count() == len(comp.seats)
