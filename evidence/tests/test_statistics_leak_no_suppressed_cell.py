"""A working-group member, a provincial officer, another organisation's member and the public
read the same suppressed table on the page, in the API and in the exports, and cannot work out
any suppressed cell from it (exact elimination over every parent–children equation)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import Role, RoleGrant, User
from evidence.indices import current_definitions
from evidence.models import AreaStatistic
from evidence.statistics import aggregate, household_frames, lineage_frame, tree_parents
from evidence.tests.access_statistics import lamphun_evidence
from evidence.tests.test_suppression_resists_attack import recoverable

pytestmark = pytest.mark.django_db

READERS = ["anonymous", "working_group", "provincial_officer", "other_org_member"]


def reader(world: Any, role: str) -> Client:
    client = Client()
    if role == "other_org_member":
        user = User.objects.create_user("other-org@example.org", "x-password-2569")
        RoleGrant.objects.create(user=user, role=Role.CSO_MEMBER, area=world.lamphun,
                                 organisation=world.other_org)
        client.force_login(user)
    elif role != "anonymous":
        client.force_login(world.people[role])
    client.cookies["klang_language"] = "en"
    return client


def published(area_codes: set[str] | None = None) -> dict[tuple[str, str, str], tuple]:
    rows = AreaStatistic.objects.select_related("area")
    return {(r.area.code, r.group, r.indicator): (r.count, r.denominator, r.suppressed)
            for r in rows if area_codes is None or r.area.code in area_codes}


def api_table(client: Client) -> dict[tuple[str, str, str], tuple]:
    found, url = {}, "/api/v1/statistics/?limit=200"
    while url:
        answer = client.get(url).json()
        for r in answer["results"]:
            if r["suppressed"]:
                assert r["count"] is None and r["rate"] is None
            found[(r["area"]["code"], r["group"], r["indicator"])] = (
                r["count"], r["denominator"], r["suppressed"] or "")
        url = answer["next"]
    return found


@pytest.mark.parametrize("role", READERS)
def test_page_api_and_exports_show_the_same_suppressed_table(world: Any, role: str) -> None:
    places = lamphun_evidence(world)
    client = reader(world, role)
    assert api_table(client) == published()

    li = places["s1"].district
    li_codes = {li.code, places["s1"].code, places["s2"].code, places["s3"].code}
    response = client.get(f"/evidence/statistics/{li.code}/export.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    exported = {(r["area_code"], r["group"], r["indicator"]): (
        int(r["count"]) if r["count"] else None,
        int(r["households"]) if r["households"] else None, r["suppressed"]) for r in rows}
    assert exported == published(li_codes)

    page = client.get(f"/evidence/statistics/{li.code}/").content.decode()
    # The children table: the suppressed sub-districts show a mark, never a number.
    for key in ("s2", "s3"):
        row = re.search(rf'{places[key].code}/\?group=all">[^<]*</a></th>(.*?)</tr>', page, re.S)
        assert row is not None
        assert "suppressed" in row.group(1) and not re.search(r'class="num">\d', row.group(1))
    assert re.search(rf'{places["s1"].code}/\?group=all">[^<]*</a></th>\s*<td class="num">12<',
                     page)


def test_nothing_suppressed_can_be_derived_from_what_is_published(world: Any) -> None:
    lamphun_evidence(world)
    frame, _collected = household_frames(current_definitions())
    lineage = lineage_frame(frame["area_id"].to_list())
    true = aggregate(frame, lineage)
    parent = tree_parents(lineage)
    status = {(r.area_id, r.group, r.indicator): r.suppressed
              for r in AreaStatistic.objects.all()}
    for (group, indicator), part in true.group_by(["group", "indicator"]):
        values = dict(zip(part["area_id"].to_list(), part["count"].to_list(), strict=True))
        tree_status = {area: status[(area, group, indicator)] for area in values}
        assert recoverable(values, parent, tree_status) == {}, (group, indicator)
