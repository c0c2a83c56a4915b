from django.contrib import admin

from forums.models import AttendanceByGroup, AttendanceByOrganisation, Forum, ForumFile


class AttendanceByOrganisationInline(admin.TabularInline):
    model = AttendanceByOrganisation
    extra = 0
    raw_id_fields = ["organisation"]


class AttendanceByGroupInline(admin.TabularInline):
    model = AttendanceByGroup
    extra = 0


class ForumFileInline(admin.TabularInline):
    model = ForumFile
    extra = 0
    fields = ["kind", "title", "content_type", "size", "uploaded_by", "uploaded_at"]
    # Uploads go through the forum page, where their content is checked.
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "area", "starts_at", "reminded_at"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["area"]
    raw_id_fields = ["area", "organisers"]
    readonly_fields = ["created_by", "created_at", "updated_at", "reminded_at"]
    # Named participants are personal data and stay out of the admin's lists: they are
    # managed on the forum's participants page, where consent is recorded.
    inlines = [AttendanceByOrganisationInline, AttendanceByGroupInline, ForumFileInline]
