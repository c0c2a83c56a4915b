"""A funder's grants download as XLSX; text that a spreadsheet would run as a formula is
neutralised, amounts stay numbers."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from funding.exports import safe_cell
from funding.tests.helpers import make_grant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_formula_starts_are_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_the_export_holds_every_grant_of_the_funder(client, world):
    make_grant(world, "nhso", "1000.50", title="=cmd|' /C calc'!A0")
    make_grant(world, "nhso", "2000", title="ทุนปกติ", fiscal_year=2568)
    make_grant(world, "codi", "9")
    response = client.get("/funding/funders/nhso/grants.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    titles = [row[2] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in titles and "ทุนปกติ" in titles
    assert sorted(row[6] for row in rows[1:]) == [1000.5, 2000]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert client.get("/funding/funders/nobody/grants.xlsx").status_code == 404
