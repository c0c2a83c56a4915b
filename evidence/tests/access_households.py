"""Who may use the household list and the web entry form (see klang/testing.py).

Only members and coordinators of a collecting organisation (the world's ``org``); everyone
else, the DPO included (who reads records on their own pages), is refused.
"""

from __future__ import annotations

from typing import Any

from klang.testing import Access

MEMBERS = frozenset({"cso_member", "cso_coordinator"})


def household_post(organisation: Any, **changes: str) -> dict[str, str]:
    """The web form's fields for a consenting household of two in Li (5104); ``changes``
    override or add fields (members use the prefixes m0-, m1-)."""
    data = {
        "action": "save", "members_count": "2", "organisation": str(organisation.pk),
        "consent": "yes", "consent_date": "2025-07-24", "collected_on": "2025-07-24",
        "area_code": "510401", "head_name": "นางทดสอบ ลับมาก", "phone": "0812345678",
        "address": "99 หมู่ 1", "gps": "17.8 98.9", "housing_tenure": "own",
        "water_source": "tap", "income_year": "60000",
        "m0-member_name": "นางทดสอบ ลับมาก", "m0-sex": "female", "m0-age": "72",
        "m0-id_type": "thai_id", "m0-id_number": "", "m0-disability": "no",
        "m0-chronic_illness": "yes", "m0-bedridden": "yes", "m0-has_carer": "no",
        "m0-welfare": "old_age_allowance",
        "m1-member_name": "เด็กชายทดสอบ ลับมาก", "m1-sex": "male", "m1-age": "10",
        "m1-id_type": "none", "m1-ethnicity": "karen", "m1-welfare": "none",
        "m1-in_school": "yes",
    }
    for number in range(1, 18):
        data[f"bmn_{number:02d}"] = "na" if number in (1, 9, 11, 12, 13, 17) else "yes"
    data["bmn_15"] = "no"
    data.update(changes)
    return data


def enter_data(w: Any) -> dict[str, Any]:
    return household_post(w.org)


ACCESS: list[Access] = [
    Access("evidence:households", lambda w: "/evidence/households/", MEMBERS),
    Access("evidence:household_enter", lambda w: "/evidence/households/new/", MEMBERS),
    Access("evidence:household_enter", lambda w: "/evidence/households/new/", MEMBERS,
           method="POST", data=enter_data),
]
