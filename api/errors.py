"""Error answers: field-level, translated, status 400 for every kind of bad input.

Ninja answers schema errors with 422 and pydantic's English text; Klang's API answers 400 with
``{"detail": [{"field": ..., "message": ...}]}`` in the request's language (Thai by default,
English with ``Accept-Language: en``), whether the schema or Klang's own checks found the error.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

# Where ninja says an error came from; the field name follows (after the parameter's name for
# a body schema).
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class InvalidFields(Exception):
    """Klang's own checks found bad fields: ``errors`` maps field name to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(errors)


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source == "body" and len(parts) > 1:
            parts.pop(0)  # the view's body parameter, e.g. "payload"
    return ".".join(str(p) for p in parts) or "body"


def message_for(error: dict[str, Any]) -> str:
    """Pydantic's error, said again through gettext so that it can be read in Thai."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind in {"json_invalid", "model_type", "model_attributes_type", "dict_type"}:
        return _("Send a JSON object.")
    if kind.startswith("string"):
        if kind == "string_too_long":
            return _("Enter at most %(max)s characters.") % {"max": ctx.get("max_length")}
        return _("Enter text.")
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith("list"):
        return _("Enter a list.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(min)s.") % {"min": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(max)s.") % {"max": ctx.get("le")}
    return _("Enter a valid value.")


def field_errors(errors: list[tuple[str, str]]) -> dict[str, Any]:
    return {"detail": [{"field": field, "message": message} for field, message in errors]}


def install(api: NinjaAPI) -> None:
    def schema_errors(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [(field_name(e.get("loc", ())), message_for(e)) for e in exc.errors]
        return api.create_response(request, field_errors(errors), status=400)

    def invalid_fields(request: HttpRequest, exc: InvalidFields) -> HttpResponse:
        return api.create_response(request, field_errors(list(exc.errors.items())), status=400)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            {"detail": _("Log in, or send an API token: Authorization: Bearer <key>.")},
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="klang"'
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # Ninja's answer to a body that is not JSON: say it like every other field error.
            return api.create_response(
                request, field_errors([("body", _("Send a JSON object."))]), status=400
            )
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    api.add_exception_handler(ValidationError, schema_errors)
    api.add_exception_handler(InvalidFields, invalid_fields)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Http404, not_found)
