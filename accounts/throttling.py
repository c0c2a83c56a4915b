"""How django-axes names the account behind a login attempt.

Two reasons for a callable of our own:

- The login form posts ``username`` (Django's AuthenticationForm), but axes by default looks for
  the user model's USERNAME_FIELD (``email``), finds nothing, and would count every failure
  against "no username": one mistyping person would lock out everyone behind the same address.
- E-mail addresses log in without regard to case, so the throttle counts them the same way;
  otherwise ``A@x.org``, ``a@X.org`` … would each get their own five tries.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model


def axes_username(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    source: Any = credentials
    if not source:
        source = getattr(request, "data", None) or getattr(request, "POST", None) or {}
    value = None
    for key in ("username", get_user_model().USERNAME_FIELD):
        try:
            value = source.get(key)
        except AttributeError:
            return None
        if value:
            break
    if not isinstance(value, str):
        return value
    return value.strip().casefold()
