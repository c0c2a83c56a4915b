"""Shared test fixtures: the real planning areas, and one person for every role.

The areas are loaded once into the test database (about a second); tests that flush the
database (browser tests) load them again through the ``areas`` fixture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

os.environ.setdefault("KLANG_TESTING", "1")
os.environ.setdefault("KLANG_SECURE_COOKIES", "0")
# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this thread is not serving async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

# One definition of the browser fixtures for every app (a session-scoped Playwright must not be
# started twice in one run).
pytest_plugins = ["klang.browser_fixtures"]

PASSWORD = "klang-test-password-2569"

# Every role a person can have in the authorization matrix, "anonymous" and "citizen" included.
MATRIX_ROLES = [
    "anonymous",
    "citizen",
    "cso_member",
    "cso_coordinator",
    "working_group",
    "provincial_officer",
    "other_province_officer",
    "committee_member",
    "funder",
    "national_analyst",
    "dpo",
    "administrator",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from areas.loader import load_areas

    with django_db_blocker.unblock():
        load_areas()


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory: Any) -> Any:
    """Uploads made by tests go to a temporary folder, never to var/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    """Each test starts with an empty cache (cached list totals must not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def areas(db: Any) -> Any:
    """All planning areas and the seeded lists (reloaded if a browser test flushed them)."""
    import importlib

    from django.apps import apps

    from areas.loader import load_areas
    from areas.models import Area
    from orgs.models import TargetGroup

    load_areas()
    if not TargetGroup.objects.exists():
        seed = importlib.import_module("orgs.migrations.0002_seed_taxonomies").seed
        seed(apps, None)
    return Area.objects


@pytest.fixture
def lamphun(areas: Any) -> Any:
    return areas.get(code="51")


@dataclass
class World:
    """A small Lamphun: two organisations and one person per role."""

    lamphun: Any
    chiang_mai: Any
    org: Any
    other_org: Any
    people: dict[str, Any] = field(default_factory=dict)

    def login(self, client: Any, role: str) -> Any:
        if role != "anonymous":
            client.force_login(self.people[role])
        return client


@pytest.fixture
def world(areas: Any) -> World:
    from accounts.models import Role, RoleGrant, User
    from orgs.models import IssueArea, Organisation, TargetGroup

    lamphun = areas.get(code="51")
    chiang_mai = areas.get(code="50")
    nation = areas.get(code="TH")
    li = areas.get(code="5104")
    org = Organisation.objects.create(
        name_th="สมาคมคนพิการจังหวัดลำพูน", name_en="Lamphun Disability Association",
        home_area=lamphun, org_type="association", registration_status="association",
    )
    org.areas.set([lamphun])
    org.target_groups.set(TargetGroup.objects.filter(slug="disability"))
    org.issue_areas.set(IssueArea.objects.filter(slug__in=["rights", "health"]))
    other_org = Organisation.objects.create(
        name_th="เครือข่ายชาติพันธุ์อำเภอลี้", name_en="Li Ethnic Network",
        home_area=li, org_type="network",
    )
    other_org.areas.set([li])
    other_org.target_groups.set(TargetGroup.objects.filter(slug="ethnic-legal-status"))

    grants: dict[str, tuple[str, Any, Any]] = {
        "cso_member": (Role.CSO_MEMBER, lamphun, org),
        "cso_coordinator": (Role.CSO_COORDINATOR, lamphun, org),
        "working_group": (Role.WORKING_GROUP, lamphun, None),
        "provincial_officer": (Role.PROVINCIAL_OFFICER, lamphun, None),
        "other_province_officer": (Role.PROVINCIAL_OFFICER, chiang_mai, None),
        "committee_member": (Role.COMMITTEE_MEMBER, lamphun, None),
        "funder": (Role.FUNDER, lamphun, None),
        "national_analyst": (Role.NATIONAL_ANALYST, nation, None),
        "dpo": (Role.DPO, nation, None),
        "administrator": (Role.ADMINISTRATOR, nation, None),
    }
    people: dict[str, Any] = {
        "citizen": User.objects.create_user("citizen@example.org", PASSWORD,
                                            full_name="พลเมือง ทดสอบ"),
    }
    for name, (role, area, organisation) in grants.items():
        user = User.objects.create_user(
            f"{name.replace('_', '-')}@example.org", PASSWORD, full_name=name,
            is_staff=(name == "administrator"),
        )
        RoleGrant.objects.create(user=user, role=role, area=area, organisation=organisation)
        people[name] = user
    return World(lamphun=lamphun, chiang_mai=chiang_mai, org=org, other_org=other_org,
                 people=people)
