"""Limit/offset pages answering ``{"count", "results", "next", "previous"}`` (DESIGN.md §5).

Explicit query parameters rather than ninja's ``@paginate``: the list endpoints build their
rows from ``values()`` and a couple of batched look-ups, which a pagination decorator would hide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, description=f"Items per page (at most {MAX_LIMIT}).")
    offset: int = Field(0, ge=0, description="How many items to skip.")
    page: int | None = Field(None, ge=1, description="Page number; overrides offset.")

    def window(self) -> tuple[int, int]:
        limit = min(self.limit, MAX_LIMIT)
        offset = (self.page - 1) * limit if self.page else self.offset
        return limit, offset


def page_url(request: HttpRequest, limit: int, offset: int) -> str:
    """The same request with another window, as an absolute URL keeping every filter."""
    query = request.GET.copy()
    for name in ("limit", "offset", "page"):
        query.pop(name, None)
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    params: PageParams,
    rows: Callable[[QuerySet], Sequence[Any]],
) -> dict[str, Any]:
    """Count the queryset, slice one window and turn it into result rows with ``rows``."""
    limit, offset = params.window()
    count = queryset.count()
    results = list(rows(queryset[offset:offset + limit])) if offset < count else []
    following = offset + limit
    return {
        "count": count,
        "next": page_url(request, limit, following) if following < count else None,
        "previous": page_url(request, limit, max(offset - limit, 0)) if offset > 0 else None,
        "results": results,
    }
