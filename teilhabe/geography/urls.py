from django.urls import path

from teilhabe.geography import views

app_name = "geography"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("bezirk/<uuid:code>/", views.borough, name="borough"),
]
