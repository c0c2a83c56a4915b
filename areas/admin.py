"""Planning areas in the administration site: read-mostly.

Areas come from DOPA data (``load_areas``); administrators look them up (and pick them when
granting roles), superusers may correct one. No one deletes an area here: grants, organisations
and evidence point to it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.predicates import is_administrator
from areas.models import Area, AreaAlias


class ReadMostlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user) or super().has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(ReadMostlyAdmin):
    list_display = ("code", "name_th", "name_en", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name_th", "name_en")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)
    fields = ("code", "level", "name_th", "name_en", "parent", "created_by")
    readonly_fields = ("created_by",)
    show_full_result_count = False


@admin.register(AreaAlias)
class AreaAliasAdmin(ReadMostlyAdmin):
    list_display = ("code", "name_th", "name_en", "level", "abolished_on")
    list_filter = ("level",)
    search_fields = ("code", "name_th", "name_en")
    autocomplete_fields = ("successors",)
