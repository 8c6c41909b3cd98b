from django.urls import path

from teilhabe.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.start, name="start"),
]
