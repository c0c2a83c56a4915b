"""Who may use the statistics pages, the state-figure import, the citation forms and the
statistics API (see klang/testing.py), and the builders the statistics tests share.

Statistics are public, suppressed. State figures are imported by a provincial officer (for
their province; another province's officer may open the page, and is told row by row that the
file's areas are not theirs) or a national analyst. A figure is cited on a need by whoever may
edit the need (the world's CSO member who raised it, the members of its organisation, Lamphun's
working group, administrators) and on a proposal by its author (the working group) and
administrators; a sensitive need's citation page is 404 for everyone who cannot see the need.
"""

from __future__ import annotations

import io
from typing import Any

from klang.testing import EVERYONE, Access

API = "api-1.0.0"
IMPORTERS = frozenset({"provincial_officer", "other_province_officer", "national_analyst"})
NEED_EDITORS = frozenset({"cso_member", "cso_coordinator", "working_group", "administrator"})
PROPOSAL_EDITORS = frozenset({"working_group", "administrator"})


# --- builders ------------------------------------------------------------------------------------

def survey() -> Any:
    from evidence.models import Survey

    return Survey.objects.get_or_create(slug="test-statistics", defaults={
        "title_th": "แบบสำรวจทดสอบสถิติ", "title_en": "Statistics test survey"})[0]


def add_households(organisation: Any, area: Any, n: int, *, status: str = "verified",
                   consent: bool = True, withdrawn: bool = False, groups: int = 0,
                   deprivations: int = 0, flags: int = 0, card: bool = False) -> None:
    """``n`` households of one kind, typed columns only (no identity, no members)."""
    import uuid

    from django.utils import timezone

    from evidence.models import Household

    form = survey()
    Household.objects.bulk_create([
        Household(survey=form, organisation=organisation, area=area,
                  submission_key=uuid.uuid4().hex, status=status, consent_given=consent,
                  consent_withdrawn_at=timezone.now() if withdrawn else None, groups=groups,
                  deprivations=deprivations, flags=flags, state_welfare_card=card)
        for _i in range(n)])


def subdistricts(district_code: str, n: int) -> list[Any]:
    from areas.models import Area

    return list(Area.objects.filter(level="subdistrict", district__code=district_code)
                .order_by("code")[:n])


def lamphun_evidence(world: Any) -> dict[str, Any]:
    """Households in three sub-districts of Li (12, 8 and 3 verified) and one of Mueang
    Lamphun (15 verified at the sub-district, 5 in one of its villages): Li 23, Mueang 20,
    Lamphun 43. Six households of the first Li sub-district have a member with a disability,
    four of them fail indicator 5 (secure housing). Not counted: 4 submitted households in
    the first Li sub-district, 2 that withdrew consent in the second."""
    from areas.models import Area
    from evidence.schema import GROUP_BIT, INDICATOR_BY_CODE
    from evidence.statistics import refresh

    s1, s2, s3 = subdistricts("5104", 3)
    (m1,) = subdistricts("5101", 1)
    village = Area.objects.filter(level="village", parent=m1).order_by("code").first() or \
        Area.objects.create(code=f"{m1.code}99", level="village", name_th="บ้านทดสอบ",
                            name_en="Test village", parent=m1)
    org = world.org
    disability, housing = GROUP_BIT["disability"], INDICATOR_BY_CODE["bmn_05"].bit
    add_households(org, s1, 4, groups=disability, deprivations=housing, card=True)
    add_households(org, s1, 2, groups=disability)
    add_households(org, s1, 6)
    add_households(org, s1, 4, status="submitted")
    add_households(org, s2, 8)
    add_households(org, s2, 2, withdrawn=True)
    add_households(world.other_org, s3, 3)
    add_households(org, m1, 15)
    add_households(org, village, 5)
    refresh()
    return {"s1": s1, "s2": s2, "s3": s3, "m1": m1, "village": village}


def statistics_world(w: Any) -> str:
    lamphun_evidence(w)
    return "/evidence/statistics/51/"


def public_need(w: Any) -> Any:
    from needs.tests.helpers import make_need

    return make_need(w, raised_by=w.people["cso_member"], org=w.org)


def sensitive_need(w: Any) -> Any:
    from needs.tests.helpers import make_sensitive_need

    return make_sensitive_need(w)


def proposal(w: Any) -> Any:
    from proposals.tests.helpers import make_proposal

    return make_proposal(w)


def state_figures_file(w: Any) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = "area_code,indicator,group,year,value,source\n51,target_poor,all,๒๕๖๗,\"1,234\",TPMAP\n"
    return {"file": SimpleUploadedFile("figures.csv", body.encode(), content_type="text/csv")}


def cite_data(w: Any) -> dict[str, Any]:
    return {"area": "51", "group": "all", "indicator": "households"}


def xlsx_of(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ACCESS: list[Access] = [
    Access("evidence:statistics", lambda w: "/evidence/statistics/", EVERYONE),
    Access("evidence:statistics_area", statistics_world, EVERYONE),
    Access("evidence:statistics_export", lambda w: statistics_world(w) + "export.xlsx",
           EVERYONE),
    Access("evidence:statistics_export", lambda w: statistics_world(w) + "export.csv",
           EVERYONE),
    Access("evidence:state_figures_import", lambda w: "/evidence/statistics/state-figures/"
           "import/", IMPORTERS),
    Access("evidence:state_figures_import", lambda w: "/evidence/statistics/state-figures/"
           "import/", IMPORTERS, method="POST", data=state_figures_file),
    Access("evidence:cite_need", lambda w: f"/evidence/statistics/cite/need/"
           f"{public_need(w).pk}/", NEED_EDITORS),
    Access("evidence:cite_need", lambda w: f"/evidence/statistics/cite/need/"
           f"{public_need(w).pk}/", NEED_EDITORS, method="POST", data=cite_data),
    Access("evidence:cite_need", lambda w: f"/evidence/statistics/cite/need/"
           f"{sensitive_need(w).pk}/", NEED_EDITORS),
    Access("evidence:cite_proposal", lambda w: f"/evidence/statistics/cite/proposal/"
           f"{proposal(w).pk}/", PROPOSAL_EDITORS),
    Access("evidence:cite_proposal", lambda w: f"/evidence/statistics/cite/proposal/"
           f"{proposal(w).pk}/", PROPOSAL_EDITORS, method="POST", data=cite_data),
    Access(f"{API}:statistics", lambda w: statistics_world(w) and "/api/v1/statistics/?area=51",
           EVERYONE),
]
