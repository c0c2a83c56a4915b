"""What other apps ask of the areas: find an area by its code, or say clearly why not."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from areas.models import Area, AreaAlias


def find_area(code: str | None) -> Area | None:
    code = (code or "").strip()
    return Area.objects.filter(code=code).first() if code else None


def unknown_area_message(code: str) -> str:
    return _(
        "There is no area with the code “%(code)s”. Area codes are the official codes of the "
        "Department of Provincial Administration: 2 digits for a province, 4 for a district, "
        "6 for a sub-district."
    ) % {"code": code}


def get_area_or_404(code: str | None) -> Area:
    area = find_area(code)
    if area is None:
        raise Http404(unknown_area_message((code or "").strip()))
    return area


def resolve(code: str) -> Area | None:
    """The current area for a code, following an abolished code to its only successor."""
    area = find_area(code)
    if area is not None:
        return area
    alias = AreaAlias.objects.filter(code=code).prefetch_related("successors").first()
    if alias is None:
        return None
    successors = list(alias.successors.all())
    return successors[0] if len(successors) == 1 else None
