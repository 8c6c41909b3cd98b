from django.urls import path

from teilhabe.offers import views

app_name = "offers"

urlpatterns = [
    path("", views.offer_list, name="list"),
    path("neu/", views.offer_create, name="create"),
    path("<uuid:code>/", views.offer_edit, name="edit"),
    path("<uuid:code>/geprueft/", views.offer_reviewed, name="reviewed"),
    path("<uuid:code>/uebersetzung/<str:language>/", views.translation_edit, name="translation"),
    path("orte/neu/", views.location_create, name="location_create"),
    path("abdeckung/", views.coverage, name="coverage"),
    path("import/", views.offer_import, name="import"),
    path("import/<uuid:code>/einlesen/", views.offer_import_confirm, name="import_confirm"),
    path("uebersetzungen/", views.translation_files, name="translation_files"),
    path("anmeldungen/", views.registration_list, name="registrations"),
    path("anmeldungen/<uuid:code>/", views.registration_status, name="registration_status"),
]
