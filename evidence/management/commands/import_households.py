"""Import a household export from the command line, with a progress bar on stderr.

    manage.py import_households export.xlsx --survey household --organisation 12
    manage.py import_households households.csv --members members.csv --organisation 12 \\
        --on-error quarantine

Same code path as the web upload (``evidence.importing``); the job is recorded like one.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from evidence.importing import import_files
from evidence.models import ImportJob, Survey
from orgs.models import Organisation


class Command(BaseCommand):
    help = "Import households from a KoboToolbox, ODK or Klang export (XLSX, ZIP or CSV)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--members", help="members CSV when households and members are "
                                              "two files")
        parser.add_argument("--survey", default="household", help="survey short name")
        parser.add_argument("--organisation", required=True, type=int,
                            help="ID of the collecting organisation")
        parser.add_argument("--on-error", choices=["reject", "quarantine"], default="reject")
        parser.add_argument("--user", help="e-mail of the person the import is recorded for")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            survey = Survey.objects.get(slug=options["survey"])
            organisation = Organisation.objects.get(pk=options["organisation"])
        except (Survey.DoesNotExist, Organisation.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        user = None
        if options.get("user"):
            from accounts.models import User

            user = User.objects.filter(email=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']}")
        paths = [Path(options["file"])]
        if options.get("members"):
            paths.append(Path(options["members"]))
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No file {path}")
        started = time.monotonic()
        job = import_files(paths, survey=survey, organisation=organisation, user=user,
                           on_error=options["on_error"], progress=ProgressBar(),
                           file_name=paths[0].name)
        sys.stderr.write("\n")
        seconds = time.monotonic() - started
        for problem in job.problems[:50]:
            where = ", ".join(str(x) for x in (problem.get("sheet"), problem.get("row"),
                                               problem.get("column")) if x)
            self.stderr.write(f"{where}: {problem['message']}" if where else problem["message"])
        if len(job.problems) > 50:
            self.stderr.write(f"… {len(job.problems) - 50} more (see import job {job.pk})")
        summary = (f"import {job.pk}: {job.get_status_display()} - {job.created_count} created, "
                   f"{job.updated_count} updated, {job.quarantined_count} kept for correction, "
                   f"{job.rows_done} rows in {seconds:.1f} s")
        if job.status != ImportJob.Status.DONE:
            raise CommandError(summary)
        self.stdout.write(summary)


class ProgressBar:
    """``[#####.....] 12,000 / 100,000`` redrawn on stderr at most 5 times a second."""

    def __init__(self, width: int = 30) -> None:
        self.width, self.last = width, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        filled = int(self.width * done / total) if total else 0
        bar = "#" * filled + "." * (self.width - filled)
        sys.stderr.write(f"\r[{bar}] {done:,} / {total:,}")
        sys.stderr.flush()
