from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Contact, IssueArea, Organisation, TargetGroup


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "org_type", "home_area", "verified_at"]
    list_filter = ["org_type", "registration_status", ("verified_at", admin.EmptyFieldListFilter),
                   "target_groups", "issue_areas", "is_demo"]
    search_fields = ["name_th", "name_en", "short_name", "registration_number"]
    list_select_related = ["home_area"]
    # Thousands of areas and organisations: pick them by code or name, not from a long list.
    raw_id_fields = ["home_area", "areas"]
    autocomplete_fields = ["networks"]
    filter_horizontal = ["issue_areas", "target_groups"]
    readonly_fields = ["created_at", "updated_at", "created_by", "verified_at", "verified_by"]
    inlines = [ContactInline]
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name_th", "name_en", "short_name", "org_type",
                           "registration_status", "registration_number", "founded_year",
                           "description"]}),
        (_("Where"), {"fields": ["home_area", "areas"]}),
        (_("What and for whom"), {"fields": ["issue_areas", "target_groups", "networks"]}),
        (_("Public contact details"), {"fields": ["website", "email", "phone", "address"]}),
        (_("Record"), {"fields": ["created_at", "updated_at", "created_by", "verified_at",
                                  "verified_by"]}),
    ]


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "slug", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name_th", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(IssueArea)
class IssueAreaAdmin(TaxonomyAdmin):
    pass


@admin.register(TargetGroup)
class TargetGroupAdmin(TaxonomyAdmin):
    list_display = [*TaxonomyAdmin.list_display, "is_vulnerable"]
    list_filter = ["is_vulnerable"]
