"""Forms refuse cross-site posts, and a production configuration passes Django's deploy checks."""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_login_without_a_csrf_token_is_refused(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"),
                           {"username": "citizen@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_with_the_form_token_works(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("accounts:login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("accounts:login"), {
        "username": "citizen@example.org", "password": PASSWORD, "csrfmiddlewaretoken": token,
    })
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.people["citizen"].pk)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:register", "accounts:password_reset",
                                  "accounts:logout"])
def test_other_account_forms_need_the_token_too(name: str) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse(name), {}).status_code == 403


@pytest.mark.django_db
def test_session_cookie_is_http_only_and_same_site(client: Any, world: Any) -> None:
    response = client.post(reverse("accounts:login"),
                           {"username": "citizen@example.org", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_production_settings_pass_the_deploy_checks() -> None:
    # The test run's own switches (KLANG_TESTING, insecure cookies, the async escape hatch that
    # conftest sets for Playwright) are no part of a deployment; DATABASE_URL passes through.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KLANG_")
           and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({
        "KLANG_SECRET_KEY": secrets.token_urlsafe(50),
        "KLANG_ALLOWED_HOSTS": "klang.example.org",
        "KLANG_SSL_REDIRECT": "1",
        "KLANG_HSTS_SECONDS": "31536000",
        "KLANG_EVIDENCE_KEYS": "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DJANGO_SETTINGS_MODULE": "klang.settings",
    })
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_have_secure_cookies() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLANG_")}
    env["KLANG_SECRET_KEY"] = secrets.token_urlsafe(50)
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split()[-6:] == ["True", "True", "True", "True", "True", "Lax"]
