"""A household asks what Klang holds about it: a JSON or XLSX of everything, names included,
with its record's history but nobody else's data; the export itself is audited."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from audit.models import AuditEvent
from evidence.tests.access_privacy import HEAD_NAME, IDENTITY, MEMBER_NAME, make_household

pytestmark = pytest.mark.django_db


def export(client: Any, household: Any, file_format: str) -> Any:
    return client.post(f"/evidence/households/{household.pseudonym}/export/",
                       {"reason": "เจ้าของข้อมูลขอสำเนา", "file_format": file_format})


def test_the_json_holds_everything_and_the_trail_names_no_one(client: Any,
                                                              world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_coordinator")
    client.post(f"/evidence/households/{household.pseudonym}/",
                {"purpose": "other", "note": "คุณสมชายขอดู"})
    response = export(client, household, "json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["pseudonym"] == household.pseudonym
    assert data["identity"] == IDENTITY
    assert data["consent"]["purpose"] == "ทำแผนพัฒนาจังหวัด"
    assert data["answers"] == {"housing_tenure": "owned", "water_source": "tap"}
    assert [m["age"] for m in data["members"]] == [67, 9]
    assert data["flags"] == ["bedridden_no_carer"]
    assert [e["action"] for e in data["audit_trail"]] == ["view", "export"]
    assert data["audit_trail"][0]["purpose"] == "other"
    text = response.content.decode()
    assert world.people["cso_coordinator"].email not in text   # staff are other people
    assert "คุณสมชาย" not in text                                # nor their free text
    event = AuditEvent.objects.get(action="export")
    assert event.object_label == household.pseudonym
    assert event.reason == "เจ้าของข้อมูลขอสำเนา"
    assert event.detail["identifying"] is True


def test_the_xlsx_holds_the_same_with_formulas_neutralised(client: Any, world: Any) -> None:
    identity = {**IDENTITY, "address": "=HYPERLINK(\"http://evil\",\"x\")"}
    household = make_household(world, identity=identity,
                               answers={"note": "+66 81 234", "water_source": "@rain"})
    world.login(client, "dpo")
    response = export(client, household, "xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 3  # record, members, audit trail (names translated)
    record_sheet, members, trail = (book[name] for name in book.sheetnames)
    fields = {row[0]: row[1] for row in record_sheet.iter_rows(min_row=2, values_only=True)}
    assert fields["pseudonym"] == household.pseudonym
    assert fields["identity/head_name"] == HEAD_NAME
    assert fields["identity/address"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert fields["answers/note"] == "'+66 81 234"
    assert fields["answers/water_source"] == "'@rain"
    names = [row[-2] for row in members.iter_rows(min_row=2, values_only=True)]
    assert names == [HEAD_NAME, MEMBER_NAME]
    for sheet in (record_sheet, members, trail):
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                assert not (isinstance(cell, str) and cell[:1] in "=+-@"), cell
    assert AuditEvent.objects.filter(action="export", actor=world.people["dpo"]).count() == 1


def test_without_a_reason_nothing_is_exported(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/households/{household.pseudonym}/export/",
                           {"reason": "", "file_format": "json"})
    assert response.status_code == 400
    assert HEAD_NAME not in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()
