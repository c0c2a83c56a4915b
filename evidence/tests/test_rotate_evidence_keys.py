"""Rotating the evidence keys: records encrypted under key A, the setting becomes "B,A", the
command re-encrypts everything under B; then B alone opens every record and A alone none."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from audit.models import AuditEvent
from evidence import crypto
from evidence.models import Household, ImportJob, QuarantinedRow
from evidence.tests.access_privacy import IDENTITY, make_household, make_survey

pytestmark = pytest.mark.django_db

KEY_A = "a:" + crypto.generate_key()
KEY_B = "b:" + crypto.generate_key()


def quarantined(world: Any) -> QuarantinedRow:
    job = ImportJob.objects.create(survey=make_survey(), organisation=world.org,
                                   file="evidence/imports/x.csv", file_name="x.csv")
    row = QuarantinedRow(job=job, organisation=world.org, row_number=3)
    row.payload = crypto.encrypt({"row": {"head_name": "ชื่อในแถวที่ผิด"}}, row.token)
    row.save()
    return row


def opens_all() -> bool:
    try:
        for household in Household.objects.all():
            household.read_identity()
        for row in QuarantinedRow.objects.all():
            crypto.decrypt(row.payload, row.token)
    except crypto.DecryptionError:
        return False
    return True


def test_rotation_moves_every_record_to_the_new_key(world: Any) -> None:
    with override_settings(EVIDENCE_KEYS=KEY_A):
        households = [make_household(world) for _ in range(3)]
        make_household(world, identity={})        # no identity: nothing to rotate
        row = quarantined(world)
    with override_settings(EVIDENCE_KEYS=f"{KEY_B},{KEY_A}"):
        out = StringIO()
        call_command("rotate_evidence_keys", "--batch-size", "2", stdout=out)
        assert "3 household(s), 1 quarantined row(s)" in out.getvalue()
        event = AuditEvent.objects.get(action="rotate_keys")
        assert event.detail == {"households": 3, "quarantined_rows": 1}
        assert event.object_label == "b"
        # A second run finds nothing left to do.
        call_command("rotate_evidence_keys", stdout=StringIO())
        assert AuditEvent.objects.filter(action="rotate_keys").first().detail == {
            "households": 0, "quarantined_rows": 0}
    for household in households:
        household.refresh_from_db()
        assert crypto.key_id_of(household.identity) == "b"
    row.refresh_from_db()
    assert crypto.key_id_of(row.payload) == "b"
    with override_settings(EVIDENCE_KEYS=KEY_B):
        assert opens_all()
        assert households[0].read_identity() == IDENTITY
    with override_settings(EVIDENCE_KEYS=KEY_A):
        assert not opens_all()


def test_a_record_no_key_opens_stops_the_command_with_advice(world: Any) -> None:
    with override_settings(EVIDENCE_KEYS=KEY_A):
        make_household(world)
    with override_settings(EVIDENCE_KEYS=KEY_B), pytest.raises(CommandError,
                                                               match="Keep every old key"):
        call_command("rotate_evidence_keys", stdout=StringIO())


def test_evidence_key_prints_a_usable_key_line() -> None:
    out = StringIO()
    call_command("evidence_key", "--id", "k2", stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("k2:")
    with override_settings(EVIDENCE_KEYS=line):
        assert crypto.decrypt(crypto.encrypt({"x": 1}, "HH-1"), "HH-1") == {"x": 1}
