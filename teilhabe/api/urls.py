from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from teilhabe.api import views
from teilhabe.api.hsds import views as hsds_views

app_name = "api"

urlpatterns = [
    path("offers/", views.OfferList.as_view(), name="offer-list"),
    path("offers/<uuid:id>/", views.OfferDetail.as_view(), name="offer-detail"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation-list"),
    path(
        "organisations/<uuid:id>/", views.OrganisationDetail.as_view(), name="organisation-detail"
    ),
    path("locations/", views.LocationList.as_view(), name="location-list"),
    path("locations/<uuid:id>/", views.LocationDetail.as_view(), name="location-detail"),
    path("taxonomy/", views.CategoryList.as_view(), name="taxonomy"),
    re_path(r"^hsds/?$", hsds_views.Root.as_view(), name="hsds-root"),
    path("hsds/", include("teilhabe.api.hsds.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.swagger, name="docs"),
    path("redoc/", views.redoc, name="redoc"),
]
