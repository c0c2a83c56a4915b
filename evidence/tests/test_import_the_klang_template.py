"""Klang's own template (households CSV + members CSV), in UTF-8 and in TIS-620 (Thai Excel)."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.importing import import_files, samples
from evidence.importing.run import is_note
from evidence.models import Household, ImportJob, Survey

pytestmark = pytest.mark.django_db


def test_template_pair(world: Any, tmp_path: Any) -> None:
    submissions = [samples.submission(members=2, ethnicity="") for _ in range(5)]
    submissions[0][1][0]["ethnicity"] = "karen"
    paths = samples.klang_csv_pair(tmp_path, submissions)

    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    assert (job.source_format, job.created_count) == ("klang", 5)
    first = Household.objects.get(submission_key=submissions[0][0]["submission_id"])
    assert first.members.get(position=1).ethnicity == "karen"


def test_tis620_text_is_detected_and_read(world: Any, tmp_path: Any) -> None:
    household, members = samples.submission(members=1)
    members[0]["ethnicity"] = "ลัวะ"
    paths = samples.klang_csv_pair(tmp_path, [(household, members)], encoding="cp874")
    assert "ลัวะ".encode("cp874") in paths[1].read_bytes()

    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    record = Household.objects.get(submission_key=household["submission_id"])
    assert record.members.get().ethnicity == "ลัวะ"
    assert record.read_identity()["head_name"] == household["head_name"]
    notes = [p["message"] for p in job.problems if is_note(p)]
    assert any("TIS-620" in n for n in notes)


def test_utf8_with_a_bom(world: Any, tmp_path: Any) -> None:
    paths = samples.klang_csv_pair(tmp_path, [samples.submission()], encoding="utf-8-sig")
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])
    assert job.status == ImportJob.Status.DONE, job.problems
