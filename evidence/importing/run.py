"""One import from start to end: read, map, join, validate, write, report.

``run_import(job, paths)`` is what the command line (``manage.py import_households``) and the
web upload's background task (``evidence.tasks.import_households``) both call.

All-or-nothing, per the job's ``on_error``:

- ``reject``: every row is validated; if any has a problem nothing is written (the one
  transaction is rolled back) and the job is REJECTED with the full report.
- ``quarantine``: valid submissions are written; each invalid one is kept encrypted as a
  ``QuarantinedRow`` for a member to correct; the job is DONE with the report.

A file that cannot be read at all (not a spreadsheet, truncated, no key column) FAILS with one
problem saying why. No exception leaves ``run_import``: anything unexpected is a FAILED job and
the transaction is rolled back.

Large CSV uploads take the fast path (``evidence.importing.fast``): batches validated at once,
doubtful rows through ``build_household`` as before; the stored rows and the report are the
same (``evidence/tests/test_import_fast_path_matches_row_by_row.py``).

Progress: ``rows_done`` is published while the transaction is open, through the cache and, on
PostgreSQL, a second connection that commits only that counter; the page polls it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence import crypto
from evidence.answers import BuiltHousehold, Problem, build_household
from evidence.importing import fast, mapping
from evidence.importing.joining import MemberJoiner
from evidence.importing.sources import SourceError, Table, encoding_label, open_tables
from evidence.importing.writer import Writer
from evidence.models import ImportJob, QuarantinedRow

logger = logging.getLogger(__name__)

BATCH = 2_000
MAX_PROBLEMS = 5_000     # kept on the job; the count of the rest is said in a last entry
PROGRESS_EVERY = 1_000   # rows
# From this many household rows a CSV import takes the fast path (evidence.importing.fast).
FAST_MIN_ROWS = 5_000
Progress = Callable[[int, int], None]


class _Rejected(Exception):
    """Raised inside the transaction to roll it back."""


def progress_key(job_id: int) -> str:
    return f"evidence-import-progress-{job_id}"


def rows_done(job: ImportJob) -> int:
    """The freshest count of rows read: the cache while the import runs, then the job."""
    cached = cache.get(progress_key(job.pk))
    return max(job.rows_done, cached or 0)


class Report:
    def __init__(self) -> None:
        self.problems: list[dict[str, Any]] = []
        self.count = 0
        self.rows_with_problems = 0
        self.notes: list[dict[str, Any]] = []

    def add(self, problem: Problem | dict[str, Any]) -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            data = problem.as_dict() if isinstance(problem, Problem) else problem
            data["message"] = str(data["message"])
            self.problems.append(data)

    def note(self, code: str, message: Any) -> None:
        """Information that is not a problem (e.g. the text encoding used): kept first, never
        counted, never a reason to reject."""
        self.notes.append({"row": None, "sheet": "", "column": "", "code": code,
                           "message": str(message)})

    def file_problem(self, code: str, message: Any, sheet: str = "", row: int | None = None,
                     column: str = "") -> None:
        self.add({"row": row, "sheet": sheet, "column": column, "code": code,
                  "message": str(message)})

    def final(self) -> list[dict[str, Any]]:
        if self.count > len(self.problems):
            more = self.count - len(self.problems)
            return [*self.notes, *self.problems, {"row": None, "sheet": "", "column": "", "code": "more",
                                     "message": _("… and %(n)s more problems.") % {"n": more}}]
        return [*self.notes, *self.problems]


def is_note(problem: dict[str, Any]) -> bool:
    return str(problem.get("code", "")).startswith("note_")


class _Publisher:
    """Publishes rows_done while the import's transaction is still open."""

    def __init__(self, job: ImportJob, progress: Progress | None) -> None:
        self.job, self.progress = job, progress
        self.side = None
        self.last = 0.0
        if job.pk and connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection("default")

    def __call__(self, done: int, total: int, force: bool = False) -> None:
        if self.progress:
            self.progress(done, total)
        if not self.job.pk:
            return
        cache.set(progress_key(self.job.pk), done, 3600)
        now = time.monotonic()
        if self.side is not None and (force or now - self.last > 1.0):
            self.last = now
            with self.side.cursor() as cursor:
                cursor.execute(f'UPDATE "{ImportJob._meta.db_table}" SET rows_done = %s '
                               f"WHERE id = %s", [done, self.job.pk])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def count_rows(table: Table) -> int:
    return sum(1 for _row in table.rows())


def run_import(job: ImportJob, paths: list[Path], *, user: Any = None,
               progress: Progress | None = None, fast_path: bool | None = None) -> ImportJob:
    """Import the files into ``job``'s survey and organisation; the job says what happened.

    ``fast_path``: validate and write in batches (``evidence.importing.fast``); ``None``: for
    CSV uploads of ``FAST_MIN_ROWS`` households or more. The result is the same either way."""
    report = Report()
    user = user if user is not None else job.started_by
    publisher = _Publisher(job, progress)
    job.status = ImportJob.Status.RUNNING
    job.problems, job.created_count, job.updated_count, job.quarantined_count = [], 0, 0, 0
    job.rows_done = 0
    _save(job)
    try:
        tables = open_tables(paths)
        layout = mapping.detect(tables)
        job.source_format = layout.format
        report.note("note_encoding", _("Text encoding: %(encoding)s.")
                    % {"encoding": describe_encoding(tables)})
        plan = _plan(layout) if fast_path is not False else None
        job.rows_total = plan.total if plan is not None else count_rows(layout.households)
        if fast_path is None:
            fast_path = job.rows_total >= FAST_MIN_ROWS
        _save(job)
        publisher(0, job.rows_total, force=True)
        with transaction.atomic():
            counts = _import_rows(job, layout, report, user, publisher, fast_path,
                                  plan if fast_path else None)
            if report.count and job.on_error == ImportJob.OnError.REJECT:
                raise _Rejected
            written_at = time.perf_counter()
        fast.timings["commit"] = fast.timings.get("commit", 0.0) + time.perf_counter() - written_at
        job.created_count, job.updated_count, job.quarantined_count, job.rows_done = counts
        job.status = ImportJob.Status.DONE
    except _Rejected:
        job.status = ImportJob.Status.REJECTED
        job.created_count = job.updated_count = job.quarantined_count = 0
    except SourceError as exc:
        report.file_problem(exc.code, exc.message, exc.sheet, exc.row, exc.column)
        job.status = ImportJob.Status.FAILED
    except Exception:  # noqa: BLE001 - a bad file must never become a 500
        logger.exception("import %s failed", job.pk)
        report.file_problem("unexpected", _("The file could not be imported because of an "
                                            "unexpected error; nothing was imported. The "
                                            "administrators have been told."))
        job.status = ImportJob.Status.FAILED
        job.created_count = job.updated_count = job.quarantined_count = 0
    finally:
        publisher.close()
    job.problems = report.final()
    job.finished_at = timezone.now()
    _save(job)
    if job.pk:
        cache.delete(progress_key(job.pk))
    if job.status == ImportJob.Status.DONE and (job.created_count or job.updated_count):
        from evidence import statistics

        statistics.refresh_later()
    return job


def _plan(layout: mapping.Layout) -> fast.Plan | None:
    """The fast path's plan for reading the files with polars, or None: any surprise in
    looking at the files only means the row-by-row reader reads them."""
    try:
        return fast.plan(layout)
    except Exception:  # noqa: BLE001 - the csv reader will say what is wrong, if anything
        logger.warning("the fast path cannot read these files", exc_info=True)
        return None


def _save(job: ImportJob) -> None:
    if job.pk:
        job.save()


def _import_rows(job: ImportJob, layout: mapping.Layout, report: Report, user: Any,
                 publish: _Publisher, fast_path: bool = False,
                 plan: fast.Plan | None = None) -> tuple[int, int, int, int]:
    writer = Writer(survey=job.survey, organisation=job.organisation, user=user, job=job)
    areas = AreaCodes()
    reject = job.on_error == ImportJob.OnError.REJECT
    households, members = layout.households, layout.members
    sheets = (households.name, members.name if members else "members")
    key_column = households.header[layout.household_key]
    fast_path = fast_path and fast.usable(layout)
    joiner = None
    if plan is None and members is not None and layout.member_link is not None:
        link = layout.member_link
        joiner = MemberJoiner(members.rows(),
                              lambda row: mapping.clean_key(row[link]) if link < len(row) else "")
    seen: dict[str, int] = {}
    batch: list[BuiltHousehold] = []
    quarantine: list[QuarantinedRow] = []
    pending: list[fast.Pending] = []
    created = updated = quarantined = done = 0
    xlsx = households.encoding == "xlsx"
    today = timezone.localdate()
    fast_writer = fast.FastWriter(writer) if fast_path else None
    area_frame = fast.area_frame(areas.codes) if fast_path else None

    def one_row(entry: fast.Pending) -> None:
        """The per-row path: build_household decides, problems are reported in file order."""
        nonlocal created, updated, quarantined, batch, quarantine
        number, key, row = entry.number, entry.key, entry.row
        household = layout.household_columns.values(row)
        household.update(layout.household_columns.extras(row))
        people = []
        member_numbers = []
        for order, (member_number, values) in enumerate(entry.member_rows, start=1):
            assert layout.member_columns is not None
            person = layout.member_columns.values(values)
            person.update(layout.member_columns.extras(values))
            person["position"] = str(mapping.member_position(layout, values, order))
            people.append(person)
            member_numbers.append(member_number)
        problems = list(entry.key_problems)
        if entry.also_report is not None:
            report.add(entry.also_report)
        if xlsx:
            problems += _formulas(households.name, number, household, layout.household_columns)
            if layout.member_columns is not None:
                for person, member_number in zip(people, member_numbers, strict=True):
                    problems += _formulas(sheets[1], member_number, person,
                                          layout.member_columns)
        built: BuiltHousehold | list[Problem]
        if problems:
            built = problems
        else:
            built = build_household(
                job.survey, job.organisation, household, people, entered_by=user,
                submission_key=key, row=number, member_rows=member_numbers, areas=areas,
                sheets=sheets, today=today)
        if isinstance(built, list):
            report.rows_with_problems += 1
            for problem in built:
                report.add(problem)
            if not reject:
                quarantine.append(_quarantined(job, number, key, household, people,
                                               member_numbers, sheets, built))
                quarantined += 1
                if len(quarantine) >= 500:
                    QuarantinedRow.objects.bulk_create(quarantine)
                    quarantine = []
            return
        if reject and report.count:
            return  # nothing will be kept: validate the rest, write nothing more
        batch.append(built)
        if len(batch) >= BATCH:
            written = writer.write(batch)
            created, updated = created + written.created, updated + written.updated
            batch = []

    def flush_fast() -> None:
        """Validate the pending rows at once; the doubtful ones go row by row, in order."""
        nonlocal created, updated, pending
        if not pending:
            return
        assert area_frame is not None and fast_writer is not None
        ok, clean = fast.validate(pending, layout, area_frame, today)
        for entry, is_clean in zip(pending, ok, strict=True):
            if not is_clean:
                one_row(entry)
        pending = []
        if reject and report.count:
            return
        written = fast_writer.write(clean)
        created, updated = created + written.created, updated + written.updated

    def read_with_polars() -> None:
        """Plain CSV files (``fast.plan``): polars reads the batches too."""
        nonlocal done, created, updated
        assert plan is not None and area_frame is not None and fast_writer is not None
        for frames, ok, clean, encoded in fast.prepared(plan, area_frame, today, fast_writer):
            for i, is_clean in enumerate(ok):
                if not is_clean:
                    one_row(frames.pending(i, layout))
            done += len(ok)
            publish(done, job.rows_total)
            if reject and report.count:
                continue
            written = fast_writer.write(clean, encoded)
            created, updated = created + written.created, updated + written.updated

    try:
        if plan is not None and fast_path:
            read_with_polars()
        for number, row in (households.rows() if plan is None or not fast_path else ()):
            done += 1
            if done % PROGRESS_EVERY == 0:
                publish(done, job.rows_total)
            key = mapping.clean_key(row[layout.household_key]) \
                if layout.household_key < len(row) else ""
            link_value = mapping.clean_key(row[layout.household_link]) \
                if layout.household_link < len(row) else ""
            member_rows = joiner.members_of(link_value) if joiner and link_value else []
            entry = fast.Pending(number, key, row, member_rows)
            if not key:
                entry.key_problems.append(Problem(number, households.name, key_column, "no_key",
                                                  _("The submission key is empty.")))
            elif len(key) > 100:
                entry.key_problems.append(Problem(
                    number, households.name, key_column, "key_too_long",
                    _("The submission key is longer than 100 characters.")))
            elif key in seen:
                message = _("The same submission key is on rows %(first)s and %(second)s: "
                            "only the first was kept.") % {"first": seen[key], "second": number}
                entry.key_problems.append(Problem(number, households.name, key_column,
                                                  "duplicate_key", message))
                entry.also_report = Problem(seen[key], households.name, key_column,
                                            "duplicate_key", message)
            else:
                seen[key] = number
            if not fast_path:
                one_row(entry)
                continue
            pending.append(entry)
            if len(pending) >= fast.BATCH:
                flush_fast()
        flush_fast()
        written = writer.write(batch)
        created, updated = created + written.created, updated + written.updated
        if quarantine:
            QuarantinedRow.objects.bulk_create(quarantine)
        if joiner is not None:
            orphans, count = joiner.orphans()
            for orphan in orphans:
                report.add(Problem(orphan, sheets[1], layout.members.header[layout.member_link]
                                   if layout.members and layout.member_link is not None else "",
                                   "orphan_member",
                                   _("No household of this file has this member row's key "
                                     "(or the rows of one household are not together).")))
            report.count += max(0, count - len(orphans))
    finally:
        if joiner is not None:
            joiner.close()
    publish(done, job.rows_total, force=True)
    return created, updated, quarantined, done


def _formulas(sheet: str, row: int, values: dict[str, str],
              columns: mapping.Columns) -> list[Problem]:
    header = columns.table.header
    out = []
    for name, text in values.items():
        if text.startswith("="):
            index = columns.canonical.get(name, columns.extra.get(name))
            out.append(Problem(row, sheet, header[index] if index is not None else name,
                               "formula", _("The cell holds a formula, not a value: export "
                                            "or paste the values.")))
    return out


def _quarantined(job: ImportJob, number: int, key: str, household: dict[str, str],
                 people: list[dict[str, str]], member_numbers: list[int],
                 sheets: tuple[str, str], problems: list[Problem]) -> QuarantinedRow:
    row = QuarantinedRow(job=job, organisation=job.organisation, row_number=number,
                         submission_key=key[:100],
                         problems=[{**p.as_dict(), "message": str(p.message)} for p in problems])
    row.payload = crypto.encrypt({"household": household, "members": people,
                                  "member_rows": member_numbers, "sheets": list(sheets)},
                                 bound_to=row.token)
    return row


class AreaCodes:
    """Every sub-district and village code Klang knows, read once per import (a few thousand
    rows), so validating a million rows makes no area query. Same verdicts as
    ``evidence.answers.AreaLookup``: an unknown village falls back to its sub-district."""

    def __init__(self) -> None:
        from areas.models import Area, Level

        self.codes = dict(Area.objects.filter(
            level__in=[Level.SUBDISTRICT, Level.VILLAGE]).values_list("code", "pk"))

    def __call__(self, code: str) -> int | None:
        found = self.codes.get(code)
        if found is None and len(code) == 8:
            found = self.codes.get(code[:6])
        return found


def describe_encoding(tables: list[Table]) -> str:
    return ", ".join(sorted({encoding_label(t.encoding) for t in tables if t.encoding}))
