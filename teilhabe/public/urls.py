from django.urls import path

from teilhabe.public import views

app_name = "public"

urlpatterns = [
    path("", views.root, name="root"),
    path("<str:lang>/", views.finder, name="finder"),
    path("<str:lang>/kalender.ics", views.search_ics, name="search_ics"),
    path("<str:lang>/<uuid:code>/", views.offer, name="offer"),
    path("<str:lang>/<uuid:code>/kalender.ics", views.offer_ics, name="offer_ics"),
    path("<str:lang>/<uuid:code>/anmelden/", views.register, name="register"),
]
