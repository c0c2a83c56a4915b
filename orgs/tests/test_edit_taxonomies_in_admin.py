"""An administrator keeps the lists of target groups and issue areas up to date in the admin."""

import pytest

from accounts.models import User
from orgs.models import Contact, TargetGroup


@pytest.fixture
def admin_client(client, world):
    client.force_login(User.objects.create_superuser("root@example.org", "root-password-123"))
    return client


@pytest.mark.parametrize("path", [
    "/admin/orgs/organisation/", "/admin/orgs/organisation/add/",
    "/admin/orgs/targetgroup/", "/admin/orgs/issuearea/", "/admin/orgs/issuearea/add/",
])
def test_admin_pages_open(admin_client, path):
    assert admin_client.get(path).status_code == 200


def test_organisation_admin_shows_contacts_inline(admin_client, world):
    Contact.objects.create(organisation=world.org, name="นางติดต่อ ทดสอบ")
    html = admin_client.get(f"/admin/orgs/organisation/{world.org.pk}/change/").content.decode()
    assert "นางติดต่อ ทดสอบ" in html


def test_a_new_target_group_appears_in_the_directory_filter_and_coverage(admin_client, world):
    response = admin_client.post("/admin/orgs/targetgroup/add/", {
        "slug": "farmers-debt", "name_th": "เกษตรกรที่มีหนี้สิน", "name_en": "Indebted farmers",
        "sort_order": "200", "is_vulnerable": "on",
    })
    assert response.status_code == 302
    assert TargetGroup.objects.filter(slug="farmers-debt").exists()
    admin_client.logout()
    assert 'value="farmers-debt"' in admin_client.get("/organisations/").content.decode()
    coverage = admin_client.get("/organisations/coverage/51/").content.decode()
    assert "เกษตรกรที่มีหนี้สิน" in coverage     # logged out: the page is in Thai again
