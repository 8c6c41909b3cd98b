import pytest
from django.core.cache import cache
from django.urls import reverse

from teilhabe.offers.hsds.validation import errors
from teilhabe.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    cache.clear()
    settings.API_VERSION_SECONDS = 0  # read the directory version on every request


def test_the_offer_list_is_paged_and_filtered_like_the_finder(client):
    data = client.get(reverse("api:offer-list"), {"kategorie": "sport"}).json()
    titles = {o["title"] for o in data["results"]}
    assert "Schwimmen lernen für Frauen" in titles
    assert all(o["category"] == "sport" for o in data["results"])
    data = client.get(reverse("api:offer-list")).json()
    assert data["count"] > 300
    assert len(data["results"]) == 20
    assert data["next"]


def test_the_language_parameter_returns_translations_and_says_which_language(client):
    data = client.get(
        reverse("api:offer-list"), {"lang": "ar", "q": "Migrationsberatung für Erwachsene"}
    ).json()
    offer = data["results"][0]
    assert offer["title"] == "استشارة الهجرة للبالغين"
    assert offer["language"] == "ar"
    data = client.get(reverse("api:offer-list"), {"lang": "ar", "q": "Schuldner"}).json()
    assert data["results"][0]["language"] == "de"


def test_bad_parameters_get_a_clear_german_message(client):
    response = client.get(reverse("api:offer-list"), {"kategorie": "gibt-es-nicht"})
    assert response.status_code == 400
    assert "Unbekannte Kategorie" in response.json()["kategorie"][0]
    response = client.get(reverse("api:offer-list"), {"alter": "alt"})
    assert response.status_code == 400


def test_a_client_with_the_current_etag_gets_304(client):
    url = reverse("api:offer-list")
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    offer = Offer.objects.get(key="vhs-integrationskurs-a1")
    offer.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_anonymous_clients_are_rate_limited(client, settings, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    url = reverse("api:taxonomy")
    codes = [client.get(url).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[-1] == 429


def test_the_openapi_document_describes_the_offer_endpoints(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/offers/" in doc["paths"]


def test_the_docs_page_loads_its_assets_from_this_server(client):
    html = client.get(reverse("api:docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()


def test_every_hsds_service_validates_strictly_against_the_official_schema(client):
    page = client.get(reverse("api:hsds-services"), {"per_page": 100}).json()
    assert page["total_items"] > 300
    for service in page["contents"]:
        assert errors(service, "service", strict=True) == [], service["name"]
    for service in page["contents"]:
        assert errors(service["organization"], "organization", strict=True) == []


def test_the_hsds_service_of_the_integration_course_has_all_parts(client):
    offer = Offer.objects.get(key="vhs-integrationskurs-a1")
    service = client.get(reverse("api:hsds-service", args=[offer.code])).json()
    assert errors(service, strict=True) == []
    assert service["languages"] and service["cost_options"] and service["schedules"]
    location = service["service_at_locations"][0]["location"]
    assert location["accessibility"]
    assert service["attributes"][0]["taxonomy_term"]["code"] == "sprache-bildung"
    assert service["schedules"][0]["freq"] == "WEEKLY"


def test_a_broken_hsds_document_is_reported(client):
    assert errors({"id": "x", "name": "n", "status": "open", "extra": 1}, strict=True)


def test_an_organisation_outside_the_list_is_not_served_by_the_detail_either(client):
    from teilhabe.organisations.models import Organisation

    listed = {
        o["id"]
        for o in client.get(reverse("api:organisation-list"), {"page_size": 100}).json()["results"]
    }
    hidden = Organisation.objects.filter(is_active=True).exclude(offers__status="published").first()
    assert hidden is not None and str(hidden.code) not in listed
    response = client.get(reverse("api:organisation-detail", args=[hidden.code]))
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_an_unknown_api_address_answers_in_json(client):
    response = client.get("/api/v1/offers/keine-uuid/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_times_are_declared_as_hours_and_minutes_and_parent_may_be_null(client):
    doc = client.get(reverse("api:schema"), {"format": "json"}).json()
    schemas = doc["components"]["schemas"]
    starts = schemas["Schedule"]["properties"]["starts_at"]
    assert "format" not in starts and starts["pattern"].startswith("^([01]")
    assert schemas["Category"]["properties"]["parent"]["nullable"] is True
    offers = doc["paths"]["/api/v1/offers/"]["get"]
    assert {"400", "404", "429"} <= set(offers["responses"])
    size = next(p for p in offers["parameters"] if p["name"] == "page_size")
    assert size["schema"]["maximum"] == 100
    category = next(p for p in offers["parameters"] if p["name"] == "kategorie")
    assert "sport" in category["schema"]["enum"]


def test_paging_beyond_the_limits_is_refused(client):
    assert client.get(reverse("api:offer-list"), {"page_size": 101}).status_code == 400
    assert client.get(reverse("api:offer-list"), {"page": 0}).status_code == 400
    assert client.get(reverse("api:offer-list"), {"page": 9999}).status_code == 404


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_planned_serializers_answer_exactly_what_drf_would(lang):
    """The API's offers and locations are represented by a plan built once per class
    (teilhabe.api.serializers.Planned); byte for byte what DRF's own field machinery gives."""
    from unittest import mock

    from rest_framework import serializers
    from rest_framework.renderers import JSONRenderer

    from teilhabe.api.serializers import LocationSerializer, OfferSerializer, Planned
    from teilhabe.api.views import _offer_queryset
    from teilhabe.offers.selectors import public_locations

    def drf(self, instance):
        return serializers.Serializer.to_representation(self, instance)

    offers = list(_offer_queryset(lang))
    places = list(public_locations())
    assert (
        len(offers) > 100 and any(o.cost for o in offers) and any(o.last_reviewed for o in offers)
    )
    fast = [
        OfferSerializer(offers, many=True, context={"lang": lang}).data,
        LocationSerializer(places, many=True).data,
    ]
    with mock.patch.object(Planned, "to_representation", drf):
        slow = [
            OfferSerializer(offers, many=True, context={"lang": lang}).data,
            LocationSerializer(places, many=True).data,
        ]
    assert JSONRenderer().render(fast) == JSONRenderer().render(slow)
