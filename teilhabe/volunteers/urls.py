from django.urls import path

from teilhabe.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("anfragen/", views.request_list, name="requests"),
    path("anfragen/neu/", views.request_new, name="request_new"),
    path("anfragen/neu/<uuid:case_code>/", views.request_new_for_case, name="request_new_for_case"),
    path("anfragen/sprachmittlung/", views.booking_new, name="booking_new"),
    path("anfragen/<uuid:code>/", views.request_detail, name="request_detail"),
    path("anfragen/<uuid:code>/fragen/", views.request_ask, name="request_ask"),
    path("anfragen/<uuid:code>/zurueckziehen/", views.request_cancel, name="request_cancel"),
    path("anfragen/<uuid:code>/bestaetigen/", views.booking_confirm, name="booking_confirm"),
    path("ehrenamtskarte/", views.card, name="card"),
    path("sprachmittlung/auszahlung/", views.payouts, name="payouts"),
    path("kennzahlen/", views.figures_page, name="figures"),
    path("<uuid:code>/", views.volunteer_detail, name="detail"),
    path("<uuid:code>/bearbeiten/", views.volunteer_edit, name="edit"),
    path("<uuid:code>/schulung/", views.training_add, name="training_add"),
    path("<uuid:code>/nachweis/", views.requirement_add, name="requirement_add"),
    path("<uuid:code>/stunden/", views.hours_add, name="hours_add"),
    path("<uuid:code>/ehrenamtsnachweis.pdf", views.certificate, name="certificate"),
    path("<uuid:code>/ehrenamtskarte.pdf", views.card_confirmation, name="card_confirmation"),
]
