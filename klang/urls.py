"""Klang's URLs. Each app owns its own; the API lives under /api/v1/."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from api.api import api

admin.site.site_header = "Klang — พื้นที่กลาง"
admin.site.site_title = "Klang"

urlpatterns = [
    path("", include("portal.urls")),
    path("areas/", include("areas.urls")),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("orgs.urls")),
    path("forums/", include("forums.urls")),
    path("needs/", include("needs.urls")),
    path("proposals/", include("proposals.urls")),
    path("committee/", include("committee.urls")),
    path("plan/", include("planning.urls")),
    path("notifications/", include("notifications.urls")),
    path("agreements/", include("agreements.urls")),
    path("evidence/", include("evidence.urls")),
    path("audit/", include("audit.urls")),
    path("indicators/", include("indicators.urls")),
    path("budget/", include("budget.urls")),
    path("funding/", include("funding.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
