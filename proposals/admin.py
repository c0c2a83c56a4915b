"""Administration of proposals: read the timeline, moderate comments. States change only
through ``proposals.commands.transition`` (the pages and the API), never by editing here."""

from django.contrib import admin

from proposals.models import Comment, CommentReport, Proposal, ProposalEvent


class ProposalEventInline(admin.TabularInline):
    model = ProposalEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "actor_role", "from_state", "to_state", "text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:  # the timeline is append-only
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "area", "fiscal_year", "support_count", "created_at"]
    list_filter = ["state", "kind", "is_demo"]
    search_fields = ["title"]
    list_select_related = ["area"]
    raw_id_fields = ["area", "areas", "needs", "created_by"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["state", "state_changed_at", "support_count", "version", "created_at",
                       "updated_at"]
    inlines = [ProposalEventInline]
    show_full_result_count = False


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    raw_id_fields = ["reporter"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["proposal", "created_at", "hidden_at"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["proposal", "author", "hidden_by"]
    inlines = [CommentReportInline]
