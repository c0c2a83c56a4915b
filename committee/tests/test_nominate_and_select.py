"""A coordinator nominates for a vacant seat, another organisation endorses, the officer
selects: the seat is filled and the group it represents is no longer missing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from committee.models import Endorsement, Nomination, SeatTerm
from committee.tests.helpers import (
    coordinator_of,
    lamphun_committee,
    make_nomination,
    make_seat,
    make_term,
    vacant_seat,
)
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def nomination_data(world: Any, **extra: Any) -> dict[str, Any]:
    from orgs.models import TargetGroup

    return {"organisation": world.org.pk, "candidate_name": "นางสาวผู้สมัคร ทดสอบ",
            "statement": "ทำงานด้านสิทธิคนพิการในลำพูนมา 10 ปี",
            "target_groups": [TargetGroup.objects.get(slug="disability").pk], **extra}


def test_the_seat_shows_its_criteria_on_the_nomination_form(client: Any, world: Any) -> None:
    seat = vacant_seat(world)
    world.login(client, "cso_coordinator")
    response = client.get(f"/committee/seats/{seat.pk}/nominate/")
    assert response.status_code == 200
    assert seat.qualification in response.content.decode()


def test_a_coordinator_nominates_a_candidate(client: Any, world: Any) -> None:
    seat = vacant_seat(world)
    world.login(client, "cso_coordinator")
    response = client.post(f"/committee/seats/{seat.pk}/nominate/", nomination_data(world))
    assert response.status_code == 302
    nomination = Nomination.objects.get(seat=seat)
    assert (nomination.organisation, nomination.status, nomination.nominated_by) == (
        world.org, "pending", world.people["cso_coordinator"])


def test_a_nomination_for_a_filled_seat_is_refused(client: Any, world: Any) -> None:
    seat = vacant_seat(world)
    make_term(seat, "นายผู้แทน อยู่แล้ว")
    world.login(client, "cso_coordinator")
    page = client.get(f"/committee/seats/{seat.pk}/nominate/").content.decode()
    assert "This seat is not vacant: นายผู้แทน อยู่แล้ว holds it" in page
    response = client.post(f"/committee/seats/{seat.pk}/nominate/", nomination_data(world))
    assert response.status_code == 400
    assert "This seat is not vacant" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_community_group_without_legal_registration_may_nominate(client: Any,
                                                                     world: Any) -> None:
    world.org.registration_status = "unregistered"
    world.org.save()
    seat = vacant_seat(world)
    world.login(client, "cso_coordinator")
    response = client.post(f"/committee/seats/{seat.pk}/nominate/", nomination_data(world))
    assert response.status_code == 302
    assert Nomination.objects.filter(seat=seat, organisation=world.org).exists()


def test_a_coordinator_cannot_nominate_for_someone_elses_organisation(client: Any,
                                                                      world: Any) -> None:
    seat = vacant_seat(world)
    world.login(client, "cso_coordinator")
    response = client.post(f"/committee/seats/{seat.pk}/nominate/",
                           nomination_data(world, organisation=world.other_org.pk))
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_another_organisation_endorses_once(client: Any, world: Any) -> None:
    nomination = make_nomination(world)
    li = coordinator_of(world.other_org)
    client.force_login(li)
    url = f"/committee/nominations/{nomination.pk}/endorse/"
    first = client.post(url, {"organisation": world.other_org.pk, "note": "สนับสนุน"})
    assert first.status_code == 302
    again = client.post(url, {"organisation": world.other_org.pk})
    assert again.status_code == 400
    assert "already endorsed this nomination" in again.content.decode()
    assert Endorsement.objects.filter(nomination=nomination).count() == 1


def test_the_nominating_organisation_cannot_endorse_itself(client: Any, world: Any) -> None:
    nomination = make_nomination(world)
    world.login(client, "cso_coordinator")
    assert client.post(f"/committee/nominations/{nomination.pk}/endorse/",
                       {"organisation": world.org.pk}).status_code == 403
    assert not Endorsement.objects.exists()


def test_selection_fills_the_seat_and_the_missing_group_disappears(client: Any,
                                                                  world: Any) -> None:
    body = lamphun_committee(world)
    seat = body.seats.get(title="ผู้แทนภาคประชาสังคม ด้านคนพิการ")
    chosen = make_nomination(world, seat)
    other = make_nomination(world, seat, organisation=world.other_org, candidate="นายอีกคน")
    li = coordinator_of(world.other_org)
    Endorsement.objects.create(nomination=chosen, organisation=world.other_org)

    before = client.get("/committee/representation/51/").content.decode()
    assert "People with disabilities" in before.split('class="missing-groups"')[1]

    world.login(client, "provincial_officer")
    response = client.post(f"/committee/nominations/{chosen.pk}/select/", {
        "starts_on": timezone.localdate().isoformat(),
        "reason": "ผ่านคุณสมบัติและมีองค์กรรับรอง"})
    assert response.status_code == 302

    term = SeatTerm.objects.get(seat=seat)
    assert (term.holder_name, term.organisation, term.nomination) == (
        chosen.candidate_name, world.org, chosen)
    assert [g.slug for g in term.target_groups.all()] == ["disability"]
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, chosen.decided_by) == ("selected", world.people["provincial_officer"])
    assert (other.status, other.decision_reason) == (
        "not_selected", "ผ่านคุณสมบัติและมีองค์กรรับรอง")
    told = set(Notification.objects.filter(kind="nomination").values_list("user_id", flat=True))
    assert {world.people["cso_coordinator"].pk, li.pk} <= told

    client.logout()
    client.cookies["klang_language"] = "en"  # logout() drops every cookie, the language too
    html = client.get(f"/committee/bodies/{body.pk}/composition/").content.decode()
    assert "Civil-society seats: 7 of 12 filled" in html
    missing = html.split('class="missing-groups"')[1].split("</ul>")[0] if 'class="missing-groups"' in html else ""
    assert "People with disabilities" not in missing
    assert chosen.candidate_name in html


def test_a_selection_needs_a_reason(client: Any, world: Any) -> None:
    nomination = make_nomination(world)
    world.login(client, "provincial_officer")
    response = client.post(f"/committee/nominations/{nomination.pk}/select/",
                           {"starts_on": timezone.localdate().isoformat(), "reason": ""})
    assert response.status_code == 400
    assert not SeatTerm.objects.exists()
    nomination.refresh_from_db()
    assert nomination.status == "pending"


def test_candidates_names_are_for_coordinators_and_officers(client: Any, world: Any) -> None:
    nomination = make_nomination(world, candidate="นายผู้สมัคร ลับ")
    url = f"/committee/seats/{nomination.seat_id}/"
    assert "นายผู้สมัคร ลับ" not in client.get(url).content.decode()
    assert world.org.name_en in client.get(url).content.decode()
    world.login(client, "provincial_officer")
    assert "นายผู้สมัคร ลับ" in client.get(url).content.decode()


def test_an_officer_of_another_province_cannot_select(client: Any, world: Any) -> None:
    nomination = make_nomination(world, make_seat(world))
    world.login(client, "other_province_officer")
    response = client.post(f"/committee/nominations/{nomination.pk}/select/", {
        "starts_on": timezone.localdate().isoformat(), "reason": "x"})
    assert response.status_code == 403
    assert not SeatTerm.objects.exists()
