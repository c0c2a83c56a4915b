"""The working group reviews an area on aggregates only: counts by status and district and
indicator rates of verified records, small cells suppressed, never a household row; it
records a review (confirmed / questioned with a note)."""

from __future__ import annotations

from typing import Any

import pytest

from areas.models import Area
from evidence.models import AreaReview
from evidence.tests.access_verification import make_household
from evidence.views.verification import suppress_grid

pytestmark = pytest.mark.django_db
URL = "/evidence/review/51/"


def test_primary_and_complementary_suppression() -> None:
    # Row "a": 3 drafts (hidden, below 5) and 10 verified, total 13 shown: the 10 must be
    # hidden too, or 13 − 10 gives the 3 back. Then column "verified" hides one cell (a's 10)
    # with its total shown: the next smallest (b's 20) goes as well.
    cells = {("a", "draft"): 3, ("a", "verified"): 10, ("a", "total"): 13,
             ("b", "draft"): 0, ("b", "verified"): 20, ("b", "total"): 20,
             ("c", "draft"): 7, ("c", "verified"): 30, ("c", "total"): 37,
             ("total", "draft"): 10, ("total", "verified"): 60, ("total", "total"): 70}
    shown = suppress_grid(cells, ["a", "b", "c"], ["draft", "verified"], threshold=5)
    assert shown[("a", "draft")] is None and shown[("a", "verified")] is None
    assert shown[("b", "draft")] == 0
    # No row or column, with its total, has a single hidden number left to work out.
    rows, columns = ["a", "b", "c", "total"], ["draft", "verified", "total"]
    for line in [[(r, c) for c in columns] for r in rows] + \
            [[(r, c) for r in rows] for c in columns]:
        assert sum(1 for k in line if shown[k] is None) != 1, line


def test_the_working_group_sees_counts_never_rows(client: Any, world: Any) -> None:
    li = Area.objects.filter(parent__code="5104").order_by("code").first()
    mueang = Area.objects.filter(parent__code="5101").order_by("code").first()
    households = [make_household(world, status="verified", area=li, deprivations=1 << 15,
                                 card=True) for _ in range(6)]
    ban_thi = Area.objects.filter(parent__code="5106").order_by("code").first()
    households += [make_household(world, status="verified", area=ban_thi) for _ in range(5)]
    households += [make_household(world, status="submitted", area=mueang) for _ in range(2)]
    world.login(client, "working_group")
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    for household in households:
        assert household.pseudonym not in body
    rows = {row["name"]: row for row in response.context["status_rows"]}
    li_row = rows[Area.objects.get(code="5104").name]
    assert li_row["total"] == 6 and li_row["share"] == 100.0
    mueang_row = rows[Area.objects.get(code="5101").name]
    assert mueang_row["total"] is None      # 2 households: suppressed
    # 13 − 6 − 5 would give Mueang's 2 back: the smallest other district total goes too, and
    # with it a cell of its row (its total would otherwise be their sum).
    ban_thi_row = rows[Area.objects.get(code="5106").name]
    assert ban_thi_row["total"] is None and ban_thi_row["cells"][2] is None
    assert response.context["status_total"]["cells"][1] is None  # the submitted total: 2
    rates = {row["name"]: row for row in response.context["rate_rows"]}
    labels = response.context["rate_labels"]
    access = rates[Area.objects.get(code="5104").name]["rates"][
        [str(label) for label in labels].index(str(labels[4]))]
    assert access == {"count": 6, "percent": 100.0}


def test_a_review_is_recorded_and_a_question_needs_a_note(client: Any, world: Any) -> None:
    world.login(client, "working_group")
    assert client.post(URL, {"outcome": "questioned", "note": ""}).status_code == 400
    response = client.post(URL, {"outcome": "questioned",
                                 "note": "ตำบลลี้มีครัวเรือนติดเตียงน้อยกว่าที่ อสม. รายงาน"})
    assert response.status_code == 302
    review = AreaReview.objects.get()
    assert review.area.code == "51" and review.reviewed_by == world.people["working_group"]


@pytest.mark.parametrize("role", ["cso_member", "provincial_officer", "other_province_officer",
                                  "citizen"])
def test_only_the_working_group_of_the_area_reviews(client: Any, world: Any,
                                                    role: str) -> None:
    world.login(client, role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"outcome": "confirmed"}).status_code == 403
    assert not AreaReview.objects.exists()
