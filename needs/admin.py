"""Needs in Django's admin, for administrators fixing data (the working group uses the pages)."""

from django.contrib import admin

from needs.models import Need, NeedEvidence


class EvidenceInline(admin.TabularInline):
    model = NeedEvidence
    extra = 0
    fields = ["kind", "title", "value", "unit", "source", "url", "file"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "status", "urgency", "is_sensitive", "created_at"]
    list_filter = ["status", "urgency", "is_sensitive"]
    search_fields = ["title", "description"]
    raw_id_fields = ["area", "raised_by", "screened_by", "merged_into", "split_from"]
    filter_horizontal = ["target_groups", "organisations", "forums"]
    readonly_fields = ["province", "created_at", "updated_at", "supporters"]
    inlines = [EvidenceInline]
