from django.urls import path

from monitoring import views as monitoring_views
from planning import views

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
    path("<str:code>/", views.plan, name="plan"),
]
