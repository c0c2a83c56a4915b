"""A CSO member enters one household on the web form: stored encrypted, typed columns filled,
audited; refused without consent or with a wrong Thai ID; no ID at all is fine."""

from __future__ import annotations

from typing import Any

from django.db import connection

from audit.models import AuditEvent
from evidence.build_default_survey import ensure_default_survey
from evidence.models import Household, HouseholdStatus, Person
from evidence.schema import (
    FLAG_BEDRIDDEN_NO_CARER,
    FLAG_NO_THAI_ID,
    GROUP_BIT,
    INDICATOR_BY_CODE,
)
from evidence.tests.access_households import household_post

URL = "/evidence/households/new/"
NAME = "ลับมาก"  # in both members' names and the head's


def every_stored_value() -> str:
    """Every row of every table, as text: where a name must not appear in plain."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("areas_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                chunks.append(" ".join(bytes(v).decode("utf-8", "replace")
                                       if isinstance(v, bytes | memoryview) else str(v)
                                       for v in row))
    return "\n".join(chunks)


def test_a_member_enters_a_household(client: Any, world: Any) -> None:
    ensure_default_survey()
    member = world.people["cso_member"]
    world.login(client, "cso_member")
    assert client.get(URL).status_code == 200
    response = client.post(URL, household_post(world.org))
    assert response.status_code == 302, response.content.decode()[:3000]

    household = Household.objects.get()
    assert household.organisation == world.org and household.entered_by == member
    assert household.status == HouseholdStatus.SUBMITTED and household.consent_given
    assert household.consent_recorded_by == member and household.area.code == "510401"
    assert household.members_count == 2 and household.income_year == 60_000
    assert household.flags & FLAG_BEDRIDDEN_NO_CARER and household.flags & FLAG_NO_THAI_ID
    assert household.groups & GROUP_BIT["older-people"]
    assert household.groups & GROUP_BIT["ethnic-legal-status"]
    assert household.groups & GROUP_BIT["children-youth"]
    assert household.deprivations == INDICATOR_BY_CODE["bmn_15"].bit
    older, child = Person.objects.filter(household=household).order_by("position")
    assert (older.age, older.bedridden, older.has_carer, older.thai_id_checked) == (
        72, True, False, False)
    assert child.ethnicity == "karen" and child.id_type == "none" and child.in_school

    identity = household.read_identity()
    assert identity["head_name"] == "นางทดสอบ ลับมาก"
    assert identity["members"]["2"]["member_name"] == "เด็กชายทดสอบ ลับมาก"
    assert NAME not in every_stored_value() and "0812345678" not in every_stored_value()

    event = AuditEvent.objects.get(object_label=household.pseudonym)
    assert event.action == "create" and event.actor == member
    assert event.organisation_id == world.org.pk

    listing = client.get("/evidence/households/").content.decode()
    assert household.pseudonym in listing and NAME not in listing


def test_without_consent_nothing_is_stored(client: Any, world: Any) -> None:
    ensure_default_survey()
    world.login(client, "cso_coordinator")
    client.cookies["klang_language"] = "en"
    for consent in ("no", ""):
        response = client.post(URL, household_post(world.org, consent=consent, **{
            "m0-age": "300"}))
        assert response.status_code == 400
        page = response.content.decode()
        assert "did not consent" in page
        assert "whole number between" not in page  # nothing else matters without consent
    assert not Household.objects.exists() and not AuditEvent.objects.exists()


def test_a_wrong_thai_id_is_refused_and_not_echoed(client: Any, world: Any) -> None:
    ensure_default_survey()
    world.login(client, "cso_member")
    client.cookies["klang_language"] = "en"
    response = client.post(URL, household_post(world.org, **{"m0-id_number": "1101700203451"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "checksum" in page
    assert page.count("1101700203451") == 1  # only in the field given back to correct it
    assert not Household.objects.exists()


def test_a_valid_thai_id_is_checked_and_encrypted(client: Any, world: Any) -> None:
    ensure_default_survey()
    world.login(client, "cso_member")
    valid = "1101700203450"
    response = client.post(URL, household_post(world.org, **{"m0-id_number": valid}))
    assert response.status_code == 302
    household = Household.objects.get()
    assert household.members.get(position=1).thai_id_checked
    assert household.read_identity()["members"]["1"]["id_number"] == valid
    assert valid not in every_stored_value()


def test_members_are_added_without_javascript(client: Any, world: Any) -> None:
    ensure_default_survey()
    world.login(client, "cso_member")
    data = household_post(world.org, action="add")
    response = client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="m2-age"' in page and 'value="72"' in page  # a third member; answers kept
    assert 'name="members_count" value="3"' in page
    assert not Household.objects.exists()
    data["members_count"] = "3"
    data.update({"m2-sex": "female", "m2-age": "40", "m2-id_type": "thai_id",
                 "action": "save"})
    assert client.post(URL, data).status_code == 302
    assert Household.objects.get().members_count == 3


def test_a_member_of_another_organisation_cannot_enter_for_it(client: Any,
                                                               world: Any) -> None:
    ensure_default_survey()
    world.login(client, "cso_member")
    response = client.post(URL, household_post(world.other_org))
    assert response.status_code == 400
    assert not Household.objects.exists()
