"""Klang's default household survey: the shipped XLSForm parses, asks every canonical question
under its canonical name, starts with consent, and is installed as the default survey."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from evidence.build_default_survey import OUTPUT, build, ensure_default_survey
from evidence.schema import (
    HOUSEHOLD_QUESTIONS,
    ID_TYPES,
    MEMBERS_GROUP,
    PERSON_QUESTIONS,
    TPMAP_INDICATORS,
    WELFARE,
)
from evidence.xlsform import SurveyDefinition, parse


@pytest.fixture(scope="module")
def shipped() -> Any:
    return parse(OUTPUT.read_bytes())


def test_every_canonical_question_is_asked_under_its_name(shipped: Any) -> None:
    survey = shipped.survey
    assert survey.form_id == "klang_household"
    assert survey.repeats == [MEMBERS_GROUP]
    present, missing = survey.canonical_coverage()
    assert missing == []
    assert {q.name for q in survey.household_questions} >= set(HOUSEHOLD_QUESTIONS)
    members = {q.name for q in survey.questions if q.repeat == MEMBERS_GROUP}
    assert members >= set(PERSON_QUESTIONS)
    assert survey.question("age", MEMBERS_GROUP).path == "members/age"


def test_consent_comes_first_and_gates_the_rest(shipped: Any) -> None:
    questions = shipped.survey.questions
    assert questions[0].name == "consent" and questions[0].required
    for question in questions[1:]:
        if not question.repeat:
            assert "${consent} = 'yes'" in question.relevant, question.name


def test_choices_are_the_schema_codes(shipped: Any) -> None:
    survey = shipped.survey
    welfare = survey.question("welfare", MEMBERS_GROUP)
    assert welfare.is_multiple
    assert [c.name for c in welfare.choices] == [code for code, _ in WELFARE] + ["none"]
    assert [c.name for c in survey.question("id_type").choices] == [c for c, _ in ID_TYPES]
    id_number = survey.question("id_number")
    assert id_number.relevant == "${id_type} = 'thai_id'" and not id_number.required
    assert survey.question("has_carer").relevant == "${bedridden} = 'yes'"
    assert not survey.question("ethnicity").required
    for indicator in TPMAP_INDICATORS:
        question = survey.question(indicator.code)
        assert [c.name for c in question.choices] == ["yes", "no", "na"]


def test_labels_are_thai_first_and_match_the_indicator_texts(shipped: Any) -> None:
    survey = shipped.survey
    assert survey.default_language == "Thai (th)"
    with translation.override("en"):
        for indicator in TPMAP_INDICATORS:
            question = survey.question(indicator.code)
            assert question.label_en == str(indicator.label)
            assert question.label_th and question.label_th != question.label_en


def test_the_build_script_makes_the_shipped_file(tmp_path: Any, shipped: Any) -> None:
    rebuilt = parse(build(tmp_path / "again.xlsx").read_bytes())
    assert rebuilt.definition == shipped.definition


def test_the_migration_installed_it_as_the_default(db: Any) -> None:
    survey = ensure_default_survey()
    assert survey.is_default and survey.organisation is None
    assert survey.purpose_th and survey.purpose_en
    view = SurveyDefinition.from_json(survey.definition)
    assert view.question("consent") is not None
    assert ensure_default_survey().pk == survey.pk  # installed once
