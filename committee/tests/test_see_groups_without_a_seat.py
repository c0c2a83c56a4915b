"""For any province, one page answers which vulnerable groups have no civil-society seat."""

from __future__ import annotations

from typing import Any

import pytest

from committee.tests.helpers import lamphun_committee, make_seat, make_term

pytestmark = pytest.mark.django_db


def missing_section(html: str) -> str:
    return html.split('class="missing-groups"')[1].split("</ul>")[0]


def test_the_province_page_names_the_groups_without_a_seat(client: Any, world: Any) -> None:
    body = lamphun_committee(world)
    older = make_seat(world, body, title="ผู้แทนด้านผู้สูงอายุ")
    make_term(older, "ผู้แทนผู้สูงอายุ", groups=("older-people",))
    response = client.get("/committee/representation/51/")
    assert response.status_code == 200
    html = response.content.decode()
    missing = missing_section(html)
    assert "People with disabilities" in missing
    assert "Ethnic groups and people with legal-status problems" in missing
    assert "Older people" not in missing
    assert "Civil-society seats: 7 of 13 filled (minimum 4, maximum 12)" in html


def test_the_page_lists_vacant_seats_and_how_to_nominate(client: Any, world: Any) -> None:
    body = lamphun_committee(world, filled=1, vacant=2)
    vacant = body.seats.get(title="ผู้แทนภาคประชาสังคม ด้านคนพิการ")
    html = client.get("/committee/representation/51/").content.decode()
    assert f'href="/committee/seats/{vacant.pk}/"' in html
    assert "How to nominate a representative" in html


def test_a_province_without_a_recorded_committee_lists_every_group(client: Any,
                                                                   world: Any) -> None:
    lamphun_committee(world)  # Lamphun's committee says nothing about Chiang Mai
    response = client.get("/committee/representation/50/")
    assert response.status_code == 200
    missing = missing_section(response.content.decode())
    assert "People with disabilities" in missing and "Older people" in missing


def test_a_district_or_unknown_code_is_not_found_with_a_reason(client: Any, world: Any) -> None:
    district = client.get("/committee/representation/5104/")
    assert district.status_code == 404
    assert "This page is per province" in district.content.decode()
    unknown = client.get("/committee/representation/99/")
    assert unknown.status_code == 404
    assert "There is no area with the code" in unknown.content.decode()


def test_a_district_committee_counts_for_its_province(client: Any, world: Any) -> None:
    li = world.lamphun.__class__.objects.get(code="5104")
    district = lamphun_committee(world, filled=0, vacant=1)
    district.area = li
    district.name_th = "คณะกรรมการอำเภอลี้"
    district.kind = "district"
    district.save()
    html = client.get("/committee/representation/51/").content.decode()
    assert "Other committees of this province" in html
    assert "คณะกรรมการอำเภอลี้" in html
