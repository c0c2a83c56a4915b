"""Keeping an uploaded import until its task runs, and giving the task local paths to read.

A pair of CSV files (households and members) is stored as one ZIP, so a job always has one
file (``ImportJob.file``) whatever was uploaded; the importer reads ZIPs of CSVs anyway.
Files are copied in chunks: a large upload never sits whole in memory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile

from evidence.models import ImportJob

CHUNK = 1024 * 1024


def store(job: ImportJob, upload: UploadedFile, members: UploadedFile | None = None) -> None:
    """Save the upload (and a separate members file) as the job's file."""
    if members is None:
        job.file.save(_safe_name(upload.name or "import"), upload, save=False)
        return
    with tempfile.NamedTemporaryFile(suffix=".zip", delete=False) as handle:
        temp = handle.name
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, part in (("households.csv", upload), ("members.csv", members)):
                with archive.open(name, "w") as target:
                    for chunk in part.chunks(CHUNK):
                        target.write(chunk)
        with open(temp, "rb") as handle:
            job.file.save(_safe_name((upload.name or "import") + ".zip"), File(handle),
                          save=False)
    finally:
        os.unlink(temp)


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))[-100:]
    return "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in base) or "import"


@contextlib.contextmanager
def job_paths(job: ImportJob) -> Iterator[list[Path]]:
    """Local paths of the job's file: the stored file itself when storage is on disk, else a
    temporary copy (object storage)."""
    try:
        local = Path(job.file.path)
    except NotImplementedError:
        local = None
    if local is not None:
        yield [local]
        return
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / _safe_name(job.file.name)
        with job.file.open("rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        yield [target]
