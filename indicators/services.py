"""What the pages, the API, the exports and the demo ask of indicators: the areas of an index,
its computed table, saving a scenario with its reasons, and Klang's own evidence as values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl
from django.contrib.humanize.templatetags.humanize import intcomma, ordinal
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from areas.models import Area, Level
from indicators import allocation, composite
from indicators.models import (
    Dimension,
    Direction,
    IndexConfig,
    Indicator,
    IndicatorValue,
    Scenario,
    ScenarioArea,
)

POPULATION = "population"
# Levels an index may compare, top to bottom.
COMPARED_LEVELS = [Level.PROVINCE, Level.DISTRICT, Level.SUBDISTRICT]

MISSING_RULE = gettext_lazy(
    "Missing values: the lowest and highest values are taken over the areas that have a "
    "value. An indicator on which all areas are equal gives 1.0 to every area with a value. "
    "An indicator no area has a value for is left out. A dimension score is the mean of the "
    "indicators the area has (flagged “partial” when some are missing). An area with no value "
    "in a whole dimension gets no composite and no rank, and is flagged.")
METHOD = gettext_lazy(
    "Method (as the Human Achievement Index, HAI, of NESDC and UNDP): each indicator becomes "
    "an index from 0 to 1, (value − lowest) ÷ (highest − lowest) across the areas compared; "
    "for an indicator where lower is better, 1 minus that. A dimension's score is the plain "
    "mean of its indicators, the composite the plain mean of the dimensions. Rank 1 is the "
    "highest composite.")


def areas_of(config: IndexConfig) -> QuerySet[Area]:
    return Area.objects.within(config.scope).filter(level=config.level).order_by("code")


@dataclass(frozen=True)
class AreaLabel:
    """What the index tables show of an area; light, since thousands are made at once."""

    pk: int
    code: str
    level: str
    name_th: str
    name_en: str

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_th


def area_labels(config: IndexConfig) -> list[AreaLabel]:
    return [AreaLabel(*row) for row in areas_of(config).values_list(
        "pk", "code", "level", "name_th", "name_en")]


def components_of(config: IndexConfig) -> list[composite.Component]:
    return [composite.Component(c.indicator.code, c.dimension,
                                c.indicator.direction == Direction.NEGATIVE)
            for c in config.components.select_related("indicator").order_by("pk")]


VALUE_SCHEMA = {"area_id": pl.Int64, "indicator_id": pl.Int64, "value": pl.Float64}
# Up to this many areas the database filters them; above, the values of the year are read
# whole (one indexed range, no join) and polars keeps the areas wanted.
AREA_FILTER_MAX = 500


def values_frame(indicator_ids: Iterable[int], year: int,
                 area_ids: list[int]) -> pl.DataFrame:
    """Values of those indicators, that year, for those areas: area_id, code, value."""
    codes = dict(Indicator.objects.filter(pk__in=list(indicator_ids)).values_list("pk", "code"))
    if not codes or not area_ids:
        return pl.DataFrame(schema={"area_id": pl.Int64, "code": pl.String,
                                    "value": pl.Float64})
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    ids = list(codes)
    sql = (f"SELECT area_id, indicator_id, value FROM {table} WHERE year = %s "
           f"AND indicator_id IN ({', '.join(['%s'] * len(ids))})")
    params: list[Any] = [year, *ids]
    if len(area_ids) <= AREA_FILTER_MAX:
        sql += f" AND area_id IN ({', '.join(['%s'] * len(area_ids))})"
        params += area_ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=VALUE_SCHEMA, orient="row")
    wanted = pl.DataFrame({"area_id": area_ids}, schema={"area_id": pl.Int64})
    return (frame.join(wanted, on="area_id", how="semi")
            .with_columns(code=pl.col("indicator_id").replace_strict(
                codes, return_dtype=pl.String))
            .select("area_id", "code", "value"))


@dataclass
class AreaRow:
    area: AreaLabel
    composite: float | None
    rank: int | None
    scores: list[float | None]
    partial: list[str]
    missing: list[str]

    @property
    def flags(self) -> list[str]:
        out = []
        if self.missing:
            out.append(_("No composite: no value in %(dims)s") % {
                "dims": ", ".join(str(Dimension(d).label) for d in self.missing)})
        if self.partial:
            out.append(_("Partial: some indicators missing in %(dims)s") % {
                "dims": ", ".join(str(Dimension(d).label) for d in self.partial)})
        return out


@dataclass
class IndexTable:
    config: IndexConfig
    dimensions: list[str]
    rows: list[AreaRow]
    ranked: int
    left_out: list[Indicator] = field(default_factory=list)
    no_spread: list[Indicator] = field(default_factory=list)
    error: str = ""

    @property
    def dimension_labels(self) -> list[str]:
        return [str(Dimension(d).label) for d in self.dimensions]

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rows if r.missing or r.partial)


def compute_index(config: IndexConfig) -> IndexTable:
    """The index as a table of areas in code order; ``error`` says why there is none."""
    comps = components_of(config)
    areas = area_labels(config)
    by_code = {i.code: i for i in Indicator.objects.filter(
        code__in=[c.code for c in comps])}
    frame = values_frame([i.pk for i in by_code.values()], config.year, [a.pk for a in areas])
    if not comps or not areas:
        return IndexTable(config, [], [], 0, error=_("This index has no indicators or no "
                                                       "areas to compare."))
    try:
        result = composite.compute(frame, comps, [a.pk for a in areas],
                                   dimension_order=Dimension.values)
    except composite.NoValues:
        return IndexTable(config, [], [], 0, error=_(
            "None of the areas compared has a value for the index's indicators in %(year)s, "
            "so there is no index to show. Import the values first.") % {"year": config.year})
    # Whole columns, not a dictionary per row: this runs for thousands of areas.
    order = pl.DataFrame({"area_id": [a.pk for a in areas], "at": range(len(areas))},
                         schema={"area_id": pl.Int64, "at": pl.Int64})
    frame = result.areas.join(order, on="area_id").sort("at")
    columns = [frame.get_column(name).to_list()
               for name in ("at", "composite", "rank", "partial_dims", "missing_dims")]
    scores = list(zip(*[frame.get_column(d).to_list() for d in result.dimensions],
                      strict=True)) if result.dimensions else [()] * frame.height
    rows = [AreaRow(areas[at], comp, rank, list(score), partial, missing)
            for at, comp, rank, partial, missing, score in zip(*columns, scores, strict=True)]
    return IndexTable(
        config, result.dimensions, rows,
        ranked=sum(1 for r in rows if r.rank is not None),
        left_out=[by_code[c] for c in result.left_out if c in by_code],
        no_spread=[by_code[c] for c in result.no_spread if c in by_code],
    )


# --- scenarios -------------------------------------------------------------------------------


def population_of(area_ids: list[int], year: int) -> dict[int, float]:
    """Each area's population: the value of the ``population`` indicator for the scenario's
    year, or the latest year before it."""
    found: dict[int, float] = {}
    for area_id, value in (IndicatorValue.objects
                           .filter(indicator__code=POPULATION, year__lte=year,
                                   area_id__in=area_ids)
                           .order_by("area_id", "-year").values_list("area_id", "value")):
        found.setdefault(area_id, value)
    return found


ERROR_MESSAGES = {
    "no_areas": gettext_lazy("The index compares no areas."),
    "envelope": gettext_lazy("The envelope must be more than 0 baht."),
    "cap_below_floor": gettext_lazy("The cap must not be below the floor."),
    "no_weight": gettext_lazy("No area has the figures this rule needs (population and/or "
                              "the composite index). Choose equal shares or import them."),
    "floor_too_high": gettext_lazy("The floors of all areas add up to more than the "
                                   "envelope: lower the floor."),
    "cap_too_low": gettext_lazy("Even with every area at its cap the envelope is not spent: "
                                "raise the cap."),
    "rule": gettext_lazy("Unknown rule."),
}


def allocate(index: IndexConfig, year: int, envelope: int, rule: str, floor: int,
             cap: int | None) -> tuple[IndexTable, list[tuple[AreaRow, allocation.Share,
                                                             float | None]]]:
    """Compute a scenario without saving it; ``allocation.AllocationError`` when impossible."""
    table = compute_index(index)
    if table.error:
        rows = [AreaRow(a, None, None, [], [], []) for a in area_labels(index)]
    else:
        rows = table.rows
    population = population_of([r.area.pk for r in rows], year)
    claims = [allocation.Claim(r.area.pk, population.get(r.area.pk), r.composite)
              for r in rows]
    shares = allocation.allocate(claims, envelope, rule, floor, cap)
    return table, [(r, s, population.get(r.area.pk)) for r, s in zip(rows, shares, strict=True)]


@transaction.atomic
def save_scenario(*, name: str, index: IndexConfig, year: int, envelope: int, rule: str,
                  floor: int, cap: int | None, notes: str = "", user: Any = None,
                  is_illustrative: bool = False) -> Scenario:
    table, rows = allocate(index, year, envelope, rule, floor, cap)
    scenario = Scenario.objects.create(
        name=name, index=index, year=year, envelope=envelope, rule=rule, floor=floor, cap=cap,
        notes=notes, created_by=user, is_illustrative=is_illustrative)
    ScenarioArea.objects.bulk_create([
        ScenarioArea(scenario=scenario, area_id=row.area.pk, population=pop,
                     composite=row.composite, rank=row.rank, ranked=table.ranked,
                     weight=share.weight, proportional=share.proportional,
                     amount=share.amount, share=share.share, bound=share.bound,
                     missing=",".join(share.missing))
        for row, share, pop in rows
    ])
    return scenario


def previous_scenario(scenario: Scenario) -> Scenario | None:
    """Last year's saved scenario over the same areas, if there is one."""
    return (Scenario.objects.filter(year=scenario.year - 1, index__scope=scenario.index.scope,
                                    index__level=scenario.index.level)
            .order_by("-created_at", "-pk").first())


def baht(value: Any) -> str:
    return intcomma(int(value))


def reason(scenario: Scenario, row: ScenarioArea) -> str:
    """Why this area gets its amount, in a sentence people can check."""
    name = row.area.name
    parts: list[str] = []
    if row.missing:
        lacks = [_("population") if m == "population" else _("composite index")
                 for m in row.missing.split(",")]
        parts.append(_("%(area)s has no %(figures)s, so the rule gives it no share of its "
                       "own.") % {"area": name, "figures": _(" and ").join(lacks)})
    else:
        figures = []
        if scenario.rule in (allocation.POPULATION_GAP, allocation.POPULATION):
            figures.append(_("its population is %(population)s") % {
                "population": intcomma(round(row.population or 0))})
        if scenario.rule in (allocation.POPULATION_GAP, allocation.GAP):
            rank_from_bottom = row.ranked - row.rank + 1 if row.rank else None
            figures.append(_("its index %(index).3f is the %(nth)s lowest of %(count)s "
                             "(gap %(gap).3f)") % {
                "index": row.composite or 0, "nth": ordinal(rank_from_bottom),
                "count": row.ranked, "gap": 1 - (row.composite or 0)})
        if scenario.rule == allocation.EQUAL:
            parts.append(_("%(area)s gets %(amount)s baht (%(share).1f%%): every area gets "
                           "the same share.") % {"area": name, "amount": baht(row.amount),
                                                  "share": row.share * 100})
        else:
            parts.append(_("%(area)s gets %(amount)s baht (%(share).1f%%) because %(figures)s.")
                         % {"area": name, "amount": baht(row.amount),
                            "share": row.share * 100, "figures": _("; ").join(figures)})
    if row.bound == ScenarioArea.Bound.FLOOR:
        parts.append(_("Its proportional share would be %(share)s baht, below the floor of "
                       "%(floor)s baht, so it gets the floor.") % {
            "share": baht(row.proportional), "floor": baht(scenario.floor)})
    elif row.bound == ScenarioArea.Bound.CAP:
        parts.append(_("Its proportional share would be %(share)s baht, above the cap of "
                       "%(cap)s baht, so it gets the cap.") % {
            "share": baht(row.proportional), "cap": baht(scenario.cap or 0)})
    return " ".join(parts)


@dataclass
class ScenarioLine:
    row: ScenarioArea
    reason: str
    last_year: Decimal | None
    change: Decimal | None


def scenario_lines(scenario: Scenario) -> tuple[list[ScenarioLine], Scenario | None]:
    previous = previous_scenario(scenario)
    before = ({r.area_id: r.amount for r in previous.areas.all()} if previous else {})
    lines = []
    for row in scenario.areas.select_related("area"):
        last = before.get(row.area_id)
        lines.append(ScenarioLine(row, reason(scenario, row), last,
                                  row.amount - last if last is not None else None))
    return lines, previous


# --- Klang's own evidence --------------------------------------------------------------------

EVIDENCE_DIMENSIONS = {"health": Dimension.HEALTH, "living": Dimension.HOUSING,
                       "education": Dimension.EDUCATION, "income": Dimension.INCOME,
                       "access": Dimension.FAMILY}


def evidence_indicator(indicator: str, group: str) -> dict[str, Any]:
    """The definition of an evidence statistic as an indicator (a deprivation rate: negative)."""
    from evidence import schema

    tpmap = schema.INDICATOR_BY_CODE.get(indicator)
    dimension = Dimension.CONTEXT
    label = indicator
    if tpmap is not None:
        dimension = EVIDENCE_DIMENSIONS.get(tpmap.dimension, Dimension.CONTEXT)
        label = str(tpmap.label)
    elif indicator.startswith("poor_"):
        dimension = EVIDENCE_DIMENSIONS.get(indicator.removeprefix("poor_"),
                                            Dimension.CONTEXT)
    suffix = "" if group == "all" else f" ({group})"
    return {
        "name_th": f"ข้อมูลครัวเรือนของพื้นที่กลาง: {label}{suffix}",
        "name_en": f"Klang household evidence: {label}{suffix}",
        "unit": "rate", "direction": Direction.NEGATIVE, "dimension": dimension,
        "source": "Klang household evidence (verified records, suppressed below threshold)",
    }


@transaction.atomic
def import_evidence_statistics(year: int, user: Any = None) -> int:
    """Published evidence statistics (count and rate not suppressed) as indicator values of
    ``year`` (B.E.), one indicator per statistic and group, code ``klang-<indicator>[-<group>]``.
    Returns how many values were written."""
    from evidence.models import AreaStatistic

    rows = list(AreaStatistic.objects.filter(count__isnull=False, rate__isnull=False)
                .values_list("area_id", "indicator", "group", "rate"))
    indicators: dict[tuple[str, str], Indicator] = {}
    values: list[IndicatorValue] = []
    for area_id, name, group, rate in rows:
        key = (name, group)
        if key not in indicators:
            code = f"klang-{name}" if group == "all" else f"klang-{name}-{group}"
            indicators[key], _created = Indicator.objects.update_or_create(
                code=code[:60], defaults={**evidence_indicator(name, group), "year": year})
        values.append(IndicatorValue(indicator=indicators[key], area_id=area_id, year=year,
                                     value=rate, imported_by=user))
    # One statement per batch, not two queries per published cell (a national release has
    # about a million): a value already there for the indicator, area and year is replaced.
    IndicatorValue.objects.bulk_create(
        values, batch_size=2000, update_conflicts=True,
        unique_fields=["indicator", "area", "year"],
        update_fields=["value", "imported_by", "imported_at"])
    return len(values)


ALLOCATION_METHOD = gettext_lazy(
    "How the money is shared: each area's weight is its population times its gap, where the "
    "gap is 1 minus its composite index (0 = the best-off area in the comparison, 1 = the "
    "worst-off). An area gets the envelope times its weight divided by the total of all "
    "weights. If that is below the floor, the area gets the floor; if above the cap, the cap; "
    "what remains of the envelope is then shared again among the other areas in the same "
    "proportion, until no area is below the floor or above the cap. Amounts are rounded to "
    "whole baht and always add up to the envelope. The other rules use equal weights, "
    "population only, or the gap only. An area without the figure its rule needs gets only "
    "the floor and is flagged.")
