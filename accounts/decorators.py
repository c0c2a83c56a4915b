"""A view decorator that asks the rules: anonymous people are sent to log in, others get 403.

(rules' own ``permission_required`` sends a logged-in person without the permission to the
login page too, which only confuses them.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def require_perm(perm: str, fn: Callable[..., Any] | None = None) -> Callable[..., Any]:
    """Run the view only if ``request.user`` has ``perm`` (on the object ``fn`` returns)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = fn(request, *args, **kwargs) if fn else None
            if request.user.has_perm(perm, obj):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
