"""Anyone reads a province's budget year: shares, groups, districts and seed 000's question."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from areas.models import Area
from budget.services import summarise, trend
from budget.tests.helpers import make_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(world: Any) -> None:
    """300 M baht: 210 M infrastructure (70%), 90 M quality of life (30%), of which 40 M name
    a vulnerable group (25 M older people in Li; 15 M older people and disability in Mae Tha)."""
    make_line("5101", project="ก่อสร้างถนน 1", amount="150000000", budget_class="infrastructure",
              confirmed=True)
    make_line("51", project="ก่อสร้างสะพาน", amount="60000000", budget_class="infrastructure",
              source="cluster")
    make_line("5104", project="ผู้สูงอายุ ลี้", amount="25000000", budget_class="quality-of-life",
              confirmed=True, groups=("older-people",), source="thaihealth")
    make_line("5105", project="ผู้สูงอายุและคนพิการ แม่ทา", amount="15000000",
              budget_class="quality-of-life", confirmed=True,
              groups=("older-people", "disability"), source="nhso")
    make_line("5101", project="โรงเรียน", amount="50000000", budget_class="quality-of-life",
              confirmed=True)
    # Not counted: another year, another province.
    make_line("51", project="ปีก่อน", amount="100000000", fiscal_year=2568,
              budget_class="quality-of-life")
    make_line("50", project="เชียงใหม่", amount="999", budget_class="quality-of-life")


def test_the_summary_adds_up(year: None) -> None:
    summary = summarise(Area.objects.get(code="51"), 2569)
    assert summary.total == Decimal("300000000")
    assert summary.count == 5
    assert (summary.infrastructure, summary.infrastructure_share) == (Decimal("210000000"), 70.0)
    assert (summary.quality_of_life, summary.quality_of_life_share) == (Decimal("90000000"),
                                                                        30.0)
    # Each vulnerable line once, though Mae Tha's names two groups.
    assert summary.qol_vulnerable == Decimal("40000000")
    assert summary.qol_vulnerable_share == 44.4
    assert {r.key: r.amount for r in summary.qol_by_group} == {
        "older-people": Decimal("40000000"), "disability": Decimal("15000000")}
    assert {r.key: r.amount for r in summary.qol_vulnerable_by_district} == {
        "5104": Decimal("25000000"), "5105": Decimal("15000000")}
    assert {r.key: r.amount for r in summary.by_district} == {
        "": Decimal("60000000"), "5101": Decimal("200000000"), "5104": Decimal("25000000"),
        "5105": Decimal("15000000")}
    assert {r.key: (r.amount, r.share) for r in summary.by_source} == {
        "province": (Decimal("200000000"), 66.7), "cluster": (Decimal("60000000"), 20.0),
        "thaihealth": (Decimal("25000000"), 8.3), "nhso": (Decimal("15000000"), 5.0)}
    assert (summary.unconfirmed_count, summary.unconfirmed_amount) == (1, Decimal("60000000"))
    assert [r.key for r in summary.by_class] == ["infrastructure", "quality-of-life"]


def test_the_trend_runs_across_years(year: None) -> None:
    years = trend(Area.objects.get(code="51"))
    assert [(t.fiscal_year, t.total, t.quality_of_life_share) for t in years] == [
        (2568, Decimal("100000000"), 100.0), (2569, Decimal("300000000"), 30.0)]


def test_the_page_answers_the_seed_question(client: Any, year: None) -> None:
    client.cookies["klang_language"] = "en"
    response = client.get("/budget/51/")
    assert response.status_code == 302 and response["Location"] == "/budget/51/2569/"
    response = client.get("/budget/51/2569/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "300,000,000 baht" in page
    assert "40,000,000 baht (44.4%)" in page
    assert page.count("<svg") == page.count("<table") - 1  # every chart has a table; + trend
    assert "<svg" in page


def test_the_lines_list_filters(client: Any, year: None) -> None:
    response = client.get("/budget/51/2569/lines/?group=older-people")
    assert response.status_code == 200
    assert {line.project for line in response.context["page"].object_list} == {
        "ผู้สูงอายุ ลี้", "ผู้สูงอายุและคนพิการ แม่ทา"}
    response = client.get("/budget/51/2569/lines/?class=infrastructure&district=5101")
    assert [line.project for line in response.context["page"].object_list] == ["ก่อสร้างถนน 1"]


def test_unknown_provinces_and_empty_years(client: Any, areas: Any) -> None:
    assert client.get("/budget/99/2569/").status_code == 404
    assert client.get("/budget/5104/2569/").status_code == 404  # a district is not a province
    assert client.get("/budget/51/").status_code == 200  # no line yet: says so
    assert client.get("/budget/51/2569/").context["summary"].count == 0
