"""The funder list is edited on the admin site (administrators)."""

from django.contrib import admin

from funding.models import Funder


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_th", "name_en", "kind", "planning_source", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["slug", "name_th", "name_en"]
