"""A registered person registers their organisation and becomes its coordinator."""

import re

import pytest

from accounts.models import Role, RoleGrant
from orgs.models import Contact, Organisation
from orgs.tests.helpers import form_data, make_org

URL = "/organisations/new/"


def test_anonymous_people_are_sent_to_log_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert not Organisation.objects.filter(name_th=form_data()["name_th"]).exists()


def test_form_has_a_label_for_every_input(client, world):
    html = world.login(client, "citizen").get(URL).content.decode()
    assert 'for="id_name_th"' in html and 'for="id_home_area"' in html
    assert "<legend>" in html           # checkbox groups sit in a fieldset with a legend


def test_a_citizen_registers_an_organisation_and_becomes_its_coordinator(client, world):
    user = world.people["citizen"]
    client.force_login(user)
    data = form_data(**{
        "contacts-0-name": "นางบัวผัน ใจดี", "contacts-0-phone": "081-111-2222",
        "contacts-0-is_public": "on",
    })
    response = client.post(URL, data)
    org = Organisation.objects.get(name_th="กลุ่มผู้สูงอายุบ้านโฮ่ง")
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{org.pk}/"
    assert org.created_by == user
    assert org.home_area.code == "5103"
    assert sorted(org.areas.values_list("code", flat=True)) == ["5103", "510301"]
    assert list(org.target_groups.values_list("slug", flat=True)) == ["older-people"]
    assert org.founded_year == 2550
    assert Contact.objects.get(organisation=org).name == "นางบัวผัน ใจดี"
    grant = RoleGrant.objects.get(user=user, organisation=org)
    assert grant.role == Role.CSO_COORDINATOR
    assert grant.area.code == "51"             # the province of the home area
    assert grant.granted_by is None and grant.grant_reason == "registered the organisation"
    # The new coordinator can manage the profile straight away.
    page = client.get(response["Location"]).content.decode()
    assert "Your organisation is registered" in page
    assert f'href="/organisations/{org.pk}/edit/"' in page
    assert client.get(f"/organisations/{org.pk}/edit/").status_code == 200


def test_missing_thai_name_is_a_400_with_a_field_error_and_nothing_saved(client, world):
    world.login(client, "citizen")
    before = Organisation.objects.count()
    response = client.post(URL, form_data(name_th=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_th_error"' in html
    # The error is tied to its field for screen readers.
    assert re.search(r'aria-describedby="[^"]*id_name_th_error"', html)
    assert Organisation.objects.count() == before
    assert not RoleGrant.objects.filter(user=world.people["citizen"]).exists()


def test_unknown_home_area_code_names_the_code(client, world):
    world.login(client, "citizen")
    response = client.post(URL, form_data(home_area="5199"))
    assert response.status_code == 400
    error = response.context["form"].errors["home_area"][0]
    assert "5199" in error
    assert "5199" in response.content.decode()
    assert not Organisation.objects.filter(name_th=form_data()["name_th"]).exists()


def test_a_region_is_not_a_home_area(client, world):
    world.login(client, "citizen")
    response = client.post(URL, form_data(home_area="R-N"))
    assert response.status_code == 400
    assert "home_area" in response.context["form"].errors


def test_a_bad_code_among_the_areas_covered_is_named(client, world):
    world.login(client, "citizen")
    response = client.post(URL, form_data(areas="5103 12345, 510301"))
    assert response.status_code == 400
    error = response.context["form"].errors["areas"][0]
    assert "12345" in error and "5103 " not in error
    assert not Organisation.objects.filter(name_th=form_data()["name_th"]).exists()


def test_founded_year_must_be_buddhist_era(client, world):
    world.login(client, "citizen")
    response = client.post(URL, form_data(founded_year="2005"))
    assert response.status_code == 400
    assert "founded_year" in response.context["form"].errors


def test_a_bad_contact_email_is_a_400_and_nothing_saved(client, world):
    world.login(client, "citizen")
    response = client.post(URL, form_data(**{"contacts-0-name": "ก", "contacts-0-email": "x"}))
    assert response.status_code == 400
    assert not Organisation.objects.filter(name_th=form_data()["name_th"]).exists()
    assert not Contact.objects.filter(name="ก").exists()


def test_same_name_in_the_same_province_warns_and_links_until_confirmed(client, world):
    existing = make_org("กลุ่มผู้สูงอายุบ้านโฮ่ง", "5101")     # another district of Lamphun
    world.login(client, "citizen")
    # Spaces and dots do not make it a different name.
    response = client.post(URL, form_data(name_th="กลุ่มผู้สูงอายุ บ้านโฮ่ง", name_en=""))
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="duplicate-warning"' in html
    assert f'href="/organisations/{existing.pk}/"' in html
    assert 'name="confirm_different"' in html
    assert Organisation.objects.filter(name_key=existing.name_key).count() == 1

    response = client.post(URL, form_data(name_th="กลุ่มผู้สูงอายุ บ้านโฮ่ง", name_en="",
                                          confirm_different="on"))
    assert response.status_code == 302
    assert Organisation.objects.filter(name_key=existing.name_key).count() == 2
    existing.refresh_from_db()
    assert existing.home_area.code == "5101"        # never merged into the old one


def test_same_english_name_in_the_same_province_also_warns(client, world):
    make_org("ชื่ออื่น", "51", name_en="Ban Hong Elders Group")
    world.login(client, "citizen")
    response = client.post(URL, form_data())
    assert response.status_code == 409


def test_same_name_in_another_province_is_fine(client, world):
    make_org("กลุ่มผู้สูงอายุบ้านโฮ่ง", "50")                # Chiang Mai
    world.login(client, "citizen")
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert Organisation.objects.filter(name_th="กลุ่มผู้สูงอายุบ้านโฮ่ง").count() == 2


@pytest.mark.parametrize("language", ["th", "en"])
def test_form_renders_in_both_languages(client, world, language):
    client.cookies["klang_language"] = language
    response = world.login(client, "citizen").get(URL)
    assert response.status_code == 200
    assert response["Content-Language"] == language
