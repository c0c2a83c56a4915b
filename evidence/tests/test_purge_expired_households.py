"""Households older than their survey's retention period are purged, each with a "purge"
event in the audit log; younger ones stay."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from evidence.models import Household, Person
from evidence.privacy import purge_expired_task
from evidence.tests.access_privacy import make_household, make_survey

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def test_expired_households_are_purged_and_logged(world: Any) -> None:
    short = make_survey(slug="short", retention_days=30)
    long = make_survey(slug="long", retention_days=365)
    old = make_household(world, survey=short, collected_on=days_ago(31))
    other_org_old = make_household(world, survey=short, collected_on=days_ago(400),
                                   org=world.other_org)
    young = make_household(world, survey=short, collected_on=days_ago(29))
    kept_long = make_household(world, survey=long, collected_on=days_ago(200))
    # No collection date: the date the record was made counts.
    undated = make_household(world, survey=short, collected_on=None)
    Household.objects.filter(pk=undated.pk).update(
        created_at=timezone.now() - dt.timedelta(days=45))
    out = StringIO()
    call_command("purge_expired_households", "--dry-run", stdout=out)
    assert out.getvalue().startswith("3 household(s)")
    assert Household.objects.count() == 5
    call_command("purge_expired_households", stdout=out)
    assert set(Household.objects.all()) == {young, kept_long}
    assert not Person.objects.filter(household_id__in=[old.pk, undated.pk]).exists()
    events = AuditEvent.objects.filter(action="purge")
    assert {e.object_label for e in events} == {old.pseudonym, other_org_old.pseudonym,
                                                undated.pseudonym}
    assert events.get(object_label=other_org_old.pseudonym).organisation_id == \
        world.other_org.pk
    assert all(e.actor_id is None and e.actor_label == "system" for e in events)


def test_the_task_purges_in_batches_and_a_second_run_finds_nothing(world: Any) -> None:
    short = make_survey(slug="short", retention_days=10)
    for _ in range(3):
        make_household(world, survey=short, collected_on=days_ago(11))
    result = purge_expired_task.enqueue()
    assert result.return_value == 3
    assert not Household.objects.exists()
    assert purge_expired_task.enqueue().return_value == 0
    assert AuditEvent.objects.filter(action="purge").count() == 3


def test_quarantined_rows_of_old_imports_are_purged_too(world: Any) -> None:
    from evidence import crypto
    from evidence.models import ImportJob, QuarantinedRow

    short = make_survey(slug="short", retention_days=30)
    old_job = ImportJob.objects.create(survey=short, organisation=world.org, file_name="a.csv")
    new_job = ImportJob.objects.create(survey=short, organisation=world.org, file_name="b.csv")
    ImportJob.objects.filter(pk=old_job.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31))
    rows = [QuarantinedRow(job=job, organisation=world.org, row_number=2,
                           payload=crypto.encrypt({"head_name": "x"}, "tok"))
            for job in (old_job, new_job)]
    QuarantinedRow.objects.bulk_create(rows)
    purge_expired_task.enqueue()
    assert list(QuarantinedRow.objects.values_list("job_id", flat=True)) == [new_job.pk]
    assert AuditEvent.objects.filter(action="purge", object_type="quarantined_row").count() == 1
