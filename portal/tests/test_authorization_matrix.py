"""Every URL of the project × every role: allowed, or refused.

The URL list comes from the URL configuration itself, so a URL that no app declares in its
``tests/access.py`` fails ``test_every_url_is_in_the_matrix``: a new page or API endpoint cannot
escape the matrix. See ``klang.testing`` for the vocabulary.
"""

from __future__ import annotations

import importlib
import json as jsonlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.views.static import serve

from conftest import MATRIX_ROLES
from klang.testing import EVERYONE, Access

ALLOWED_REFUSALS = {401, 403, 404, 405}
REDIRECTS = {301, 302, 303, 307, 308}
# Django's admin checks is_staff itself; test_admin_is_staff_only checks that for every role.
SKIPPED_NAMESPACES = {"admin"}


def local_app_names() -> list[str]:
    """Installed apps that live in this repository (not Django's, not third-party)."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        config.name for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).resolve().relative_to(root).parts
    ]


def collect_access() -> tuple[list[Access], list[str]]:
    """Every app's ``ACCESS`` list, and the modules it came from."""
    entries: list[Access] = []
    modules: list[str] = []
    for app in local_app_names():
        module_name = f"{app}.tests.access"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # Only a missing access module is fine; an import error inside one is not.
            if error.name not in {module_name, f"{app}.tests"}:
                raise
            continue
        entries.extend(module.ACCESS)
        modules.append(module_name)
    return entries, modules


ACCESS, ACCESS_MODULES = collect_access()


def url_patterns(
    resolver: URLResolver | None = None, namespace: tuple[str, ...] = (), route: str = ""
) -> Iterator[tuple[str | None, str]]:
    """(namespace:name or None, route) for every URL pattern outside the skipped namespaces."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from url_patterns(pattern, inner, here)
        elif isinstance(pattern, URLPattern):
            if pattern.callback is serve:  # static and media files in debug
                continue
            name = ":".join(namespace + (pattern.name,)) if pattern.name else None
            yield name, here


def login_paths() -> set[str]:
    return {resolve_url(settings.LOGIN_URL), reverse("admin:login")}


def redirects_to_login(response: Any) -> bool:
    if response.status_code not in REDIRECTS:
        return False
    return urlsplit(response["Location"]).path in login_paths()


def call(client: Any, access: Access, world: Any) -> Any:
    url = access.url(world)
    data = access.data(world)
    method = getattr(client, access.method.lower())
    if access.json and access.method != "GET":
        return method(url, data=jsonlib.dumps(data), content_type="application/json")
    return method(url, data=data)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    # The matrix logs people in with force_login; the world's twelve Argon2 hashes per test
    # would only make it slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_every_url_is_in_the_matrix() -> None:
    patterns = list(url_patterns())
    unnamed = sorted(route for name, route in patterns if name is None)
    declared = {access.name for access in ACCESS}
    missing = sorted({name for name, _ in patterns if name is not None} - declared)
    problems = []
    if unnamed:
        problems.append("URL patterns without a name (name them, then declare them): "
                        + ", ".join(unnamed))
    if missing:
        problems.append(
            "URLs that no <app>/tests/access.py declares (add an Access for each, with the "
            "roles allowed): " + ", ".join(missing)
        )
    assert not problems, "\n".join(problems) + f"\n(access modules read: {ACCESS_MODULES})"


def test_every_entry_names_a_real_url_and_real_roles(world: Any) -> None:
    known = {name for name, _ in url_patterns() if name}
    problems = []
    for access in ACCESS:
        if access.name not in known:
            problems.append(f"{access.name}: no such URL name (stale entry?)")
            continue
        path = urlsplit(access.url(world)).path
        try:
            found = resolve(path).view_name
        except Exception as error:  # noqa: BLE001 - report every entry, not just the first
            problems.append(f"{access.name}: {path} does not resolve ({error})")
            continue
        if found != access.name:
            problems.append(f"{access.name}: {path} resolves to {found}")
        if unknown := set(access.allowed) - EVERYONE:
            problems.append(f"{access.name}: unknown roles {sorted(unknown)}")
        if access.method.upper() != access.method:
            problems.append(f"{access.name}: method {access.method!r} must be upper case")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("access", "role"),
    [(access, role) for access in ACCESS for role in MATRIX_ROLES],
    ids=[f"{access.name}-{access.method}-{role}" for access in ACCESS for role in MATRIX_ROLES],
)
def test_role_is_allowed_or_refused(client: Any, world: Any, access: Access, role: str) -> None:
    world.login(client, role)
    response = call(client, access, world)
    where = f"{access.method} {access.url(world)} as {role}"
    status = response.status_code
    if role in access.allowed:
        assert status not in ALLOWED_REFUSALS, f"{where}: allowed, but answered {status}"
        assert not redirects_to_login(response), (
            f"{where}: allowed, but sent to the login page ({response['Location']})"
        )
    elif role == "anonymous":
        assert status in {401, 403, 404} or redirects_to_login(response), (
            f"{where}: must be refused (401/403/404 or a redirect to the login page), "
            f"answered {status} {response.get('Location', '')}"
        )
    else:
        assert status in {403, 404}, (
            f"{where}: must be refused with 403 or 404, answered {status} "
            f"{response.get('Location', '')}"
        )


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_admin_is_staff_only(client: Any, world: Any, role: str) -> None:
    world.login(client, role)
    response = client.get(reverse("admin:index"))
    if role == "administrator":
        assert response.status_code == 200, (
            f"administrator: /admin/ answered {response.status_code}"
        )
    else:
        assert response.status_code == 302, f"{role}: /admin/ answered {response.status_code}"
        assert urlsplit(response["Location"]).path == reverse("admin:login"), response["Location"]
