"""Who may use a household's record page, its privacy actions, the audit log and the
households API (see klang/testing.py).

A household collected by the world's ``org``: only its CSO member and coordinator and the DPO
may see it; everyone else, the administrator included, gets 404 (its existence must not
leak). Erasure is the DPO's alone (a member gets 403). The API's
list is open to any logged-in person but shows only what ``visible_to`` allows (nothing, for
outsiders); one household's API URL answers 404 to outsiders.

The helpers here also make the households of the privacy tests.
"""

from __future__ import annotations

from typing import Any

from klang.testing import REGISTERED, Access

API = "api-1.0.0"
VIEWERS = frozenset({"cso_member", "cso_coordinator", "dpo"})
DPO = frozenset({"dpo"})

HEAD_NAME = "นางบัวคำ ทดสอบลับ"
MEMBER_NAME = "เด็กชายต้นกล้า ทดสอบลับ"
PHONE = "0891234567"
ID_NUMBER = "1101700207030"   # a valid checksum
IDENTITY = {
    "head_name": HEAD_NAME, "phone": PHONE, "address": "12 หมู่ 3 ตำบลลี้", "gps": "17.8 98.9",
    "members": {"1": {"member_name": HEAD_NAME, "id_number": ID_NUMBER},
                "2": {"member_name": MEMBER_NAME, "id_number": ""}},
}
# Strings that must never appear in an answer to someone who may not see the names.
SECRETS = [HEAD_NAME, MEMBER_NAME, PHONE, ID_NUMBER, "ทดสอบลับ"]


def make_survey(**fields: Any) -> Any:
    from evidence.models import Survey

    slug = fields.pop("slug", "privacy-test")
    survey, _created = Survey.objects.get_or_create(
        slug=slug, defaults={"title_th": "แบบสำรวจทดสอบ", "title_en": "Test survey", **fields})
    return survey


def make_household(world: Any, *, org: Any = None, survey: Any = None,
                   identity: dict[str, Any] | None = None, area: str = "510401",
                   **fields: Any) -> Any:
    """A verified, consented household of two members with encrypted names."""
    import datetime as dt

    from areas.models import Area
    from evidence.models import Household, HouseholdStatus, Person

    household = Household(
        survey=survey or make_survey(), organisation=org or world.org,
        area=Area.objects.get(code=area),
        submission_key=fields.pop("submission_key", None) or f"uuid-{Household.objects.count()}",
        status=fields.pop("status", HouseholdStatus.VERIFIED),
        collected_on=fields.pop("collected_on", dt.date(2025, 6, 1)),
        consent_given=True, consent_date=dt.date(2025, 6, 1),
        consent_purpose=fields.pop("consent_purpose", "ทำแผนพัฒนาจังหวัด"),
        members_count=2, deprivations=0b10000, flags=1, groups=3,
        answers=fields.pop("answers", {"housing_tenure": "owned", "water_source": "tap"}),
        entered_by=world.people["cso_member"], **fields,
    )
    household.write_identity(IDENTITY if identity is None else identity)
    household.save()
    Person.objects.bulk_create([
        Person(household=household, position=1, sex="female", age=67, id_type="thai_id",
               thai_id_checked=True, bedridden=True, has_carer=False),
        Person(household=household, position=2, sex="male", age=9, id_type="none",
               ethnicity="ลัวะ", in_school=True),
    ])
    return household


def household_for(w: Any) -> Any:
    """One household per test world, so a URL and its form data speak of the same one."""
    if getattr(w, "_privacy_household", None) is None:
        w._privacy_household = make_household(w)
    return w._privacy_household


def page(w: Any, suffix: str = "") -> str:
    return f"/evidence/households/{household_for(w).pseudonym}/{suffix}"


ACCESS: list[Access] = [
    Access("evidence:household", lambda w: page(w), VIEWERS),
    Access("evidence:household", lambda w: page(w), VIEWERS, method="POST",
           data=lambda w: {"purpose": "verification", "note": ""}),
    Access("evidence:household_withdraw", lambda w: page(w, "withdraw/"), VIEWERS),
    Access("evidence:household_withdraw", lambda w: page(w, "withdraw/"), VIEWERS,
           method="POST", data=lambda w: {"withdrawn_on": "2025-07-01",
                                          "reason": "ขอถอนความยินยอม"}),
    Access("evidence:household_correct", lambda w: page(w, "correct/"), VIEWERS),
    Access("evidence:household_correct", lambda w: page(w, "correct/"), VIEWERS,
           method="POST", data=lambda w: {"reason": "แก้อายุ", "m1_age": "68"}),
    Access("evidence:household_export", lambda w: page(w, "export/"), VIEWERS),
    Access("evidence:household_export", lambda w: page(w, "export/"), VIEWERS, method="POST",
           data=lambda w: {"reason": "เจ้าของข้อมูลขอ", "file_format": "json"}),
    Access("evidence:household_erase", lambda w: page(w, "erase/"), DPO),
    Access("evidence:household_erase", lambda w: page(w, "erase/"), DPO, method="POST",
           data=lambda w: {"reason": "เจ้าของข้อมูลขอให้ลบ",
                           "confirm": household_for(w).pseudonym}),
    # The API: the list filters to what one may see; one household is 404 to outsiders.
    Access(f"{API}:households", lambda w: "/api/v1/households/", REGISTERED),
    Access(f"{API}:household", lambda w: f"/api/v1/households/{household_for(w).pseudonym}/",
           VIEWERS),
]
