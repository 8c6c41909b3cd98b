from django.urls import path

from teilhabe.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<uuid:code>/", views.organisation_detail, name="detail"),
]
