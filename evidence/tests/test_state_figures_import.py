"""A provincial officer imports the figures the state published; they appear beside Klang's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence.models import StateFigure
from evidence.tests.access_statistics import lamphun_evidence, xlsx_of

pytestmark = pytest.mark.django_db
URL = "/evidence/statistics/state-figures/import/"
HEADER = ["area_code", "indicator", "group", "year", "value", "source"]


def upload(client: Any, rows: list[list[Any]], name: str = "figures.xlsx") -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, xlsx_of(rows))})


def test_an_officer_imports_figures_with_thai_digits_and_they_show_beside_klangs(
        world: Any, client: Any) -> None:
    lamphun_evidence(world)
    world.login(client, "provincial_officer")
    response = upload(client, [HEADER, ["51", "target_poor", "", "๒๕๖๗", "๑,๒๓๔", "TPMAP"],
                               ["5104", "households", "all", 2567, "12,500.5", "จปฐ."]])
    assert response.status_code == 302
    figure = StateFigure.objects.get(area__code="51")
    assert (figure.indicator, figure.group, figure.year, figure.value) == (
        "target_poor", "all", 2567, 1234)
    assert StateFigure.objects.get(area__code="5104").value == pytest.approx(12500.5)
    # Imported again: replaced, not doubled.
    upload(client, [HEADER, ["51", "target_poor", "", "2567", "1300", "TPMAP"]])
    assert StateFigure.objects.get(area__code="51").value == 1300
    client.cookies["klang_language"] = "en"
    page = client.get("/evidence/statistics/51/").content.decode()
    assert "1,300" in page and "TPMAP" in page
    api = client.get("/api/v1/statistics/?area=51&indicator=target_poor&group=all").json()
    assert api["results"][0]["state_figures"][0]["source"] == "TPMAP"


def test_a_bad_file_is_reported_by_row_and_column_and_nothing_is_written(
        world: Any, client: Any) -> None:
    world.login(client, "provincial_officer")
    client.cookies["klang_language"] = "en"
    response = upload(client, [HEADER,
                               ["51", "target_poor", "", "2567", "100", "TPMAP"],
                               ["999999", "target_poor", "", "2567", "100", "TPMAP"],
                               ["51", "no_such_thing", "", "2024", "abc", ""]])
    assert response.status_code == 400
    problems = {(p.row, p.column) for p in response.context["problems"]}
    assert problems == {(3, "area_code"), (4, "indicator"), (4, "year"), (4, "value"),
                        (4, "source")}
    assert not StateFigure.objects.exists()


def test_an_officer_of_another_province_may_not_publish_lamphuns_figures(
        world: Any, client: Any) -> None:
    world.login(client, "other_province_officer")
    response = upload(client, [HEADER, ["51", "target_poor", "", "2567", "100", "TPMAP"]])
    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["problems"]] == [(2, "area_code")]
    assert not StateFigure.objects.exists()


def test_a_csv_in_thai_windows_encoding(world: Any, client: Any) -> None:
    world.login(client, "national_analyst")
    body = "รหัสพื้นที่,ตัวชี้วัด,ปี,ค่า,แหล่งที่มา\n51,poor_any,2567,42,สำนักงานสถิติ\n"
    response = client.post(URL, {"file": SimpleUploadedFile("f.csv", body.encode("cp874"))})
    assert response.status_code == 302
    assert StateFigure.objects.get().source == "สำนักงานสถิติ"


@pytest.mark.parametrize("role", ["cso_member", "working_group", "citizen"])
def test_others_may_not_import(world: Any, client: Any, role: str) -> None:
    world.login(client, role)
    assert upload(client, [HEADER]).status_code == 403
