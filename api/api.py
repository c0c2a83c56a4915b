"""Klang's JSON API, version 1. Schema at /api/v1/openapi.json, docs at /api/v1/docs.

Reads are public. Writes take an API token (``Authorization: Bearer <key>``) or a logged-in
session with its CSRF token (see ``api.auth``). Lists answer ``{"count", "next", "previous",
"results"}``; bad input answers 400 with field-level messages in the request's language.
The docs page is served from ninja's bundled Swagger UI files: no CDN, works offline.
"""

from ninja import NinjaAPI, Swagger

from api import errors
from api.areas import router as areas_router
from api.organisations import router as organisations_router

api = NinjaAPI(
    title="Klang API",
    version="1.0.0",
    description=(
        "Open data of Klang (พื้นที่กลาง): planning areas and the civil-society registry.\n\n"
        "Reads need no login. To register or change an organisation, create an API token on "
        "your account's API token page and send it as `Authorization: Bearer <key>`. Messages "
        "follow `Accept-Language` (Thai by default, `en` for English). Area data: Department "
        "of Provincial Administration via geothai (CC BY 4.0)."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    # validatorUrl: no call to validator.swagger.io; the page works offline.
    docs=Swagger(settings={"persistAuthorization": False, "validatorUrl": None}),
    openapi_extra={"tags": [
        {"name": "areas", "description": "Planning areas with their official DOPA codes."},
        {"name": "organisations", "description": "The civil-society registry."},
        {"name": "forums", "description": "Forums where people raise their needs."},
        {"name": "needs", "description": "Needs raised by organisations, forums and citizens."},
        {"name": "proposals",
         "description": "Proposals and their public timeline, from needs to results."},
        {"name": "calendar", "description": "The planning calendar: milestones of each plan "
         "type and fiscal year, and commitments due."},
        {"name": "bodies", "description": "Committees: seats, holders, vacancies and the "
         "vulnerable groups with no civil-society seat."},
        {"name": "agreements", "description": "Partnership agreements (MOUs, integrated action "
         "plans) between organisations and agencies, with their commitments."},
        {"name": "statistics", "description": "Household evidence as area statistics: verified "
         "records only, no cell below the suppression threshold, complementary suppression."},
        {"name": "surveys", "description": "Household surveys defined in XLSForm."},
        {"name": "households", "description": "Household records, only for members of the "
         "collecting organisation (and the data-protection officer); every read is audited."},
        {"name": "budget", "description": "Provincial and cluster budget lines, classified and "
         "linked to plan items and proposals."},
        {"name": "indicators", "description": "Area indicators and HAI-style composite indices."},
        {"name": "allocations", "description": "Budget allocation scenarios by area gap."},
        {"name": "funding", "description": "Funders, grants, community pilot funds and public "
         "pledge campaigns."},
    ]},
)
errors.install(api)
api.add_router("", areas_router)
api.add_router("", organisations_router)
api.add_router("/forums/", "api.forums.router")
api.add_router("/needs/", "api.needs.router")
api.add_router("/proposals/", "api.proposals.router")
api.add_router("/agreements/", "api.agreements.router")
api.add_router("/bodies/", "api.bodies.router")
api.add_router("/calendar/", "api.calendar.router")
api.add_router("/statistics/", "api.statistics.router")
api.add_router("/surveys/", "api.surveys.router")
api.add_router("/households/", "api.households.router")
api.add_router("/budget-lines/", "api.budget_lines.router")
api.add_router("", "api.indicators.router")        # /indicators/ and /indices/
api.add_router("/allocations/", "api.allocations.router")
api.add_router("", "api.funding.router")           # /funders/, /campaigns/, ...
