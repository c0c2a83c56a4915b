from django.contrib import admin

from committee.models import (
    AgendaItem,
    Body,
    BodyMember,
    Endorsement,
    Meeting,
    Nomination,
    Seat,
    SeatTerm,
)


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


class SeatTermInline(admin.TabularInline):
    model = SeatTerm
    fk_name = "seat"
    extra = 0
    fields = ["holder_name", "organisation", "starts_on", "ends_on"]
    # Terms are recorded and ended on the seat pages, where overlaps are refused.
    readonly_fields = fields
    can_delete = False


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ["__str__", "category", "body"]
    list_filter = ["category", "body"]
    search_fields = ["title", "body__name_th"]
    raw_id_fields = ["body", "created_by"]
    inlines = [SeatTermInline]


class EndorsementInline(admin.TabularInline):
    model = Endorsement
    extra = 0
    raw_id_fields = ["organisation", "endorsed_by"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["candidate_name", "seat", "organisation", "status"]
    list_filter = ["status"]
    raw_id_fields = ["seat", "organisation", "candidate_organisation", "nominated_by",
                     "decided_by"]
    # A selection fills the seat and tells the organisations: make it on the selection page.
    readonly_fields = ["status", "decided_by", "decided_at", "decision_reason"]
    inlines = [EndorsementInline]
