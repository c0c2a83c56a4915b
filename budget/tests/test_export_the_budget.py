"""Anyone downloads a province's lines and summary as Excel; formulas are defused."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from budget.tests.helpers import make_line
from evidence.exports import safe_cell

pytestmark = pytest.mark.django_db


def sheet_rows(response: Any, sheet: int = 0) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(book.worksheets[sheet].iter_rows(values_only=True))


def test_lines_export_keeps_filters_and_defuses_formulas(client: Any, world: Any) -> None:
    make_line("5104", project="=HYPERLINK(\"http://x\")", amount="1000",
              budget_class="quality-of-life", groups=("older-people",))
    make_line("5101", project="ก่อสร้างถนน", amount="2000", budget_class="infrastructure")
    response = client.get("/budget/51/2569/lines.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    assert len(rows) == 3
    projects = {row[2] for row in rows[1:]}
    assert projects == {"'=HYPERLINK(\"http://x\")", "ก่อสร้างถนน"}
    filtered = sheet_rows(client.get("/budget/51/2569/lines.xlsx?class=quality-of-life"))
    assert len(filtered) == 2 and filtered[1][12] == "older-people"


def test_summary_export_has_the_seed_question(client: Any, world: Any) -> None:
    make_line("5104", project="ผู้สูงอายุ", amount="300", budget_class="quality-of-life",
              groups=("older-people",))
    make_line("5101", project="ถนน", amount="700", budget_class="infrastructure")
    response = client.get("/budget/51/2569/summary.xlsx")
    assert response.status_code == 200
    overview = dict(sheet_rows(response, 0)[1:])
    values = list(overview.values())
    assert values[:4] == ["51", 2569, 1000.0, 2]
    assert 30.0 in values and 100.0 in values  # quality-of-life share; its share to groups


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+66", "'+66"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("ถนน", "ถนน"), (5, 5), (None, None),
])
def test_safe_cell(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected
