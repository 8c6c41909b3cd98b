"""HSDS 3.0 paths, each with and without a trailing slash (the official document has none;
the rest of ``/api/v1/`` has one). Included by :mod:`teilhabe.api.urls` under ``hsds/``; the root (``hsds``, ``hsds/``) is
declared there."""

from django.urls import re_path

from teilhabe.api.hsds import views

ID = r"(?P<id>[^/]+)"


def _both(route: str, view, name: str):
    """``route`` answers with and without a trailing slash (one pattern, one name)."""
    return re_path(rf"^{route}/?$", view.as_view(), name=name)


urlpatterns = [
    _both("openapi.json", views.OpenApiDocument, "hsds-openapi"),
    _both("services", views.ServiceList, "hsds-services"),
    _both(f"services/{ID}", views.ServiceDetail, "hsds-service"),
    _both("service_at_locations", views.ServiceAtLocationList, "hsds-service-at-locations"),
    _both(f"service_at_locations/{ID}", views.ServiceAtLocationDetail, "hsds-service-at-location"),
    _both("organizations", views.OrganizationList, "hsds-organizations"),
    _both(f"organizations/{ID}", views.OrganizationDetail, "hsds-organization"),
    _both("taxonomies", views.TaxonomyList, "hsds-taxonomies"),
    _both(f"taxonomies/{ID}", views.TaxonomyDetail, "hsds-taxonomy"),
    _both("taxonomy_terms", views.TaxonomyTermList, "hsds-taxonomy-terms"),
    _both(f"taxonomy_terms/{ID}", views.TaxonomyTermDetail, "hsds-taxonomy-term"),
]
