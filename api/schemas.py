"""The API's request and response shapes (they also make the OpenAPI schema).

Responses are plain pydantic models: the endpoints hand them dictionaries built from
``values()``, and plain models validate those without ninja's per-object attribute resolver.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

# --- errors ----------------------------------------------------------------------------------


class Message(BaseModel):
    detail: str


class FieldError(BaseModel):
    field: str = Field(description="The request field, e.g. `home_area` or `areas.1`.")
    message: str = Field(description="What is wrong, in the request's language.")


class FieldErrors(BaseModel):
    detail: list[FieldError]


# --- areas -----------------------------------------------------------------------------------


class AreaRef(BaseModel):
    code: str
    level: str
    name_th: str
    name_en: str


class AreaItem(AreaRef):
    parent_code: str | None = None
    region_code: str | None = None
    cluster_code: str | None = None
    province_code: str | None = None
    district_code: str | None = None


class AreaPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[AreaItem]


class AreaAliasOut(BaseModel):
    code: str
    level: str
    name_th: str
    name_en: str
    abolished_on: dt.date | None


class AreaDetail(AreaItem):
    parent: AreaRef | None
    children: list[AreaRef]
    aliases: list[AreaAliasOut] = Field(
        description="Abolished codes that now resolve to this area."
    )


class AbolishedArea(BaseModel):
    detail: str
    successors: list[AreaRef]


# --- organisations ---------------------------------------------------------------------------


class OrganisationRef(BaseModel):
    id: int
    name_th: str
    url: str = Field(description="The organisation's public profile page.")


class OrganisationItem(BaseModel):
    id: int
    name_th: str
    name_en: str
    short_name: str
    org_type: str
    registration_status: str
    home_area: AreaRef
    target_groups: list[str] = Field(description="Slugs of the target groups served.")
    issue_areas: list[str] = Field(description="Slugs of the issue areas.")
    verified: bool = Field(description="Verified by the provincial office.")
    url: str = Field(description="The organisation's public profile page.")


class OrganisationPage(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[OrganisationItem]


class PublicContact(BaseModel):
    name: str
    position: str
    phone: str
    email: str
    line_id: str


class OrganisationDetail(OrganisationItem):
    description: str
    registration_number: str
    founded_year: int | None
    areas: list[AreaRef] = Field(description="Areas covered.")
    networks: list[OrganisationRef] = Field(description="Networks it is a member of.")
    website: str
    email: str = Field(description="Public e-mail.")
    phone: str = Field(description="Public phone.")
    contacts: list[PublicContact] = Field(
        description="Contacts who agreed to be shown publicly; no other personal data."
    )
    verified_at: dt.datetime | None
    updated_at: dt.datetime


class Duplicate(BaseModel):
    detail: str
    existing: list[OrganisationRef]


class OrganisationChange(BaseModel):
    """Fields of an organisation a coordinator may set. Omitted fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name_th: str | None = Field(None, max_length=255, description="Thai name.")
    name_en: str | None = Field(None, max_length=255)
    short_name: str | None = Field(None, max_length=50)
    org_type: str | None = Field(None, description="One of the organisation types, e.g. `cso`.")
    registration_status: str | None = Field(None, description="e.g. `unregistered`, `codi`.")
    registration_number: str | None = Field(None, max_length=50)
    founded_year: int | None = Field(None, description="Year founded, Buddhist Era.")
    home_area: str | None = Field(None, description="Area code where it is based (province "
                                                    "or below), e.g. `51` or `5104`.")
    areas: list[str] | None = Field(None, description="Codes of the areas covered; defaults "
                                                      "to the home area.")
    target_groups: list[str] | None = Field(None, description="Target-group slugs.")
    issue_areas: list[str] | None = Field(None, description="Issue-area slugs.")
    description: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = Field(None, max_length=50)
    networks: list[int] | None = Field(None, description="Ids of networks it belongs to.")
    confirm_different: bool = Field(
        False, description="Set to true after a 409 to confirm that this is a different "
                           "organisation from the one with the same name in the province.",
    )


class OrganisationCreate(OrganisationChange):
    name_th: str = Field(..., max_length=255, description="Thai name (required).")
    home_area: str = Field(..., description="Area code where it is based (province or below).")
