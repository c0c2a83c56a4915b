"""What the benchmarks in bench/ share: settings, the gunicorn server, the load generator,
the in-process query count, the JSON-line output and the writing of a RESULTS.md section.

Each `bench/<name>.py` generates its own data and decides what to measure; everything else is
here so that the figures of different benchmarks are taken and reported the same way.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
REFERENCE = "static"
REFERENCE_PATH = "/static/portal/klang.css"


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
        # The server's workers share one cache, as in production, but not the demo's.
        "KLANG_CACHE_DIR": str(workdir / "cache"),
    }
    if not os.environ.get("DATABASE_URL"):
        env["KLANG_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.update(env)
    sys.path[:0] = [str(workdir), str(ROOT)]
    import django

    django.setup()
    return env


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


def measure(server: Server, plan: dict[str, list[tuple[str, str]]], warmup: int,
            concurrency: int) -> dict[str, Run]:
    """Warm up, then time each target of `plan` in turn (its urls after the first `warmup`).

    The reference runs first and last: its figure is the better of the two, so that a
    transient slowdown of the machine does not flatter the endpoints."""
    runs: dict[str, Run] = {}
    order = [REFERENCE] + [name for name in plan if name != REFERENCE] + [REFERENCE]
    for name in order:
        urls = plan[name]
        drive(server.port, urls[:warmup], concurrency)
        cpu_before = server.cpu_seconds()
        samples, wall = drive(server.port, urls[warmup:], concurrency)
        run = Run(name, samples, wall, server.cpu_seconds() - cpu_before)
        if name in runs:
            if percentile(run.ms(), 95) >= percentile(runs[name].ms(), 95):
                continue
        runs[name] = run
        log(f"{name}: {len(samples)} requests in {wall:.1f} s, "
            f"statuses {dict(run.statuses())}")
    return runs


# --- what is measured ------------------------------------------------------------------------

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


def figures(runs: dict[str, Run], queries: dict[str, tuple[int, int, float]],
            p95_target: float | dict[str, float | None]) -> list[dict[str, Any]]:
    """Emit the latency, throughput, CPU and query-count figures of a measurement.

    `p95_target` is one target for every target URL, or a target per run name (None: the
    figure is reported without a target)."""
    def target_of(name: str) -> float | None:
        return p95_target.get(name) if isinstance(p95_target, dict) else p95_target

    ref = runs[REFERENCE]
    ref_p = {p: percentile(ref.ms(), p) for p in (50, 95, 99)}
    ref_rps = len(ref.samples) / ref.wall_s
    ref_cpu = ref.server_cpu_s * 1000 / len(ref.samples)
    lines: list[dict[str, Any]] = []
    for name, run in runs.items():
        label = f"GET {REFERENCE_PATH} (reference)" if name == REFERENCE else name
        is_ref = name == REFERENCE
        target = target_of(name)
        for p in (50, 95, 99):
            lines.append(emit(f"{label} p{p}", percentile(run.ms(), p), "ms",
                              target if p == 95 else None,
                              None if is_ref else ref_p[p]))
        lines.append(emit(f"{label} throughput", len(run.samples) / run.wall_s, "req/s",
                          None, None if is_ref else ref_rps))
        lines.append(emit(f"{label} server CPU per request",
                          run.server_cpu_s * 1000 / len(run.samples), "ms", None,
                          None if is_ref else ref_cpu))
        variants = sorted({s.variant for s in run.samples if s.variant})
        for variant in variants if len(variants) > 1 else []:
            lines.append(emit(f"{label} [{variant}] p95", percentile(run.ms(variant), 95),
                              "ms", target, ref_p[95]))
    static_ms = queries.get(REFERENCE_PATH, (0, 0, None))[2]
    for path, (status, n, ms) in queries.items():
        if path == REFERENCE_PATH:
            continue
        lines.append(emit(f"in-process service time GET {unquote(path)}", ms, "ms",
                          None, static_ms))
        lines.append(emit(f"SQL queries GET {unquote(path)} (status {status})", n,
                          "queries", None, None))
    return lines


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


def fmt(x: Any) -> str:
    return "–" if x is None else (f"{x:,.1f}" if isinstance(x, float) else str(x))


def results_tables(lines: list[dict[str, Any]], statuses: dict[str, Counter[int]],
                   queries: dict[str, tuple[int, int, float]]) -> list[str]:
    """The figure table, the HTTP statuses and the in-process query table of a section."""
    out = [
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
    return out


def replace_section(start: str, end: str, section: str) -> None:
    """Put `section` (which begins with `start` and ends with `end`) into RESULTS.md in place
    of the text between those markers, or at the end; every other line is left alone."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nEach `bench/<name>.py` rewrites its own section below "
        "(machine, date, full-scale figures). Run one with `.venv/bin/python bench/<name>.py`.\n"
    )
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda m: section, text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    log(f"wrote {RESULTS.relative_to(ROOT)}")


def interrupt(signum: int, frame: Any) -> None:
    """SIGTERM (e.g. a CI timeout) unwinds through `finally` as Ctrl-C does."""
    raise KeyboardInterrupt


def add_http_arguments(parser: Any, *, warmup: int, seed: int) -> None:
    """The options every HTTP benchmark takes: client, server and results."""
    parser.add_argument("--warmup", type=int, default=warmup, help="untimed requests per target")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--write-results", action="store_true",
                        help="also update RESULTS.md after a --quick run")
    parser.add_argument("--no-write", action="store_true", help="never update RESULTS.md")

