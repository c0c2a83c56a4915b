"""Benchmark: the organisation directory page and the area and organisation APIs.

Usage (from the repository root)::

    .venv/bin/python bench/directory.py            # 20,000 organisations, updates RESULTS.md
    .venv/bin/python bench/directory.py --quick    # 2,000 organisations, 500 requests each

It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL, which must
point to an empty, disposable database), migrates it, loads the planning areas, generates N
organisations spread over every province and district, collects the static files into the
temporary folder, and starts gunicorn on 127.0.0.1 as `make demo` does (2 workers x 4
threads, production settings apart from STATIC_ROOT). A Python load generator (http.client,
keep-alive, a few client threads) then sends at least 1,000 requests to each target and prints
one JSON line per figure::

    {"metric": ..., "value": ..., "unit": ..., "target": ..., "reference": ...}

The reference of each latency figure is the same percentile of a static file
(/static/portal/klang.css) served by the same server in the same run: the floor this machine,
this server and this client give any request. The number of SQL queries each URL makes is
measured once in-process and reported too. A full-scale run rewrites its section of
bench/RESULTS.md; a --quick run only prints (unless --write-results). The server is stopped in
every case.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
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
    quote,
    replace_section,
    results_tables,
)

SECTION_START = "<!-- bench/directory.py: start -->"
SECTION_END = "<!-- bench/directory.py: end -->"
P95_TARGET_MS = 50.0

# Words that organisation names are made of; the search queries pick from the same words.
TH_KINDS = ["กลุ่ม", "ชมรม", "สมาคม", "มูลนิธิ", "เครือข่าย", "สภาองค์กรชุมชน", "ศูนย์"]
EN_KINDS = ["Group", "Club", "Association", "Foundation", "Network", "Community Council",
            "Centre"]
TH_THEMES = [
    ("ผู้สูงอายุ", "Older People"), ("คนพิการ", "Disability"), ("เกษตรอินทรีย์", "Organic Farming"),
    ("รักษ์น้ำ", "River Care"), ("เยาวชน", "Youth"), ("แรงงานนอกระบบ", "Informal Workers"),
    ("ผู้หญิง", "Women"), ("ชาติพันธุ์", "Ethnic Peoples"), ("บ้านมั่นคง", "Secure Housing"),
    ("อนุรักษ์ป่า", "Forest Conservation"), ("สุขภาพชุมชน", "Community Health"),
    ("วิสาหกิจชุมชน", "Community Enterprise"), ("ศิลปวัฒนธรรม", "Culture"),
    ("ภัยพิบัติ", "Disaster Response"), ("ผักปลอดสาร", "Safe Vegetables"),
]
SEARCH_WORDS = ["ผู้สูงอายุ", "คนพิการ", "เยาวชน", "รักษ์น้ำ", "เกษตร", "ชุมชน", "ผู้หญิง", "พิการ"]


# --- setting up ------------------------------------------------------------------------------

def prepare_database(n_orgs: int, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from areas.loader import load_areas

    load_areas()
    from orgs.models import Organisation

    if Organisation.objects.exists():
        raise SystemExit("The database already holds organisations: give an empty one.")
    t1 = time.perf_counter()
    generate_organisations(n_orgs, random.Random(seed))
    t2 = time.perf_counter()
    call_command("collectstatic", verbosity=0, interactive=False)
    t3 = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    log(f"migrate + areas {t1 - t0:.1f} s, {n_orgs} organisations {t2 - t1:.1f} s, "
        f"collectstatic {t3 - t2:.1f} s")
    return {"setup_s": {"migrate_areas": t1 - t0, "organisations": t2 - t1,
                        "collectstatic": t3 - t2}}


def generate_organisations(n: int, rng: random.Random) -> None:
    """N organisations over every district of every province, with random groups and issues.

    bulk_create skips Organisation.save(), so the search and duplicate-check keys are computed
    here the same way save() computes them.
    """
    from django.db import transaction

    from areas.models import Area, Level
    from orgs.models import (
        IssueArea,
        Organisation,
        OrgType,
        RegistrationStatus,
        TargetGroup,
        normalise_name,
    )

    districts = list(Area.objects.filter(level=Level.DISTRICT)
                     .values_list("pk", "name_th", "name_en", "province_id"))
    subs_by_district: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for pk, name_th, name_en, district_id in (Area.objects.filter(level=Level.SUBDISTRICT)
                                              .values_list("pk", "name_th", "name_en",
                                                           "district_id")):
        subs_by_district[district_id].append((pk, name_th, name_en))
    target_ids = list(TargetGroup.objects.values_list("pk", flat=True))
    issue_ids = list(IssueArea.objects.values_list("pk", flat=True))
    types = [t.value for t in OrgType]
    statuses = [s.value for s in RegistrationStatus]

    orgs: list[Organisation] = []
    covered: list[list[int]] = []
    for i in range(n):
        # Every district gets organisations before any gets a second one: all are covered.
        d_pk, d_th, d_en, province_id = districts[i % len(districts)] if i < len(districts) \
            else rng.choice(districts)
        subs = subs_by_district.get(d_pk)
        if subs and rng.random() < 0.7:
            home, place_th, place_en = rng.choice(subs)
            place_th, place_en = f"ตำบล{place_th}", place_en
        else:
            home, place_th, place_en = d_pk, f"อำเภอ{d_th}", d_en
        k = rng.randrange(len(TH_KINDS))
        theme_th, theme_en = rng.choice(TH_THEMES)
        name_th = f"{TH_KINDS[k]}{theme_th}{place_th} {i + 1}"
        name_en = f"{place_en} {theme_en} {EN_KINDS[k]} {i + 1}"
        org = Organisation(
            name_th=name_th, name_en=name_en, org_type=rng.choice(types),
            registration_status=rng.choice(statuses),
            description=f"องค์กรสมมติสำหรับวัดความเร็ว ทำงานด้าน{theme_th}ใน{place_th}",
            home_area_id=home,
        )
        org.search_text = " ".join(p for p in (org.name_th, org.name_en, org.short_name)
                                   if p).casefold()
        org.name_key = normalise_name(org.name_th)
        org.name_en_key = normalise_name(org.name_en)
        orgs.append(org)
        areas = [home]
        if home != d_pk and rng.random() < 0.3:
            areas.append(d_pk)
        if rng.random() < 0.1:
            areas.append(province_id)
        covered.append(areas)

    with transaction.atomic():
        Organisation.objects.bulk_create(orgs, batch_size=500)
        pks = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        assert len(pks) == n
        through_a = Organisation.areas.through
        through_t = Organisation.target_groups.through
        through_i = Organisation.issue_areas.through
        through_a.objects.bulk_create(
            [through_a(organisation_id=pk, area_id=a) for pk, areas in zip(pks, covered, strict=True)
             for a in areas], batch_size=2000)
        through_t.objects.bulk_create(
            [through_t(organisation_id=pk, targetgroup_id=t) for pk in pks
             for t in rng.sample(target_ids, rng.randint(0, 3))], batch_size=2000)
        through_i.objects.bulk_create(
            [through_i(organisation_id=pk, issuearea_id=t) for pk in pks
             for t in rng.sample(issue_ids, rng.randint(1, 3))], batch_size=2000)


# --- what is measured ------------------------------------------------------------------------

def targets(n_requests: int, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    from areas.models import Area, Level

    provinces = list(Area.objects.filter(level=Level.PROVINCE).values_list("code", flat=True))

    def directory(i: int) -> tuple[str, str]:
        kind = i % 3
        if kind == 0:
            return "plain", "/organisations/"
        if kind == 1:
            return "page 2", "/organisations/?page=2"
        q = rng.choice(SEARCH_WORDS)
        return "search", f"/organisations/?q={quote(q)}&area={rng.choice(provinces)}"

    return {
        "GET /organisations/ (directory, mixed)": [directory(i) for i in range(n_requests)],
        "GET /api/v1/areas/?level=district": [("", "/api/v1/areas/?level=district")] * n_requests,
        "GET /api/v1/areas/51/": [("", "/api/v1/areas/51/")] * n_requests,
        "GET /api/v1/organisations/?area=<province>": [
            ("", f"/api/v1/organisations/?area={rng.choice(provinces)}")
            for _ in range(n_requests)],
        REFERENCE: [("", "/static/portal/klang.css")] * n_requests,
    }


# --- reporting -------------------------------------------------------------------------------

def write_results(info: dict[str, str], args: argparse.Namespace, server: str,
                  lines: list[dict[str, Any]], statuses: dict[str, Counter[int]],
                  queries: dict[str, tuple[int, int, float]], quick: bool) -> None:
    scale = "QUICK run (1/10 scale), not the full-scale figures" if quick else "full scale"
    out = [
        SECTION_START,
        "## Directory page and area/organisation APIs (`bench/directory.py`)",
        "",
        f"- run: {scale}; {info['date']}",
        f"- machine: `{info['machine']}`, {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}; load average before / after the run: {info['load']}",
        f"- database: {info['database']}; {args.orgs:,} generated organisations over every "
        "province and district",
        f"- server: `gunicorn {server}` on 127.0.0.1, production settings; client: Python "
        f"http.client, {args.concurrency} keep-alive threads on the same machine, "
        f"{args.requests:,} requests per target after {args.warmup} warm-up requests",
        f"- target: p95 < {P95_TARGET_MS:.0f} ms; reference: the same figure for "
        "`/static/portal/klang.css` (WhiteNoise) measured in the same run",
        "",
    ]
    out += results_tables(lines, statuses, queries)
    out.append(SECTION_END)
    replace_section(SECTION_START, SECTION_END, "\n".join(out))


# --- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="2,000 organisations, 500 requests per target: under a minute")
    parser.add_argument("--orgs", type=int, help="organisations to generate (default 20,000)")
    parser.add_argument("--requests", type=int,
                        help="timed requests per target (default 1,000; 500 with --quick)")
    add_http_arguments(parser, warmup=50, seed=2568)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--serve-only", action="store_true",
                        help="set up, start the server, print its URL and wait for Ctrl-C")
    args = parser.parse_args()
    if args.orgs is None:
        args.orgs = 2000 if args.quick else 20000
    if args.requests is None:
        # 1,000 per target with --quick fits in a minute only on a quiet machine.
        args.requests = 500 if args.quick else 1000

    workdir = Path(tempfile.mkdtemp(prefix="klang-bench-"))
    server: Server | None = None
    signal.signal(signal.SIGTERM, interrupt)
    started = time.perf_counter()
    try:
        env = configure(workdir)
        prepare_database(args.orgs, args.seed)
        rng = random.Random(args.seed)
        plan = targets(args.requests + args.warmup, rng)
        probe = sorted({path for urls in plan.values() for _, path in urls[:3]})
        queries = count_queries(probe)
        info = machine()

        server = Server(env, workdir, args.workers, args.threads)
        server.wait_ready("/static/portal/klang.css")
        log(f"gunicorn on 127.0.0.1:{server.port} ({time.perf_counter() - started:.1f} s so far)")
        if args.serve_only:
            print(f"http://127.0.0.1:{server.port}/  (Ctrl-C stops)", flush=True)
            while server.proc.poll() is None:
                time.sleep(1)
            return 1

        runs = measure(server, plan, args.warmup, args.concurrency)
        lines = figures(runs, queries, P95_TARGET_MS)

        statuses = {name: run.statuses() for name, run in runs.items()}
        bad = {name: c for name, c in statuses.items() if set(c) != {200}}
        for name, c in bad.items():
            log(f"NOT ALL 200: {name}: {dict(c)}")
        info["load"] = f"{info['load']} / {loadavg()}"
        if (not args.quick or args.write_results) and not args.no_write:
            write_results(info, args, server.describe, lines, statuses, queries, args.quick)
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
