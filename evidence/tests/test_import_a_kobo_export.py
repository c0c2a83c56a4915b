"""A CSO member imports a KoboToolbox export: XLSX with the members repeat group on its own
sheet, and CSV with one 0/1 column per welfare choice."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.importing import import_files, samples
from evidence.models import Household, ImportJob, Person, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world: Any) -> Survey:
    return Survey.objects.get(slug="household")


def test_kobo_xlsx_with_a_repeat_group_sheet(world: Any, survey: Survey, tmp_path: Any) -> None:
    submissions = [samples.submission(members=3), samples.submission("510401", members=1)]
    path = samples.kobo_xlsx(tmp_path / "export.xlsx", submissions)

    job = import_files([path], survey=survey, organisation=world.org,
                       user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    assert job.source_format == "kobo"
    assert (job.created_count, job.updated_count, job.rows_done) == (2, 0, 2)
    first = Household.objects.get(submission_key=submissions[0][0]["submission_id"])
    assert first.members_count == 3
    assert list(first.members.values_list("position", "age")) == [(1, 70), (2, 50), (3, 30)]
    assert first.import_job == job and first.status == "submitted"
    assert first.read_identity()["head_name"] == "นางทดสอบ ตัวอย่าง"
    assert "head_name" not in first.answers
    assert Person.objects.filter(household__import_job=job).count() == 4


def test_kobo_csv_with_one_column_per_choice(world: Any, survey: Survey, tmp_path: Any) -> None:
    household, people = samples.submission(members=2)
    people[0]["welfare"] = "old_age_allowance state_welfare_card"
    people[1]["welfare"] = "none"
    paths = samples.kobo_csv_pair(tmp_path, [(household, people)], split_welfare=True)

    job = import_files(paths, survey=survey, organisation=world.org,
                       user=world.people["cso_member"])

    assert job.status == ImportJob.Status.DONE, job.problems
    record = Household.objects.get(submission_key=household["submission_id"])
    welfare = list(record.members.order_by("position").values_list("welfare", flat=True))
    from evidence.schema import WELFARE_BIT
    assert welfare == [WELFARE_BIT["old_age_allowance"] | WELFARE_BIT["state_welfare_card"], 0]
    assert record.state_welfare_card
