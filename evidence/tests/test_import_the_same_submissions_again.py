"""Importing the same submissions again updates the households and replaces their members;
nothing is duplicated, pseudonyms and withdrawn consent stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from evidence.importing import import_files, samples
from evidence.models import Household, Person, Survey

pytestmark = pytest.mark.django_db


def test_reimport_updates_and_never_duplicates(world: Any, tmp_path: Any) -> None:
    survey = Survey.objects.get(slug="household")
    submissions = [samples.submission(members=3), samples.submission(members=2)]
    first = import_files(samples.klang_csv_pair(tmp_path, submissions), survey=survey,
                         organisation=world.org, user=world.people["cso_member"])
    assert (first.created_count, first.updated_count) == (2, 0), first.problems
    before = dict(Household.objects.values_list("submission_key", "pseudonym"))
    withdrawn = Household.objects.get(submission_key=submissions[1][0]["submission_id"])
    withdrawn.consent_withdrawn_at = timezone.now()
    withdrawn.save()

    submissions[0][1].pop()                      # one member fewer
    submissions[0][0]["head_name"] = "นายแก้ไข ชื่อใหม่"
    submissions.append(samples.submission(members=1))
    again = tmp_path / "again"
    again.mkdir()
    second = import_files(samples.klang_csv_pair(again, submissions), survey=survey,
                          organisation=world.org, user=world.people["cso_coordinator"])

    assert (second.created_count, second.updated_count) == (1, 2), second.problems
    assert Household.objects.count() == 3
    updated = Household.objects.get(submission_key=submissions[0][0]["submission_id"])
    assert updated.pseudonym == before[updated.submission_key]
    assert updated.members_count == 2 and updated.members.count() == 2
    assert updated.read_identity()["head_name"] == "นายแก้ไข ชื่อใหม่"
    assert updated.import_job == second
    assert Household.objects.get(pk=withdrawn.pk).consent_withdrawn_at is not None
    assert Person.objects.count() == 2 + 2 + 1
    assert AuditEvent.objects.filter(action="import", object_type="household",
                                     object_label=updated.pseudonym).count() == 2
