"""What the pages, the API and the exports ask of budget lines: summaries, trends, classifying
and linking. Sums are made by the database (a handful of GROUP BY queries per summary), never by
looping over lines in Python.

A line for several target groups counts in full for each of them in "by group" figures, so those
rows can add up to more than the total; "to vulnerable groups" counts each line once.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from areas.models import Area
from budget import versions
from budget.models import INFRASTRUCTURE, QUALITY_OF_LIFE, BudgetClass, BudgetLine
from orgs.models import TargetGroup
from planning.models import FundingSource

ZERO = Decimal("0")
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Sums come back from SQLite without their scale: always two decimals in answers."""
    return Decimal(value).quantize(CENT)


def ensure_classes() -> None:
    """Seed the classes again where a test or a flushed database lost them."""
    if not BudgetClass.objects.exists():
        importlib.import_module("budget.migrations.0002_seed_classes").seed(apps, None)


@dataclass
class Row:
    key: str
    label: str
    amount: Decimal
    count: int = 0
    share: float = 0.0       # percent of the total it belongs to
    bar: float = 0.0         # percent of the largest row, for the chart

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "amount": money(self.amount),
                "count": self.count, "share": self.share}


def percent(part: Decimal, whole: Decimal) -> float:
    return round(float(part * 100 / whole), 1) if whole else 0.0


def finish(rows: list[Row], total: Decimal) -> list[Row]:
    largest = max((r.amount for r in rows), default=ZERO)
    for row in rows:
        row.share = percent(row.amount, total)
        row.bar = percent(row.amount, largest)
    return rows


@dataclass
class Summary:
    province: Area
    fiscal_year: int
    total: Decimal = ZERO
    count: int = 0
    unconfirmed_count: int = 0
    unconfirmed_amount: Decimal = ZERO
    by_class: list[Row] = field(default_factory=list)
    by_source: list[Row] = field(default_factory=list)
    by_group: list[Row] = field(default_factory=list)
    by_district: list[Row] = field(default_factory=list)
    infrastructure: Decimal = ZERO
    quality_of_life: Decimal = ZERO
    qol_vulnerable: Decimal = ZERO
    qol_by_group: list[Row] = field(default_factory=list)
    qol_vulnerable_by_district: list[Row] = field(default_factory=list)
    cluster_total: Decimal = ZERO

    @property
    def infrastructure_share(self) -> float:
        return percent(self.infrastructure, self.total)

    @property
    def quality_of_life_share(self) -> float:
        return percent(self.quality_of_life, self.total)

    @property
    def qol_vulnerable_share(self) -> float:
        """Of the quality-of-life money, the part for lines that name a vulnerable group."""
        return percent(self.qol_vulnerable, self.quality_of_life)

    def as_dict(self) -> dict[str, Any]:
        return {
            "province": self.province.code, "fiscal_year": self.fiscal_year,
            "total": money(self.total), "count": self.count,
            "unconfirmed": {"count": self.unconfirmed_count,
                            "amount": money(self.unconfirmed_amount)},
            "by_class": [r.as_dict() for r in self.by_class],
            "by_source": [r.as_dict() for r in self.by_source],
            "by_group": [r.as_dict() for r in self.by_group],
            "by_district": [r.as_dict() for r in self.by_district],
            "quality_of_life": {
                "infrastructure": money(self.infrastructure),
                "infrastructure_share": self.infrastructure_share,
                "amount": money(self.quality_of_life), "share": self.quality_of_life_share,
                "to_vulnerable_groups": money(self.qol_vulnerable),
                "to_vulnerable_groups_share": self.qol_vulnerable_share,
                "by_group": [r.as_dict() for r in self.qol_by_group],
                "to_vulnerable_groups_by_district": [
                    r.as_dict() for r in self.qol_vulnerable_by_district],
            },
            "cluster_lines_total": money(self.cluster_total),
        }


def province_lines(province: Area, fiscal_year: int | None = None) -> QuerySet[BudgetLine]:
    lines = BudgetLine.objects.filter(province=province)
    return lines.filter(fiscal_year=fiscal_year) if fiscal_year else lines


def years_of(province: Area) -> list[int]:
    return sorted(province_lines(province).values_list("fiscal_year", flat=True)
                  .distinct().order_by(), reverse=True)


def summarise(province: Area, fiscal_year: int) -> Summary:
    return summarise_years(province, [fiscal_year])[fiscal_year]


def summarise_years(province: Area, fiscal_years: list[int] | None = None
                    ) -> dict[int, Summary]:
    """The summaries of these fiscal years (None: every year with lines), with the same
    handful of GROUP BY queries as one year: a cache miss fills all the province's years."""
    lines = province_lines(province)
    if fiscal_years is not None:
        lines = lines.filter(fiscal_year__in=fiscal_years)
    summaries: dict[int, Summary] = {}

    def of(year: int) -> Summary:
        if year not in summaries:
            summaries[year] = Summary(province=province, fiscal_year=year)
        return summaries[year]

    for year in fiscal_years or ():
        of(year)
    classes = {c.pk: c for c in BudgetClass.objects.all()}
    by_slug = {c.slug: c.pk for c in classes.values()}
    qol_id = by_slug.get(QUALITY_OF_LIFE)

    class_rows: dict[int, dict[int | None, Row]] = defaultdict(dict)
    for year, class_id, confirmed, amount, count in (
            lines.values_list("fiscal_year", "budget_class_id", "class_confirmed")
            .annotate(Sum("amount"), Count("pk")).order_by()):
        summary = of(year)
        budget_class = classes.get(class_id)
        row = class_rows[year].setdefault(class_id, Row(
            budget_class.slug if budget_class else "",
            budget_class.name if budget_class else _("Not classified"), ZERO))
        row.amount += amount
        row.count += count
        summary.total += amount
        summary.count += count
        if not confirmed:
            summary.unconfirmed_amount += amount
            summary.unconfirmed_count += count
    order = {c.pk: (c.sort_order, c.slug) for c in classes.values()}
    for year, rows in class_rows.items():
        summary = of(year)
        summary.by_class = finish(sorted(rows.values(), key=lambda r: order.get(
            by_slug.get(r.key), (10_000, ""))), summary.total)
        summary.infrastructure = rows.get(by_slug.get(INFRASTRUCTURE), Row("", "", ZERO)).amount
        summary.quality_of_life = rows.get(qol_id, Row("", "", ZERO)).amount

    labels = dict(FundingSource.choices)
    source_rows: dict[int, list[Row]] = defaultdict(list)
    for year, source, amount, count in (lines.values_list("fiscal_year", "source")
                                        .annotate(Sum("amount"), Count("pk")).order_by()):
        source_rows[year].append(Row(source, str(labels.get(source, source)), amount, count))
    for year, rows in source_rows.items():
        of(year).by_source = finish(sorted(rows, key=lambda r: -r.amount), of(year).total)

    # Target groups: the full amount of a line for each of its groups.
    groups = {g.pk: g for g in TargetGroup.objects.all()}
    through = BudgetLine.target_groups.through
    # IN (the years' line ids): the database walks the through table by line, not whole.
    linked = through.objects.filter(budgetline_id__in=lines.values("pk"))
    all_groups: dict[int, dict[int, Row]] = defaultdict(dict)
    qol_groups: dict[int, dict[int, Row]] = defaultdict(dict)
    for year, group_id, class_id, amount, count in (linked.values_list(
            "budgetline__fiscal_year", "targetgroup_id", "budgetline__budget_class_id")
            .annotate(Sum("budgetline__amount"), Count("pk")).order_by()):
        group = groups[group_id]
        for bucket, wanted in ((all_groups[year], True),
                               (qol_groups[year], class_id == qol_id)):
            if wanted:
                row = bucket.setdefault(group_id, Row(group.slug, group.name, ZERO))
                row.amount += amount
                row.count += count
    for year, summary in summaries.items():
        summary.by_group = finish(sorted(all_groups.get(year, {}).values(),
                                         key=lambda r: -r.amount), summary.total)
        summary.qol_by_group = finish(sorted(qol_groups.get(year, {}).values(),
                                             key=lambda r: -r.amount), summary.quality_of_life)

    names = {a.pk: a for a in Area.objects.filter(parent=province)}

    def district_rows(queryset: QuerySet[BudgetLine]) -> dict[int, list[Row]]:
        rows: dict[int, list[Row]] = defaultdict(list)
        for year, district_id, amount, count in (
                queryset.values_list("fiscal_year", "district_id")
                .annotate(Sum("amount"), Count("pk")).order_by()):
            if district_id in names:
                rows[year].append(Row(names[district_id].code, names[district_id].name,
                                      amount, count))
            else:
                rows[year].append(Row("", _("Province-wide (no district given)"), amount,
                                      count))
        return rows

    def ordered(rows: list[Row], total: Decimal) -> list[Row]:
        return finish(sorted(rows, key=lambda r: (r.key == "", r.key)), total)

    everywhere = district_rows(lines)
    vulnerable = lines.filter(budget_class_id=qol_id, pk__in=linked.filter(
        targetgroup__is_vulnerable=True).values("budgetline_id"))
    vulnerable_rows = district_rows(vulnerable)
    for year, summary in summaries.items():
        summary.by_district = ordered(everywhere.get(year, []), summary.total)
        summary.qol_vulnerable = sum((r.amount for r in vulnerable_rows.get(year, [])), ZERO)
        summary.qol_vulnerable_by_district = ordered(vulnerable_rows.get(year, []),
                                                     summary.qol_vulnerable)
    if province.cluster_id:
        cluster_lines = BudgetLine.objects.filter(area_id=province.cluster_id)
        if fiscal_years is not None:
            cluster_lines = cluster_lines.filter(fiscal_year__in=fiscal_years)
        for year, amount in (cluster_lines.values_list("fiscal_year")
                             .annotate(Sum("amount")).order_by()):
            of(year).cluster_total = amount or ZERO
    return summaries


@dataclass
class YearTrend:
    fiscal_year: int
    total: Decimal
    by_class: dict[str, Decimal]
    quality_of_life_share: float
    infrastructure_share: float


def trend(province: Area) -> list[YearTrend]:
    """Totals per fiscal year and class, oldest first."""
    slugs = dict(BudgetClass.objects.values_list("pk", "slug"))
    years: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for year, class_id, amount in (province_lines(province)
                                   .values_list("fiscal_year", "budget_class_id")
                                   .annotate(Sum("amount")).order_by()):
        years[year][slugs.get(class_id, "")] += amount
    out = []
    for year in sorted(years):
        total = sum(years[year].values(), ZERO)
        out.append(YearTrend(year, total, dict(years[year]),
                             percent(years[year].get(QUALITY_OF_LIFE, ZERO), total),
                             percent(years[year].get(INFRASTRUCTURE, ZERO), total)))
    return out


# --- cached for the pages and the API ------------------------------------------------------------

# Long enough to matter, short enough that an entry orphaned by a bump does not sit for ever.
CACHE_SECONDS = 6 * 60 * 60


@dataclass
class Cached:
    """What one cache entry holds for a province in one language: the summary of every year
    with lines, the trend, and the page's rendered figures for the years shown so far. One
    entry per province, not per year: the default per-process cache keeps only 300 entries."""

    summaries: dict[int, Summary]
    trend: list[YearTrend]
    figures: dict[int, str] = field(default_factory=dict)


def cache_key(province: Area, token: str) -> str:
    return f"budget:province:{province.pk}:{get_language()}:{token}"


def cached(province: Area) -> tuple[str, Cached]:
    """The province's entry under its current budget version (see ``budget.versions``): any
    write that could change it changes the key in the same transaction, so an entry is never
    served after its data changed. Labels are translated: the language is in the key."""
    key = cache_key(province, versions.tokens(province))
    entry = cache.get(key)
    if entry is None:
        entry = Cached(summarise_years(province), trend(province))
        cache.set(key, entry, CACHE_SECONDS)
    for summary in entry.summaries.values():
        summary.province = province
    return key, entry


def cached_summary(province: Area, fiscal_year: int) -> Summary:
    """``summarise``, from the cache; a year without lines is not cached (nothing to save)."""
    _key, entry = cached(province)
    found = entry.summaries.get(fiscal_year)
    return found if found is not None else summarise(province, fiscal_year)


def cached_page(province: Area, fiscal_year: int,
                render: Callable[[Summary, list[YearTrend]], str]
                ) -> tuple[Summary, list[YearTrend], str]:
    """``summarise``, ``trend`` and ``render(summary, trend)`` (the page's figures, which
    depend on nothing else), from the cache."""
    key, entry = cached(province)
    summary = entry.summaries.get(fiscal_year)
    if summary is None:
        summary = summarise(province, fiscal_year)
        return summary, entry.trend, render(summary, entry.trend)
    figures = entry.figures.get(fiscal_year)
    if figures is None:
        figures = entry.figures[fiscal_year] = render(summary, entry.trend)
        cache.set(key, entry, CACHE_SECONDS)
    return summary, entry.trend, figures


# --- classifying and linking -----------------------------------------------------------------

@transaction.atomic
def confirm_classes(user: Any, choices: dict[int, BudgetClass]) -> int:
    """Confirm (or change) the class of each line; answers how many lines were confirmed."""
    now = timezone.now()
    done = 0
    for line in BudgetLine.objects.select_for_update().filter(pk__in=choices):
        line.budget_class = choices[line.pk]
        line.class_confirmed = True
        line.confirmed_by = user
        line.confirmed_at = now
        line.save(update_fields=["budget_class", "class_confirmed", "confirmed_by",
                                 "confirmed_at"])
        done += 1
    return done


def lines_for(obj: Any) -> QuerySet[BudgetLine]:
    """The budget lines linked to a plan item or a proposal (for their pages)."""
    from planning.models import PlanItem

    relation = "plan_items" if isinstance(obj, PlanItem) else "proposals"
    return (BudgetLine.objects.filter(**{relation: obj})
            .select_related("budget_class", "area").order_by("-fiscal_year", "-amount"))
