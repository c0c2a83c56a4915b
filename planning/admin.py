from django.contrib import admin

from planning.models import Cycle, Funding, Milestone, Plan, PlanItem, PlanType, Strategy


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


@admin.register(PlanType)
class PlanTypeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_th", "level", "order"]


class MilestoneInline(admin.TabularInline):
    # Milestone.clean refuses dates out of order within the cycle.
    model = Milestone
    extra = 0
    fields = ["order", "slug", "name_th", "starts_on", "ends_on", "is_estimate",
              "is_entry_deadline", "source"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["plan_type", "fiscal_year", "area"]
    list_filter = ["plan_type", "fiscal_year"]
    raw_id_fields = ["area"]
    inlines = [MilestoneInline]
