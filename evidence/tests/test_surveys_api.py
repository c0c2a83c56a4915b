"""The surveys API: a public, paginated list and each survey's questions."""

from __future__ import annotations

from typing import Any

from evidence.build_default_survey import ensure_default_survey
from evidence.models import Survey


def test_list_and_detail(client: Any, world: Any) -> None:
    ensure_default_survey()
    for number in range(3):
        Survey.objects.create(slug=f"custom-{number}", title_th=f"แบบ {number}",
                              organisation=world.org)
    answer = client.get("/api/v1/surveys/?limit=2").json()
    assert answer["count"] == 4 and len(answer["results"]) == 2 and answer["next"]
    first = answer["results"][0]
    assert first["slug"] == "household" and first["is_default"]
    assert first["organisation"] is None and first["xlsform_url"].endswith("/xlsform/")
    rest = client.get(answer["next"]).json()
    assert {s["organisation"] for s in rest["results"]} == {world.org.name_th}

    detail = client.get("/api/v1/surveys/household/").json()
    assert detail["repeats"] == ["members"] and detail["purpose_th"]
    age = next(q for q in detail["questions"] if q["name"] == "age")
    assert age["path"] == "members/age" and age["repeat"] == "members" and age["required"]
    welfare = next(q for q in detail["questions"] if q["name"] == "welfare")
    assert "state_welfare_card" in [c["name"] for c in welfare["choices"]]


def test_an_unknown_survey_is_404(client: Any, db: Any) -> None:
    assert client.get("/api/v1/surveys/nothing-here/").status_code == 404
    assert client.get("/evidence/surveys/nothing-here/").status_code == 404
