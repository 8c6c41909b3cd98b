from django.urls import path

from teilhabe.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.reports, name="list"),
    path("<uuid:code>/bericht.<str:fmt>", views.download, name="download"),
]
