from django.urls import path

from funding import views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("funders/<slug:slug>/", views.funder, name="funder"),
    path("funders/<slug:slug>/grants.xlsx", views.funder_export, name="funder_export"),
    path("grants/new/", views.grant_add, name="grant_add"),
    path("grants/<int:pk>/", views.grant, name="grant"),
    path("grants/<int:pk>/edit/", views.grant_edit, name="grant_edit"),
    path("pilots/new/", views.pilot_add, name="pilot_add"),
    path("pilots/<int:pk>/", views.pilot, name="pilot"),
    path("pilots/<int:pk>/edit/", views.pilot_edit, name="pilot_edit"),
    path("pilots/<int:pk>/payments/new/", views.disburse, name="disburse"),
    path("pilots/<int:pk>/reports/new/", views.report_add, name="report_add"),
    path("pilots/<int:pk>/reports/<int:report_id>/", views.report_file, name="report_file"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/new/", views.campaign_add, name="campaign_add"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/manage/", views.campaign_manage, name="campaign_manage"),
    path("pledges/<str:reference>/", views.pledge, name="pledge"),
]
