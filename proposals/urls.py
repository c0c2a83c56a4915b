from django.urls import path

from proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/transition/", views.move, name="transition"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("comments/<int:pk>/report/", views.report_comment, name="report_comment"),
    path("comments/<int:pk>/hide/", views.hide_comment, name="hide_comment"),
]
