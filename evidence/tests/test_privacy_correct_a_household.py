"""A member corrects a household record: the values change, the audit log names the fields
changed and the reason, never the values."""

from __future__ import annotations

import json
from typing import Any

import pytest

from audit.models import AuditEvent
from evidence.tests.access_privacy import HEAD_NAME, ID_NUMBER, MEMBER_NAME, make_household

pytestmark = pytest.mark.django_db


def form_data(response: Any) -> dict[str, Any]:
    """What the browser would send back: every field with its current value."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool) or field.__class__.__name__ == "BooleanField":
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    return data


def test_correcting_changes_values_and_logs_only_field_names(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    url = f"/evidence/households/{household.pseudonym}/correct/"
    response = client.get(url)
    assert response.status_code == 200
    assert HEAD_NAME in response.content.decode()   # the form shows what it corrects
    data = form_data(response)
    data.update({"reason": "ญาติแจ้งชื่อสะกดผิด", "head_name": "นางบัวคำ สะกดใหม่",
                 "m2_age": "10", "m1_has_carer": "true"})
    response = client.post(url, data)
    assert response.status_code == 302
    household.refresh_from_db()
    identity = household.read_identity()
    assert identity["head_name"] == "นางบัวคำ สะกดใหม่"
    assert identity["members"]["2"]["member_name"] == MEMBER_NAME   # untouched
    assert household.members.get(position=2).age == 10
    assert household.members.get(position=1).has_carer is True
    assert household.flags & 1 == 0     # no longer "bedridden with no carer": recomputed
    change = AuditEvent.objects.get(action="change")
    assert sorted(change.detail["fields"]) == ["head_name", "members/1/has_carer",
                                               "members/2/age"]
    assert change.reason == "ญาติแจ้งชื่อสะกดผิด"
    logged = json.dumps(change.detail, ensure_ascii=False) + change.reason
    assert "สะกดใหม่" not in logged and "10" not in logged
    # Opening the correction form showed the names: that view is on record too.
    assert AuditEvent.objects.filter(action="view", detail__purpose="correction").exists()


def test_a_reason_is_required_and_a_bad_thai_id_is_refused(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_coordinator")
    url = f"/evidence/households/{household.pseudonym}/correct/"
    data = form_data(client.get(url))
    data.update({"reason": "", "m2_age": "11"})
    assert client.post(url, data).status_code == 400
    data.update({"reason": "แก้เลขบัตร", "m1_id_number": "1101700207031"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "m1_id_number" in response.context["form"].errors
    household.refresh_from_db()
    assert household.members.get(position=2).age == 9
    assert household.read_identity()["members"]["1"]["id_number"] == ID_NUMBER
    assert not AuditEvent.objects.filter(action="change").exists()


def test_a_correct_new_thai_id_is_checked(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_coordinator")
    url = f"/evidence/households/{household.pseudonym}/correct/"
    data = form_data(client.get(url))
    data.update({"reason": "ได้บัตรประชาชนแล้ว", "m2_id_type": "thai_id",
                 "m2_id_number": "3100600123450"})
    assert client.post(url, data).status_code == 302
    person = household.members.get(position=2)
    assert person.id_type == "thai_id" and person.thai_id_checked is True
    household.refresh_from_db()
    assert household.read_identity()["members"]["2"]["id_number"] == "3100600123450"


def test_sending_the_form_unchanged_writes_no_change(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    url = f"/evidence/households/{household.pseudonym}/correct/"
    data = form_data(client.get(url))
    data["reason"] = "ตรวจดูเฉย ๆ"
    assert client.post(url, data).status_code == 302
    assert not AuditEvent.objects.filter(action="change").exists()
