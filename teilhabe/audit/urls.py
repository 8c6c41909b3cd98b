from django.urls import path

from teilhabe.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("person/<uuid:code>/", views.person, name="person"),
]
