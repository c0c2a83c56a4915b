"""Benchmark: the public proposal list and proposal page, and the proposal API.

Usage (from the repository root)::

    .venv/bin/python bench/proposals.py                        # SQLite, full scale
    .venv/bin/python bench/proposals.py --database postgres    # PostgreSQL, full scale
    .venv/bin/python bench/proposals.py --quick                # 1/10 scale, prints only

It builds a fresh database — a SQLite file in a temporary folder, or with ``--database
postgres`` the PostgreSQL database ``klang_bench`` on 127.0.0.1 (dropped and re-created, and
dropped again at the end; ``--database-url`` names another disposable one) — migrates it, loads
the planning areas and generates, over every one of the 77 provinces: 300,000 needs (5 %
sensitive), 100,000 proposals in a realistic mix of states (each citing about three needs of
its province), their 1,000,000 timeline events (about ten each, in time order), and what the
later steps of a proposal's story leave behind: committee meetings and agenda items, plan items
under each province's four strategies, funding and progress updates. The rows are written with
``executemany`` (SQLite) or ``COPY`` (PostgreSQL) in one transaction; the time each table took
is reported.

Then it starts gunicorn on 127.0.0.1 as ``make demo`` does (2 workers x 4 threads, production
settings apart from STATIC_ROOT) and a Python load generator (http.client, keep-alive, 4 client
threads) sends at least 1,000 requests to each target after a warm-up:

- ``/proposals/`` mixed with ``?area=<province>``, ``?state=approved``,
  ``?area=<province>&state=funded`` and ``?page=2``;
- ``/proposals/<id>/`` for random published (non-draft) proposals;
- ``/api/v1/proposals/?area=<province>`` and ``/api/v1/proposals/<id>/``.

One JSON line per figure is printed::

    {"metric": ..., "value": ..., "unit": ..., "target": ..., "reference": ...}

The reference of each latency figure is the same percentile of a static file
(/static/portal/klang.css) served by the same server in the same run. The SQL queries each URL
makes are counted once in-process (``--explain`` also prints the plan of the slowest query of
each). A full-scale run rewrites its database's part of this script's section of
bench/RESULTS.md; a --quick run only prints (unless --write-results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from _common import (
    REFERENCE,
    REFERENCE_PATH,
    RESULTS,
    Server,
    add_http_arguments,
    configure,
    count_queries,
    emit,
    figures,
    interrupt,
    loadavg,
    log,
    machine,
    measure,
    replace_section,
    results_tables,
)

SECTION_START = "<!-- bench/proposals.py: start -->"
SECTION_END = "<!-- bench/proposals.py: end -->"
P95_TARGET_MS = 100.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/klang_bench"
# The test suite's database: never dropped or filled by this script.
PROTECTED_DATABASES = {"test", "postgres", "template0", "template1"}

LIST = "GET /proposals/ (public list, mixed)"
PAGE = "GET /proposals/<id>/ (proposal page)"
API_LIST = "GET /api/v1/proposals/?area=<province>"
API_DETAIL = "GET /api/v1/proposals/<id>/"

# The mix of states of a province's proposals a few years in: most have been decided, some
# are still on their way, a few were dropped.
STATE_WEIGHTS = {
    "draft": 4, "screening": 5, "ready": 4, "submitted": 6, "under_review": 8,
    "approved": 14, "deferred": 5, "rejected": 9, "funded": 10, "in_implementation": 17,
    "completed": 12, "not_implemented": 3, "withdrawn": 3,
}
# The states each state was reached through, in order (the state events of its timeline).
BEFORE_COMMITTEE = ["screening", "ready", "submitted", "under_review"]
PATHS = {
    "draft": [],
    "screening": ["screening"],
    "ready": ["screening", "ready"],
    "submitted": ["screening", "ready", "submitted"],
    "under_review": BEFORE_COMMITTEE,
    "approved": BEFORE_COMMITTEE + ["approved"],
    "deferred": BEFORE_COMMITTEE + ["deferred"],
    "rejected": BEFORE_COMMITTEE + ["rejected"],
    "funded": BEFORE_COMMITTEE + ["approved", "funded"],
    "in_implementation": BEFORE_COMMITTEE + ["approved", "funded", "in_implementation"],
    "completed": BEFORE_COMMITTEE + ["approved", "funded", "in_implementation", "completed"],
    "not_implemented": BEFORE_COMMITTEE + ["approved", "not_implemented"],
    "withdrawn": ["screening", "ready", "withdrawn"],
}
DECIDED = {"approved", "deferred", "rejected"}
PLANNED = {"approved", "funded", "in_implementation", "completed", "not_implemented"}
FUNDED = {"funded", "in_implementation", "completed"}
REASONS = {
    "deferred": "ขอให้คณะทำงานเพิ่มข้อมูลงบประมาณและพื้นที่ดำเนินการ แล้วเสนอใหม่ในการประชุมครั้งหน้า",
    "rejected": "ซ้ำซ้อนกับโครงการของหน่วยงานที่ได้รับงบประมาณแล้วในปีนี้",
    "not_implemented": "หน่วยงานรับผิดชอบไม่ได้รับการจัดสรรงบประมาณตามที่ขอ",
    "withdrawn": "ผู้เสนอขอถอนเพื่อรวมกับข้อเสนออื่นที่มีเป้าหมายเดียวกัน",
}

THEMES = [
    ("ผู้สูงอายุ", "ศูนย์ดูแลผู้สูงอายุในชุมชน"), ("คนพิการ", "การเข้าถึงบริการของคนพิการ"),
    ("เกษตรอินทรีย์", "ตลาดผักอินทรีย์ชุมชน"), ("น้ำ", "ระบบประปาหมู่บ้าน"),
    ("เยาวชน", "พื้นที่สร้างสรรค์สำหรับเยาวชน"), ("แรงงานนอกระบบ", "หลักประกันของแรงงานนอกระบบ"),
    ("ชาติพันธุ์", "สถานะบุคคลของกลุ่มชาติพันธุ์"), ("ที่อยู่อาศัย", "บ้านมั่นคงชนบท"),
    ("ป่าชุมชน", "การจัดการป่าชุมชน"), ("สุขภาพ", "อาสาสมัครดูแลผู้ป่วยติดเตียง"),
    ("ภัยพิบัติ", "แผนรับมือน้ำท่วมของตำบล"), ("หมอกควัน", "การลดการเผาในที่โล่ง"),
]
NEED_TEXTS = [
    "ผู้สูงอายุที่อยู่ลำพังไม่มีคนดูแลในเวลากลางวัน ต้องการศูนย์ดูแลใกล้บ้าน",
    "คนพิการในหมู่บ้านเดินทางไปโรงพยาบาลไม่ได้ เพราะไม่มีรถรับส่ง",
    "น้ำประปาหมู่บ้านขุ่นและไม่พอใช้ในหน้าแล้ง",
    "เยาวชนไม่มีพื้นที่ทำกิจกรรมหลังเลิกเรียน",
    "เกษตรกรขายผักอินทรีย์ได้ราคาต่ำ ไม่มีตลาดรองรับ",
    "ชาวบ้านหลายครอบครัวยังไม่มีบัตรประชาชน เข้าไม่ถึงสิทธิการรักษา",
]
EVENT_TEXTS = {
    "need_raised": "ชุมชนและองค์กรภาคประชาสังคมเสนอปัญหาในเวทีประชาคม",
    "forum": "นำเสนอและรับฟังความเห็นในเวทีกลางระดับจังหวัด",
    "synthesised": "คณะทำงานสนับสนุนข้อมูลสังเคราะห์ประเด็นปัญหาเป็นข้อเสนอ",
    "agenda": "บรรจุเข้าวาระการประชุม ก.บ.จ.",
    "decision": "ที่ประชุมมีมติ",
    "plan_item": "บรรจุในแผนพัฒนาจังหวัด",
    "funding": "ได้รับการจัดสรรงบประมาณ",
    "progress": "รายงานความก้าวหน้า: ดำเนินกิจกรรมตามแผนแล้วบางส่วน",
    "edit": "ปรับปรุงรายละเอียดข้อเสนอตามความเห็นของคณะทำงาน",
}
ROLE_OF = {
    "need_raised": "cso_member", "forum": "working_group", "synthesised": "working_group",
    "screening": "working_group", "ready": "working_group", "submitted": "provincial_officer",
    "under_review": "provincial_officer", "approved": "committee_member",
    "deferred": "committee_member", "rejected": "committee_member",
    "funded": "provincial_officer", "in_implementation": "provincial_officer",
    "completed": "provincial_officer", "not_implemented": "provincial_officer",
    "withdrawn": "working_group", "agenda": "provincial_officer",
    "decision": "committee_member", "plan_item": "provincial_officer",
    "funding": "provincial_officer", "progress": "provincial_officer", "edit": "working_group",
}
STRATEGIES = [
    "การพัฒนาเศรษฐกิจและการแข่งขัน", "การพัฒนาคุณภาพชีวิตและความมั่นคงในการดำรงชีวิต",
    "การจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม", "การบริหารจัดการภาครัฐที่ดี",
]
AGENCIES = ["สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "สำนักงานสาธารณสุขจังหวัด",
            "สำนักงานเกษตรจังหวัด", "องค์การบริหารส่วนจังหวัด", "สำนักงานพลังงานจังหวัด"]
START = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)  # fiscal year 2566 begins
DAY = dt.timedelta(days=1)


# --- the database ----------------------------------------------------------------------------

def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?", 1)[0]


def recreate_postgres(url: str, drop_only: bool = False) -> None:
    """Drop and create the disposable benchmark database (connecting to `postgres`)."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    if name in PROTECTED_DATABASES:
        raise SystemExit(f"Refusing to drop the database {name!r}: give a disposable one.")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Writer:
    """Rows straight into a table: executemany on SQLite, COPY on PostgreSQL.

    Columns not given get their model default (auto_now fields: now), so a field another app
    adds later does not break the benchmark. Values are given as the database stores them;
    `ts()` turns an aware datetime into that."""

    def __init__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection
        self.raw = connection.connection
        self.sqlite = connection.vendor == "sqlite"
        self.now = self.ts(dt.datetime.now(dt.UTC))
        self.timings: dict[str, tuple[int, float]] = {}

    def ts(self, value: dt.datetime | None) -> Any:
        if value is None or not self.sqlite:
            return value
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")

    def json(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def _defaults(self, model: Any, given: list[str]) -> tuple[list[str], list[Any]]:
        columns, values = [], []
        for f in model._meta.concrete_fields:
            if f.primary_key or f.attname in given or f.column in given:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = self.now
            elif f.has_default():
                value = f.get_db_prep_save(f.get_default(), self.connection)
                if hasattr(value, "obj"):  # psycopg's Jsonb wrapper: COPY takes the text
                    value = self.json(value.obj)
            elif f.null:
                value = None
            elif f.empty_strings_allowed:
                value = ""
            else:
                raise SystemExit(f"{model.__name__}.{f.name} needs a value in bench/proposals.py")
            columns.append(f.column)
            values.append(value)
        return columns, values

    def write(self, model: Any, fields: list[str], rows: Iterable[tuple], label: str = ""
              ) -> int:
        """Insert `rows` (tuples of `fields`, attnames or column names, "id" allowed)."""
        start = time.perf_counter()
        meta = model._meta
        columns = [meta.get_field(f[:-3] if f.endswith("_id") and f != "id" else f).column
                   if f != "id" else meta.pk.column for f in fields]
        extra_cols, extra_vals = self._defaults(model, fields)
        cols = columns + extra_cols
        extra = tuple(extra_vals)
        table = self.connection.ops.quote_name(meta.db_table)
        col_sql = ", ".join(self.connection.ops.quote_name(c) for c in cols)
        n = 0
        if self.sqlite:
            def full() -> Iterator[tuple]:
                nonlocal n
                for row in rows:
                    n += 1
                    yield row + extra
            self.raw.executemany(
                f"INSERT INTO {table} ({col_sql}) VALUES ({', '.join('?' * len(cols))})",
                full())
        else:
            with self.raw.cursor() as cursor, \
                    cursor.copy(f"COPY {table} ({col_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + extra)
                    n += 1
        label = label or meta.db_table
        took = time.perf_counter() - start
        prev = self.timings.get(label, (0, 0.0))
        self.timings[label] = (prev[0] + n, prev[1] + took)
        return n

    def m2m(self, field: Any, pairs: Iterable[tuple[int, int]], label: str) -> int:
        through = field.remote_field.through
        return self.write(through, [field.m2m_column_name(), field.m2m_reverse_name()], pairs,
                          label)

    def finish(self, models: list[Any]) -> None:
        """Sequences after explicit ids (PostgreSQL); statistics for the planner."""
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            if not self.sqlite:
                for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)


def analyse() -> float:
    from django.db import connection

    start = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        connection.ensure_connection()
        raw = connection.connection
        autocommit = raw.autocommit
        raw.autocommit = True
        raw.execute("VACUUM ANALYZE")
        raw.autocommit = autocommit
    connection.close()
    return time.perf_counter() - start


# --- the data --------------------------------------------------------------------------------

def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` spread over `parts` unevenly (big provinces have more), summing exactly."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def generate(args: argparse.Namespace) -> tuple[dict[str, float], dict[str, tuple[int, float]]]:
    """Fill the database; answers the seconds each step took, and the rows and seconds of
    each table written."""
    from django.db import transaction

    from accounts.models import User
    from areas.models import Area, Level
    from committee.models import AgendaItem, Body, Meeting
    from monitoring.models import ProgressUpdate
    from needs.models import Need
    from orgs.models import IssueArea, Organisation, TargetGroup
    from planning.models import Funding, Plan, PlanItem, Strategy
    from proposals.models import Proposal, ProposalEvent

    rng = random.Random(args.seed)
    if Proposal.objects.exists() or Need.objects.exists():
        raise SystemExit("The database already holds proposals or needs: give an empty one.")
    provinces = list(Area.objects.filter(level=Level.PROVINCE).order_by("code")
                     .values_list("pk", "name_th"))
    assert len(provinces) == 77, len(provinces)
    districts: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, name, province in Area.objects.filter(level=Level.DISTRICT).values_list(
            "pk", "name_th", "province_id"):
        districts[province].append((pk, name))
    subdistricts: dict[int, list[int]] = defaultdict(list)
    for pk, province in Area.objects.filter(level=Level.SUBDISTRICT).values_list(
            "pk", "province_id"):
        subdistricts[province].append(pk)
    target_ids = list(TargetGroup.objects.values_list("pk", flat=True))
    issue_ids = list(IssueArea.objects.values_list("pk", flat=True))
    now = dt.datetime.now(dt.UTC)
    took: dict[str, float] = {}

    t0 = time.perf_counter()
    # People, organisations, and per province a plan with four strategies and its ก.บ.จ.
    users = [User.objects.create_user(f"bench{i}@example.org", None, full_name=f"ผู้ทดสอบ {i}")
             for i in range(4)]
    user_ids = [u.pk for u in users]
    import directory  # its organisation generator: the same registry the directory measures

    directory.generate_organisations(max(args.needs // 300, 100), rng)
    orgs_by_province: dict[int, list[int]] = defaultdict(list)
    for pk, province in Organisation.objects.values_list("pk", "home_area__province_id"):
        orgs_by_province[province].append(pk)
    Plan.objects.bulk_create([Plan(area_id=p, title=f"แผนพัฒนาจังหวัด{name} พ.ศ. 2566–2570",
                                   first_year=2566, last_year=2570) for p, name in provinces])
    plans = dict(Plan.objects.values_list("area_id", "pk"))
    Strategy.objects.bulk_create([Strategy(plan_id=plans[p], number=i + 1, name_th=s)
                                  for p, _ in provinces for i, s in enumerate(STRATEGIES)])
    strategies: dict[int, list[int]] = defaultdict(list)
    for pk, area in Strategy.objects.order_by("number").values_list("pk", "plan__area_id"):
        strategies[area].append(pk)
    Body.objects.bulk_create([Body(name_th=f"คณะกรรมการบริหารงานจังหวัดแบบบูรณาการจังหวัด{name}",
                                   short_name="ก.บ.จ.", kind="provincial", area_id=p)
                              for p, name in provinces])
    bodies = dict(Body.objects.values_list("area_id", "pk"))
    # Four meetings a fiscal year, 2566–2570, in every province.
    Meeting.objects.bulk_create([
        Meeting(body_id=bodies[p], number=n, year=year,
                date=dt.date(year - 544, 12, 15) + dt.timedelta(days=91 * (n - 1)))
        for p, _ in provinces for year in range(2566, 2571) for n in range(1, 5)])
    meetings: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    for pk, area, date, number, year in Meeting.objects.values_list(
            "pk", "body__area_id", "date", "number", "year"):
        meetings[area].append((date, pk, f"{number}/{year}"))
    for m in meetings.values():
        m.sort()
    took["people, organisations, plans, committees"] = time.perf_counter() - t0

    w = Writer()
    with transaction.atomic():
        # --- needs: spread over every province, most raised in a district or sub-district.
        t0 = time.perf_counter()
        needs_per_province = split(args.needs, len(provinces), rng)
        need_rows = []
        need_province: list[int] = [0]  # by id
        need_title: list[str] = [""]
        need_sensitive: list[bool] = [False]
        needs_of: dict[int, list[int]] = defaultdict(list)
        span = (now - START).total_seconds()
        need_id = 0
        for (province, _), count in zip(provinces, needs_per_province, strict=True):
            for _ in range(count):
                need_id += 1
                r = rng.random()
                if r < 0.6 and subdistricts[province]:
                    area = rng.choice(subdistricts[province])
                elif r < 0.9:
                    area = rng.choice(districts[province])[0]
                else:
                    area = province
                theme, _topic = rng.choice(THEMES)
                created = START + dt.timedelta(seconds=rng.random() * span)
                title = f"ปัญหาด้าน{theme} {need_id}"
                sensitive = rng.random() < 0.05
                need_rows.append((
                    need_id, title, rng.choice(NEED_TEXTS), area,
                    province, rng.choice(issue_ids) if issue_ids else None,
                    rng.choice(["low", "medium", "medium", "high", "critical"]),
                    sensitive, rng.randint(5, 2000), rng.choice(user_ids),
                    "accepted", w.ts(created), w.ts(created)))
                need_province.append(province)
                need_title.append(title)
                need_sensitive.append(sensitive)
                needs_of[province].append(need_id)
        w.write(Need, ["id", "title", "description", "area_id", "province_id", "issue_area_id",
                       "urgency", "is_sensitive", "people_affected", "raised_by_id", "status",
                       "created_at", "updated_at"], need_rows, "needs")
        del need_rows
        need_fields = {f.name: f for f in Need._meta.many_to_many}
        w.m2m(need_fields["target_groups"],
              ((n, t) for n in range(1, need_id + 1) if rng.random() < 0.5
               for t in rng.sample(target_ids, rng.randint(1, 2))), "needs ↔ target groups")
        w.m2m(need_fields["organisations"],
              ((n, o) for n in range(1, need_id + 1)
               if rng.random() < 0.6 and orgs_by_province[need_province[n]]
               for o in {rng.choice(orgs_by_province[need_province[n]]) for _ in range(2)}),
              "needs ↔ organisations")
        took["needs"] = time.perf_counter() - t0

        # --- proposals and their story.
        t0 = time.perf_counter()
        states = rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()),
                             k=args.proposals)
        proposals_per_province = split(args.proposals, len(provinces), rng)
        proposal_province = [p for (p, _), n in zip(provinces, proposals_per_province,
                                                    strict=True) for _ in range(n)]
        rng.shuffle(proposal_province)
        stories: list[list[tuple[str, str, str]]] = []  # (kind, from_state, to_state)
        for state in states:
            story = [("need_raised", "", ""), ("synthesised", "", "")]
            previous = "draft"
            for step in PATHS[state]:
                if step == "under_review":
                    story.append(("agenda", "", ""))
                if step in DECIDED:
                    story.append(("decision", "", step))
                story.append(("state", previous, step))
                if step == "approved":
                    story.append(("plan_item", "", ""))
                if step == "funded":
                    story.append(("funding", "", ""))
                if step == "in_implementation":
                    story.append(("progress", "", ""))
                previous = step
            stories.append(story)
        # Fill up to exactly --events with the optional steps: forums, edits and progress.
        missing = args.events - sum(len(s) for s in stories)
        if missing < 0:
            log(f"the stories alone make {-missing:,} events more than --events")
        for i in rng.choices(range(args.proposals), k=max(missing, 0)):
            story = stories[i]
            if states[i] in ("in_implementation", "completed"):
                at = len(story) - (1 if states[i] == "completed" else 0)
                story.insert(at, ("progress", "", ""))
            else:
                story.insert(2 if rng.random() < 0.5 else 1, (
                    "forum" if rng.random() < 0.4 else "edit", "", ""))

        proposal_rows = []
        links: list[tuple[int, int]] = []
        areas_m2m: list[tuple[int, int]] = []
        timeline: list[list[dt.datetime]] = []
        # The data of each proposal's events, as the commands of needs/, committee/ and
        # planning/ record it (proposals/timeline.py reads it).
        event_data: list[dict[str, dict[str, Any]]] = []
        agenda_rows, plan_rows, funding_rows, progress_rows = [], [], [], []
        plan_item_id = 0
        for i, state in enumerate(states):
            pid = i + 1
            province = proposal_province[i]
            story = stories[i]
            gaps = [dt.timedelta(days=rng.uniform(3, 40)) for _ in story]
            total = sum(gaps, dt.timedelta())
            latest = now - total - DAY
            first = START + (latest - START) * rng.random() if latest > START else START
            times, at = [], first
            for gap in gaps:
                at += gap
                times.append(at)
            timeline.append(times)
            created = times[1]  # synthesised: the proposal is made then
            area = province if rng.random() < 0.3 else rng.choice(districts[province])[0]
            theme, topic = rng.choice(THEMES)
            place = next((n for d, n in districts[province] if d == area), None)
            title = f"{topic}{'อำเภอ' + place if place else ''} ({pid})"
            year = 2566 + (created - START).days // 365 + rng.choice([0, 1])
            fiscal_year = min(max(year, 2566), 2570)
            strategy = strategies[province][1 if rng.random() < 0.6 else rng.randrange(4)]
            budget = Decimal(rng.randrange(50, 5000) * 1000)
            proposal_rows.append((
                pid, title,
                f"ข้อเสนอเรื่อง{theme}จากเวทีประชาคม เพื่อให้ {rng.randint(20, 3000)} คน "
                f"ได้รับประโยชน์ โดยให้หน่วยงานในพื้นที่ร่วมกับองค์กรชุมชนดำเนินการ",
                "project" if rng.random() < 0.75 else "policy",
                "1. ลดปัญหาที่ชุมชนเสนอ 2. ให้ชุมชนมีส่วนร่วมในการติดตามผล", area, province,
                rng.randint(20, 3000), budget, rng.choice(AGENCIES), strategy,
                "ข้อมูลจากเวทีประชาคมและสถิติของหน่วยงาน", state,
                w.ts(times[-1]), fiscal_year, int(rng.paretovariate(1.5)) - 1,
                rng.choice(user_ids), w.ts(created), w.ts(times[-1])))
            pool = needs_of[province]
            cited = rng.sample(pool, min(len(pool), rng.choice([1, 2, 3, 3, 3, 4, 5])))
            links.extend((pid, n) for n in cited)
            areas_m2m.append((pid, area))
            data: dict[str, dict[str, Any]] = {
                "need_raised": {"need_id": cited[0], "title": need_title[cited[0]],
                                "confidential": need_sensitive[cited[0]]},
                "synthesised": {"need_ids": cited},
                "edit": {"fields": ["summary", "objectives"]},
            }
            event_data.append(data)
            # What the committee and the plan keep of it.
            decision = next((to for kind, _, to in story if kind == "decision"), None)
            review_at = next((t for (kind, _, _), t in zip(story, times, strict=True)
                              if kind == "agenda"), None)
            if review_at is not None:
                dates = meetings[province]
                _date, meeting, label = next((m for m in dates if m[0] >= review_at.date()),
                                             dates[-1])
                agenda_rows.append((meeting, pid, rng.randint(1, 30), decision or "",
                                    REASONS.get(decision or "", "อนุมัติให้บรรจุในแผน")
                                    if decision else "", w.ts(times[-1]) if decision else None))
                data["agenda"] = {"meeting": label, "meeting_id": meeting, "body": "ก.บ.จ.",
                                  "date": str(_date)}
                data["decision"] = {"meeting": label, "meeting_id": meeting, "body": "ก.บ.จ.",
                                    "decision": decision or ""}
                data["committee"] = {"meeting": label, "meeting_id": meeting}
            if state in PLANNED:
                plan_item_id += 1
                progress = {"completed": 100, "in_implementation": rng.randint(10, 90)}.get(
                    state, 0)
                agency = rng.choice(AGENCIES)
                plan_rows.append((plan_item_id, plans[province], strategy, pid, title,
                                  fiscal_year, agency, budget, progress, w.ts(created)))
                data["plan_item"] = {"strategy": STRATEGIES[strategies[province].index(strategy)],
                                     "fiscal_year": fiscal_year, "owner_agency": agency,
                                     "budget": str(budget), "plan_item_id": plan_item_id}
                data["progress"] = {"progress": progress or 50}
                if state in FUNDED:
                    funding_rows.append((plan_item_id, budget, fiscal_year, agency,
                                         f"งบพัฒนาจังหวัด {fiscal_year}"))
                    data["funding"] = {"amount": str(budget), "fiscal_year": fiscal_year,
                                       "agency": agency, "source": "province",
                                       "budget_line": f"งบพัฒนาจังหวัด {fiscal_year}"}
                for (kind, _, _), t in zip(story, times, strict=True):
                    if kind == "progress":
                        progress_rows.append((plan_item_id, t.date(), progress or 50,
                                              EVENT_TEXTS["progress"]))
        w.write(Proposal, ["id", "title", "summary", "kind", "objectives", "area_id",
                           "province_id", "beneficiaries", "estimated_budget",
                           "responsible_agency", "strategy_id", "evidence", "state",
                           "state_changed_at", "fiscal_year", "support_count", "created_by_id",
                           "created_at", "updated_at"], proposal_rows, "proposals")
        del proposal_rows
        proposal_fields = {f.name: f for f in Proposal._meta.many_to_many}
        w.m2m(proposal_fields["needs"], links, "proposals ↔ needs")
        w.m2m(proposal_fields["areas"], areas_m2m, "proposals ↔ areas")
        w.m2m(proposal_fields["target_groups"],
              ((p, t) for p in range(1, args.proposals + 1) if rng.random() < 0.6
               for t in rng.sample(target_ids, rng.randint(1, 3))), "proposals ↔ target groups")
        _mark_cited(w, Need, sorted({n for _, n in links}))
        w.write(AgendaItem, ["meeting_id", "proposal_id", "order", "decision", "resolution",
                             "decided_at"], agenda_rows, "agenda items")
        w.write(PlanItem, ["id", "plan_id", "strategy_id", "proposal_id", "title",
                           "fiscal_year", "owner_agency", "budget", "progress", "created_at"],
                plan_rows, "plan items")
        w.write(Funding, ["plan_item_id", "amount", "fiscal_year", "agency", "budget_line"],
                funding_rows, "funding")
        w.write(ProgressUpdate, ["plan_item_id", "date", "progress", "text"], progress_rows,
                "progress updates")
        took["proposals (with links, agenda, plan items)"] = time.perf_counter() - t0

        # --- the timeline: about ten events a proposal, in time order.
        t0 = time.perf_counter()
        empty = w.json({})
        committee_states = {"under_review", *DECIDED}

        def events() -> Iterator[tuple]:
            for i, story in enumerate(stories):
                pid = i + 1
                data = {kind: w.json(d) for kind, d in event_data[i].items()}
                for (kind, from_state, to_state), at in zip(story, timeline[i], strict=True):
                    key = to_state if kind == "state" else kind
                    text = REASONS.get(to_state, "") if kind == "state" else \
                        EVENT_TEXTS[kind] + (f" ({to_state})" if kind == "decision" else "")
                    if kind == "state":
                        payload = data.get("committee", empty) \
                            if to_state in committee_states else empty
                    else:
                        payload = data.get(kind, empty)
                    yield (pid, kind, w.ts(at), rng.choice(user_ids), ROLE_OF[key], from_state,
                           to_state, text, payload)

        n_events = w.write(ProposalEvent, ["proposal_id", "kind", "at", "actor_id",
                                           "actor_role", "from_state", "to_state", "text",
                                           "data"], events(), "timeline events")
        took["timeline events"] = time.perf_counter() - t0
        w.finish([Need, Proposal, PlanItem])
        t0 = time.perf_counter()
    # PostgreSQL checks the deferred foreign keys of every row here.
    took["commit"] = time.perf_counter() - t0
    took["analyze"] = analyse()
    for label, (n, seconds) in w.timings.items():
        log(f"  {label}: {n:,} rows in {seconds:.1f} s")
    log(f"{args.needs:,} needs, {args.proposals:,} proposals, {n_events:,} events; "
        + ", ".join(f"{k} {v:.1f} s" for k, v in took.items()))
    return took, w.timings


def _mark_cited(w: Writer, model: Any, ids: list[int]) -> None:
    """UPDATE ... WHERE id IN (a large list) in chunks: one statement would pass the
    parameter limits."""
    table = w.connection.ops.quote_name(model._meta.db_table)
    with w.connection.cursor() as cursor:
        for i in range(0, len(ids), 5000):
            chunk = ids[i:i + 5000]
            cursor.execute(f"UPDATE {table} SET status = 'in_proposal' WHERE id IN "
                           f"({', '.join(['%s'] * len(chunk))})", chunk)


# --- what is measured ------------------------------------------------------------------------

def targets(n_requests: int, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    from areas.models import Area, Level
    from proposals.models import Proposal

    provinces = list(Area.objects.filter(level=Level.PROVINCE).values_list("code", flat=True))
    published = list(Proposal.objects.exclude(state="draft").values_list("pk", flat=True))

    def listing(i: int) -> tuple[str, str]:
        kind = i % 5
        if kind == 0:
            return "plain", "/proposals/"
        if kind == 1:
            return "area", f"/proposals/?area={rng.choice(provinces)}"
        if kind == 2:
            return "state", "/proposals/?state=approved"
        if kind == 3:
            return "area+state", f"/proposals/?area={rng.choice(provinces)}&state=funded"
        return "page 2", "/proposals/?page=2"

    return {
        LIST: [listing(i) for i in range(n_requests)],
        PAGE: [("", f"/proposals/{rng.choice(published)}/") for _ in range(n_requests)],
        API_LIST: [("", f"/api/v1/proposals/?area={rng.choice(provinces)}")
                   for _ in range(n_requests)],
        API_DETAIL: [("", f"/api/v1/proposals/{rng.choice(published)}/")
                     for _ in range(n_requests)],
        REFERENCE: [("", REFERENCE_PATH)] * n_requests,
    }


def probes(plan: dict[str, list[tuple[str, str]]]) -> list[str]:
    """One URL of each list variant, three of each other target."""
    paths: dict[str, None] = {}
    for urls in plan.values():
        seen: set[str] = set()
        for variant, path in urls:
            if variant and variant not in seen:
                seen.add(variant)
                paths[path] = None
        for _, path in urls[:3] if not seen else []:
            paths[path] = None
    return sorted(paths)


def explain(paths: list[str]) -> None:
    """The slowest query of each URL, with its plan: where a slow page spends its time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        queries = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
        log(f"{path}: {len(queries)} queries, "
            f"{sum(float(q['time']) for q in queries) * 1000:.1f} ms in SQL")
        for q in queries[:2]:
            log(f"  {float(q['time']) * 1000:.1f} ms: {q['sql'][:600]}")
            if not q["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(prefix + q["sql"])
                for row in cursor.fetchall():
                    log("    " + " | ".join(str(x) for x in row))
    connection.close()


# --- reporting -------------------------------------------------------------------------------

def write_results(info: dict[str, str], args: argparse.Namespace, server: str,
                  lines: list[dict[str, Any]], statuses: dict[str, Any],
                  queries: dict[str, tuple[int, int, float]], steps: dict[str, float],
                  tables: dict[str, tuple[int, float]]) -> None:
    """This database's part of the section; the other database's part is kept as it is."""
    vendor = "postgres" if args.database == "postgres" else "sqlite"
    title = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[vendor]
    scale = "QUICK run (1/10 scale), not the full-scale figures" if args.quick else "full scale"
    part = [
        f"<!-- bench/proposals.py {vendor}: start -->",
        f"### {title}",
        "",
        f"- run: {scale}; {info['date']}",
        f"- machine: `{info['machine']}`, {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}; load average before / after the run: {info['load']}",
        f"- database: {info['database']}; {args.needs:,} needs, {args.proposals:,} proposals, "
        f"{tables.get('timeline events', (args.events, 0))[0]:,} timeline events over all 77 provinces",
        f"- server: `gunicorn {server}` on 127.0.0.1, production settings; client: Python "
        f"http.client, {args.concurrency} keep-alive threads on the same machine, "
        f"{args.requests:,} requests per target after {args.warmup} warm-up requests",
        f"- target: p95 < {P95_TARGET_MS:.0f} ms for the list and the proposal page; "
        f"reference: the same figure for `{REFERENCE_PATH}` (WhiteNoise) in the same run",
        "",
        "Data generation (one transaction; "
        + ("executemany" if vendor == "sqlite" else "COPY") + "):",
        "",
        "| table | rows | s |", "|---|---:|---:|",
    ]
    part += [f"| {label} | {n:,} | {s:.1f} |" for label, (n, s) in tables.items()]
    part += ["", "| step | s |", "|---|---:|"]
    part += [f"| {label} | {s:.1f} |" for label, s in steps.items()]
    part += [f"| **total** | **{sum(steps.values()):.1f}** |"]
    part += ["", *results_tables(lines, statuses, queries),
             f"<!-- bench/proposals.py {vendor}: end -->"]
    part_text = "\n".join(part)

    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    match = re.search(re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END), text, re.S)
    parts = {}
    for other in ("sqlite", "postgres"):
        m = re.search(rf"<!-- bench/proposals.py {other}: start -->.*?"
                      rf"<!-- bench/proposals.py {other}: end -->",
                      match.group(0) if match else "", re.S)
        parts[other] = m.group(0) if m else \
            f"<!-- bench/proposals.py {other}: start -->\n### " \
            f"{'SQLite' if other == 'sqlite' else 'PostgreSQL'}\n\nNot run yet: " \
            f"`.venv/bin/python bench/proposals.py" \
            f"{' --database postgres' if other == 'postgres' else ''}`.\n" \
            f"<!-- bench/proposals.py {other}: end -->"
    parts[vendor] = part_text
    section = "\n".join([
        SECTION_START,
        "## Proposal list, proposal page and proposal API (`bench/proposals.py`)",
        "",
        parts["sqlite"], "", parts["postgres"], "",
        SECTION_END,
    ])
    replace_section(SECTION_START, SECTION_END, section)


# --- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="1/10 scale, 500 requests per target")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default=DEFAULT_PG_URL,
                        help="with --database postgres: a disposable database, dropped and "
                             f"re-created (default {DEFAULT_PG_URL})")
    parser.add_argument("--proposals", type=int, help="default 100,000")
    parser.add_argument("--needs", type=int, help="default 300,000")
    parser.add_argument("--events", type=int, help="timeline events (default 1,000,000)")
    parser.add_argument("--requests", type=int,
                        help="timed requests per target (default 1,000; 500 with --quick)")
    add_http_arguments(parser, warmup=50, seed=2568)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder and the PostgreSQL database")
    parser.add_argument("--generate-only", action="store_true",
                        help="generate the data, report how long it took, and stop")
    parser.add_argument("--explain", action="store_true",
                        help="print the slowest query of each URL with its plan (stderr)")
    parser.add_argument("--serve-only", action="store_true",
                        help="set up, start the server, print its URL and wait for Ctrl-C")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    args.proposals = args.proposals or 100_000 // scale
    args.needs = args.needs or 300_000 // scale
    args.events = args.events or 1_000_000 // scale
    if args.requests is None:
        args.requests = 500 if args.quick else 1000

    workdir = Path(tempfile.mkdtemp(prefix="klang-bench-"))
    server: Server | None = None
    signal.signal(signal.SIGTERM, interrupt)
    started = time.perf_counter()
    postgres = args.database == "postgres"
    if postgres:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        if postgres:
            recreate_postgres(args.database_url)
        env = configure(workdir)
        from django.core.management import call_command

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        from areas.loader import load_areas

        load_areas()
        call_command("collectstatic", verbosity=0, interactive=False)
        log(f"migrate + areas + collectstatic {time.perf_counter() - t0:.1f} s")
        steps, tables = generate(args)
        for label, seconds in steps.items():
            emit(f"data generation: {label}", seconds, "s", None, None)
        emit("data generation: total", sum(steps.values()), "s", None, None)
        if args.generate_only:
            return 0

        rng = random.Random(args.seed)
        plan = targets(args.requests + args.warmup, rng)
        probe = probes(plan)
        if args.explain:
            explain([p for p in probe if p != REFERENCE_PATH])
        queries = count_queries(probe)
        info = machine()

        server = Server(env, workdir, args.workers, args.threads)
        server.wait_ready(REFERENCE_PATH)
        log(f"gunicorn on 127.0.0.1:{server.port} ({time.perf_counter() - started:.1f} s so far)")
        if args.serve_only:
            print(f"http://127.0.0.1:{server.port}/  (Ctrl-C stops)", flush=True)
            while server.proc.poll() is None:
                time.sleep(1)
            return 1

        runs = measure(server, plan, args.warmup, args.concurrency)
        lines = figures(runs, queries, {LIST: P95_TARGET_MS, PAGE: P95_TARGET_MS})
        statuses = {name: run.statuses() for name, run in runs.items()}
        bad = {name: c for name, c in statuses.items() if set(c) != {200}}
        for name, c in bad.items():
            log(f"NOT ALL 200: {name}: {dict(c)}")
        info["load"] = f"{info['load']} / {loadavg()}"
        if (not args.quick or args.write_results) and not args.no_write:
            write_results(info, args, server.describe, lines, statuses, queries, steps,
                          tables)
        log(f"done in {time.perf_counter() - started:.1f} s")
        return 1 if bad else 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            log(f"kept {workdir}" + (f" and {args.database_url}" if postgres else ""))
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            if postgres:
                from django.db import connections

                connections.close_all()
                recreate_postgres(args.database_url, drop_only=True)


if __name__ == "__main__":
    sys.exit(main())
