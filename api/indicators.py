"""Area indicators and composite indices as open data.

``/indicators/`` lists indicator definitions, ``/indicators/{code}/values/`` their values per
area and year, ``/indices/`` the composite indices and ``/indices/{id}/`` one index computed
per area with its dimension scores, rank and missing-value flags (the rule is in ``method``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel

from api.pagination import PageParams, page_url, paginate
from api.schemas import AreaRef, Message
from areas.services import resolve
from indicators import services
from indicators.models import IndexConfig, Indicator, IndicatorValue

router = Router(tags=["indicators"])


class IndicatorItem(BaseModel):
    code: str
    name_th: str
    name_en: str
    unit: str
    direction: str
    dimension: str
    source: str
    year: int | None
    is_illustrative: bool
    url: str


class IndicatorPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[IndicatorItem]


class ValueItem(BaseModel):
    area: AreaRef
    year: int
    value: float


class ValuePage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[ValueItem]


class IndexItem(BaseModel):
    id: int
    name: str
    scope: AreaRef
    level: str
    year: int
    dimensions: dict[str, list[str]]
    is_illustrative: bool
    url: str


class IndexPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[IndexItem]


class IndexArea(BaseModel):
    area: AreaRef
    composite: float | None
    rank: int | None
    dimensions: dict[str, float | None]
    partial_dimensions: list[str]
    missing_dimensions: list[str]
    flags: list[str]


class IndexDetail(IndexItem):
    method: str
    missing_rule: str
    error: str
    left_out: list[str]
    no_spread: list[str]
    count: int
    next: str | None
    previous: str | None
    results: list[IndexArea]


def area_ref(area: Any) -> dict[str, str]:
    return {"code": area.code, "level": area.level, "name_th": area.name_th,
            "name_en": area.name_en}


def indicator_row(indicator: Indicator, request: HttpRequest) -> dict[str, Any]:
    return {
        "code": indicator.code, "name_th": indicator.name_th, "name_en": indicator.name_en,
        "unit": indicator.unit, "direction": indicator.direction,
        "dimension": indicator.dimension, "source": indicator.source, "year": indicator.year,
        "is_illustrative": indicator.is_illustrative,
        "url": request.build_absolute_uri(indicator.get_absolute_url()),
    }


def check_read(request: HttpRequest) -> None:
    if not request.user.has_perm("indicators.view_indicators"):
        raise HttpError(404, _("Not found."))


@router.get("/indicators/", response={200: IndicatorPage}, url_name="indicators",
            summary="List indicators",
            description="Indicator definitions. Filter by `dimension` (an HAI dimension key).")
def list_indicators(request: HttpRequest, page: Query[PageParams],
                    dimension: str | None = None) -> dict[str, Any]:
    check_read(request)
    indicators = Indicator.objects.order_by("dimension", "code")
    if dimension:
        indicators = indicators.filter(dimension=dimension)
    return paginate(request, indicators, page,
                    lambda rows: [indicator_row(i, request) for i in rows])


@router.get("/indicators/{code}/values/", response={200: ValuePage, 404: Message},
            url_name="indicator_values", summary="Values of one indicator",
            description=("Values per area and year (B.E.), in area-code order. Filter by "
                         "`year` and `area` (a code: the area and everything below it)."))
def indicator_values(request: HttpRequest, code: str, page: Query[PageParams],
                     year: int | None = None, area: str | None = None) -> dict[str, Any]:
    check_read(request)
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise HttpError(404, _("Unknown indicator: %(code)s") % {"code": code})
    values = IndicatorValue.objects.filter(indicator=indicator).select_related("area")
    if year is not None:
        values = values.filter(year=year)
    if area:
        found = resolve(area.strip())
        if found is None:
            raise HttpError(404, _("Unknown area code: %(code)s") % {"code": area})
        values = values.filter(found.subtree_q("area__"))
    values = values.order_by("area__code", "year")
    return paginate(request, values, page, lambda rows: [
        {"area": area_ref(v.area), "year": v.year, "value": v.value} for v in rows])


def index_row(config: IndexConfig, request: HttpRequest) -> dict[str, Any]:
    dimensions: dict[str, list[str]] = {}
    for component in config.components.all():
        dimensions.setdefault(component.dimension, []).append(component.indicator.code)
    return {
        "id": config.pk, "name": config.name, "scope": area_ref(config.scope),
        "level": config.level, "year": config.year, "dimensions": dimensions,
        "is_illustrative": config.is_illustrative,
        "url": request.build_absolute_uri(config.get_absolute_url()),
    }


@router.get("/indices/", response={200: IndexPage}, url_name="indices",
            summary="List composite indices",
            description="HAI-style composite indices: their areas, year and dimensions.")
def list_indices(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    check_read(request)
    configs = IndexConfig.objects.select_related("scope").prefetch_related(
        "components__indicator").order_by("-year", "name", "pk")
    return paginate(request, configs, page,
                    lambda rows: [index_row(c, request) for c in rows])


@router.get("/indices/{int:index_id}/", response={200: IndexDetail, 404: Message},
            url_name="index", summary="One composite index, per area",
            description=("The index computed for every area compared: dimension scores "
                         "(0–1), composite, rank (1 = highest) and missing-value flags; "
                         "areas in code order, paginated. `method` and `missing_rule` say how."))
def index_detail(request: HttpRequest, index_id: int, page: Query[PageParams]) -> dict[str, Any]:
    check_read(request)
    config = IndexConfig.objects.select_related("scope").prefetch_related(
        "components__indicator").filter(pk=index_id).first()
    if config is None:
        raise HttpError(404, _("Unknown index: %(id)s") % {"id": index_id})
    table = services.compute_index(config)
    limit, offset = page.window()
    count = len(table.rows)
    window = table.rows[offset:offset + limit]
    following = offset + limit
    return {
        **index_row(config, request),
        "method": str(services.METHOD), "missing_rule": str(services.MISSING_RULE),
        "error": table.error,
        "left_out": [i.code for i in table.left_out],
        "no_spread": [i.code for i in table.no_spread],
        "count": count,
        "next": page_url(request, limit, following) if following < count else None,
        "previous": page_url(request, limit, max(offset - limit, 0)) if offset > 0 else None,
        "results": [
            {"area": area_ref(r.area), "composite": r.composite, "rank": r.rank,
             "dimensions": dict(zip(table.dimensions, r.scores, strict=True)),
             "partial_dimensions": r.partial, "missing_dimensions": r.missing,
             "flags": r.flags}
            for r in window
        ],
    }



