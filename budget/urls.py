from django.urls import path

from budget import views

app_name = "budget"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_lines, name="import"),
    path("import/template.xlsx", views.import_template, name="template"),
    path("lines/<int:pk>/", views.line_detail, name="line"),
    path("lines/<int:pk>/edit/", views.edit_line, name="edit_line"),
    path("<str:code>/", views.province_latest, name="province_latest"),
    path("<str:code>/<int:year>/", views.province_year, name="province"),
    path("<str:code>/<int:year>/lines/", views.line_list, name="lines"),
    path("<str:code>/<int:year>/lines.xlsx", views.export_lines, name="export_lines"),
    path("<str:code>/<int:year>/summary.xlsx", views.export_summary, name="export_summary"),
    path("<str:code>/<int:year>/classify/", views.classify, name="classify"),
]
