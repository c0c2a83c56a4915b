"""Who is calling a write endpoint.

Writes accept either a bearer token (``Authorization: Bearer klang_…``, issued on the
account's token page and checked by ``ApiToken.authenticate``) or the browser's session. A
session is accepted only together with Django's CSRF check, so that another site cannot make a
logged-in browser write. Reads are public and need neither.

Without either, the endpoint answers 401 (not a CSRF 403): an API client that forgot its token
should be told so.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from accounts.models import ApiToken


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>``; only the key's digest is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token.strip()) if token.strip() else None
        if user is not None:
            request.user = user
        return user


class SessionWithCsrf(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and not getattr(
            request, "_ninja_csrf_exempt", False
        ):
            if check_csrf(request) is not None:
                raise HttpError(403, _("CSRF check failed. Send the CSRF token, or use an API "
                                       "token in the Authorization header."))
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None  # __call__ does the work


write_auth = [BearerToken(), SessionWithCsrf()]
