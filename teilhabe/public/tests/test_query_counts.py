"""The uncached path of the public pages and the open APIs: a fixed number of queries, the same
for a page of 1 and of 50 entries, and never a shape (geometry) of a Stadtteil or Stadtbezirk —
their names come from the per-process mapping (teilhabe.geography.selectors)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.geography.selectors import districts_by_id
from teilhabe.offers.hsds.export import service_at_location_id
from teilhabe.offers.models import Offer

pytestmark = pytest.mark.django_db

# Each uncached answer reads the directory version (3 aggregates; tests read it every request).
VERSION = 3


def _queries(client, url, params) -> list[str]:
    cache.clear()  # nothing from the response cache: the uncached path
    districts_by_id()  # the names mapping, read once per process
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sql if "geometry" in s], "a list must not read shapes"
    return sql


def _same_for_1_and_50(client, url, size_param, expected, **params):
    counts = {}
    for size in (1, 50):
        counts[size] = len(_queries(client, url, {**params, size_param: size}))
    assert counts == {1: expected, 50: expected}, counts


@pytest.fixture
def page_size(monkeypatch):
    def set_size(n):
        monkeypatch.setattr("teilhabe.public.views.PAGE_SIZE", n)

    return set_size


@pytest.mark.parametrize(("lang", "expected"), [("de", 1 + VERSION + 3), ("ar", 1 + VERSION + 4)])
def test_the_finder_page_needs_a_fixed_number_of_queries(client, page_size, lang, expected):
    # categories of the form, version, count and offers per Stadtteil (map) in one statement,
    # the page, its locations' Stadtteile (+ translations); boroughs and Stadtteile of the form
    # are cached
    url = reverse("public:finder", args=[lang])
    client.get(url)  # draws the map once per process
    for size in (1, 50):
        page_size(size)
        assert len(_queries(client, url, {"seite": 2})) == expected, size


def test_a_cached_finder_page_needs_only_the_version(client, django_assert_num_queries):
    url = reverse("public:finder", args=["ar"])
    client.get(url, {"seite": 2})
    with django_assert_num_queries(VERSION):  # unchanged directory: served from the cache
        client.get(url, {"seite": 2})


@pytest.mark.parametrize(("lang", "expected"), [("de", VERSION + 4), ("ar", VERSION + 5)])
def test_the_api_offer_list_needs_a_fixed_number_of_queries(client, lang, expected):
    # PostgreSQL: version and one statement (count, page with provider, category, translation,
    # locations and schedules; teilhabe.api.offer_list). Elsewhere DRF's path: version, count,
    # page (with provider and category), locations, schedules (+ translations)
    if connection.vendor == "postgresql":
        expected = VERSION + 1
    _same_for_1_and_50(client, reverse("api:offer-list"), "page_size", expected, lang=lang)


def test_the_api_offer_detail_needs_a_fixed_number_of_queries(client):
    offer = Offer.objects.published().filter(locations__isnull=False).first()
    url = reverse("api:offer-detail", args=[offer.code])
    assert len(_queries(client, url, {"lang": "ar"})) == VERSION + 4


def test_the_api_location_list_needs_a_fixed_number_of_queries(client):
    _same_for_1_and_50(client, reverse("api:location-list"), "page_size", VERSION + 2)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, VERSION + 2),  # count, page with organisation
        ({"lang": "ar"}, VERSION + 3),  # + translations
        ({"minimal": "true"}, VERSION + 2),
        ({"full": "true", "lang": "ar"}, VERSION + 5),  # + locations, schedules
    ],
)
def test_the_hsds_service_list_needs_a_fixed_number_of_queries(client, params, expected):
    _same_for_1_and_50(client, "/api/v1/hsds/services", "per_page", expected, **params)


def test_the_hsds_service_detail_needs_a_fixed_number_of_queries(client):
    offer = Offer.objects.published().filter(locations__isnull=False).first()
    url = f"/api/v1/hsds/services/{offer.code}"
    assert len(_queries(client, url, {"lang": "ar"})) == VERSION + 4


@pytest.mark.parametrize(
    ("params", "expected"), [({}, VERSION + 4), ({"full": "true"}, VERSION + 6)]
)
def test_the_hsds_services_at_locations_need_a_fixed_number_of_queries(client, params, expected):
    # count, page of links, their services, their locations (full: + their locations and
    # schedules, for the nested service)
    url = "/api/v1/hsds/service_at_locations"
    _same_for_1_and_50(client, url, "per_page", expected, **params)


def test_one_hsds_service_at_location_needs_a_fixed_number_of_queries(client):
    offer = Offer.objects.published().filter(locations__isnull=False).first()
    place = offer.locations.first()
    sal = service_at_location_id(offer.code, place.code)
    url = f"/api/v1/hsds/service_at_locations/{sal}"
    client.get(url)  # the map of link ids, built once per directory version
    # version twice (the answer's ETag, the map of link ids), the service, its locations and
    # schedules, the location
    assert len(_queries(client, url, {})) == 2 * VERSION + 4
