from django.urls import path

from committee import views

app_name = "committee"
urlpatterns = [
    path("", views.index, name="index"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body, name="body"),
    path("bodies/<int:pk>/members/", views.add_member, name="add_member"),
    path("bodies/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/agenda/", views.add_to_agenda, name="add_to_agenda"),
    path("meetings/<int:pk>/decide/", views.decide, name="decide"),
    path("meetings/<int:pk>/brief/", views.brief, name="brief"),
]
