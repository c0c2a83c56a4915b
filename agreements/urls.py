from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_id>/", views.document, name="document"),
    path("<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("commitments/<int:pk>/follow/", views.follow, name="follow"),
]
