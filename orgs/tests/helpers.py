"""Small builders for the registry tests."""

from __future__ import annotations

import re
from typing import Any

from areas.models import Area
from orgs.models import IssueArea, Organisation, TargetGroup


def make_org(name_th: str, home: str, covers: list[str] | None = None, *,
             groups: list[str] = (), issues: list[str] = (), **fields: Any) -> Organisation:
    org = Organisation.objects.create(name_th=name_th, home_area=Area.objects.get(code=home),
                                      **fields)
    org.areas.set(Area.objects.filter(code__in=covers or [home]))
    org.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    org.issue_areas.set(IssueArea.objects.filter(slug__in=issues))
    return org


def listed(response: Any) -> set[int]:
    """The organisations the directory shows, by the primary key in their profile link."""
    html = response.content.decode()
    start = html.find('class="org-list"')
    if start < 0:
        return set()
    end = html.find("</ul>", start)
    return {int(pk) for pk in re.findall(r'href="/organisations/(\d+)/"', html[start:end])}


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid registration form, contacts formset included, with no contact filled in."""
    data: dict[str, Any] = {
        "name_th": "กลุ่มผู้สูงอายุบ้านโฮ่ง",
        "name_en": "Ban Hong Elders Group",
        "short_name": "",
        "org_type": "community",
        "registration_status": "unregistered",
        "registration_number": "",
        "founded_year": "2550",
        "description": "ดูแลผู้สูงอายุติดบ้าน",
        "home_area": "5103",
        "areas": "5103, 510301",
        "target_groups": [str(TargetGroup.objects.get(slug="older-people").pk)],
        "issue_areas": [str(IssueArea.objects.get(slug="health").pk)],
        "website": "",
        "email": "",
        "phone": "",
        "address": "",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
