"""Benchmark: recomputing the HAI-style composite index for every sub-district.

Usage (from the repository root)::

    .venv/bin/python bench/budget_index.py           # 7,436 sub-districts × 30 indicators
    .venv/bin/python bench/budget_index.py --quick   # 1/10 of the sub-districts, prints only

It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL, which must point
to an empty, disposable database), migrates it, loads the planning areas and generates 30
indicators over the 8 HAI dimensions (a third of them negative) with one value per sub-district
each, about 2% of the values missing. It then measures (median of 7 runs after a warm-up):

- ``index compute``: ``indicators.composite.compute`` on the values already in memory (the
  min–max normalisation, dimension and composite means, ranks and missing flags), against
  the target of 1 s; reference: the same computation as one minimal DuckDB SQL query on the
  same data (its composites are checked equal to ours);
- ``index from the database``: ``indicators.services.compute_index``, what the index page
  and the API do: read the values from the database and compute.

A full-scale run rewrites its section of bench/RESULTS.md; a --quick run only prints.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import configure, emit, interrupt, log, machine, replace_section

SECTION_START = "<!-- budget-index:start -->"
SECTION_END = "<!-- budget-index:end -->"
TARGET_MS = 1000.0
N_INDICATORS = 30
RUNS = 7

DUCKDB_QUERY = """
WITH spread AS (SELECT code, min(value) AS lo, max(value) AS hi FROM v GROUP BY code),
indexed AS (
  SELECT v.area_id, c.dimension,
         CASE WHEN hi = lo THEN 1.0
              WHEN c.negative THEN 1 - (v.value - lo) / (hi - lo)
              ELSE (v.value - lo) / (hi - lo) END AS idx
  FROM v JOIN spread USING (code) JOIN c USING (code)),
dims AS (SELECT area_id, dimension, avg(idx) AS score FROM indexed GROUP BY area_id, dimension),
areas AS (
  SELECT area_id, CASE WHEN count(*) = (SELECT count(DISTINCT dimension) FROM c)
                       THEN avg(score) END AS composite
  FROM dims GROUP BY area_id)
SELECT area_id, composite,
       CASE WHEN composite IS NOT NULL THEN rank() OVER (ORDER BY composite DESC) END AS rank
FROM areas
"""


def median_ms(fn: Any, runs: int = RUNS) -> tuple[float, float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), result


def prepare(n_areas: int | None, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from areas.loader import load_areas
    from areas.models import Area
    from indicators.models import (
        Dimension,
        Direction,
        IndexComponent,
        IndexConfig,
        Indicator,
        IndicatorValue,
    )

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    load_areas()
    if IndicatorValue.objects.exists():
        raise SystemExit("The database already holds indicator values: give an empty one.")
    t1 = time.perf_counter()
    rng = random.Random(seed)
    dimensions = [d for d in Dimension.values if d != Dimension.CONTEXT]
    indicators = Indicator.objects.bulk_create([
        Indicator(code=f"bench-{i:02d}", name_th=f"ตัวชี้วัด {i}", name_en=f"Indicator {i}",
                  dimension=dimensions[i % len(dimensions)],
                  direction=Direction.NEGATIVE if i % 3 == 0 else Direction.POSITIVE)
        for i in range(N_INDICATORS)])
    nation = Area.objects.get(code="TH")
    subdistricts = list(Area.objects.filter(level="subdistrict").order_by("code")
                        .values_list("pk", flat=True))
    if n_areas:
        subdistricts = subdistricts[:n_areas]
    values = [IndicatorValue(indicator=ind, area_id=area_id, year=2568,
                             value=round(rng.uniform(0, 100), 2))
              for ind in indicators for area_id in subdistricts if rng.random() > 0.02]
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    config = IndexConfig.objects.create(name="bench", scope=nation, level="subdistrict",
                                        year=2568)
    IndexComponent.objects.bulk_create([
        IndexComponent(config=config, indicator=i, dimension=i.dimension) for i in indicators])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    t2 = time.perf_counter()
    log(f"migrate + areas {t1 - t0:.1f} s, {len(values):,} values {t2 - t1:.1f} s")
    return {"config": config, "areas": subdistricts, "values": len(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 of the sub-districts")
    parser.add_argument("--seed", type=int, default=2568)
    parser.add_argument("--no-write", action="store_true", help="never update RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="klang-bench-index-"))
    signal.signal(signal.SIGTERM, interrupt)
    try:
        configure(workdir)
        import duckdb
        import polars as pl

        from indicators import composite, services
        from indicators.models import Dimension

        setup = prepare(None if not args.quick else 744, args.seed)
        config, area_ids = setup["config"], setup["areas"]
        components = services.components_of(config)
        frame = services.values_frame([c.indicator_id for c in config.components.all()],
                                      config.year, area_ids)
        compute_ms, compute_max, result = median_ms(
            lambda: composite.compute(frame, components, area_ids, Dimension.values))
        # DuckDB reads the same data from Parquet into its own tables (no pyarrow here).
        frame.write_parquet(workdir / "v.parquet")
        pl.DataFrame({"code": [x.code for x in components],
                      "dimension": [x.dimension for x in components],
                      "negative": [x.negative for x in components]}).write_parquet(
            workdir / "c.parquet")
        duck = duckdb.connect()
        duck.execute(f"CREATE TABLE v AS SELECT * FROM read_parquet('{workdir / 'v.parquet'}')")
        duck.execute(f"CREATE TABLE c AS SELECT * FROM read_parquet('{workdir / 'c.parquet'}')")
        duck_ms, _duck_max, rows = median_ms(lambda: duck.execute(DUCKDB_QUERY).fetchall())
        theirs = pl.DataFrame(rows, schema={"area_id": pl.Int64, "composite": pl.Float64,
                                            "rank": pl.Int64}, orient="row")
        ours = result.areas.select("area_id", "composite").sort("area_id")
        theirs = theirs.select("area_id", "composite").sort("area_id")
        joined = ours.join(theirs, on="area_id", how="left", suffix="_duck")
        diff = joined.select((pl.col("composite") - pl.col("composite_duck")).abs().max()).item()
        same_missing = joined.filter(pl.col("composite").is_null()
                                     != pl.col("composite_duck").is_null()).height == 0
        log(f"max |ours − DuckDB| = {diff}, same missing: {same_missing}")
        if not same_missing or (diff is not None and diff > 1e-9):
            log("MISMATCH with the DuckDB reference")
            return 1
        db_ms, db_max, table = median_ms(lambda: services.compute_index(config), runs=5)
        ranked = table.ranked
        partial = sum(1 for r in table.rows if r.partial)
        info = machine()
        lines = [
            emit(f"index compute, {len(area_ids):,} sub-districts × {N_INDICATORS} indicators "
                 "(median)", compute_ms, "ms", TARGET_MS, duck_ms),
            emit("index compute (max of 7)", compute_max, "ms", TARGET_MS, None),
            emit("index from the database: read values + compute (median of 5)", db_ms, "ms",
                 TARGET_MS, None),
            emit("index from the database (max of 5)", db_max, "ms", None, None),
            emit("values read", setup["values"], "rows", None, None),
            emit("areas ranked", ranked, "areas", None, None),
            emit("areas without a composite (a whole dimension missing, flagged)",
                 len(table.rows) - ranked, "areas", None, None),
            emit("areas with a partial dimension score (flagged)", partial, "areas", None,
                 None),
        ]
        if not args.quick and not args.no_write:
            write_results(info, lines)
        return 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def write_results(info: dict[str, str], lines: list[dict[str, Any]]) -> None:
    rows = "\n".join(f"| {line['metric']} | {line['value']} | {line['unit']} | "
                     f"{line['target'] if line['target'] is not None else ''} | "
                     f"{line['reference'] if line['reference'] is not None else ''} |"
                     for line in lines)
    section = f"""{SECTION_START}
## Composite index: all sub-districts (`bench/budget_index.py`)

{info['date']} · {info['machine']} · {info['cpu']} ({info['cores']} cores) · Python \
{info['python']} · {info['database']} · load {info['load']}

30 generated indicators over the 8 HAI dimensions, one value per sub-district each (about 2%
missing). Reference of the compute figure: the same min–max normalisation, means and ranks as
one DuckDB SQL query on the same in-memory data (composites checked equal). "From the
database" is what the index page and `/api/v1/indices/{{id}}/` do before paginating.

| figure | value | unit | target | reference |
|---|---:|---|---:|---:|
{rows}
{SECTION_END}"""
    replace_section(SECTION_START, SECTION_END, section)


if __name__ == "__main__":
    sys.exit(main())
