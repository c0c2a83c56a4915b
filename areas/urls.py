from django.urls import path

from areas import views

app_name = "areas"
urlpatterns = [
    path("<str:code>/", views.detail, name="detail"),
]
