from django.urls import path

from monitoring import views as monitoring_views
from planning import pulse_views, views

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/fund/", views.fund, name="fund"),
    path("items/<int:pk>/start/", views.start, name="start"),
    path("items/<int:pk>/finish/", views.finish, name="finish"),
    # Results (the monitoring app) live under the plan item they report on.
    path("items/<int:pk>/progress/", monitoring_views.progress, name="progress"),
    path("progress/<int:pk>/photo/", monitoring_views.photo, name="progress_photo"),
    # The planning pulse (calendar) of a province or district, its feeds and following it.
    path("pulse/<str:code>/", pulse_views.pulse, name="pulse"),
    path("pulse/<str:code>/calendar.ics", pulse_views.feed, name="pulse_ics"),
    path("pulse/<str:code>/<slug:plan_type>.ics", pulse_views.feed, name="pulse_type_ics"),
    path("pulse/<str:code>/follow/", pulse_views.follow, name="pulse_follow"),
    path("pulse/<str:code>/<slug:plan_type>/<int:year>/dates/", pulse_views.cycle_dates,
         name="cycle_dates"),
    path("<str:code>/", views.plan, name="plan"),
]
