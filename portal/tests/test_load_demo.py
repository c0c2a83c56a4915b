"""A newcomer types `make demo`: the Lamphun demo loads, twice without change, one login per role."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, RoleGrant, User
from areas.models import Area, Level
from orgs.models import Contact, Organisation, TargetGroup
from portal.demo import (
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    GAP_DISTRICTS,
    GAP_TARGET_GROUPS,
    UNCOVERED_DISTRICTS,
)

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "contacts": Contact.objects.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
        "areas": Area.objects.count(),
        "memberships": Organisation.networks.through.objects.count(),
        "covered": Organisation.areas.through.objects.count(),
    }


def test_loading_twice_changes_nothing(areas):
    first_output = load()
    first = counts()
    second_output = load()
    assert counts() == first
    assert "nothing changed" in second_output
    assert "nothing changed" not in first_output
    assert 20 <= first["organisations"] <= 30


def test_every_role_has_a_demo_login_with_an_active_grant(areas):
    output = load()
    assert DEMO_PASSWORD in output
    for role in Role.values:
        grant = RoleGrant.objects.active().get(role=role, user__email__endswith=DEMO_DOMAIN)
        assert grant.user.email in output
        assert grant.user.check_password(DEMO_PASSWORD)
        assert grant.grant_reason == "demo"
        assert grant.granted_by.email == f"admin@{DEMO_DOMAIN}"
    citizen = User.objects.get(email=f"citizen@{DEMO_DOMAIN}")
    assert not citizen.role_grants.exists()
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    assert admin.is_staff and admin.is_superuser
    officer = RoleGrant.objects.get(role=Role.PROVINCIAL_OFFICER, user__email__endswith=DEMO_DOMAIN)
    assert officer.area.code == "51"
    coordinator = RoleGrant.objects.get(role=Role.CSO_COORDINATOR,
                                        user__email__endswith=DEMO_DOMAIN)
    assert coordinator.organisation.name_en == "Lamphun Disability Association"


def test_the_organisations_are_marked_as_demo_and_live_in_lamphun(areas):
    load()
    orgs = Organisation.objects.all()
    assert orgs.exists()
    assert not orgs.filter(is_demo=False).exists()
    lamphun = Area.objects.get(code="51")
    assert orgs.filter(home_area__province=lamphun).count() == orgs.count()
    assert all("ข้อมูลสาธิต" in org.description for org in orgs)
    # Every organisation's search text is filled as Organisation.save() does it.
    assert not orgs.filter(search_text="").exists()
    networks = orgs.filter(org_type="network")
    assert networks.count() >= 2
    assert all(net.network_members.exists() for net in networks)
    assert Contact.objects.filter(is_public=False).exists()
    assert Contact.objects.filter(is_public=True).exists()


def test_the_coverage_has_gaps(areas):
    load()
    orgs = Organisation.objects.all()
    for slug in GAP_TARGET_GROUPS:
        assert TargetGroup.objects.filter(slug=slug).exists()
        assert not orgs.filter(target_groups__slug=slug).exists(), slug
    for code in GAP_DISTRICTS:
        assert not orgs.filter(home_area__district__code=code).exists(), code
    for code in UNCOVERED_DISTRICTS:
        assert not orgs.in_area(Area.objects.get(code=code)).exists(), code
    # ...while the groups the Lamphun forum spoke for are served.
    for slug in ["disability", "ethnic-legal-status", "older-people", "informal-workers",
                 "children-youth"]:
        assert orgs.filter(target_groups__slug=slug).exists(), slug


def test_the_demo_adds_villages_below_lamphun_sub_districts(areas):
    load()
    villages = Area.objects.filter(level=Level.VILLAGE)
    assert villages.count() == 3
    for village in villages:
        assert len(village.code) == 8
        assert village.parent.level == Level.SUBDISTRICT
        assert village.code.startswith(village.parent.code)
        assert village.province.code == "51"
    assert Organisation.objects.filter(home_area__level=Level.VILLAGE).exists()
