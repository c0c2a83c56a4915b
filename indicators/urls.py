from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("import/", views.import_values, name="import"),
    path("import/evidence/", views.import_evidence, name="import_evidence"),
    path("indices/", views.index_list, name="index_list"),
    path("indices/new/", views.index_new, name="index_new"),
    path("indices/<int:pk>/", views.index_detail, name="index_detail"),
    path("indices/<int:pk>/export/", views.index_export, name="index_export"),
    path("scenarios/", views.scenario_list, name="scenario_list"),
    path("scenarios/new/", views.scenario_new, name="scenario_new"),
    path("scenarios/compare/", views.scenario_compare, name="scenario_compare"),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("scenarios/<int:pk>/export/", views.scenario_export, name="scenario_export"),
    # Last: an indicator's code is a slug and must not shadow the pages above.
    path("<slug:code>/", views.indicator_detail, name="detail"),
]
