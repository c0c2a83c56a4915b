"""The DPO downloads the (filtered) audit log as CSV or XLSX; the download is itself logged,
and no cell of it can run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from audit.log import record
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world: Any) -> None:
    member = world.people["cso_member"]
    record(member, "view", object_type="household", object_label="HH-EXPORT0001",
           organisation_id=world.org.pk, reason="=cmd|' /C calc'!A0")
    record(member, "change", object_type="household", object_label="HH-EXPORT0002",
           organisation_id=world.org.pk, reason="แก้อายุ", detail={"fields": ["age"]})


def test_csv_export_of_filtered_events_is_logged(client: Any, world: Any,
                                                 events: None) -> None:
    world.login(client, "dpo")
    response = client.get("/audit/export/?format=csv&action=view")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["at", "actor", "action"]
    assert [r[4] for r in rows[1:]] == ["HH-EXPORT0001"]
    assert rows[1][6] == "'=cmd|' /C calc'!A0"
    event = AuditEvent.objects.get(action="export", object_type="audit_log")
    assert event.actor == world.people["dpo"]
    assert event.detail == {"format": "csv", "filters": {"action": "view"}, "rows": 1}


def test_xlsx_export(client: Any, world: Any, events: None) -> None:
    world.login(client, "dpo")
    response = client.get("/audit/export/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert {r[4] for r in rows[1:]} == {"HH-EXPORT0001", "HH-EXPORT0002"}
    assert all(not (isinstance(c, str) and c[:1] in "=+-@") for r in rows for c in r)
    assert AuditEvent.objects.filter(action="export", detail__format="xlsx").count() == 1


def test_bad_filters_export_nothing(client: Any, world: Any, events: None) -> None:
    world.login(client, "dpo")
    assert client.get("/audit/export/?date_from=nonsense").status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("role", ["administrator", "cso_member", "anonymous"])
def test_no_one_else_exports(client: Any, world: Any, events: None, role: str) -> None:
    world.login(client, role)
    response = client.get("/audit/export/?format=csv")
    assert response.status_code in (302, 403)
    assert not AuditEvent.objects.filter(action="export").exists()
