from django.urls import path

from teilhabe.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("fristen/", views.deadlines, name="deadlines"),
    path("termine.ics", views.calendar, name="calendar"),
    path("personen/", views.search, name="search"),
    path("neu/", views.register, name="register"),
    path("haushalt/<uuid:code>/", views.household, name="household"),
    path("haushalt/<uuid:code>/person/", views.member_add, name="member_add"),
    path("person/<uuid:code>/", views.person, name="person"),
    path("person/<uuid:code>/bearbeiten/", views.person_edit, name="person_edit"),
    path("person/<uuid:code>/meilenstein/", views.milestone_set, name="milestone_set"),
    path("person/<uuid:code>/zusammenfuehren/", views.merge, name="merge"),
    path("person/<uuid:code>/einwilligung/", views.consent_add, name="consent_add"),
    path("person/<uuid:code>/auskunft.json", views.export_json, name="export_json"),
    path("person/<uuid:code>/auskunft.pdf", views.export_pdf, name="export_pdf"),
    path("person/<uuid:code>/einwilligung.pdf", views.consent_pdf, name="consent_pdf"),
    path("einwilligung/<uuid:code>/widerrufen/", views.consent_revoke, name="consent_revoke"),
    path("fall/<uuid:code>/", views.case, name="case"),
    path("fall/<uuid:code>/notiz/", views.note_add, name="note_add"),
    path("fall/<uuid:code>/huerde/", views.barrier_add, name="barrier_add"),
    path("fall/<uuid:code>/frist/", views.deadline_add, name="deadline_add"),
    path("fall/<uuid:code>/termin/", views.appointment_add, name="appointment_add"),
    path("fall/<uuid:code>/dokument/", views.document_add, name="document_add"),
    path("fall/<uuid:code>/abschliessen/", views.case_close, name="case_close"),
    path("fall/<uuid:code>/weitergabe/", views.grant_add, name="grant_add"),
    path("frist/<uuid:code>/erledigt/", views.deadline_done, name="deadline_done"),
    path("dokument/<uuid:code>/", views.document, name="document"),
    path("weitergabe/<uuid:code>/widerrufen/", views.grant_revoke, name="grant_revoke"),
]
