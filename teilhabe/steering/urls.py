from django.urls import path

from teilhabe.steering import views

app_name = "steering"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("meilensteine/", views.milestones, name="milestones"),
    path("vermittlungen/", views.referrals, name="referrals"),
    path("angebote/", views.coverage, name="coverage"),
    path("geld/", views.money_view, name="money"),
    path("stellen/", views.positions, name="positions"),
    path("huerden/", views.barriers_view, name="barriers"),
    path("<slug:topic>/download/", views.export, name="export"),
]
