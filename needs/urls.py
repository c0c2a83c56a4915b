from django.urls import path

from needs import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.create, name="create"),
    path("queue/<str:province_code>/", views.queue, name="queue"),
    path("merge/", views.merge, name="merge"),
    path("synthesise/", views.synthesise, name="synthesise"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("<int:pk>/split/", views.split, name="split"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
]
