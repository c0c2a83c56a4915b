"""Planning areas: nation, regions, clusters, provinces, districts, sub-districts, villages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AbolishedArea, AreaDetail, AreaPage, FieldErrors, Message
from areas.models import LEVEL_ORDER, Area, AreaAlias

router = Router(tags=["areas"])

ITEM_FIELDS = {
    "code": "code",
    "level": "level",
    "name_th": "name_th",
    "name_en": "name_en",
    "parent_code": "parent__code",
    "region_code": "region__code",
    "cluster_code": "cluster__code",
    "province_code": "province__code",
    "district_code": "district__code",
}
REF_FIELDS = ("code", "level", "name_th", "name_en")


def area_rows(queryset: QuerySet[Area]) -> list[dict[str, Any]]:
    keys = list(ITEM_FIELDS)
    return [dict(zip(keys, row, strict=True))
            for row in queryset.values_list(*ITEM_FIELDS.values())]


def unknown_area(code: str) -> HttpError:
    return HttpError(404, _("Unknown area code: %(code)s") % {"code": code})


def area_or_404(code: str) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise unknown_area(code)
    return area


@router.get(
    "/areas/", response={200: AreaPage, 400: FieldErrors, 404: Message}, url_name="areas",
    summary="List planning areas",
    description=(
        "Areas at every planning level, ordered by code. Filter by `level` (nation, region, "
        "cluster, province, district, subdistrict, village), by `parent` (an area code: its "
        "direct children) and by `q` (part of the Thai or English name)."
    ),
)
def list_areas(
    request: HttpRequest,
    page: Query[PageParams],
    level: str | None = Query(None, description="One of: " + ", ".join(LEVEL_ORDER)),
    parent: str | None = Query(None, description="Area code; lists its direct children."),
    q: str | None = Query(None, description="Part of the Thai or English name."),
) -> dict[str, Any]:
    areas = Area.objects.all()
    if level:
        if level not in LEVEL_ORDER:
            raise InvalidFields({"level": _("Unknown level “%(level)s”. Choose one of: "
                                            "%(choices)s.") % {"level": level,
                                                               "choices": ", ".join(LEVEL_ORDER)}})
        areas = areas.filter(level=level)
    if parent:
        areas = areas.filter(parent=area_or_404(parent))
    if q and q.strip():
        areas = areas.filter(search_text__contains=q.strip().casefold())
    return paginate(request, areas.order_by("code"), page, area_rows)


@router.get(
    "/areas/{code}/", response={200: AreaDetail, 404: AbolishedArea | Message}, url_name="area",
    summary="One planning area",
    description=(
        "The area with its parent, its direct children and the abolished codes that now "
        "resolve to it. An abolished code answers 404 naming the areas that replaced it."
    ),
)
def get_area(request: HttpRequest, code: str) -> Any:
    found = area_rows(Area.objects.filter(code=code))
    if not found:
        return Status(404, abolished_or_unknown(code))
    item = found[0]
    refs = Area.objects.order_by("code").values(*REF_FIELDS)
    item["parent"] = refs.filter(code=item["parent_code"]).first() if item["parent_code"] else None
    item["children"] = list(refs.filter(parent__code=code))
    item["aliases"] = list(
        AreaAlias.objects.filter(successors__code=code).order_by("code")
        .values("code", "level", "name_th", "name_en", "abolished_on")
    )
    return item


@router.get("/areas/{code}", response={200: AreaDetail, 404: AbolishedArea | Message},
            url_name="area-no-slash", include_in_schema=False)
def get_area_without_slash(request: HttpRequest, code: str) -> Any:
    return get_area(request, code)


def abolished_or_unknown(code: str) -> dict[str, Any]:
    alias = AreaAlias.objects.filter(code=code).first()
    if alias is None:
        return {"detail": _("Unknown area code: %(code)s") % {"code": code}}
    successors = list(alias.successors.order_by("code").values(*REF_FIELDS))
    names = ", ".join(f"{s['code']} {s['name_th']}" for s in successors) or "—"
    return {
        "detail": _("Area code %(code)s (%(name)s) was abolished; it is now: %(successors)s")
        % {"code": code, "name": alias.name_th, "successors": names},
        "successors": successors,
    }
