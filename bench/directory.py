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
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION_START = "<!-- bench/directory.py: start -->"
SECTION_END = "<!-- bench/directory.py: end -->"
P95_TARGET_MS = 50.0
REFERENCE = "static"

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


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


# --- setting up ------------------------------------------------------------------------------

def configure(workdir: Path) -> dict[str, str]:
    """Environment for this process and for gunicorn: a settings module that only moves
    STATIC_ROOT into the temporary folder, and the database."""
    settings_py = workdir / "bench_settings.py"
    settings_py.write_text(
        "from klang.settings import *  # noqa: F401,F403\n"
        f"STATIC_ROOT = {str(workdir / 'static')!r}\n",
        encoding="utf-8",
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "KLANG_SECURE_COOKIES": "0",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
        "PYTHAINLP_OFFLINE": "1",
    }
    if not os.environ.get("DATABASE_URL"):
        env["KLANG_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.update(env)
    sys.path[:0] = [str(workdir), str(ROOT)]
    import django

    django.setup()
    return env


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


# --- the server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], workdir: Path, workers: int, threads: int) -> None:
        self.port = free_port()
        self.log_path = workdir / "gunicorn.log"
        gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
        command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "klang.wsgi:application",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                   "--threads", str(threads)]
        self.describe = " ".join(command[1:]).replace(str(self.port), "<port>")
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, path: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", path)
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer:\n{self.tail()}")

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server's processes (Linux /proc).

        Unlike latency, this does not grow when other work on the machine takes the cores."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == self.proc.pid or ppid == self.proc.pid:
                total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        self.log.close()


# --- the load generator ----------------------------------------------------------------------

@dataclass
class Sample:
    variant: str
    ms: float
    status: int


@dataclass
class Run:
    name: str
    samples: list[Sample] = field(default_factory=list)
    wall_s: float = 0.0
    server_cpu_s: float = 0.0

    def ms(self, variant: str | None = None) -> list[float]:
        return [s.ms for s in self.samples if variant is None or s.variant == variant]

    def statuses(self) -> Counter[int]:
        return Counter(s.status for s in self.samples)


def drive(port: int, urls: list[tuple[str, str]], concurrency: int) -> tuple[list[Sample], float]:
    """Send every (variant, path) once over `concurrency` keep-alive connections."""
    samples: list[Sample] = []
    lock = threading.Lock()
    cursor = iter(range(len(urls)))

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[Sample] = []
        while True:
            with lock:
                i = next(cursor, None)
            if i is None:
                break
            variant, path = urls[i]
            for attempt in range(2):
                start = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Accept-Language": "th"})
                    response = conn.getresponse()
                    response.read()
                    mine.append(Sample(variant, (time.perf_counter() - start) * 1000,
                                       response.status))
                    if response.getheader("Connection", "").lower() == "close":
                        conn.close()
                    break
                except (OSError, http.client.HTTPException):
                    conn.close()  # the server closed a kept-alive connection: reconnect, retry
                    if attempt:
                        mine.append(Sample(variant, (time.perf_counter() - start) * 1000, 0))
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


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


def quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def unquote(path: str) -> str:
    return urllib.parse.unquote(path)


def count_queries(paths: list[str]) -> dict[str, tuple[int, int, float]]:
    """(status, queries, median ms) of in-process requests per path, one client, no HTTP:
    the service time of each endpoint, and a hint for slow ones."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    out = {}
    for path in paths:
        client.get(path)  # import, template and translation caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        n_queries = len(ctx.captured_queries)  # before the next request resets the log
        times = []
        for _ in range(7):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        out[path] = (response.status_code, n_queries, statistics.median(times))
    connection.close()
    return out


# --- reporting -------------------------------------------------------------------------------

def emit(metric: str, value: float | int | None, unit: str, target: float | None,
         reference: float | None) -> dict[str, Any]:
    def r(x: float | int | None) -> float | int | None:
        return None if x is None else (round(x, 2) if isinstance(x, float) else x)

    line = {"metric": metric, "value": r(value), "unit": unit, "target": r(target),
            "reference": r(reference)}
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return line


def machine() -> dict[str, str]:
    uname = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} (WAL), temporary file"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            database = cursor.fetchone()[0].split(",")[0]
        connection.close()
    return {"machine": uname, "cpu": cpu, "cores": str(os.cpu_count()),
            "python": platform.python_version(), "database": database,
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "load": loadavg()}


def loadavg() -> str:
    """Other work on the machine shows here: the figures are only as quiet as the machine."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def write_results(info: dict[str, str], args: argparse.Namespace, server: str,
                  lines: list[dict[str, Any]], statuses: dict[str, Counter[int]],
                  queries: dict[str, tuple[int, int, float]], quick: bool) -> None:
    def fmt(x: Any) -> str:
        return "–" if x is None else (f"{x:,.1f}" if isinstance(x, float) else str(x))

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
        "| figure | value | unit | target | reference (static file) |",
        "|---|---:|---|---:|---:|",
    ]
    for line in lines:
        if line["unit"] == "queries" or line["metric"].startswith("in-process"):
            continue
        out.append(f"| {line['metric']} | {fmt(line['value'])} | {line['unit']} | "
                   f"{fmt(line['target'])} | {fmt(line['reference'])} |")
    out += ["", "HTTP statuses per target: " + "; ".join(
        f"{name}: " + ", ".join(f"{code}×{n}" for code, n in sorted(c.items()))
        for name, c in statuses.items()), ""]
    if queries:
        out += ["Service time without HTTP or concurrency (Django test client in-process, "
                "anonymous, same database; median of 7) and SQL queries per request:",
                "", "| path | status | queries | ms |", "|---|---:|---:|---:|"]
        out += [f"| `{unquote(path)}` | {s} | {q} | {ms:.1f} |"
                for path, (s, q, ms) in queries.items()]
        out.append("")
    out.append(SECTION_END)
    section = "\n".join(out)

    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nEach `bench/<name>.py` rewrites its own section below "
        "(machine, date, full-scale figures). Run one with `.venv/bin/python bench/<name>.py`.\n"
    )
    pattern = re.compile(re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END), re.S)
    text = pattern.sub(lambda m: section, text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    log(f"wrote {RESULTS.relative_to(ROOT)}")


def interrupt(signum: int, frame: Any) -> None:
    """SIGTERM (e.g. a CI timeout) unwinds through `finally` as Ctrl-C does."""
    raise KeyboardInterrupt


# --- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="2,000 organisations, 500 requests per target: under a minute")
    parser.add_argument("--orgs", type=int, help="organisations to generate (default 20,000)")
    parser.add_argument("--requests", type=int,
                        help="timed requests per target (default 1,000; 500 with --quick)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed requests per target")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2568)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--serve-only", action="store_true",
                        help="set up, start the server, print its URL and wait for Ctrl-C")
    parser.add_argument("--write-results", action="store_true",
                        help="also update RESULTS.md after a --quick run")
    parser.add_argument("--no-write", action="store_true", help="never update RESULTS.md")
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

        runs: dict[str, Run] = {}
        # The reference first and last: its figure is the better of the two, so that a
        # transient slowdown of the machine does not flatter the endpoints.
        order = [REFERENCE] + [name for name in plan if name != REFERENCE] + [REFERENCE]
        for name in order:
            urls = plan[name]
            drive(server.port, urls[: args.warmup], args.concurrency)
            cpu_before = server.cpu_seconds()
            samples, wall = drive(server.port, urls[args.warmup:], args.concurrency)
            run = Run(name, samples, wall, server.cpu_seconds() - cpu_before)
            if name in runs:
                if percentile(run.ms(), 95) >= percentile(runs[name].ms(), 95):
                    continue
            runs[name] = run
            log(f"{name}: {len(samples)} requests in {wall:.1f} s, "
                f"statuses {dict(run.statuses())}")

        ref = runs[REFERENCE]
        ref_p = {p: percentile(ref.ms(), p) for p in (50, 95, 99)}
        ref_rps = len(ref.samples) / ref.wall_s
        ref_cpu = ref.server_cpu_s * 1000 / len(ref.samples)
        lines: list[dict[str, Any]] = []
        for name, run in runs.items():
            label = "GET /static/portal/klang.css (reference)" if name == REFERENCE else name
            is_ref = name == REFERENCE
            for p in (50, 95, 99):
                lines.append(emit(f"{label} p{p}", percentile(run.ms(), p), "ms",
                                  P95_TARGET_MS if p == 95 else None,
                                  None if is_ref else ref_p[p]))
            lines.append(emit(f"{label} throughput", len(run.samples) / run.wall_s, "req/s",
                              None, None if is_ref else ref_rps))
            lines.append(emit(f"{label} server CPU per request",
                              run.server_cpu_s * 1000 / len(run.samples), "ms", None,
                              None if is_ref else ref_cpu))
            variants = sorted({s.variant for s in run.samples if s.variant})
            for variant in variants if len(variants) > 1 else []:
                lines.append(emit(f"{label} [{variant}] p95", percentile(run.ms(variant), 95),
                                  "ms", P95_TARGET_MS, ref_p[95]))
        static_ms = queries.get("/static/portal/klang.css", (0, 0, None))[2]
        for path, (status, n, ms) in queries.items():
            if path == "/static/portal/klang.css":
                continue
            lines.append(emit(f"in-process service time GET {unquote(path)}", ms, "ms",
                              None, static_ms))
            lines.append(emit(f"SQL queries GET {unquote(path)} (status {status})", n,
                              "queries", None, None))

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
