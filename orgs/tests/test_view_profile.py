"""A visitor opens an organisation's profile; private contacts and members stay private."""

import pytest

from accounts.models import Role, RoleGrant
from orgs.models import Contact
from orgs.tests.helpers import make_org

PUBLIC_CONTACT = "นางสาวสาธารณะ ติดต่อได้"
PRIVATE_CONTACT = "นายส่วนตัว ไม่เปิดเผย"
PRIVATE_PHONE = "081-999-0000"


@pytest.fixture
def profile(world):
    org = world.org
    Contact.objects.create(organisation=org, name=PUBLIC_CONTACT, phone="053-000-111",
                           is_public=True)
    Contact.objects.create(organisation=org, name=PRIVATE_CONTACT, phone=PRIVATE_PHONE,
                           email="private@example.org", is_public=False)
    RoleGrant.objects.filter(user=world.people["cso_member"]).update(position="เหรัญญิก")
    return org


def url(org):
    return f"/organisations/{org.pk}/"


def test_public_profile_shows_public_fields_areas_issues_groups(client, world, profile):
    response = client.get(url(profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert profile.name_th in html
    assert 'href="/areas/51/"' in html                 # area covered links to the area page
    assert "People with disabilities" in html          # target group
    assert "Rights" in html and "Health" in html       # issue areas
    assert PUBLIC_CONTACT in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "working_group", "funder",
                                  "other_province_officer", "committee_member"])
def test_private_contacts_and_members_are_not_sent_to_others(client, world, profile, role):
    html = world.login(client, role).get(url(profile)).content.decode()
    assert PUBLIC_CONTACT in html
    assert PRIVATE_CONTACT not in html
    assert PRIVATE_PHONE not in html
    assert "private@example.org" not in html
    # The member list is not in the page at all.
    assert "org-members" not in html
    assert "cso_coordinator" not in html and "เหรัญญิก" not in html


@pytest.mark.parametrize("role", ["cso_member", "cso_coordinator", "provincial_officer",
                                  "administrator"])
def test_members_and_officer_see_private_contacts_and_members(client, world, profile, role):
    html = world.login(client, role).get(url(profile)).content.decode()
    assert PRIVATE_CONTACT in html and PRIVATE_PHONE in html
    assert 'class="org-members"' in html
    # full names of the people acting for the organisation, their role and position
    assert "cso_coordinator" in html and "cso_member" in html
    assert "CSO coordinator" in html and "เหรัญญิก" in html


def test_coordinator_of_another_organisation_sees_no_private_data(client, world, profile):
    from accounts.models import User

    stranger = User.objects.create_user("other-coord@example.org", "x-password-123")
    RoleGrant.objects.create(user=stranger, role=Role.CSO_COORDINATOR, area=world.lamphun,
                             organisation=world.other_org)
    client.force_login(stranger)
    html = client.get(url(profile)).content.decode()
    assert PRIVATE_CONTACT not in html and "org-members" not in html


def test_revoked_members_are_not_listed(client, world, profile):
    grant = RoleGrant.objects.get(user=world.people["cso_member"])
    grant.revoke(by=None, reason="left")
    html = world.login(client, "cso_coordinator").get(url(profile)).content.decode()
    assert "เหรัญญิก" not in html


def test_edit_link_and_verify_button_only_for_those_allowed(client, world, profile):
    edit = f'href="/organisations/{profile.pk}/edit/"'
    verify = f'action="/organisations/{profile.pk}/verify/"'
    html = client.get(url(profile)).content.decode()
    assert edit not in html and verify not in html
    html = world.login(client, "cso_coordinator").get(url(profile)).content.decode()
    assert edit in html and verify not in html
    html = world.login(client, "provincial_officer").get(url(profile)).content.decode()
    assert edit in html and verify in html


def test_network_shows_its_members_and_member_shows_its_network(client, world):
    network = world.other_org   # a network in Li district
    member = make_org("กลุ่มปกาเกอะญอบ้านแม่ตืน", "510401")
    member.networks.add(network)
    html = client.get(url(network)).content.decode()
    assert f'href="/organisations/{member.pk}/"' in html
    html = client.get(url(member)).content.decode()
    assert f'href="/organisations/{network.pk}/"' in html


def test_breadcrumb_shows_the_home_area_and_the_areas_above_it(client, world):
    html = client.get(url(world.other_org)).content.decode()
    start = html.index('class="breadcrumbs"')
    crumbs = html[start:html.index("</nav>", start)]
    assert "?area=51" in crumbs and "?area=5104" in crumbs
    assert crumbs.index("?area=51\"") < crumbs.index("?area=5104")


def test_unknown_organisation_is_404(client, world):
    assert client.get("/organisations/999999/").status_code == 404
