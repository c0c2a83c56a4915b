"""The DPO erases a household at its request: the record, its members, its encrypted names
and any quarantined copy of the same submission are gone; the log keeps only the pseudonym."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from evidence import crypto
from evidence.models import Household, ImportJob, Person, QuarantinedRow
from evidence.tests.access_privacy import HEAD_NAME, make_household, make_survey

pytestmark = pytest.mark.django_db


def quarantine(world: Any, submission_key: str) -> QuarantinedRow:
    job = ImportJob.objects.create(survey=make_survey(), organisation=world.org,
                                   file="evidence/imports/x.csv", file_name="x.csv")
    row = QuarantinedRow(job=job, organisation=world.org, row_number=2,
                         submission_key=submission_key)
    row.payload = crypto.encrypt({"head_name": HEAD_NAME}, row.token)
    row.save()
    return row


def test_the_dpo_erases_rows_and_bytes(client: Any, world: Any) -> None:
    household = make_household(world, submission_key="kobo-uuid-7")
    kept = make_household(world)
    token = bytes(household.identity)
    quarantine(world, "kobo-uuid-7")
    other_row = quarantine(world, "kobo-uuid-8")
    world.login(client, "dpo")
    url = f"/evidence/households/{household.pseudonym}/erase/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "เจ้าของข้อมูลขอให้ลบ ตามมาตรา 33",
                                 "confirm": household.pseudonym})
    assert response.status_code == 302
    assert not Household.objects.filter(pseudonym=household.pseudonym).exists()
    assert not Person.objects.filter(household_id=household.pk).exists()
    assert list(QuarantinedRow.objects.all()) == [other_row]
    assert not Household.objects.filter(identity=token).exists()
    assert list(Household.objects.published()) == [kept]
    event = AuditEvent.objects.get(action="erase")
    assert event.object_label == household.pseudonym
    assert event.actor == world.people["dpo"]
    assert HEAD_NAME not in str(event.detail) + event.reason
    # The page is gone for everyone, the DPO included.
    assert client.get(f"/evidence/households/{household.pseudonym}/").status_code == 404


def test_erasure_needs_a_reason_and_the_pseudonym_typed(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "dpo")
    url = f"/evidence/households/{household.pseudonym}/erase/"
    assert client.post(url, {"reason": "ลบ", "confirm": "HH-WRONG"}).status_code == 400
    assert client.post(url, {"reason": "", "confirm": household.pseudonym}).status_code == 400
    assert Household.objects.filter(pk=household.pk).exists()
    assert not AuditEvent.objects.filter(action="erase").exists()


def test_earlier_audit_events_survive_the_erasure(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "dpo")
    client.get(f"/evidence/households/{household.pseudonym}/")
    client.post(f"/evidence/households/{household.pseudonym}/erase/",
                {"reason": "ขอให้ลบ", "confirm": household.pseudonym})
    actions = list(AuditEvent.objects.filter(object_label=household.pseudonym)
                   .order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["view", "erase"]


def test_published_statistics_no_longer_count_an_erased_or_withdrawn_household(
        client: Any, world: Any) -> None:
    from evidence.models import AreaStatistic
    from evidence.statistics import refresh

    households = [make_household(world) for _ in range(8)]
    refresh()

    def lamphun_households() -> int | None:
        return AreaStatistic.objects.get(area=world.lamphun, group="all",
                                         indicator="households").count

    assert lamphun_households() == 8
    world.login(client, "dpo")
    client.post(f"/evidence/households/{households[0].pseudonym}/erase/",
                {"reason": "ขอให้ลบ", "confirm": households[0].pseudonym})
    assert lamphun_households() == 7
    client.post(f"/evidence/households/{households[1].pseudonym}/withdraw/",
                {"withdrawn_on": "2025-07-01", "reason": "ถอนความยินยอม"})
    assert lamphun_households() == 6
