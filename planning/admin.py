from django.contrib import admin

from planning.models import Funding, Plan, PlanItem, Strategy


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "first_year", "last_year"]
    raw_id_fields = ["area"]
    inlines = [StrategyInline]


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "strategy", "fiscal_year", "owner_agency", "budget",
                    "progress"]
    list_filter = ["fiscal_year", "plan"]
    search_fields = ["title", "owner_agency"]
    raw_id_fields = ["proposal", "parent"]
    # Progress comes from dated progress updates; funding moves the proposal's state.
    readonly_fields = ["progress", "created_by", "created_at"]
    inlines = [FundingInline]
