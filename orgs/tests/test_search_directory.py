"""A visitor searches the public directory by name, area, issue, group and type."""

import pytest

from orgs.tests.helpers import listed, make_org

URL = "/organisations/"


@pytest.fixture
def orgs(world):
    return {
        "disability": world.org,                                   # Lamphun, province-wide
        "li": world.other_org,                                     # Li district (5104)
        "elders": make_org("ชมรมผู้สูงอายุตำบลบ้านโฮ่ง", "510301", groups=["older-people"],
                           issues=["health"], name_en="Ban Hong Elders Club"),
        "cm": make_org("มูลนิธิพัฒนาเชียงใหม่", "50", groups=["migrants"],
                       issues=["livelihood"], org_type="foundation"),
    }


def test_anyone_can_open_the_directory(client, orgs):
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == {org.pk for org in orgs.values()}
    assert "4 organisations found" in response.content.decode()


def test_thai_substring_search_finds_a_word_inside_a_name(client, orgs):
    # Thai is written without spaces: "ผู้สูงอายุ" sits in the middle of the name.
    response = client.get(URL, {"q": "ผู้สูงอายุ"})
    assert listed(response) == {orgs["elders"].pk}
    response = client.get(URL, {"q": "พิการ"})
    assert listed(response) == {orgs["disability"].pk}


def test_search_matches_english_names_ignoring_case(client, orgs):
    assert listed(client.get(URL, {"q": "ethnic"})) == {orgs["li"].pk}
    assert listed(client.get(URL, {"q": "ELDERS"})) == {orgs["elders"].pk}


def test_a_province_filter_includes_organisations_in_its_districts_and_subdistricts(client, orgs):
    response = client.get(URL, {"area": "51"})
    assert listed(response) == {orgs["disability"].pk, orgs["li"].pk, orgs["elders"].pk}


def test_a_district_filter_shows_only_what_works_in_that_district(client, orgs):
    response = client.get(URL, {"area": "5104"})
    assert listed(response) == {orgs["li"].pk}
    # The district stays selected in the area list although it is not a province.
    assert '<option value="5104" selected>' in response.content.decode()


def test_issue_area_target_group_and_type_filters(client, orgs):
    assert listed(client.get(URL, {"issue_area": "health"})) == {
        orgs["disability"].pk, orgs["elders"].pk}
    assert listed(client.get(URL, {"target_group": "migrants"})) == {orgs["cm"].pk}
    assert listed(client.get(URL, {"type": "network"})) == {orgs["li"].pk}
    assert listed(client.get(URL, {"area": "51", "issue_area": "health",
                                   "target_group": "older-people"})) == {orgs["elders"].pk}


def test_no_match_says_so(client, orgs):
    response = client.get(URL, {"q": "ไม่มีองค์กรนี้"})
    assert listed(response) == set()
    assert "0 organisations found" in response.content.decode()


def test_unknown_area_code_is_a_404_that_names_the_code(client, orgs):
    response = client.get(URL, {"area": "9999"})
    assert response.status_code == 404
    assert "9999" in response.content.decode()
    assert "There is no area with the code" in response.content.decode()


def test_results_are_paginated_25_a_page_keeping_the_filters(client, world):
    for i in range(30):
        make_org(f"กลุ่มทดสอบ {i:02d}", "5101")
    first = client.get(URL, {"q": "กลุ่มทดสอบ"})
    assert len(listed(first)) == 25
    html = first.content.decode()
    assert "30 organisations found" in html
    assert 'href="?q=%E0%B8%81' in html and "page=2" in html
    second = client.get(URL, {"q": "กลุ่มทดสอบ", "page": "2"})
    assert len(listed(second)) == 5
    assert not listed(first) & listed(second)


def test_results_are_in_thai_name_order(client, world):
    b = make_org("ข กลุ่ม", "5101")
    a = make_org("ก กลุ่ม", "5101")
    html = client.get(URL, {"area": "5101"}).content.decode()
    assert html.index(f"/organisations/{a.pk}/") < html.index(f"/organisations/{b.pk}/")


def test_directory_query_count_does_not_grow_with_results(
    client, world, django_assert_max_num_queries
):
    for i in range(25):
        make_org(f"องค์กร {i}", "5101", groups=["older-people", "disability"])
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(listed(response)) == 25
