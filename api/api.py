"""Klang's JSON API, version 1. Schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Klang API",
    version="1.0.0",
    description="Open data of Klang (พื้นที่กลาง): planning areas and the civil-society registry.",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
