"""Who may use the verification, area-review and index pages (see klang/testing.py), and the
small builders the verification and index tests share.

Verification (สอบทาน) is for members of the collecting organisation (the world's ``org``: its
CSO member and coordinator) other than the person who entered the record: the DPO may read
household records but does not verify them. Area review is for Lamphun's working group, on
aggregates only. Index definitions are public data; only an administrator writes a new version.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

MEMBERS = frozenset({"cso_member", "cso_coordinator"})
ADMINISTRATOR = frozenset({"administrator"})
WORKING_GROUP = frozenset({"working_group"})


def survey() -> Any:
    from evidence.models import Survey

    return Survey.objects.get_or_create(slug="test-household", defaults={
        "title_th": "แบบสำรวจครัวเรือนทดสอบ", "title_en": "Test household survey"})[0]


def make_household(world: Any, *, entered_by: Any = None, status: str = "submitted",
                   organisation: Any = None, area: Any = None, deprivations: int = 0,
                   flags: int = 0, groups: int = 0, card: bool = False,
                   members: int = 3) -> Any:
    """A household of the world's organisation in a sub-district of Li (Lamphun)."""
    from areas.models import Area
    from evidence.models import Household

    organisation = organisation or world.org
    household = Household.objects.create(
        survey=survey(), organisation=organisation,
        area=area or Area.objects.filter(parent__code="5104").order_by("code").first(),
        submission_key=f"test-{Household.objects.count() + 1}-{organisation.pk}",
        status=status, consent_given=True, members_count=members,
        deprivations=deprivations, flags=flags, groups=groups, state_welfare_card=card,
        entered_by=entered_by,
    )
    return household


def entered_by_coordinator(w: Any) -> Any:
    """A submitted household the coordinator entered: the member may verify it, the
    coordinator may not (the matrix counts the coordinator's refusal)."""
    return make_household(w, entered_by=w.people["cso_coordinator"])


def entered_by_someone_else(w: Any) -> Any:
    from accounts.models import Role, RoleGrant, User

    other, created = User.objects.get_or_create(email="third-member@example.org",
                                                defaults={"full_name": "third member"})
    if created:
        RoleGrant.objects.create(user=other, role=Role.CSO_MEMBER, area=w.lamphun,
                                 organisation=w.org)
    return make_household(w, entered_by=other)


def verification_url(household: Any, action: str = "") -> str:
    return f"/evidence/verification/household/{household.pseudonym}/{action}"


ACCESS: list[Access] = [
    Access("evidence:verification", lambda w: "/evidence/verification/", MEMBERS),
    Access("evidence:verification_queue",
           lambda w: f"/evidence/verification/organisation/{w.org.pk}/", MEMBERS),
    Access("evidence:verify", lambda w: verification_url(entered_by_someone_else(w)), MEMBERS),
    Access("evidence:verify", lambda w: verification_url(entered_by_coordinator(w)),
           frozenset({"cso_member"})),
    Access("evidence:verify", lambda w: verification_url(entered_by_someone_else(w)), MEMBERS,
           method="POST", data=lambda w: {"decision": "verify", "note": ""}),
    Access("evidence:verify", lambda w: verification_url(entered_by_someone_else(w)), MEMBERS,
           method="POST", data=lambda w: {"decision": "return", "note": "อายุไม่ตรง"}),
    Access("evidence:submit_household",
           lambda w: verification_url(make_household(w, status="draft",
                                                     entered_by=w.people["cso_member"]),
                                      "submit/"),
           MEMBERS, method="POST"),
    Access("evidence:area_review", lambda w: "/evidence/review/51/", WORKING_GROUP),
    Access("evidence:area_review", lambda w: "/evidence/review/51/", WORKING_GROUP,
           method="POST", data=lambda w: {"outcome": "confirmed", "note": ""}),
    Access("evidence:indices", lambda w: "/evidence/indices/", EVERYONE),
    Access("evidence:index", lambda w: "/evidence/indices/mpi-1/", EVERYONE),
    Access("evidence:new_mpi", lambda w: "/evidence/indices/mpi/new/", ADMINISTRATOR),
    Access("evidence:new_mpi", lambda w: "/evidence/indices/mpi/new/", ADMINISTRATOR,
           method="POST", data=lambda w: {
               "name_th": "ทดสอบ", "name_en": "", "description_th": "", "description_en": "",
               "k": "0.5", **{f"w_bmn_{i:02d}": "0" for i in range(1, 18)},
               "w_bmn_01": "0.5", "w_bmn_16": "0.5"}),
]
