"""A CSO member imports an ODK Central export: a households CSV with KEY and a members CSV with
PARENT_KEY (also as the ZIP ODK Central downloads), and ODK Briefcase's ``-`` group paths."""

from __future__ import annotations

import zipfile
from typing import Any

import pytest

from evidence.importing import import_files, samples
from evidence.models import Household, ImportJob, Survey

pytestmark = pytest.mark.django_db


def test_csv_pair_with_key_and_parent_key(world: Any, tmp_path: Any) -> None:
    submissions = [samples.submission(members=2), samples.submission(members=4)]
    paths = samples.odk_csv_pair(tmp_path, submissions, separator="/")

    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    assert job.source_format == "odk"
    # "uuid:" is dropped so Kobo's and ODK's exports of one submission share the key.
    record = Household.objects.get(submission_key=submissions[1][0]["submission_id"])
    assert record.members_count == 4
    assert list(record.members.values_list("position", flat=True)) == [1, 2, 3, 4]


def test_zip_of_briefcase_csvs(world: Any, tmp_path: Any) -> None:
    submissions = [samples.submission(members=1) for _ in range(3)]
    paths = samples.odk_csv_pair(tmp_path, submissions, separator="-")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in reversed(paths):
            z.write(p, p.name)

    job = import_files([archive], survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    assert job.created_count == 3
    assert Household.objects.filter(import_job=job, members_count=1).count() == 3
