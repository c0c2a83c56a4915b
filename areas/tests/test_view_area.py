def test_the_area_page_shows_its_place_and_children(world, client):
    response = client.get("/areas/51/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ลำพูน" in html and "ภาคเหนือตอนบน 1" in html
    assert "/areas/5104/" in html  # Li district is listed below Lamphun
    assert "/organisations/coverage/51/" in html


def test_an_unknown_code_is_a_404_that_names_it(areas, client):
    response = client.get("/areas/9999/")
    assert response.status_code == 404
    assert "9999" in response.content.decode()


def test_an_abolished_code_leads_to_its_successor(areas, client):
    response = client.get("/areas/100205/")
    assert response.status_code == 302
    assert response["Location"] == "/areas/102901/"
