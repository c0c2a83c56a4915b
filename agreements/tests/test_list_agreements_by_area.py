"""The public list of agreements per area shows the area's and everything below it."""

from __future__ import annotations

import pytest

from agreements.tests.helpers import make_agreement

pytestmark = pytest.mark.django_db


def test_an_area_lists_its_agreements_and_those_below_it(client, world, areas):
    province = make_agreement(world, title="Lamphun-wide MOU")
    district = make_agreement(world, title="Li district action plan", kind="action_plan",
                              areas=[areas.get(code="5104")])
    make_agreement(world, title="Chiang Mai MOU", areas=[world.chiang_mai], organisations=[])

    page = client.get("/agreements/?area=51").content.decode()
    assert province.title in page and district.title in page
    assert "Chiang Mai MOU" not in page

    page = client.get("/agreements/?area=5104").content.decode()
    assert district.title in page
    assert province.title not in page

    page = client.get("/agreements/").content.decode()
    assert "Chiang Mai MOU" in page and province.title in page


def test_an_agreement_covering_two_areas_is_listed_once(client, world, areas):
    make_agreement(world, title="Two districts", areas=[areas.get(code="5104"),
                                                        areas.get(code="5101")])
    response = client.get("/agreements/?area=51")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


def test_an_unknown_area_code_answers_404_naming_it(client, world):
    response = client.get("/agreements/?area=9999")
    assert response.status_code == 404


def test_words_in_the_title_narrow_the_list(client, world):
    make_agreement(world, title="MOU on older people's care")
    make_agreement(world, title="Water management plan")
    response = client.get("/agreements/?area=51&q=water")
    assert response.context["page"].paginator.count == 1


def test_the_record_button_is_only_for_those_who_can(client, world):
    assert "/agreements/new/" not in client.get("/agreements/").content.decode()
    world.login(client, "cso_coordinator")
    assert "/agreements/new/" in client.get("/agreements/").content.decode()
