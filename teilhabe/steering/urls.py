from django.urls import path

from teilhabe.steering import views

app_name = "steering"

urlpatterns = [
    path("vermittlungen/", views.referrals, name="referrals"),
    path("<slug:topic>/download/", views.export, name="export"),
]
