from django.urls import path

from teilhabe.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("haushalt/<uuid:code>/", views.line_detail, name="line"),
    path("bewilligungen/<uuid:code>/", views.commitment_detail, name="commitment"),
    path("stellen/", views.positions, name="positions"),
    path("stellen/<uuid:code>/", views.position_detail, name="position"),
    path("stellen/besetzung/<uuid:code>/ende/", views.occupancy_end, name="occupancy_end"),
    path("projekte/", views.projects, name="projects"),
    path("projekte/antrag/", views.project_apply, name="project_apply"),
    path("projekte/<uuid:code>/", views.project_detail, name="project"),
    path("projekte/<uuid:code>/bescheid.pdf", views.project_letter, name="project_letter"),
    path("dokumente/<uuid:code>/", views.document_download, name="document"),
]
