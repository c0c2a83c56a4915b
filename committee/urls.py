from django.urls import path

from committee import views

app_name = "committee"
urlpatterns = [
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
]
