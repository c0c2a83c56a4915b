from django.urls import path

from areas import views

app_name = "areas"
urlpatterns = [
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/villages/new/", views.add_village, name="add_village"),
]
