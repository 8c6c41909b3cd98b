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
    assert "Unbekannte Kategorie" in response.json()["kategorie"]
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
