def test_the_home_page_is_thai_first_and_leads_to_each_part(world, client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    for link in ("/organisations/", "/organisations/coverage/51/", "/areas/TH/", "/api/v1/docs"):
        assert f'href="{link}' in html, link


def test_the_home_page_lists_provinces_that_have_organisations(world, client):
    html = client.get("/").content.decode()
    # Lamphun counts both organisations: the one covering the province and the one in Li.
    assert 'href="/areas/51/">ลำพูน</a>' in html
    assert "2 องค์กร" in html
    assert 'href="/areas/50/"' not in html  # Chiang Mai has none


def test_english_is_one_switch_away(world, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
