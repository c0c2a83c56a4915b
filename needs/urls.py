from django.urls import path

from needs import views

app_name = "needs"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
