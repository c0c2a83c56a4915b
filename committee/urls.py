from django.urls import path

from committee import seat_views, views

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
    # composition, representation and nominations
    path("bodies/<int:pk>/composition/", seat_views.body_composition, name="composition"),
    path("bodies/<int:pk>/seats/", seat_views.seats, name="seats"),
    path("bodies/<int:pk>/seats/limits/", seat_views.seat_limits, name="seat_limits"),
    path("representation/<str:code>/", seat_views.representation, name="representation"),
    path("seats/<int:pk>/", seat_views.seat, name="seat"),
    path("seats/<int:pk>/terms/new/", seat_views.term_create, name="term_create"),
    path("seats/<int:pk>/nominate/", seat_views.nominate, name="nominate"),
    path("terms/<int:pk>/end/", seat_views.term_end, name="term_end"),
    path("nominations/<int:pk>/endorse/", seat_views.endorse, name="endorse"),
    path("nominations/<int:pk>/select/", seat_views.select, name="select"),
]
