"""Role predicates shared by every app's permission rules.

A grant covers its area and everything below it. The user's active grants are read once per
user object (one query), then every check is a set lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import rules

from accounts.models import Role

if TYPE_CHECKING:
    from areas.models import Area


@dataclass(frozen=True)
class HeldRole:
    role: str
    area_id: int
    organisation_id: int | None


def held_roles(user: Any) -> list[HeldRole]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_klang_held_roles", None)
    if cached is None:
        cached = [
            HeldRole(role, area_id, org_id)
            for role, area_id, org_id in user.role_grants.filter(revoked_at__isnull=True)
            .values_list("role", "area_id", "organisation_id")
        ]
        user._klang_held_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached grants, e.g. right after granting or revoking in the same request."""
    if hasattr(user, "_klang_held_roles"):
        del user._klang_held_roles


def has_role_in(user: Any, roles: Iterable[str], area: Area | None) -> bool:
    """The user holds one of ``roles`` for ``area`` or for an area above it."""
    wanted = set(roles)
    grants = [g for g in held_roles(user) if g.role in wanted]
    if not grants:
        return False
    if area is None:
        return False
    lineage = set(area.lineage_ids())
    return any(g.area_id in lineage for g in grants)


def has_role_anywhere(user: Any, roles: Iterable[str]) -> bool:
    wanted = set(roles)
    return any(g.role in wanted for g in held_roles(user))


def organisation_ids_for(user: Any, roles: Iterable[str]) -> set[int]:
    wanted = set(roles)
    return {g.organisation_id for g in held_roles(user)
            if g.role in wanted and g.organisation_id is not None}


@rules.predicate
def is_administrator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or has_role_anywhere(user, [Role.ADMINISTRATOR])


@rules.predicate
def is_dpo(user: Any) -> bool:
    return has_role_anywhere(user, [Role.DPO])


@rules.predicate
def is_national_analyst(user: Any) -> bool:
    return has_role_anywhere(user, [Role.NATIONAL_ANALYST])


@rules.predicate
def is_provincial_officer(user: Any) -> bool:
    return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER])


@rules.predicate
def is_cso_coordinator(user: Any) -> bool:
    return has_role_anywhere(user, [Role.CSO_COORDINATOR])


is_authenticated = rules.is_authenticated
