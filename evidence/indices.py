"""The indices computed over household evidence: TPMAP's five dimensions, an Alkire–Foster
multidimensional poverty index (MPI) and the vulnerability flags of seed 003.

Everything works on a polars frame with one row per household and the typed columns of
``Household`` (``deprivations`` bitmask, ``flags``, ``groups``, ``state_welfare_card``, …), with
polars expressions over whole columns: no Python loop per household, so the same code serves
one record's page, an area's statistics and 10 million rows in the benchmark.

Definitions are versioned data (``IndexDefinition``, seeded from ``evidence/data/indices.json``);
``compute`` adds an ``index_version`` column and every aggregate names the version it used.

Sources (see also the JSON file):
- TPMAP (NESDC and NECTEC, https://www.tpmap.in.th): poor in a dimension when failing any of its
  basic-needs indicators; "target poor" = poor in at least one dimension and a state welfare
  card holder.
- Alkire, S. and Foster, J. (2011), Counting and multidimensional poverty measurement, Journal of
  Public Economics 95(7–8): 476–487. Deprivation score cᵢ = Σ wⱼgᵢⱼ; poor when cᵢ ≥ k;
  H = q/n; A = mean cᵢ of the poor; M₀ = H × A; the contribution of indicator j is
  wⱼ × CHⱼ / M₀ where CHⱼ is the censored headcount ratio (poor *and* deprived in j, over n).
  The default (version 1) weighs the five dimensions equally, shares each dimension's weight
  equally among its indicators and sets k = 1/3, as the global MPI does.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import rules
from django.utils.translation import gettext_lazy as _

from accounts.predicates import is_administrator
from evidence import schema

if TYPE_CHECKING:
    from evidence.models import Household, HouseholdQuerySet

DATA_FILE = Path(__file__).resolve().parent / "data" / "indices.json"
KINDS = ("tpmap", "mpi", "flags")
# Weights are decimals typed by people (or 1/15 written as a float): "sums to 1" and "score
# reaches k" are judged within this tolerance, so 0.2 + 2 × 0.0666… counts as reaching 1/3.
TOLERANCE = 1e-9
WEIGHT_SUM_TOLERANCE = 1e-6

FLAG_BIT = {code: bit for code, bit, _label in schema.FLAGS}
FLAG_LABEL = {code: label for code, _bit, label in schema.FLAGS}
DIMENSION_LABEL = dict(schema.DIMENSIONS)

# New versions are data, not code: only an administrator writes one.
rules.add_perm("evidence.define_index", is_administrator)

# The typed columns of Household that the indices and statistics read, with their types.
FRAME_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "organisation_id": pl.Int64(),
    "area_id": pl.Int64(),
    "status": pl.String(),
    "members_count": pl.Int16(),
    "deprivations": pl.Int32(),
    "flags": pl.Int16(),
    "groups": pl.Int16(),
    "state_welfare_card": pl.Boolean(),
    "income_year": pl.Int64(),
}


# --- definitions -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Definition:
    kind: str
    version: int
    config: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.kind}-{self.version}"


@dataclass(frozen=True)
class Definitions:
    """The three definitions one computation used; ``label`` is what a figure records."""

    tpmap: Definition
    mpi: Definition
    flags: Definition

    @property
    def label(self) -> str:
        return "+".join(d.label for d in (self.tpmap, self.mpi, self.flags))


def shipped_definitions() -> list[dict[str, Any]]:
    """Every definition in ``evidence/data/indices.json`` (the data migration's source)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["definitions"]


def default_definitions() -> Definitions:
    """The latest shipped version of each kind, without the database (benchmarks, fallbacks)."""
    latest: dict[str, Definition] = {}
    for row in shipped_definitions():
        if row["kind"] not in latest or row["version"] > latest[row["kind"]].version:
            latest[row["kind"]] = Definition(row["kind"], row["version"], row["config"])
    return Definitions(**latest)


def in_canonical_order(config: dict[str, Any]) -> dict[str, Any]:
    """The config with its dimensions in schema.DIMENSIONS order (health … access).

    PostgreSQL's jsonb does not keep the order of keys (it sorts them by length), so every page,
    export and API would otherwise list the dimensions in another order than on SQLite."""
    dimensions = config.get("dimensions")
    if not isinstance(dimensions, dict):
        return config
    order = {code: i for i, (code, _label) in enumerate(schema.DIMENSIONS)}
    ordered = dict(sorted(dimensions.items(), key=lambda item: order.get(item[0], len(order))))
    return {**config, "dimensions": ordered}


def current_definitions() -> Definitions:
    """The current row of each kind; a kind with no row (e.g. a flushed test database) falls
    back to the shipped definition, so a computation never runs undefined."""
    from evidence.models import IndexDefinition

    found = {row.kind: Definition(row.kind, row.version, in_canonical_order(row.config))
             for row in IndexDefinition.objects.filter(is_current=True).order_by("version")}
    defaults = default_definitions()
    return Definitions(**{kind: found.get(kind, getattr(defaults, kind)) for kind in KINDS})


def mpi_config_errors(config: dict[str, Any]) -> list[str]:
    """What is wrong with an MPI configuration, in words a person can act on."""
    errors: list[str] = []
    indicators = config.get("indicators")
    if not isinstance(indicators, dict) or not indicators:
        return [str(_("Give a weight to at least one indicator."))]
    for code, weight in indicators.items():
        if code not in schema.INDICATOR_BY_CODE:
            errors.append(str(_("“%(code)s” is not a TPMAP indicator.") % {"code": code}))
        elif not isinstance(weight, int | float) or not 0 < weight <= 1:
            errors.append(str(_("The weight of %(code)s must be more than 0 and at most 1.")
                              % {"code": code}))
    if not errors:
        total = sum(indicators.values())
        if abs(total - 1) > WEIGHT_SUM_TOLERANCE:
            errors.append(str(_("The weights must add up to 1; they add up to %(total)s.")
                              % {"total": f"{total:.4f}"}))
    k = config.get("k")
    if not isinstance(k, int | float) or not 0 < k <= 1:
        errors.append(str(_("The poverty cutoff k must be more than 0 and at most 1.")))
    return errors


# --- per household ---------------------------------------------------------------------------

def _mask(codes: list[str]) -> int:
    return sum(schema.INDICATOR_BY_CODE[code].bit for code in codes)


def _deprived(code: str) -> pl.Expr:
    return (pl.col("deprivations") & schema.INDICATOR_BY_CODE[code].bit) != 0


def tpmap_expressions(definition: Definition) -> list[pl.Expr]:
    dimensions: dict[str, list[str]] = definition.config["dimensions"]
    poor = {dim: ((pl.col("deprivations") & _mask(codes)) != 0)
            for dim, codes in dimensions.items()}
    every = _mask([code for codes in dimensions.values() for code in codes])
    poor_any = (pl.col("deprivations") & every) != 0
    bitmask = pl.sum_horizontal(
        [expr.cast(pl.Int16) * schema.DIMENSION_BIT[dim] for dim, expr in poor.items()]
    ).cast(pl.Int16)
    return [
        *[expr.alias(f"poor_{dim}") for dim, expr in poor.items()],
        bitmask.alias("dimensions"),
        poor_any.alias("poor_any"),
        (poor_any & pl.col("state_welfare_card")).alias("target_poor"),
    ]


ALL_MASKS = 1 << len(schema.TPMAP_INDICATORS)   # every combination of the 17 indicator bits


@functools.lru_cache(maxsize=16)
def _score_table(weights: tuple[tuple[str, float], ...]) -> pl.Series:
    """cᵢ for every possible ``deprivations`` value (131,072 of them, 1 MB)."""
    masks = pl.select(pl.int_range(ALL_MASKS, dtype=pl.Int32).alias("deprivations"))
    return masks.select(pl.sum_horizontal(
        [_deprived(code).cast(pl.Float64) * w for code, w in weights]))[:, 0]


def mpi_score_expression(definition: Definition) -> pl.Expr:
    """cᵢ = Σ wⱼgᵢⱼ. The score depends on the 17 bits only, so it is computed once for each of
    the 2¹⁷ combinations and looked up per household: one gather instead of 17 passes over the
    column (about 30 times faster at 10 million rows)."""
    weights = tuple((code, float(w)) for code, w in definition.config["indicators"].items())
    index = (pl.col("deprivations") & (ALL_MASKS - 1)).cast(pl.UInt32)
    return pl.lit(_score_table(weights)).gather(index).alias("mpi_score")


def flag_expressions(definition: Definition) -> list[pl.Expr]:
    return [((pl.col("flags") & FLAG_BIT[code]) != 0).alias(f"flag_{code}")
            for code in definition.config["flags"]]


def compute(frame: pl.DataFrame | pl.LazyFrame,
            definitions: Definitions) -> pl.DataFrame | pl.LazyFrame:
    """The frame with the index columns added (a LazyFrame stays lazy):
    ``poor_<dimension>``, ``dimensions``, ``poor_any``, ``target_poor``, ``mpi_score``,
    ``mpi_poor``, ``flag_<flag>`` and ``index_version`` (the definitions' label)."""
    k = float(definitions.mpi.config["k"])
    label = definitions.label
    return frame.with_columns(
        *tpmap_expressions(definitions.tpmap),
        mpi_score_expression(definitions.mpi),
        *flag_expressions(definitions.flags),
        # A categorical of one value: 4 bytes a row, not a string per household.
        pl.lit(label, dtype=pl.Enum([label])).alias("index_version"),
    ).with_columns((pl.col("mpi_score") >= k - TOLERANCE).alias("mpi_poor"))


# --- aggregates ------------------------------------------------------------------------------

def mpi_aggregate(frame: pl.DataFrame, definition: Definition,
                  by: list[str] | None = None) -> pl.DataFrame:
    """Alkire–Foster figures of a computed frame, overall (``by`` empty) or per group of rows.

    Columns: ``n``, ``q``, ``H``, ``A``, ``M0``, ``censored_<code>`` (CHⱼ) and
    ``contribution_<code>`` (wⱼ × CHⱼ / M₀, they add up to 1) for each weighted indicator, and
    ``definition`` (the MPI version). A is empty where nobody is poor; contributions are empty
    where M₀ is 0.
    """
    weights: dict[str, float] = definition.config["indicators"]
    poor = pl.col("mpi_poor")
    aggregates = [
        pl.len().alias("n"),
        poor.sum().alias("q"),
        pl.col("mpi_score").filter(poor).sum().alias("poor_score_sum"),
        *[(_deprived(code) & poor).sum().alias(f"censored_count_{code}") for code in weights],
    ]
    result = frame.group_by(by, maintain_order=True).agg(aggregates) if by else \
        frame.select(aggregates)
    n = pl.col("n").cast(pl.Float64)
    result = result.with_columns(
        (pl.col("q") / n).alias("H"),
        pl.when(pl.col("q") > 0).then(pl.col("poor_score_sum") / pl.col("q")).alias("A"),
        (pl.col("poor_score_sum") / n).alias("M0"),
        *[(pl.col(f"censored_count_{code}") / n).alias(f"censored_{code}") for code in weights],
    ).with_columns(
        *[pl.when(pl.col("M0") > 0)
          .then(pl.col(f"censored_{code}") * float(w) / pl.col("M0"))
          .alias(f"contribution_{code}") for code, w in weights.items()],
        pl.lit(definition.label).alias("definition"),
    )
    return result.drop(["poor_score_sum", *[f"censored_count_{c}" for c in weights]])


def rate_columns(definitions: Definitions) -> list[str]:
    """The boolean columns ``compute`` adds that statistics count and turn into rates."""
    return [*[f"poor_{dim}" for dim in definitions.tpmap.config["dimensions"]],
            "poor_any", "target_poor", "mpi_poor",
            *[f"flag_{code}" for code in definitions.flags.config["flags"]]]


def counts(frame: pl.DataFrame, definitions: Definitions,
           by: list[str] | None = None) -> pl.DataFrame:
    """Households (``households``) and the count of each rate column, overall or per group."""
    aggregates = [pl.len().alias("households"),
                  *[pl.col(c).sum().alias(c) for c in rate_columns(definitions)]]
    if by:
        return frame.group_by(by, maintain_order=True).agg(aggregates)
    return frame.select(aggregates)


# --- reading households ----------------------------------------------------------------------

def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=FRAME_SCHEMA)


def frame_from_queryset(queryset: HouseholdQuerySet, batch_size: int = 50_000,
                        extra: dict[str, pl.DataType] | None = None) -> pl.DataFrame:
    """The typed columns of the households of ``queryset``, read straight off the DB cursor in
    batches (no model instances), as a polars frame. ``extra`` adds lookups by their type,
    e.g. ``{"area__district": pl.Int64()}`` for the district of each household."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    columns = {**FRAME_SCHEMA, **(extra or {})}
    query = queryset.order_by().values_list(*columns).query
    try:
        sql, params = query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. ``.none()``: there is no SQL to run
        return pl.DataFrame(schema=columns)
    parts: list[pl.DataFrame] = []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(batch_size):
            # SQLite gives booleans as 0/1: read loosely, then cast to the one schema.
            part = pl.DataFrame(rows, schema=list(columns), orient="row",
                                infer_schema_length=None)
            parts.append(part.cast(columns))  # type: ignore[arg-type]
    return pl.concat(parts) if parts else pl.DataFrame(schema=columns)


def household_summary(household: Household,
                      definitions: Definitions | None = None) -> dict[str, Any]:
    """One record's indices, for its page: the same ``compute`` as the statistics, one row."""
    definitions = definitions or current_definitions()
    row = {name: getattr(household, name) for name in FRAME_SCHEMA}
    frame = compute(pl.DataFrame([row], schema=FRAME_SCHEMA), definitions)
    values = frame.row(0, named=True)
    dimensions = []
    for dim, codes in definitions.tpmap.config["dimensions"].items():
        failed = [schema.INDICATOR_BY_CODE[c] for c in codes
                  if household.deprivations & schema.INDICATOR_BY_CODE[c].bit]
        dimensions.append({"code": dim, "label": DIMENSION_LABEL.get(dim, dim),
                           "poor": values[f"poor_{dim}"],
                           "failed": [{"code": i.code, "label": i.label} for i in failed]})
    weights = definitions.mpi.config["indicators"]
    return {
        "version": definitions.label,
        "tpmap": {"version": definitions.tpmap.label, "dimensions": dimensions,
                  "poor_any": values["poor_any"], "target_poor": values["target_poor"]},
        "mpi": {"version": definitions.mpi.label, "score": values["mpi_score"],
                "k": definitions.mpi.config["k"], "poor": values["mpi_poor"],
                "deprived": [{"code": code, "label": schema.INDICATOR_BY_CODE[code].label,
                              "weight": w} for code, w in weights.items()
                             if household.deprivations & schema.INDICATOR_BY_CODE[code].bit]},
        "flags": [{"code": code, "label": FLAG_LABEL[code], "set": values[f"flag_{code}"]}
                  for code in definitions.flags.config["flags"]],
    }
