from django.urls import path

from teilhabe.housing import views

app_name = "housing"

urlpatterns = [
    path("unterkuenfte/", views.accommodations, name="accommodations"),
    path("unterkuenfte/neu/", views.accommodation_edit, name="accommodation_add"),
    path("unterkuenfte/<uuid:code>/", views.accommodation, name="accommodation"),
    path(
        "unterkuenfte/<uuid:code>/bearbeiten/",
        views.accommodation_edit,
        name="accommodation_edit",
    ),
    path("pruefliste/", views.review, name="review"),
    path("kennzahlen/", views.figures, name="figures"),
    path("person/<uuid:code>/", views.person, name="person"),
    path("person/<uuid:code>/titel/", views.title_add, name="title_add"),
    path("person/<uuid:code>/leistungen/", views.benefit_add, name="benefit_add"),
    path("person/<uuid:code>/wohnsitzauflage/", views.obligation_add, name="obligation_add"),
    path("person/<uuid:code>/asylverfahren/", views.procedure_add, name="procedure_add"),
    path("person/<uuid:code>/wohnen/", views.stay_add, name="stay_add"),
    path("asylverfahren/<uuid:code>/", views.procedure_edit, name="procedure_edit"),
    path("wohnsitzauflage/<uuid:code>/aufheben/", views.obligation_lift, name="obligation_lift"),
    path("aufenthalt/<uuid:code>/auszug/", views.stay_end, name="stay_end"),
    path("haushalt/<uuid:code>/umzug/", views.move, name="move"),
    path("haushalt/<uuid:code>/wohnungssuche/", views.flat_search, name="flat_search"),
    path(
        "haushalt/<uuid:code>/vermieterbestaetigung.pdf",
        views.landlord_pdf,
        name="landlord_pdf",
    ),
]
