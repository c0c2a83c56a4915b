from django.contrib import admin

from budget.models import BudgetClass, BudgetImport, BudgetLine


@admin.register(BudgetClass)
class BudgetClassAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_th", "name_en", "sort_order", "match_order"]
    list_editable = ["sort_order", "match_order"]


@admin.register(BudgetImport)
class BudgetImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "imported_by", "imported_at", "rows_read", "rows_created",
                    "rows_skipped"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["project", "fiscal_year", "agency", "amount", "source", "budget_class",
                    "class_confirmed"]
    list_filter = ["fiscal_year", "source", "budget_class", "class_confirmed"]
    search_fields = ["project", "agency", "plan"]
    raw_id_fields = ["area", "plan_items", "proposals"]
