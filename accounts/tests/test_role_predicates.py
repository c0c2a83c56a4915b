"""A role granted for an area covers that area and everything below it, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Role, RoleGrant, User
from accounts.predicates import (
    forget_roles,
    has_role_anywhere,
    has_role_in,
    held_roles,
    is_administrator,
    organisation_ids_for,
)

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_a_lamphun_grant_covers_its_districts_and_villages(world: Any, areas: Any) -> None:
    officer = world.people["provincial_officer"]
    li = areas.get(code="5104")
    a_subdistrict = areas.filter(level="subdistrict", province=world.lamphun).first()
    assert has_role_in(officer, [Role.PROVINCIAL_OFFICER], world.lamphun)
    assert has_role_in(officer, [Role.PROVINCIAL_OFFICER], li)
    assert has_role_in(officer, [Role.PROVINCIAL_OFFICER], a_subdistrict)


def test_a_lamphun_grant_does_not_cover_chiang_mai_or_the_nation(world: Any,
                                                                 areas: Any) -> None:
    officer = world.people["provincial_officer"]
    assert not has_role_in(officer, [Role.PROVINCIAL_OFFICER], world.chiang_mai)
    assert not has_role_in(officer, [Role.PROVINCIAL_OFFICER], areas.get(code="5001"))
    assert not has_role_in(officer, [Role.PROVINCIAL_OFFICER], areas.get(code="TH"))
    assert not has_role_in(officer, [Role.PROVINCIAL_OFFICER], None)


def test_only_the_granted_role_counts(world: Any) -> None:
    officer = world.people["provincial_officer"]
    assert not has_role_in(officer, [Role.WORKING_GROUP], world.lamphun)
    assert not has_role_anywhere(officer, [Role.ADMINISTRATOR])
    assert not is_administrator(officer)


def test_a_national_grant_covers_every_province(world: Any) -> None:
    analyst = world.people["national_analyst"]
    assert has_role_in(analyst, [Role.NATIONAL_ANALYST], world.lamphun)
    assert has_role_in(analyst, [Role.NATIONAL_ANALYST], world.chiang_mai)


def test_cso_roles_are_for_their_organisation(world: Any) -> None:
    member = world.people["cso_member"]
    assert organisation_ids_for(member, [Role.CSO_MEMBER]) == {world.org.pk}
    assert organisation_ids_for(member, [Role.CSO_COORDINATOR]) == set()


def test_a_revoked_grant_confers_nothing(world: Any, areas: Any) -> None:
    officer = world.people["provincial_officer"]
    assert has_role_anywhere(officer, [Role.PROVINCIAL_OFFICER])  # read (and cached) once
    grant = officer.role_grants.get()
    grant.revoke(by=world.people["administrator"], reason="left the post")

    again = fresh(officer)
    assert held_roles(again) == []
    assert not has_role_in(again, [Role.PROVINCIAL_OFFICER], world.lamphun)
    assert not has_role_anywhere(again, [Role.PROVINCIAL_OFFICER])

    # The user object read before the revocation keeps its cache until told to forget it
    # (a request's user is read afresh for every request).
    assert has_role_anywhere(officer, [Role.PROVINCIAL_OFFICER])
    forget_roles(officer)
    assert not has_role_anywhere(officer, [Role.PROVINCIAL_OFFICER])

    grant.refresh_from_db()
    assert grant.revoked_by == world.people["administrator"]
    assert grant.revoke_reason == "left the post"


def test_a_revoked_administrator_loses_the_administration_pages(world: Any) -> None:
    admin = world.people["administrator"]
    assert admin.has_perm("accounts.change_rolegrant")
    admin.role_grants.get().revoke(by=None)
    again = fresh(admin)
    assert not is_administrator(again)
    assert not again.has_perm("accounts.change_rolegrant")
    assert not again.has_module_perms("accounts")


def test_anonymous_people_hold_no_role() -> None:
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert held_roles(nobody) == []
    assert not is_administrator(nobody)
    assert not nobody.has_perm("accounts.view_rolegrant")


def test_a_superuser_is_an_administrator_without_a_grant(db: Any) -> None:
    boss = User.objects.create_superuser("boss@example.org", "x-long-password-2569")
    assert is_administrator(boss)
    assert not RoleGrant.objects.filter(user=boss).exists()
