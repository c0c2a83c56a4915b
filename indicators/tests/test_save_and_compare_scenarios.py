"""An officer saves an allocation scenario, reads each area's reason and the change from last
year, compares two scenarios and exports one; others may read but not save."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from indicators.models import Scenario
from indicators.tests.helpers import make_index, make_scenario


def post_scenario(client: Any, index: Any, **extra: Any) -> Any:
    data = {"name": "งบคุณภาพชีวิต", "index": index.pk, "year": "๒๕๖๙",
            "envelope": "๙๐,๐๐๐,๐๐๐", "rule": "population_gap", "floor": "5,000,000",
            "cap": "20,000,000", "action": "save", **extra}
    return client.post("/indicators/scenarios/new/", data)


def test_an_officer_saves_a_scenario_with_thai_digits(client: Any, world: Any) -> None:
    index = make_index(world)
    world.login(client, "provincial_officer")
    response = post_scenario(client, index)
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"] == scenario.get_absolute_url()
    assert scenario.year == 2569 and scenario.envelope == 90_000_000
    rows = list(scenario.areas.all())
    assert len(rows) == 8 and sum(r.amount for r in rows) == 90_000_000
    assert all(5_000_000 <= r.amount <= 20_000_000 for r in rows)
    # 5108 has the best index (1.0, gap 0) → weight 0 → the floor; 5101 the lowest (0).
    best = scenario.areas.get(area__code="5108")
    assert best.bound == "floor" and best.amount == 5_000_000 and best.composite == 1.0
    assert scenario.areas.get(area__code="5101").composite == 0.0
    client.cookies["klang_language"] = "en"
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "below the floor of 5,000,000 baht, so it gets the floor" in page
    assert "is the 1st lowest of 8" in page
    assert "<svg" in page and "<th scope=\"col\">" in page


def test_a_preview_saves_nothing(client: Any, world: Any) -> None:
    index = make_index(world)
    world.login(client, "national_analyst")
    response = post_scenario(client, index, action="preview")
    assert response.status_code == 200 and not Scenario.objects.exists()
    assert len(response.context["preview"]) == 8


def test_an_impossible_envelope_is_explained(client: Any, world: Any) -> None:
    index = make_index(world)
    world.login(client, "provincial_officer")
    client.cookies["klang_language"] = "en"
    response = post_scenario(client, index, floor="20,000,000", cap="")
    assert response.status_code == 400 and not Scenario.objects.exists()
    assert "add up to more than the envelope" in response.content.decode()
    response = post_scenario(client, index, envelope="ninety million")
    assert response.status_code == 400
    assert "Enter an amount in baht" in response.content.decode()


def test_another_provinces_officer_may_not_save_for_lamphun(client: Any, world: Any) -> None:
    index = make_index(world)
    world.login(client, "other_province_officer")
    assert post_scenario(client, index).status_code == 403
    client.logout()
    world.login(client, "working_group")
    assert client.get("/indicators/scenarios/new/").status_code == 403
    assert post_scenario(client, index).status_code == 403
    assert not Scenario.objects.exists()


def test_change_from_last_year_compare_and_export(client: Any, world: Any) -> None:
    last = make_scenario(world, year=2568, envelope=80_000_000, name="ปีก่อน")
    this = make_scenario(world, year=2569, envelope=90_000_000, name="=HYPERLINK(\"x\")")
    api = client.get(f"/api/v1/allocations/{this.pk}/").json()
    assert api["previous_id"] == last.pk
    rows = {r["area"]["code"]: r for r in api["areas"]}
    before = last.areas.get(area__code="5104").amount
    assert rows["5104"]["last_year"] == before
    assert rows["5104"]["change"] == rows["5104"]["amount"] - before
    assert rows["5101"]["reason"]
    listing = client.get("/api/v1/allocations/?year=2569").json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == this.pk

    compare = client.get(f"/indicators/scenarios/compare/?a={last.pk}&b={this.pk}")
    assert compare.status_code == 200
    assert len(compare.context["rows"]) == 8
    assert client.get(f"/indicators/scenarios/compare/?a={last.pk}&b=999999").status_code == 404

    export = client.get(f"/indicators/scenarios/{this.pk}/export/")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    sheet = book.worksheets[0]
    assert sheet.max_row == 9
    amounts = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(amounts) == 90_000_000
    method = book.worksheets[1]
    assert method["A1"].value == "'=HYPERLINK(\"x\")"  # neutralised, never a formula
