"""Anyone sees which vulnerable groups and districts of a province nobody works for."""

import re

import pytest

from orgs.tests.helpers import make_org


def rows(html: str, table_class: str) -> dict[str, str]:
    """Row header text -> the rest of the row's HTML, for one table."""
    start = html.index(f'class="{table_class}"')
    body = html[start:html.index("</table>", start)]
    found = {}
    for row in re.findall(r"<tr(.*?)</tr>", body, re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if header:
            found[header.group(1).strip()] = row
    return found


def cells(row: str) -> list[str]:
    return [re.sub(r"<.*?>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.fixture
def page(client, world):
    # A Chiang Mai organisation for older people must not fill Lamphun's gap.
    make_org("ชมรมผู้สูงอายุเชียงใหม่", "50", groups=["older-people"])
    make_org("กลุ่มแรงงานข้ามชาติป่าซาง", "510601", groups=["migrants"])
    response = client.get("/organisations/coverage/51/")
    assert response.status_code == 200
    return response.content.decode()


def test_groups_with_no_organisation_are_shown_as_gaps(page):
    groups = rows(page, "coverage-groups")
    assert 'class="gap"' in groups["Older people"]
    assert cells(groups["Older people"])[0].startswith("0")
    assert cells(groups["People with disabilities"]) == ["1"]
    assert cells(groups["Ethnic groups and people with legal-status problems"]) == ["1"]
    assert cells(groups["Migrants"]) == ["1"]
    gaps = page[page.index('class="warning-box coverage-gaps"'):]
    assert "Older people" in gaps[:gaps.index("</div>")]


def test_districts_with_no_organisation_are_shown_as_gaps(page):
    districts = rows(page, "coverage-districts")
    assert len(districts) == 8                              # the eight districts of Lamphun
    assert cells(districts["Li"]) == ["1"]
    assert cells(districts["Pa Sang"]) == ["1"]
    assert 'class="gap"' in districts["Mae Tha"]
    assert 'class="gap"' not in districts["Li"]
    # The province-wide association is counted once, beside the districts.
    assert "1 organisation works across the whole of Lamphun" in page


def test_district_by_group_table(page):
    header = page[page.index('class="coverage-matrix"'):]
    assert "<caption" in header and '<th scope="col"' in header
    matrix = rows(page, "coverage-matrix")
    groups = re.findall(r'<th scope="col" class="num">(.*?)</th>',
                        header[:header.index("</thead>")])
    li = dict(zip(groups, cells(matrix["Li"]), strict=True))
    assert li["Ethnic groups and people with legal-status problems"] == "1"
    assert li["Older people"] == "0"
    pa_sang = dict(zip(groups, cells(matrix["Pa Sang"]), strict=True))
    assert pa_sang["Migrants"] == "1" and pa_sang["People with disabilities"] == "0"


def test_page_explains_itself(page):
    assert "<h1>Who is left out in Lamphun</h1>" in page
    assert "older people, people" in page


def test_query_count_is_fixed(client, world, django_assert_max_num_queries):
    for i in range(20):
        make_org(f"กลุ่ม {i}", "5101", groups=["older-people", "migrants"])
    with django_assert_max_num_queries(8):
        assert client.get("/organisations/coverage/51/").status_code == 200


def test_unknown_code_is_404_with_a_message(client, world):
    response = client.get("/organisations/coverage/99/")
    assert response.status_code == 404
    assert "99" in response.content.decode()
    assert "There is no area with the code" in response.content.decode()


def test_a_district_code_is_404_saying_it_is_not_a_province(client, world):
    response = client.get("/organisations/coverage/5104/")
    assert response.status_code == 404
    assert "is not a province" in response.content.decode()


def test_thai_page_renders(thai_client, world):
    response = thai_client.get("/organisations/coverage/51/")
    assert response.status_code == 200
    assert "ลำพูน" in response.content.decode()
