"""Benchmark: the province budget page and the budget-lines list and summary APIs.

Usage (from the repository root)::

    .venv/bin/python bench/budget.py            # 200,000 budget lines, updates RESULTS.md
    .venv/bin/python bench/budget.py --quick    # 20,000 budget lines, 300 requests each

It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL, which must point
to an empty, disposable database), migrates it, loads the planning areas, generates N budget
lines over every province and district and fiscal years 2565–2569 (classes, sources, target
groups as the importer would leave them), and 30 indicators with a value for every province
and district through the ``indicators`` models (skipped if that app has no models yet). Then it
starts gunicorn on 127.0.0.1 as `make demo` does (2 workers x 4 threads) and times:

- ``GET /budget/<province>/<year>/``: the province's year page (summary, charts, trend);
- ``GET /api/v1/budget-lines/summary/?province=…&fiscal_year=…``;
- ``GET /api/v1/budget-lines/?province=…&fiscal_year=…`` and ``?class=…&source=…`` (mixed).

Each figure is printed as one JSON line beside the same percentile of a static file served by
the same server in the same run (the floor of this machine). Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from _common import (
    REFERENCE,
    Server,
    add_http_arguments,
    configure,
    count_queries,
    figures,
    interrupt,
    loadavg,
    log,
    machine,
    measure,
    replace_section,
    results_tables,
)

SECTION_START = "<!-- budget:start -->"
SECTION_END = "<!-- budget:end -->"
P95_TARGET_MS = 100.0
YEARS = [2565, 2566, 2567, 2568, 2569]
N_INDICATORS = 30
WORDS = [("ก่อสร้างถนนคอนกรีต", "infrastructure"), ("ปรับปรุงระบบประปา", "infrastructure"),
         ("ก่อสร้างสะพาน", "infrastructure"), ("ส่งเสริมสุขภาพผู้สูงอายุ", "quality-of-life"),
         ("ทางลาดสำหรับคนพิการ", "quality-of-life"), ("พัฒนาการศึกษา", "quality-of-life"),
         ("ส่งเสริมการท่องเที่ยว", "economy"), ("จัดการขยะชุมชน", "environment"),
         ("ป้องกันสาธารณภัย", "security"), ("พัฒนาระบบฐานข้อมูล", "administration")]


# --- setting up ------------------------------------------------------------------------------

def prepare_database(n_lines: int, seed: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from areas.loader import load_areas

    load_areas()
    from budget.models import BudgetLine

    if BudgetLine.objects.exists():
        raise SystemExit("The database already holds budget lines: give an empty one.")
    t1 = time.perf_counter()
    generate_lines(n_lines, random.Random(seed))
    t2 = time.perf_counter()
    n_values = generate_indicators(random.Random(seed + 1))
    t3 = time.perf_counter()
    call_command("collectstatic", verbosity=0, interactive=False)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    log(f"migrate + areas {t1 - t0:.1f} s, {n_lines} lines {t2 - t1:.1f} s, "
        f"{n_values} indicator values {t3 - t2:.1f} s")
    return {"lines_s": t2 - t1, "indicator_values": n_values}


def generate_lines(n: int, rng: random.Random) -> None:
    """N lines over every district of every province (a tenth province-wide), with the
    lineage columns and the duplicate key that the importer writes."""
    import hashlib

    from django.db import transaction

    from areas.models import Area, Level
    from budget.models import BudgetClass, BudgetLine
    from budget.services import ensure_classes
    from orgs.models import TargetGroup
    from planning.models import FundingSource

    ensure_classes()
    classes = dict(BudgetClass.objects.values_list("slug", "pk"))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    sources = FundingSource.values
    provinces = dict(Area.objects.filter(level=Level.PROVINCE).values_list("pk", "cluster_id"))
    districts = list(Area.objects.filter(level=Level.DISTRICT)
                     .values_list("pk", "province_id"))
    lines: list[BudgetLine] = []
    for i in range(n):
        district, province = districts[i % len(districts)] if i < len(districts) \
            else rng.choice(districts)
        area = district if rng.random() < 0.9 else province
        words, slug = rng.choice(WORDS)
        year = YEARS[i % len(YEARS)]
        amount = Decimal(rng.randrange(50, 50_000) * 1000)
        project = f"{words} {i + 1}"
        key = hashlib.sha256(f"{year}|{province}|{project}|{amount}".encode()).hexdigest()
        lines.append(BudgetLine(
            fiscal_year=year, plan="แผนงานสมมติสำหรับวัดความเร็ว", project=project,
            agency=f"หน่วยงานสมมติ {i % 300}", amount=amount, source=rng.choice(sources),
            area_id=area, province_id=province, district_id=area if area == district else None,
            cluster_id=provinces[province], budget_class_id=classes[slug],
            suggested_class_id=classes[slug], class_confirmed=rng.random() < 0.8, key=key,
        ))
    with transaction.atomic():
        BudgetLine.objects.bulk_create(lines, batch_size=2000)
        through = BudgetLine.target_groups.through
        pks = list(BudgetLine.objects.filter(budget_class__slug="quality-of-life")
                   .values_list("pk", flat=True))
        through.objects.bulk_create(
            [through(budgetline_id=pk, targetgroup_id=g) for pk in pks
             for g in rng.sample(groups, rng.randint(0, 2))], batch_size=5000)


def generate_indicators(rng: random.Random) -> int:
    """30 indicators with a value for every province and district, through B1's models."""
    try:
        from indicators.models import Dimension, Direction, Indicator, IndicatorValue
    except ImportError:
        log("indicators has no models yet: budget lines only")
        return 0
    from django.db import transaction

    from areas.models import Area, Level

    areas = list(Area.objects.filter(level__in=[Level.PROVINCE, Level.DISTRICT])
                 .values_list("pk", flat=True))
    dimensions, directions = Dimension.values, Direction.values
    with transaction.atomic():
        indicators = Indicator.objects.bulk_create([
            Indicator(code=f"bench-{i}", name_th=f"ตัวชี้วัดสมมติ {i}", unit="%",
                      direction=directions[i % len(directions)],
                      dimension=dimensions[i % len(dimensions)], year=2567)
            for i in range(N_INDICATORS)])
        indicators = list(Indicator.objects.filter(code__startswith="bench-"))
        values = [IndicatorValue(indicator=ind, area_id=area, year=2567,
                                 value=rng.uniform(0, 100))
                  for ind in indicators for area in areas]
        IndicatorValue.objects.bulk_create(values, batch_size=5000)
    return len(values)


# --- what is measured ------------------------------------------------------------------------

def targets(n_requests: int, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    from areas.models import Area, Level
    from budget.models import BudgetClass
    from planning.models import FundingSource

    provinces = list(Area.objects.filter(level=Level.PROVINCE).values_list("code", flat=True))
    classes = list(BudgetClass.objects.values_list("slug", flat=True))

    def pick() -> tuple[str, int]:
        return rng.choice(provinces), rng.choice(YEARS)

    def api_list(i: int) -> tuple[str, str]:
        code, year = pick()
        if i % 2:
            return "class+source", (f"/api/v1/budget-lines/?class={rng.choice(classes)}"
                                    f"&source={rng.choice(FundingSource.values)}")
        return "province+year", f"/api/v1/budget-lines/?province={code}&fiscal_year={year}"

    return {
        "GET /budget/<province>/<year>/": [
            ("", "/budget/{}/{}/".format(*pick())) for _ in range(n_requests)],
        "GET /api/v1/budget-lines/summary/?province=&fiscal_year=": [
            ("", "/api/v1/budget-lines/summary/?province={}&fiscal_year={}".format(*pick()))
            for _ in range(n_requests)],
        "GET /api/v1/budget-lines/ (mixed filters)": [api_list(i) for i in range(n_requests)],
        REFERENCE: [("", "/static/portal/klang.css")] * n_requests,
    }


# --- reporting -------------------------------------------------------------------------------

def write_results(info: dict[str, str], args: argparse.Namespace, server: str,
                  lines: list[dict[str, Any]], statuses: dict[str, Counter[int]],
                  queries: dict[str, tuple[int, int, float]], setup: dict[str, float],
                  quick: bool) -> None:
    scale = "QUICK run (1/10 scale), not the full-scale figures" if quick else "full scale"
    out = [
        SECTION_START,
        "## Provincial budget page and budget-lines APIs (`bench/budget.py`)",
        "",
        f"- run: {scale}; {info['date']}",
        f"- machine: `{info['machine']}`, {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}; load average before / after the run: {info['load']}",
        f"- database: {info['database']}; {args.lines:,} generated budget lines over every "
        f"province and district, fiscal years {YEARS[0]}–{YEARS[-1]} "
        f"({setup['lines_s']:.1f} s to generate); {int(setup['indicator_values']):,} indicator "
        f"values ({N_INDICATORS} indicators × every province and district)",
        f"- server: `gunicorn {server}` on 127.0.0.1, production settings; client: Python "
        f"http.client, {args.concurrency} keep-alive threads on the same machine, "
        f"{args.requests:,} requests per target after {args.warmup} warm-up requests; "
        "provinces and years drawn at random",
        f"- target: p95 < {P95_TARGET_MS:.0f} ms; reference: the same figure for "
        "`/static/portal/klang.css` (WhiteNoise) measured in the same run",
        "- cache: one entry per province and language (the summaries of all its years, the "
        "trend, the page's rendered figures), keyed by the province's budget version "
        "(`budget/versions.py`), in the default file cache that the gunicorn workers share "
        "(a fresh folder per run): the first request for a province computes every year at "
        "once; the figures include those misses. Before the shared cache (per-process "
        "LocMemCache, same day, machine loaded by other work): page p95 140 ms, summary 11 ms",
        "",
    ]
    out += results_tables(lines, statuses, queries)
    out.append(SECTION_END)
    replace_section(SECTION_START, SECTION_END, "\n".join(out))


# --- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="20,000 budget lines, 300 requests per target: about a minute")
    parser.add_argument("--lines", type=int, help="budget lines (default 200,000)")
    parser.add_argument("--requests", type=int,
                        help="timed requests per target (default 1,000; 300 with --quick)")
    add_http_arguments(parser, warmup=30, seed=2569)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.lines is None:
        args.lines = 20_000 if args.quick else 200_000
    if args.requests is None:
        args.requests = 300 if args.quick else 1000

    workdir = Path(tempfile.mkdtemp(prefix="klang-bench-budget-"))
    server: Server | None = None
    signal.signal(signal.SIGTERM, interrupt)
    started = time.perf_counter()
    try:
        env = configure(workdir)
        setup = prepare_database(args.lines, args.seed)
        rng = random.Random(args.seed)
        plan = targets(args.requests + args.warmup, rng)
        probe = sorted({path for urls in plan.values() for _, path in urls[:2]})
        queries = count_queries(probe)
        info = machine()

        server = Server(env, workdir, args.workers, args.threads)
        server.wait_ready("/static/portal/klang.css")
        log(f"gunicorn on 127.0.0.1:{server.port} ({time.perf_counter() - started:.1f} s so far)")
        runs = measure(server, plan, args.warmup, args.concurrency)
        lines = figures(runs, queries, P95_TARGET_MS)
        statuses = {name: run.statuses() for name, run in runs.items()}
        bad = {name: c for name, c in statuses.items() if set(c) != {200}}
        for name, c in bad.items():
            log(f"NOT ALL 200: {name}: {dict(c)}")
        info["load"] = f"{info['load']} / {loadavg()}"
        if (not args.quick or args.write_results) and not args.no_write:
            write_results(info, args, server.describe, lines, statuses, queries, setup,
                          args.quick)
        log(f"done in {time.perf_counter() - started:.1f} s")
        return 1 if bad else 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
