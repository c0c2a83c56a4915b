"""Household evidence as suppressed area statistics.

Public and read-only: the rows are the published ``AreaStatistic`` cells, the same ones the
area pages and their exports show. A suppressed cell answers ``count: null, rate: null`` and
says why (``suppressed``); a suppressed denominator answers ``denominator: null``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors
from areas.services import resolve, unknown_area_message
from evidence import statistics
from evidence.models import AreaStatistic, StateFigure

router = Router(tags=["statistics"])

FIELDS = ("id", "area_id", "area__code", "area__level", "area__name_th", "area__name_en",
          "level", "group", "indicator", "count", "denominator", "rate", "suppressed",
          "verified_share", "definition_version", "computed_at")


class StateFigureOut(BaseModel):
    year: int = Field(description="Buddhist Era.")
    value: Decimal
    source: str


class StatisticItem(BaseModel):
    area: AreaRef
    level: str = Field(description="subdistrict, district, province, cluster, region or "
                                   "nation.")
    group: str = Field(description="\"all\" or a target-group slug.")
    indicator: str = Field(description="households (the denominator), poor_<dimension>, "
                                       "poor_any, target_poor, mpi_poor, flag_<flag> or "
                                       "bmn_01 … bmn_17 (failing a basic-needs indicator).")
    count: int | None = Field(description="Households; null when suppressed.")
    denominator: int | None = Field(description="Households of the area and group; null when "
                                                "that cell is suppressed.")
    rate: float | None = Field(description="count / denominator; null unless both are "
                                           "published.")
    suppressed: str | None = Field(description="null, \"primary\" (below the threshold) or "
                                               "\"complementary\" (would reveal another "
                                               "cell).")
    verified_share: float | None = Field(description="Share of the area's collected "
                                                     "households that are verified.")
    definition_version: str
    computed_at: dt.datetime
    state_figures: list[StateFigureOut] = Field(description="What the state published for "
                                                            "the same area, group and "
                                                            "indicator.")


class StatisticPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[StatisticItem]


def statistic_rows(queryset: Any) -> list[dict[str, Any]]:
    rows = list(queryset.values(*FIELDS))
    figures: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in StateFigure.objects.filter(area_id__in={r["area_id"] for r in rows}).order_by(
            "-year", "source").values("area_id", "group", "indicator", "year", "value",
                                      "source"):
        figures[(f["area_id"], f["group"], f["indicator"])].append(
            {"year": f["year"], "value": f["value"], "source": f["source"]})
    return [
        {
            "area": {"code": r["area__code"], "level": r["area__level"],
                     "name_th": r["area__name_th"], "name_en": r["area__name_en"]},
            "level": r["level"], "group": r["group"], "indicator": r["indicator"],
            # Stored empty already; said again here so that the API can never leak a number.
            "count": None if r["suppressed"] else r["count"],
            "denominator": r["denominator"],
            "rate": None if r["suppressed"] else r["rate"],
            "suppressed": r["suppressed"] or None,
            "verified_share": r["verified_share"],
            "definition_version": r["definition_version"], "computed_at": r["computed_at"],
            "state_figures": figures.get((r["area_id"], r["group"], r["indicator"]), []),
        }
        for r in rows
    ]


@router.get(
    "/", response={200: StatisticPage, 400: FieldErrors}, url_name="statistics",
    summary="List area statistics",
    description=(
        "Counts and rates of verified household evidence per area, target group and "
        "indicator. No cell below the suppression threshold is published, and further cells "
        "are suppressed so that none can be worked out from totals and siblings. Filter by "
        "`area` (a code: that area only), `level`, `group` and `indicator`."
    ),
)
def list_statistics(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    level: str | None = Query(None, description="e.g. district."),
    group: str | None = Query(None, description="\"all\" or a target-group slug."),
    indicator: str | None = Query(None, description="e.g. target_poor."),
) -> dict[str, Any]:
    if not request.user.has_perm("evidence.view_statistics"):
        raise HttpError(403, _("Not allowed."))
    cells = AreaStatistic.objects.all()
    errors: dict[str, str] = {}
    if area:
        found = resolve(area.strip())
        if found is None:
            errors["area"] = unknown_area_message(area.strip())
        else:
            cells = cells.filter(area=found)
    choices = {"level": statistics.PUBLISHED_LEVELS, "group": statistics.GROUPS,
               "indicator": statistics.INDICATORS}
    for name, value in (("level", level), ("group", group), ("indicator", indicator)):
        if value:
            if value not in choices[name]:
                errors[name] = _("Choose one of: %(choices)s.") % {
                    "choices": ", ".join(choices[name])}
            else:
                cells = cells.filter(**{name: value})
    if errors:
        raise InvalidFields(errors)
    return paginate(request, cells.order_by("area__code", "group", "indicator", "pk"), page,
                    statistic_rows)
