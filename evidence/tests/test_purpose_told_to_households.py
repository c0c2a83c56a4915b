"""The purpose of collection a household was told is its survey's, stored once on the survey;
a household keeps its own words only when they differ (a correction). Every place that shows
the purpose shows the one the household was told."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evidence.tests.access_privacy import make_household, make_survey
from evidence.tests.test_privacy_correct_a_household import form_data

pytestmark = pytest.mark.django_db

PURPOSE = "ใช้วางแผนช่วยเหลือผู้สูงอายุติดเตียงในตำบล"


def test_a_household_told_the_survey_purpose_shows_it_everywhere(client: Any,
                                                                 world: Any) -> None:
    household = make_household(world, survey=make_survey(purpose_th=PURPOSE),
                               consent_purpose="")
    assert household.purpose_told == PURPOSE
    world.login(client, "cso_member")
    page = client.get(f"/evidence/households/{household.pseudonym}/").content.decode()
    assert PURPOSE in page
    api = client.get(f"/api/v1/households/{household.pseudonym}/").json()
    assert api["consent_purpose"] == PURPOSE
    exported = client.post(f"/evidence/households/{household.pseudonym}/export/",
                           {"reason": "เจ้าของข้อมูลขอสำเนา", "file_format": "json"})
    assert json.loads(exported.content)["consent"]["purpose"] == PURPOSE


def test_a_correction_keeps_other_words_and_drops_the_survey_words(client: Any,
                                                                   world: Any) -> None:
    household = make_household(world, survey=make_survey(purpose_th=PURPOSE),
                               consent_purpose="")
    world.login(client, "cso_member")
    url = f"/evidence/households/{household.pseudonym}/correct/"
    data = form_data(client.get(url))
    assert data["consent_purpose"] == PURPOSE   # the form shows what the household was told
    data.update({"reason": "แก้ตามที่แจ้งจริง", "consent_purpose": "ทำแผนน้ำประปาหมู่บ้าน"})
    assert client.post(url, data).status_code == 302
    household.refresh_from_db()
    assert household.consent_purpose == "ทำแผนน้ำประปาหมู่บ้าน"
    data = form_data(client.get(url))
    data.update({"reason": "กลับเป็นข้อความของแบบสำรวจ", "consent_purpose": PURPOSE})
    assert client.post(url, data).status_code == 302
    household.refresh_from_db()
    assert household.consent_purpose == ""
    assert household.purpose_told == PURPOSE


def test_the_survey_purpose_cannot_change_under_its_households(world: Any) -> None:
    survey = make_survey(purpose_th=PURPOSE)
    survey.purpose_en = "Planning care for bedridden older people"
    survey.save()   # no household yet: allowed
    make_household(world, survey=survey, consent_purpose="")
    survey.purpose_th = "ข้อความใหม่"
    with pytest.raises(ValueError, match="purpose"):
        survey.save()
    survey.refresh_from_db()
    assert survey.purpose_th == PURPOSE
    survey.title_en = "Renamed survey"
    survey.save()   # other fields may change
