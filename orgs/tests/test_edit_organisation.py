"""The organisation's coordinator or the provincial office keeps a profile up to date."""

import pytest

from orgs.models import Contact, Organisation
from orgs.tests.helpers import form_data, make_org


def edit_url(org):
    return f"/organisations/{org.pk}/edit/"


def lamphun_org_data(world, **overrides):
    data = form_data(name_th=world.org.name_th, name_en=world.org.name_en, home_area="51",
                     areas="51", org_type="association", registration_status="association")
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["cso_coordinator", "provincial_officer", "administrator"])
def test_those_who_manage_it_can_edit(client, world, role):
    world.login(client, role)
    page = client.get(edit_url(world.org))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="51"' in html                   # home area shown as its code
    assert world.org.name_th in html
    response = client.post(edit_url(world.org), lamphun_org_data(
        world, description="ทำงานด้านสิทธิคนพิการทั้งจังหวัด", areas="5101 5104"))
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.description == "ทำงานด้านสิทธิคนพิการทั้งจังหวัด"
    assert sorted(world.org.areas.values_list("code", flat=True)) == ["5101", "5104"]


@pytest.mark.parametrize("role", ["cso_member", "citizen", "working_group",
                                  "other_province_officer", "funder", "dpo"])
def test_others_are_refused_and_nothing_changes(client, world, role):
    world.login(client, role)
    assert client.get(edit_url(world.org)).status_code == 403
    response = client.post(edit_url(world.org), lamphun_org_data(world, name_th="ชื่อใหม่"))
    assert response.status_code == 403
    world.org.refresh_from_db()
    assert world.org.name_th != "ชื่อใหม่"


def test_coordinator_of_another_organisation_is_refused(client, world):
    # world's coordinator manages world.org, not the Li network.
    world.login(client, "cso_coordinator")
    assert client.get(edit_url(world.other_org)).status_code == 403


def test_lamphun_officer_can_edit_an_organisation_based_in_a_lamphun_district(client, world):
    world.login(client, "provincial_officer")
    assert client.get(edit_url(world.other_org)).status_code == 200
    world.login(client, "other_province_officer")
    assert client.get(edit_url(world.other_org)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(edit_url(world.org))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_renaming_to_a_name_already_in_the_province_warns(client, world):
    existing = make_org("มูลนิธิเพื่อคนพิการลำพูน", "5101")
    world.login(client, "cso_coordinator")
    response = client.post(edit_url(world.org), lamphun_org_data(
        world, name_th="มูลนิธิเพื่อคนพิการลำพูน", name_en=""))
    assert response.status_code == 409
    assert f'href="/organisations/{existing.pk}/"' in response.content.decode()
    world.org.refresh_from_db()
    assert world.org.name_th == "สมาคมคนพิการจังหวัดลำพูน"


def test_saving_without_renaming_does_not_warn_about_itself(client, world):
    world.login(client, "cso_coordinator")
    response = client.post(edit_url(world.org), lamphun_org_data(world))
    assert response.status_code == 302


def test_invalid_edit_is_a_400_and_nothing_changes(client, world):
    world.login(client, "cso_coordinator")
    response = client.post(edit_url(world.org), lamphun_org_data(world, home_area="00"))
    assert response.status_code == 400
    assert "00" in response.context["form"].errors["home_area"][0]
    world.org.refresh_from_db()
    assert world.org.home_area.code == "51"


def test_contacts_are_added_changed_and_removed(client, world):
    contact = Contact.objects.create(organisation=world.org, name="นายเก่า")
    world.login(client, "cso_coordinator")
    data = lamphun_org_data(world, **{
        "contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "1",
        "contacts-0-id": str(contact.pk), "contacts-0-name": "นายเก่า",
        "contacts-0-DELETE": "on",
        "contacts-1-name": "นางใหม่", "contacts-1-is_public": "on",
    })
    response = client.post(edit_url(world.org), data)
    assert response.status_code == 302
    assert list(world.org.contacts.values_list("name", "is_public")) == [("นางใหม่", True)]


def test_unknown_organisation_is_404(client, world):
    world.login(client, "administrator")
    assert client.get("/organisations/999999/edit/").status_code == 404
    assert Organisation.objects.filter(pk=999999).count() == 0
