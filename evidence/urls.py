"""Household evidence pages; each part of the app keeps its own URL list beside its views."""

from evidence.views import households, imports, privacy, statistics, surveys, verification

app_name = "evidence"
urlpatterns = [
    *surveys.urlpatterns,
    *imports.urlpatterns,
    *households.urlpatterns,
    *verification.urlpatterns,
    *privacy.urlpatterns,
    *statistics.urlpatterns,
]
