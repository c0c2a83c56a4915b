"""The shared rules of ``build_household`` (web form and importers alike): every problem found
at once, named by sheet, row and column, never quoting a value; typed columns as schema.py says."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from evidence.answers import BuiltHousehold, Problem, build_household, parse_date
from evidence.build_default_survey import ensure_default_survey
from evidence.schema import FLAG_ELIGIBLE_NOT_RECEIVING, WELFARE_BIT
from evidence.synthetic import households

TODAY = dt.date(2025, 8, 1)


def household(**changes: str) -> dict[str, str]:
    data = {"consent": "yes", "consent_date": "24/7/2568", "area_code": "51040101",
            "head_name": "นายลับ ที่สุด", "income_year": "1,200,000"}
    data.update(changes)
    return data


def person(**changes: str) -> dict[str, str]:
    data = {"sex": "male", "age": "40", "id_type": "thai_id", "welfare": "uc_gold_card"}
    data.update(changes)
    return data


def build(world: Any, hh: dict[str, str], members: list[dict[str, str]]) -> Any:
    return build_household(ensure_default_survey(), world.org, hh, members, entered_by=None,
                           submission_key="k-1", row=7, member_rows=[20 + i for i in
                                                                     range(len(members))],
                           today=TODAY)


def test_problems_name_sheet_row_and_column_without_values(world: Any) -> None:
    secret_id = "9999999999999"
    problems = build(world, household(area_code="99", income_year="lots"), [
        person(age="131", id_number=secret_id, sex="robot"),
        person(welfare="none ss33 teleport", bedridden="perhaps"),
    ])
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    found = {(p.sheet, p.row, p.column, p.code) for p in problems}
    assert found == {
        ("households", 7, "area_code", "unknown_area"),
        ("households", 7, "income_year", "invalid_income"),
        ("members", 20, "age", "invalid_age"),
        ("members", 20, "id_number", "invalid_thai_id"),
        ("members", 20, "sex", "unknown_choice"),
        ("members", 21, "welfare", "unknown_choice"),
        ("members", 21, "bedridden", "not_yes_no"),
    }
    text = " ".join(p.message for p in problems)
    for value in (secret_id, "robot", "teleport", "lots", "131"):
        assert value not in text


def test_consent_and_members_are_required(world: Any) -> None:
    problems = build(world, household(consent="no"), [])
    assert {p.code for p in problems} == {"consent_missing", "no_members"}


def test_no_id_is_fine_and_a_village_falls_back_to_its_sub_district(world: Any) -> None:
    built = build(world, household(), [person(id_type="none"), person(id_type="", age="8")])
    assert isinstance(built, BuiltHousehold)
    assert built.household.area.code == "510401"  # 51040101 is not a known village
    assert built.household.consent_date == dt.date(2025, 7, 24)  # 2568 B.E.
    assert built.household.income_year == 1_200_000
    assert "head_name" not in built.answers and built.identity["head_name"]
    assert built.answers["area_code"] == "51040101"


def test_eligible_but_not_receiving(world: Any) -> None:
    older = person(age="70", welfare="uc_gold_card")
    built = build(world, household(), [older])
    assert built.household.flags & FLAG_ELIGIBLE_NOT_RECEIVING
    older["welfare"] = "old_age_allowance state_welfare_card"
    built = build(world, household(), [older])
    assert not built.household.flags & FLAG_ELIGIBLE_NOT_RECEIVING
    assert built.household.state_welfare_card
    assert built.members[0].welfare == (WELFARE_BIT["old_age_allowance"]
                                        | WELFARE_BIT["state_welfare_card"])
    # A stateless older person cannot claim the old-age allowance: not "eligible".
    built = build(world, household(), [person(age="70", id_type="none", welfare="none")])
    assert not built.household.flags & FLAG_ELIGIBLE_NOT_RECEIVING


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-07-24", dt.date(2025, 7, 24)), ("2025-07-24T10:00:00+07:00", dt.date(2025, 7, 24)),
    ("24/7/2568", dt.date(2025, 7, 24)), ("๒๔/๗/๒๕๖๘", dt.date(2025, 7, 24)), ("", None)])
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_synthetic_households_all_pass_the_rules(world: Any) -> None:
    for row, members in households(200, seed=7):
        built = build(world, row, members)
        assert isinstance(built, BuiltHousehold), built
        assert built.household.members_count == len(members)
