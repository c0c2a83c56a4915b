from django.contrib import admin

from agreements.models import Agreement, AgreementDocument, Commitment, Party


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    # Status changes tell followers: make them on the commitment's page, not here.
    readonly_fields = ["status", "status_note", "status_changed_at", "status_changed_by"]


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    # Uploads are checked by content on the agreement's page; here they are only listed.
    readonly_fields = ["title", "file", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "signed_on", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["title", "scope"]
    raw_id_fields = ["areas", "organisations", "created_by"]
    inlines = [PartyInline, CommitmentInline, DocumentInline]
