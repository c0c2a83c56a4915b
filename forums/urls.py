from django.urls import path

from forums import views

app_name = "forums"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
