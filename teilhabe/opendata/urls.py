from django.urls import path

from teilhabe.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.jsonld", views.catalogue, name="catalogue"),
    path("veroeffentlichen/", views.publish, name="publish"),
    path("<path:path>", views.file, name="file"),
]
