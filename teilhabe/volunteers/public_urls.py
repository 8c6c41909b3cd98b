from django.urls import path

from teilhabe.volunteers import public_views as views

app_name = "volunteering"

urlpatterns = [
    path("<str:lang>/", views.register, name="register"),
    path("<str:lang>/danke/", views.registered, name="registered"),
    path("<str:lang>/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("<str:lang>/antwort/<str:token>/", views.answer, name="answer"),
    path("<str:lang>/stunden/<str:token>/", views.hours, name="hours"),
]
