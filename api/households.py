"""Household records, for the collecting organisation's members (and the DPO) only.

Both endpoints need an API token or a logged-in session (401 without); what a caller sees goes
through ``Household.objects.visible_to``, so someone else's household is absent from the list
and its URL answers 404, exactly as if it did not exist. No identifying field (name, ID
number, phone, address, GPS) is ever in the API: they are only on the audited web page and in
the audited subject-access export. Every read is audited, one event per household listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from api.auth import write_auth
from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import AreaRef, FieldErrors, Message
from areas.services import resolve, unknown_area_message
from evidence import privacy, schema
from evidence.models import Household, HouseholdStatus, Person

router = Router(tags=["households"])

ITEM_FIELDS = (
    "id", "pseudonym", "organisation_id", "survey__slug", "status", "collected_on",
    "consent_given", "consent_withdrawn_at", "members_count", "deprivations", "flags",
    "groups", "state_welfare_card", "income_year", "is_synthetic", "created_at",
    "updated_at", "area__code", "area__level", "area__name_th", "area__name_en",
)


class HouseholdItem(BaseModel):
    pseudonym: str = Field(description="The household's pseudonymous ID.")
    organisation: int = Field(description="Id of the collecting organisation.")
    survey: str = Field(description="Slug of the survey.")
    area: AreaRef
    status: str = Field(description="draft, submitted or verified.")
    collected_on: dt.date | None
    consent_given: bool
    consent_withdrawn: bool = Field(description="Withdrawn: counts in no statistic.")
    members_count: int
    failed_indicators: list[str] = Field(description="TPMAP indicators not met, e.g. bmn_05.")
    flags: list[str] = Field(description="Vulnerability flags.")
    groups: list[str] = Field(description="Target groups present (slugs).")
    state_welfare_card: bool
    income_year: int | None = Field(description="Household income a year, baht.")
    is_synthetic: bool = Field(description="Made-up demonstration data.")
    created_at: dt.datetime
    updated_at: dt.datetime
    url: str = Field(description="The household's page (audited; names on request there).")


class HouseholdPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[HouseholdItem]


class MemberOut(BaseModel):
    position: int
    sex: str
    age: int | None
    id_type: str = Field(description="thai_id, other_card or none (never the number).")
    thai_id_checked: bool
    disability: bool
    chronic_illness: bool
    bedridden: bool
    has_carer: bool | None
    ethnicity: str
    welfare: list[str]
    in_school: bool | None
    works: bool | None
    income_year: int | None


class HouseholdDetail(HouseholdItem):
    consent_purpose: str
    consent_date: dt.date | None
    answers: dict[str, Any] = Field(description="Other answers (never identifying ones).")
    members: list[MemberOut]


def reader(request: HttpRequest) -> Any:
    return request.auth


def household_url(pseudonym: str) -> str:
    return f"/evidence/households/{pseudonym}/"


def item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "pseudonym": row["pseudonym"], "organisation": row["organisation_id"],
        "survey": row["survey__slug"],
        "area": {"code": row["area__code"], "level": row["area__level"],
                 "name_th": row["area__name_th"], "name_en": row["area__name_en"]},
        "status": row["status"], "collected_on": row["collected_on"],
        "consent_given": row["consent_given"],
        "consent_withdrawn": row["consent_withdrawn_at"] is not None,
        "members_count": row["members_count"],
        "failed_indicators": [i.code for i in schema.TPMAP_INDICATORS
                              if row["deprivations"] & i.bit],
        "flags": [code for code, bit, _label in schema.FLAGS if row["flags"] & bit],
        "groups": [code for code, bit in schema.GROUPS if row["groups"] & bit],
        "state_welfare_card": row["state_welfare_card"], "income_year": row["income_year"],
        "is_synthetic": row["is_synthetic"], "created_at": row["created_at"],
        "updated_at": row["updated_at"], "url": household_url(row["pseudonym"]),
    }


def member(person: Person) -> dict[str, Any]:
    out = privacy.person_record(person)
    out.pop("answers", None)  # member answers may hold free text; the web page shows them
    return out


@router.get(
    "/", auth=write_auth, response={200: HouseholdPage, 400: FieldErrors, 401: Message},
    url_name="households", summary="List household records",
    description=(
        "The household records you may see: those collected by your organisations (or all, "
        "for the data-protection officer). No names, ID numbers, phone numbers, addresses "
        "or GPS positions. Every household listed is written to the audit log. Filter by "
        "`area` (a code: the area and everything below it), `status` and `survey` (slug)."
    ),
)
def list_households(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 5104 (Li)."),
    status: str | None = Query(None, description="draft, submitted or verified."),
    survey: str | None = Query(None, description="Survey slug."),
) -> dict[str, Any]:
    user = reader(request)
    households = Household.objects.visible_to(user)
    if area:
        found = resolve(area.strip())
        if found is None:
            raise InvalidFields({"area": unknown_area_message(area.strip())})
        households = households.filter(found.subtree_q("area__"))
    if status:
        if status not in HouseholdStatus.values:
            raise InvalidFields({"status": _("Choose one of: %(choices)s.") % {
                "choices": ", ".join(HouseholdStatus.values)}})
        households = households.filter(status=status)
    if survey:
        households = households.filter(survey__slug=survey)

    def rows(window: Any) -> list[dict[str, Any]]:
        found = list(window.values(*ITEM_FIELDS))
        privacy.record_list_view(user, found, channel="api")
        return [item(row) for row in found]

    return paginate(request, households.order_by("-created_at", "-id"), page, rows)


@router.get(
    "/{pseudonym}/", auth=write_auth, response={200: HouseholdDetail, 401: Message, 404: Message},
    url_name="household", summary="One household record",
    description=(
        "Typed data, answers and members, without any identifying field. Answers 404 to "
        "anyone outside the collecting organisation (and the data-protection officer). The "
        "read is written to the audit log."
    ),
)
def get_household(request: HttpRequest, pseudonym: str) -> dict[str, Any]:
    user = reader(request)
    visible = Household.objects.visible_to(user).filter(pseudonym=pseudonym)
    found = list(visible.values(*ITEM_FIELDS, "consent_purpose", "consent_date", "answers",
                                "survey__purpose_th", "survey__purpose_en"))
    if not found:
        raise HttpError(404, _("Not found."))
    row = found[0]
    household = Household.objects.only("pk", "pseudonym", "organisation_id").get(pk=row["id"])
    privacy.record_view(user, household, identifying=False, channel="api")
    detail = item(row)
    detail.update(
        consent_purpose=(row["consent_purpose"] or row["survey__purpose_th"]
                         or row["survey__purpose_en"]),
        consent_date=row["consent_date"],
        answers={k: v for k, v in (row["answers"] or {}).items()
                 if k not in schema.IDENTIFYING_HOUSEHOLD},
        members=[member(p) for p in Person.objects.filter(household_id=row["id"])
                 .order_by("position")],
    )
    return detail
