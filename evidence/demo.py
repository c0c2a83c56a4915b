"""The evidence part of the Lamphun demo (portal.demo.load_demo calls ``load``).

3,000 synthetic households (``evidence.synthetic``, every name "สมมติ", ``is_synthetic=True``)
collected by four demo organisations: the disability association of the demo logins across
the province, the older persons' association, and the two ethnic groups' organisations in Li
and in Mae Tha's Tha Khum Ngoen and Tha Mae Lop. They go through ``build_household`` like any
submission; most are verified, some submitted, a few drafts. Then the area statistics are
computed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

DEMO_HOUSEHOLDS = 3000
SEED = 2568
# (organisation key in portal.demo.ORGS, households, area codes: None = all of Lamphun)
COLLECTORS: list[tuple[str, int, tuple[str, ...] | None]] = [
    ("disability", 1200, None),
    ("older-people", 600, None),
    ("ethnic-li", 750, ("510401", "510402", "510403", "510404", "510405", "510406",
                        "510408", "510409")),
    ("ethnic-mae-tha", 450, ("510204", "510206", "510202")),
]
VERIFIED_SHARE, SUBMITTED_SHARE = 0.82, 0.13  # the rest are drafts


def load(progress: Callable[[str], None] | None = None) -> None:
    """Idempotent: skipped when synthetic households are already there."""
    from evidence.models import Household

    say = progress or (lambda message: None)
    if Household.objects.filter(is_synthetic=True).exists():
        return
    created = _load()
    if not created:
        return
    say(f"Synthetic household evidence: {created:,} households (made up, marked synthetic).")
    from evidence import statistics

    statistics.refresh()
    _state_figures()


# What the state's own survey counted, so the statistics pages show what civil-society evidence
# adds (seed 003: the state misses the stateless and people with no carer). Illustrative: these
# are not TPMAP's published numbers for Lamphun.
STATE_SOURCE = "TPMAP 2568 (ตัวเลขสมมติเพื่อการสาธิต / illustrative)"
STATE_SHARE = {"target_poor": 0.55, "poor_health": 0.7, "poor_income": 0.6}


def _state_figures() -> None:
    from decimal import Decimal

    from areas.models import Area
    from evidence.models import AreaStatistic, StateFigure

    lamphun = Area.objects.get(code="51")
    cells = AreaStatistic.objects.filter(
        Q(area=lamphun) | Q(area__parent=lamphun), group="all",
        indicator__in=list(STATE_SHARE), count__isnull=False)
    StateFigure.objects.bulk_create([
        StateFigure(area_id=cell.area_id, indicator=cell.indicator, group="all", year=2568,
                    value=Decimal(round(cell.count * STATE_SHARE[cell.indicator])),
                    source=STATE_SOURCE)
        for cell in cells], ignore_conflicts=True)


@transaction.atomic
def _load() -> int:
    from accounts.models import User
    from evidence.answers import AreaLookup, build_household
    from evidence.build_default_survey import ensure_default_survey
    from evidence.models import Household, HouseholdStatus, Person, Survey
    from evidence.synthetic import households, lamphun_subdistricts
    from orgs.models import Organisation
    from portal.demo import demo_email

    survey = ensure_default_survey(Survey)
    organisations = {org.email: org for org in Organisation.objects.filter(
        is_demo=True, email__in=[demo_email(key) for key, _n, _a in COLLECTORS])}
    member = User.objects.filter(email=demo_email("member")).first()
    coordinator = User.objects.filter(email=demo_email("coordinator")).first()
    lookup = AreaLookup()
    everywhere = lamphun_subdistricts()
    rng = random.Random(SEED)
    now = timezone.now()
    records: list[Household] = []
    people: list[list[Person]] = []
    for offset, (key, count, codes) in enumerate(COLLECTORS):
        organisation = organisations.get(demo_email(key))
        if organisation is None:
            continue
        is_login_org = key == "disability"
        for row, members in households(count, SEED + offset, codes or everywhere):
            built = build_household(
                survey, organisation, row, members,
                entered_by=member if is_login_org else None,
                submission_key=row["submission_id"], areas=lookup)
            if isinstance(built, list):  # the generator makes valid rows; never store others
                continue
            household = built.household
            household.is_synthetic = True
            roll = rng.random()
            if roll < VERIFIED_SHARE:
                household.status = HouseholdStatus.VERIFIED
                household.verified_by = coordinator if is_login_org else None
                household.verified_at = now - dt.timedelta(days=rng.randrange(1, 60))
            elif roll >= VERIFIED_SHARE + SUBMITTED_SHARE:
                household.status = HouseholdStatus.DRAFT
            built.seal()
            records.append(household)
            people.append(built.members)
    Household.objects.bulk_create(records, batch_size=1000)
    for household, members in zip(records, people, strict=True):
        for person in members:
            person.household_id = household.pk
    Person.objects.bulk_create([p for members in people for p in members], batch_size=2000)
    return len(records)
