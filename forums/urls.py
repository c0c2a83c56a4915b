from django.urls import path

from forums import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("new/", views.create, name="create"),
    path("ics/<str:area_code>/", views.calendar, name="calendar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/<int:participant_id>/delete/", views.participant_delete,
         name="participant-delete"),
    path("<int:pk>/files/new/", views.file_upload, name="file-upload"),
    path("<int:pk>/files/<int:file_id>/", views.file_download, name="file"),
    path("<int:pk>/files/<int:file_id>/delete/", views.file_delete, name="file-delete"),
]
