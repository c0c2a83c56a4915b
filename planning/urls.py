from django.urls import path

from planning import views

app_name = "planning"
urlpatterns = [
    path("items/<int:pk>/", views.item, name="item"),
]
