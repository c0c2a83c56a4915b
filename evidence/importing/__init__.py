"""Importing household evidence from KoboToolbox, ODK Central/Briefcase and Klang's template.

The pieces, in the order a file goes through them:

- ``sources``: what the upload is (XLSX, ZIP of CSVs, CSV), its text encoding, and its tables
  streamed row by row;
- ``mapping``: which format (Kobo, ODK, Klang) from the headers, the household and members
  tables, their keys, and which column answers which canonical question;
- ``joining``: members joined to their household while both stream;
- ``evidence.answers.build_household``: the one set of validation rules (shared with the web
  form), row by row;
- ``fast``: large CSV imports (``run.FAST_MIN_ROWS`` households or more) in batches: read by
  polars, validated by ``evidence.answers_frame`` (the same rules; doubtful rows still go to
  ``build_household``), written by COPY;
- ``writer``: batches written with COPY + upsert (PostgreSQL) or bulk operations (SQLite);
- ``run``: the whole import in one transaction, reject or quarantine, progress, the report;
- ``report``: the validation report as XLSX; ``quarantine``: correcting a kept row.

Entry points: ``import_files`` (paths, e.g. the command line and tests) and ``run_import`` (an
existing ``ImportJob``, e.g. the web upload's task).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.importing.run import run_import
from evidence.models import ImportJob

__all__ = ["import_files", "run_import"]


def import_files(paths: list[Path | str], *, survey: Any, organisation: Any, user: Any = None,
                 on_error: str = ImportJob.OnError.REJECT, progress: Any = None,
                 file_name: str = "", fast_path: bool | None = None) -> ImportJob:
    """Import one upload (an XLSX, a ZIP of CSVs, or one or two CSV files) as a new job."""
    files = [Path(p) for p in paths]
    job = ImportJob.objects.create(
        survey=survey, organisation=organisation, file_name=file_name or files[0].name,
        on_error=on_error, started_by=user if getattr(user, "pk", None) else None)
    return run_import(job, files, user=user, progress=progress, fast_path=fast_path)
