"""Households told their survey's own purpose keep it blank (Household.purpose_told reads the
survey's): the same text was stored in every row."""

from typing import Any

from django.db import migrations


def blank_survey_purposes(apps: Any, schema_editor: Any) -> None:
    Household = apps.get_model("evidence", "Household")
    Survey = apps.get_model("evidence", "Survey")
    for survey in Survey.objects.all():
        own = [text for text in (survey.purpose_th, survey.purpose_en) if text]
        Household.objects.filter(survey=survey, consent_purpose__in=own).update(
            consent_purpose="")


def restore_survey_purposes(apps: Any, schema_editor: Any) -> None:
    Household = apps.get_model("evidence", "Household")
    Survey = apps.get_model("evidence", "Survey")
    for survey in Survey.objects.all():
        Household.objects.filter(survey=survey, consent_purpose="").update(
            consent_purpose=survey.purpose_th or survey.purpose_en)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0004_lean_indexes")]

    operations = [migrations.RunPython(blank_survey_purposes, restore_survey_purposes)]
