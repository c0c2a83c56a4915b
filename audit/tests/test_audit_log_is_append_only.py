"""Audit events are only ever added: Django refuses to save an existing one or delete one,
and on PostgreSQL the database itself refuses a raw UPDATE or DELETE."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from audit.log import record
from audit.models import AppendOnly, AuditEvent

pytestmark = pytest.mark.django_db


def an_event() -> AuditEvent:
    return record(None, "view", object_type="household", object_label="HH-APPEND00")


def test_saving_an_existing_event_is_refused() -> None:
    event = an_event()
    event.reason = "rewritten"
    with pytest.raises(AppendOnly):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_deleting_an_event_is_refused() -> None:
    event = an_event()
    with pytest.raises(AppendOnly):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET reason = 'rewritten' WHERE id = %s",
    "DELETE FROM audit_auditevent WHERE id = %s",
])
def test_the_database_refuses_raw_changes(statement: str) -> None:
    event = an_event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_record_names_the_actor_and_keeps_their_label(world: Any) -> None:
    user = world.people["dpo"]
    event = record(user, "export", object_type="household", object_label="HH-X",
                   reason="r" * 600)
    assert event.actor == user and event.actor_label == user.email
    assert len(event.reason) == 500
