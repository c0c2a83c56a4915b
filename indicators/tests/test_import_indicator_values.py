"""An officer imports indicator values from XLSX or CSV: Thai digits and separators are read,
and a file with any bad row is refused whole, with each problem's row and column."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from indicators.importer import parse_number
from indicators.models import Indicator, IndicatorValue
from indicators.tests.helpers import indicator


def xlsx(values: list[list[Any]], definitions: list[list[Any]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "values"
    for row in values:
        sheet.append(row)
    if definitions:
        defs = book.create_sheet("indicators")
        for row in definitions:
            defs.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Any, name: str, content: bytes) -> Any:
    return client.post("/indicators/import/", {"file": SimpleUploadedFile(name, content)})


def test_parse_number_reads_thai_digits_and_separators() -> None:
    assert parse_number("๑๒,๕๐๐") == 12_500
    assert parse_number(" 1,234.5 ") == 1234.5
    assert parse_number("๓.๕") == 3.5
    assert parse_number("90,000,000 บาท") == 90_000_000
    for bad in ("abc", "1,2,3", "12.5.1", ""):
        try:
            parse_number(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_an_xlsx_with_definitions_and_thai_digits(client: Any, world: Any) -> None:
    content = xlsx(
        [["indicator", "area", "year", "value"],
         ["population", "5104", "๒๕๖๘", "๗๑,๓๐๐"],
         ["population", 5101, 2568, 146000],
         ["water", "5104", "2568", "81.5"]],
        [["code", "name_th", "name_en", "unit", "direction", "dimension", "source"],
         ["population", "ประชากร", "Population", "คน", "positive", "context", "DOPA"],
         ["water", "น้ำสะอาด", "Clean water", "%", "positive", "housing", "จปฐ."]],
    )
    world.login(client, "provincial_officer")
    response = upload(client, "values.xlsx", content)
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator__code="population", area__code="5104",
                                      year=2568).value == 71_300
    assert Indicator.objects.get(code="water").dimension == "housing"
    # A second import replaces values, never duplicates them.
    again = xlsx([["indicator", "area", "year", "value"], ["water", "5104", "2568", "82"]])
    assert upload(client, "values.xlsx", again).status_code == 302
    assert IndicatorValue.objects.get(indicator__code="water").value == 82


def test_a_bad_file_is_refused_whole_with_rows_and_columns(client: Any, world: Any) -> None:
    indicator("water")
    content = (
        b"indicator,area,year,value\n"
        b"water,5104,2568,81\n"
        b"water,5199,2568,80\n"          # unknown area
        b"water,5101,2568,many\n"        # not a number
        b"nothing,5101,2568,3\n"         # unknown indicator
        b"water,5102,68,3\n"             # not a B.E. year
        b"water,5104,2568,85\n"          # same as row 2
    )
    world.login(client, "national_analyst")
    client.cookies["klang_language"] = "en"
    response = upload(client, "values.csv", content)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert len(errors) == 5
    assert 'row 3, column “area”: Unknown area code “5199”' in errors[0]
    assert 'row 4, column “value”: “many” is not a number' in errors[1]
    assert 'row 5, column “indicator”' in errors[2]
    assert 'row 6, column “year”' in errors[3]
    assert 'row 7, column “value”: The same indicator, area and year is already on row 2' \
        in errors[4]
    assert not IndicatorValue.objects.exists()


def test_an_officer_may_import_only_for_their_province(client: Any, world: Any) -> None:
    indicator("water")
    content = b"indicator,area,year,value\nwater,5001,2568,1\nwater,5104,2568,2\n"
    world.login(client, "other_province_officer")  # Chiang Mai's officer
    response = upload(client, "values.csv", content)
    assert response.status_code == 400
    assert len(response.context["errors"]) == 1 and not IndicatorValue.objects.exists()


def test_readers_may_not_import(client: Any, world: Any) -> None:
    world.login(client, "cso_coordinator")
    assert client.get("/indicators/import/").status_code == 403
    assert upload(client, "v.csv", b"indicator,area,year,value\n").status_code == 403
    client.logout()
    response = client.get("/indicators/import/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_national_roles_redefine_an_existing_indicator(client: Any, world: Any) -> None:
    indicator("water")
    content = xlsx([["indicator", "area", "year", "value"], ["water", "5104", "2568", "80"]],
                   [["code", "name_th", "direction"], ["water", "น้ำ", "negative"]])
    world.login(client, "provincial_officer")
    response = upload(client, "values.xlsx", content)
    assert response.status_code == 400 and not IndicatorValue.objects.exists()
    client.logout()
    world.login(client, "national_analyst")
    assert upload(client, "values.xlsx", content).status_code == 302
    assert Indicator.objects.get(code="water").direction == "negative"
