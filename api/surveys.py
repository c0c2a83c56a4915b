"""Surveys (XLSForm) as open data: titles, purposes, questions and choices.

Public: a survey's questions and the purpose told to households are no personal data. The
answers never appear here (households are in ``/households/``, for their collectors only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from pydantic import BaseModel, Field

from api.pagination import PageParams, paginate
from api.schemas import FieldErrors, Message
from evidence.models import Survey
from evidence.xlsform import SurveyDefinition

router = Router(tags=["surveys"])

ITEM_FIELDS = ("id", "slug", "title_th", "title_en", "form_id", "version", "is_default",
               "organisation_id", "organisation__name_th", "organisation__name_en",
               "retention_days", "created_at")


class ChoiceOut(BaseModel):
    name: str
    label_th: str
    label_en: str


class QuestionOut(BaseModel):
    name: str
    path: str = Field(description="Group names joined with `/`, as in Kobo and ODK exports.")
    type: str
    label_th: str
    label_en: str
    required: bool
    relevant: str = Field(description="The XLSForm condition for asking it, if any.")
    repeat: str = Field(description="The repeat group it belongs to (`members`), or empty.")
    choices: list[ChoiceOut]


class SurveyItem(BaseModel):
    slug: str
    title_th: str
    title_en: str
    form_id: str
    version: str
    is_default: bool = Field(description="Klang's own household survey.")
    organisation: str | None = Field(description="The organisation that uploaded it; empty "
                                                 "for surveys shipped with Klang.")
    retention_days: int
    created_at: dt.datetime
    url: str
    xlsform_url: str


class SurveyPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[SurveyItem]


class SurveyDetail(SurveyItem):
    purpose_th: str
    purpose_en: str
    repeats: list[str]
    questions: list[QuestionOut]


def survey_item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": row["slug"], "title_th": row["title_th"], "title_en": row["title_en"],
        "form_id": row["form_id"], "version": row["version"], "is_default": row["is_default"],
        "organisation": row["organisation__name_th"] if row["organisation_id"] else None,
        "retention_days": row["retention_days"], "created_at": row["created_at"],
        "url": f"/evidence/surveys/{row['slug']}/",
        "xlsform_url": f"/evidence/surveys/{row['slug']}/xlsform/",
    }


@router.get(
    "", response={200: SurveyPage, 400: FieldErrors}, url_name="surveys",
    summary="List surveys",
    description="Household surveys defined in XLSForm: Klang's default first, then surveys "
                "that organisations uploaded.",
)
def list_surveys(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    surveys = Survey.objects.order_by("-is_default", "title_th", "pk")
    return paginate(request, surveys, page,
                    lambda qs: [survey_item(row) for row in qs.values(*ITEM_FIELDS)])


@router.get(
    "{slug:slug}/", response={200: SurveyDetail, 404: Message}, url_name="survey",
    summary="One survey",
    description="Its purpose and every question with Thai and English labels and choices.",
)
def get_survey(request: HttpRequest, slug: str) -> dict[str, Any]:
    survey = get_object_or_404(Survey.objects.select_related("organisation"), slug=slug)
    row = {name: getattr(survey, name) for name in ITEM_FIELDS if "__" not in name}
    row["organisation__name_th"] = survey.organisation.name_th if survey.organisation else ""
    row["organisation__name_en"] = ""
    view = SurveyDefinition.from_json(survey.definition)
    return {
        **survey_item(row),
        "purpose_th": survey.purpose_th, "purpose_en": survey.purpose_en,
        "repeats": view.repeats,
        "questions": [{
            "name": q.name, "path": q.path, "type": q.type, "label_th": q.label_th,
            "label_en": q.label_en, "required": q.required, "relevant": q.relevant,
            "repeat": q.repeat,
            "choices": [{"name": c.name, "label_th": c.label_th, "label_en": c.label_en}
                        for c in q.choices],
        } for q in view.questions],
    }
