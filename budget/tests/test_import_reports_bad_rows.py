"""A file with mistakes is refused whole, and every mistake is named by row and column."""

from __future__ import annotations

from typing import Any

import pytest

from budget.models import BudgetImport, BudgetLine
from budget.tests.helpers import HEADER, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

OK = [2569, "", "ส่งเสริมสุขภาพผู้สูงอายุ", "สำนักงานสาธารณสุขจังหวัดลำพูน", "100,000",
      "งบจังหวัด", "51", "", ""]


def row(**changes: Any) -> list[Any]:
    values = dict(zip(HEADER, OK, strict=True))
    values.update(changes)
    return [values[name] for name in HEADER]


BAD = [
    # (row as written, column letter that must be named, words of the message)
    (row(amount="หนึ่งล้าน"), "E", "not an amount"),
    (row(amount="1.250.000"), "E", "ambiguous"),
    (row(amount="1250,50"), "E", "ambiguous"),
    (row(amount="-5,000"), "E", "more than 0"),
    (row(amount=""), "E", "missing"),
    (row(fiscal_year=2026), "A", "Common-Era"),
    (row(fiscal_year="ปีหน้า"), "A", "not a fiscal year"),
    (row(area_code="5199"), "G", "no area with the code"),
    (row(area_code="TH"), "G", "not in"),
    (row(source="งบลับ"), "F", "Unknown source"),
    (row(project=""), "C", "project is missing"),
    (row(agency=""), "D", "agency is missing"),
    (row(target_groups="นักบินอวกาศ"), "H", "Unknown target group"),
    (row(**{"class": "ไม่มีหมวดนี้"}), "I", "Unknown class"),
]


def test_every_bad_row_is_reported_and_nothing_is_written(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    client.cookies["klang_language"] = "en"
    rows = [OK] + [bad for bad, _column, _words in BAD]
    response = client.post("/budget/import/", {"file": upload("bad.xlsx", xlsx_bytes(rows))})
    assert response.status_code == 400
    assert BudgetLine.objects.count() == 0
    assert BudgetImport.objects.count() == 0
    errors = response.context["report"].errors
    by_row = {e.row: e for e in errors}
    for number, (_bad, column, words) in enumerate(BAD, start=3):
        error = by_row.get(number)
        assert error is not None, f"row {number} ({words}) not reported"
        assert f"({column})" in error.column, (number, error)
        assert words.lower() in error.message.lower(), (number, error.message)
    assert 2 not in by_row  # the good row is not blamed
    page = response.content.decode()
    assert "Nothing was imported" in page


def test_a_file_without_the_needed_columns_is_refused(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    client.cookies["klang_language"] = "en"
    data = xlsx_bytes([[2569, "x"]], header=["fiscal_year", "project"])
    response = client.post("/budget/import/", {"file": upload("cols.xlsx", data)})
    assert response.status_code == 400
    message = response.context["report"].errors[0].message
    assert "agency" in message and "amount" in message and "area code" in message
    assert BudgetLine.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused(client: Any, world: Any) -> None:
    world.login(client, "provincial_officer")
    response = client.post("/budget/import/", {"file": upload("fake.xlsx", b"not a zip")})
    assert response.status_code == 400
    response = client.post("/budget/import/", {"file": upload("notes.txt", b"hello")})
    assert response.status_code == 400
    assert BudgetLine.objects.count() == 0
