from django.contrib import admin

from committee.models import AgendaItem, Body, BodyMember, Meeting


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "short_name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name_th", "name_en", "short_name"]
    raw_id_fields = ["area"]
    inlines = [BodyMemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["proposal"]
    # Decisions move proposals through their state machine: record them on the meeting page,
    # never by editing rows here.
    readonly_fields = ["decision", "resolution", "decided_at", "decided_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "place"]
    list_filter = ["body"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]
