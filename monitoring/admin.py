from django.contrib import admin

from monitoring.models import ProgressUpdate


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["plan_item", "date", "progress"]
    date_hierarchy = "date"
    raw_id_fields = ["plan_item"]
    readonly_fields = ["reported_by", "created_at"]
