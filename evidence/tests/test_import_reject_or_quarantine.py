"""A file with bad rows: rejected whole (nothing written), or its valid rows imported and the
others kept encrypted for correction. Problems name sheet, row and column, never a value."""

from __future__ import annotations

from typing import Any

import pytest

from evidence import crypto
from evidence.importing import import_files, samples
from evidence.models import Household, ImportJob, Person, QuarantinedRow, Survey

pytestmark = pytest.mark.django_db


def bad_file(tmp_path: Any) -> tuple[list[Any], list[Any]]:
    good = [samples.submission(members=2) for _ in range(3)]
    bad_age = samples.submission(members=2)
    bad_age[1][1]["age"] = "สองร้อย"
    bad_id = samples.submission(members=1)
    bad_id[1][0]["id_number"] = "1234567890123"   # wrong checksum
    duplicate = samples.submission(members=1, key=good[0][0]["submission_id"])
    submissions = [good[0], bad_age, good[1], bad_id, good[2], duplicate]
    return samples.klang_csv_pair(tmp_path, submissions), submissions


def test_reject_writes_nothing(world: Any, tmp_path: Any) -> None:
    paths, _submissions = bad_file(tmp_path)
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"],
                       on_error=ImportJob.OnError.REJECT)

    assert job.status == ImportJob.Status.REJECTED
    assert Household.objects.count() == 0 and Person.objects.count() == 0
    assert QuarantinedRow.objects.count() == 0
    found = {(p["sheet"], p["row"], p["column"], p["code"]) for p in job.problems}
    # members.csv: header, 2 rows of good[0], then bad_age's members on rows 4 and 5.
    assert ("members", 5, "age", "invalid_age") in found
    assert ("members", 8, "id_number", "invalid_thai_id") in found
    # Both rows of a duplicate key are named.
    assert ("households", 2, "submission_id", "duplicate_key") in found
    assert ("households", 7, "submission_id", "duplicate_key") in found
    text = str(job.problems)
    assert "1234567890123" not in text and "สองร้อย" not in text and "สมาชิก" not in text


def test_quarantine_imports_the_valid_rows(world: Any, tmp_path: Any) -> None:
    paths, submissions = bad_file(tmp_path)
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"],
                       on_error=ImportJob.OnError.QUARANTINE)

    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.quarantined_count) == (3, 3)
    assert Household.objects.count() == 3
    kept = QuarantinedRow.objects.get(row_number=3)
    assert kept.organisation == world.org and kept.problems[0]["code"] == "invalid_age"
    assert "สองร้อย".encode() not in bytes(kept.payload)
    payload = crypto.decrypt(kept.payload, kept.token)
    assert payload["members"][1]["age"] == "สองร้อย"
    assert kept.submission_key == submissions[1][0]["submission_id"]


def test_missing_required_column_is_one_clear_problem(world: Any, tmp_path: Any) -> None:
    paths, _ = bad_file(tmp_path)
    text = paths[0].read_text(encoding="utf-8").replace("area_code", "tambon", 1)
    paths[0].write_text(text, encoding="utf-8")
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])
    assert job.status == ImportJob.Status.FAILED
    assert [p["code"] for p in job.problems] == ["missing_columns"]
    assert "tambon" in job.problems[0]["message"]
    assert Household.objects.count() == 0
