"""The HSDS 3.0 API: every operation of the official document answers, with and without a
trailing slash, with bodies that validate strictly (``additionalProperties: false``) against
the official schemas; parameters filter as documented; bad ones get a 400 in the API's error
shape; texts come in the requested language with German fallbacks marked."""

import json

import pytest
from django.core.management import call_command

from teilhabe.api.hsds import spec
from teilhabe.offers.hsds.export import GERMAN_ONLY_FIELDS, TAXONOMY_ID, service_at_location_id
from teilhabe.offers.models import Category, Offer, OfferTranslation

pytestmark = pytest.mark.django_db

BASE = "/api/v1/hsds"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def course():
    return Offer.objects.get(key="vhs-integrationskurs-a1")


def _get(client, path, **params):
    response = client.get(BASE + path, params)
    assert response.status_code == 200, (path, response.content[:300])
    return response.json()


def _page(client, path, schema, **params):
    page = _get(client, path, **params)
    assert set(page) == PAGE_KEYS
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert spec.errors(item, schema) == [], (item.get("id"), item.get("name"))
    return page


def test_each_of_the_eleven_operations_answers_200_for_a_real_id_with_and_without_slash(
    client, course
):
    location = course.locations.first()
    paths = [
        "",
        "/services",
        f"/services/{course.code}",
        "/service_at_locations",
        f"/service_at_locations/{service_at_location_id(course.code, location.code)}",
        "/organizations",
        f"/organizations/{course.organisation.code}",
        "/taxonomies",
        f"/taxonomies/{TAXONOMY_ID}",
        "/taxonomy_terms",
        f"/taxonomy_terms/{course.category.code}",
    ]
    for path in paths:
        for url in (BASE + path, BASE + path + "/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "application/json"


def test_the_root_names_the_version_and_the_openapi_document(client):
    root = _get(client, "")
    assert root["version"] == "3.0"
    doc = client.get(root["openapi_url"]).json()
    assert set(doc["paths"]) == set(spec.official()["paths"])
    assert doc["servers"] == [{"url": BASE}]
    assert "raw.githubusercontent.com" not in json.dumps(doc)


def test_the_service_list_validates_strictly_in_all_three_depths(client, course):
    page = _page(client, "/services", "compiled/service_list", per_page=100)
    assert page["total_items"] == Offer.objects.published().count() > 300
    assert page["contents"][0]["organization"]["name"]
    full = _page(client, "/services", "compiled/service", full="true", per_page=20)
    assert any(s["service_at_locations"] for s in full["contents"])
    minimal = _page(client, "/services", "compiled/service_list", minimal="true", per_page=100)
    assert set(minimal["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_the_service_detail_is_fully_nested(client, course):
    service = _get(client, f"/services/{course.code}")
    assert spec.errors(service, "compiled/service") == []
    assert service["service_at_locations"][0]["location"]["addresses"]
    assert service["attributes"][0]["taxonomy_term"]["code"] == "sprache-bildung"


def test_service_at_locations_list_and_detail_validate_strictly(client, course):
    page = _page(client, "/service_at_locations", "compiled/service_at_location_list", per_page=50)
    assert page["total_items"] >= Offer.objects.published().count()
    _page(client, "/service_at_locations", "compiled/service_at_location", full="1", per_page=10)
    location = course.locations.first()
    link = service_at_location_id(course.code, location.code)
    detail = _get(client, f"/service_at_locations/{link}")
    # As the official document declares: the service, nested, with only this link.
    assert spec.errors(detail, "compiled/service") == []
    assert [s["id"] for s in detail["service_at_locations"]] == [link]


def test_organizations_validate_strictly_with_and_without_services(client, course):
    page = _page(client, "/organizations", "compiled/organization_list", per_page=100)
    assert course.organisation.name in {o["name"] for o in page["contents"]}
    full = _page(client, "/organizations", "compiled/organization", full="true", per_page=5)
    assert all(o["services"] for o in full["contents"])
    org = _get(client, f"/organizations/{course.organisation.code}", full_service="true")
    assert spec.errors(org, "compiled/organization") == []
    assert str(course.code) in {s["id"] for s in org["services"]}
    assert org["services"][0]["schedules"] is not None
    assert org["description"] in {"Träger", "Anbieter", "Wohlfahrtsverband"} or org["description"]


def test_taxonomies_and_terms_validate_strictly(client, course):
    page = _page(client, "/taxonomies", "taxonomy")
    assert page["contents"][0]["id"] == TAXONOMY_ID
    assert spec.errors(_get(client, f"/taxonomies/{TAXONOMY_ID}"), "taxonomy") == []
    terms = _page(client, "/taxonomy_terms", "taxonomy_term", per_page=100)
    assert terms["total_items"] == Category.objects.count()
    term = _get(client, f"/taxonomy_terms/{course.category.code}")
    assert spec.errors(term, "taxonomy_term") == []


def test_services_are_filtered_by_category_organisation_change_and_search(client, course):
    term = _get(client, "/services", taxonomy_term_id=str(course.category.code), per_page=100)
    assert term["total_items"] == Offer.objects.published().filter(category=course.category).count()
    org = _get(client, "/services", organization_id=str(course.organisation.code), per_page=100)
    assert {s["organization_id"] for s in org["contents"]} == {str(course.organisation.code)}
    assert _get(client, "/services", taxonomy_id=TAXONOMY_ID)["total_items"] > 300
    other = "00000000-0000-4000-8000-000000000000"
    assert _get(client, "/services", taxonomy_id=other)["empty"] is True
    Offer.objects.filter(pk=course.pk).update(updated_at="2099-01-01T00:00:00Z")
    changed = _get(client, "/services", modified_after="2098-12-31")
    assert [s["id"] for s in changed["contents"]] == [str(course.code)]
    # any offset and any year (PostgreSQL refuses offsets beyond ±15:59 unless in UTC)
    for odd in (
        "0050-09-12T02:50:29.36+17:48",
        "0001-01-01T00:00:00+23:00",
        "9999-12-31T23:59:59-23:00",
    ):
        assert client.get(BASE + "/services", {"modified_after": odd}).status_code == 200
    found = _get(client, "/services", search="Integrationskurs")
    assert str(course.code) in {s["id"] for s in found["contents"]}


def test_service_at_locations_are_filtered_by_postcode_and_proximity(client, course):
    location = course.locations.first()
    same = _get(client, "/service_at_locations", postcode=location.postcode, per_page=100)
    assert {s["location"]["id"] for s in same["contents"]} >= {str(location.code)}
    near = _get(
        client, "/service_at_locations", postcode=location.postcode, proximity=3000, per_page=100
    )
    assert near["total_items"] >= same["total_items"]
    far = _get(client, "/service_at_locations", postcode="99999", proximity=1000)
    assert far["empty"] is True


def test_taxonomy_terms_are_filtered_by_top_level_and_parent(client):
    top = _get(client, "/taxonomy_terms", top_only="true", per_page=100)
    assert top["total_items"] == Category.objects.filter(parent=None).count()
    assert all("parent_id" not in t for t in top["contents"])
    parent = Category.objects.filter(children__isnull=False).first()
    if parent is not None:
        children = _get(client, "/taxonomy_terms", parent_id=str(parent.code), per_page=100)
        assert {t["parent_id"] for t in children["contents"]} == {str(parent.code)}


def test_format_ndjson_streams_every_entry_unpaged(client):
    response = client.get(BASE + "/services", {"format": "ndjson", "per_page": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == spec.NDJSON
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == Offer.objects.published().count()
    assert spec.errors(json.loads(lines[0]), "compiled/service_list") == []
    for path in ("/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"):
        response = client.get(BASE + path, {"format": "ndjson"})
        assert response.status_code == 200 and response["Content-Type"] == spec.NDJSON, path
        assert b"".join(response.streaming_content).strip()


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/services", {"page": "0"}, "page"),
        ("/services", {"per_page": "101"}, "per_page"),
        ("/services", {"page": "eins"}, "page"),
        ("/services", {"full": "vielleicht"}, "full"),
        ("/services", {"minimal": "2"}, "minimal"),
        ("/services", {"taxonomy_term_id": "sport"}, "taxonomy_term_id"),
        ("/services", {"organization_id": "x"}, "organization_id"),
        ("/services", {"modified_after": "gestern"}, "modified_after"),
        ("/services", {"format": "xml"}, "format"),
        ("/organizations", {"format": "ndjson", "full": "null"}, "full"),
        ("/service_at_locations", {"format": "ndjson", "full": "null"}, "full"),
        ("/services", {"format": "ndjson", "minimal": "null"}, "minimal"),
        ("/taxonomy_terms", {"format": "ndjson", "top_only": "null"}, "top_only"),
        ("/services", {"search": "x" * 101}, "search"),
        ("/services", {"lang": "xx"}, "lang"),
        ("/service_at_locations", {"postcode": "45127", "proximity": "-1"}, "proximity"),
        ("/organizations", {"full_service": "ja-nein"}, "full_service"),
        ("/organizations", {"full_service": "\x1e"}, "full_service"),
        ("/services", {"page": "\t2"}, "page"),
        ("/taxonomy_terms", {"top_only": "x"}, "top_only"),
        ("/taxonomy_terms", {"parent_id": "1"}, "parent_id"),
        ("/taxonomies", {"per_page": "0"}, "per_page"),
    ],
)
def test_a_bad_parameter_gets_a_400_in_the_apis_error_shape(client, path, params, name):
    response = client.get(BASE + path, params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [name]
    assert isinstance(body[name][0], str) and body[name][0]


def test_unknown_ids_get_404_and_other_methods_405_in_json(client, course):
    for path in ("/services/keine-id", f"/services/{TAXONOMY_ID}", "/taxonomies/x", "/nothing"):
        response = client.get(BASE + path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Nicht gefunden."}
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(BASE + "/services", content_type="application/json")
        assert response.status_code == 405
        assert "detail" in response.json()
    assert client.head(BASE + "/services").status_code == 200
    assert client.options(BASE + "/services")["Content-Type"] == "application/json"


def test_pages_beyond_the_end_are_empty(client):
    page = _get(client, "/services", page=1000)
    assert page["empty"] is True and page["contents"] == [] and page["last_page"] is True


def test_a_client_with_the_current_etag_gets_304(client):
    first = client.get(BASE + "/taxonomy_terms")
    again = client.get(BASE + "/taxonomy_terms", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


# --- languages -------------------------------------------------------------------------------


def _translated(course, lang="ar"):
    t = OfferTranslation.objects.filter(offer=course, language=lang, outdated=False).first()
    assert t is not None, "the demo directory translates the integration course"
    return t


def test_lang_and_accept_language_choose_the_language_of_the_texts(client, course):
    t = _translated(course)
    service = _get(client, f"/services/{course.code}", lang="ar")
    assert service["name"] == t.title
    response = client.get(f"{BASE}/services/{course.code}", HTTP_ACCEPT_LANGUAGE="ar,de;q=0.5")
    assert response.json()["name"] == t.title
    assert response["Content-Language"] == "ar, de"
    assert "Accept-Language" in response["Vary"]
    # lang wins over the header; German without either
    assert _get(client, f"/services/{course.code}", lang="de")["name"] == course.title
    assert client.get(f"{BASE}/services/{course.code}").json()["name"] == course.title


def test_untranslated_fields_fall_back_to_german_and_are_marked(client, course):
    _translated(course)
    service = _get(client, f"/services/{course.code}", lang="ar")
    assert spec.errors(service, "compiled/service") == []
    marked = {a["value"] for a in service["attributes"] if a["link_type"] == "untranslated_field"}
    assert set(GERMAN_ONLY_FIELDS) <= marked
    assert "name" not in marked
    # an offer without a translation: its own texts are German and marked as well
    other = Offer.objects.published().exclude(translations__language="ar").first()
    service = _get(client, f"/services/{other.code}", lang="ar")
    assert service["name"] == other.title
    marked = {a["value"] for a in service["attributes"] if a["link_type"] == "untranslated_field"}
    assert {"name", "alternate_name"} <= marked
    # German answers carry no marks
    german = _get(client, f"/services/{other.code}")
    assert all(a["link_type"] == "category" for a in german["attributes"])


def test_taxonomy_terms_say_their_language(client):
    category = Category.objects.exclude(names={}).first()
    lang = next(iter(category.names))
    term = _get(client, f"/taxonomy_terms/{category.code}", lang=lang)
    assert term["name"] == category.names[lang] and term["language"] == lang
    Category.objects.filter(pk=category.pk).update(names={})
    term = _get(client, f"/taxonomy_terms/{category.code}", lang=lang, nocache="1")
    assert term["name"] == category.name and term["language"] == "de"


def test_the_export_command_writes_a_language(tmp_path, course):
    t = _translated(course)
    target = tmp_path / "hsds-ar.json"
    call_command("export_hsds", str(target), "--lang", "ar")
    services = json.loads(target.read_text(encoding="utf-8"))
    assert t.title in {s["name"] for s in services}


# --- queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "most"),
    [
        ("/services", {"per_page": 100}, 5),
        ("/services", {"per_page": 100, "lang": "ar"}, 6),
        ("/services", {"per_page": 20, "full": "true", "lang": "ar"}, 8),
        ("/services", {"per_page": 100, "minimal": "true"}, 5),
        ("/service_at_locations", {"per_page": 100}, 7),
        ("/service_at_locations", {"per_page": 20, "full": "true"}, 9),
        ("/organizations", {"per_page": 100}, 5),
        ("/organizations", {"per_page": 20, "full_service": "true"}, 8),
        ("/taxonomy_terms", {"per_page": 100}, 5),
    ],
)
def test_lists_need_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, path, params, most
):
    # 3 of them read the directory version (for the ETag), 1 counts, the rest fetch.
    with django_assert_max_num_queries(most):
        assert client.get(BASE + path, params).status_code == 200


def test_the_served_document_keeps_the_official_operations_parameters_and_schemas():
    official, served = spec.official(), spec.document()
    assert set(served["paths"]) == set(official["paths"])
    for path, item in official["paths"].items():
        ours, theirs = served["paths"][path]["get"], item["get"]
        assert ours["operationId"] == theirs["operationId"]
        given = theirs.get("parameters", [])
        assert ours["parameters"][: len(given)] == given
        assert [p["name"] for p in ours["parameters"][len(given) :]] == ["lang"]
        success = theirs["responses"]["200"]["content"]["application/json"]
        inlined = spec._inline(success, spec.UPSTREAM + "openapi.json")
        assert ours["responses"]["200"]["content"]["application/json"] == inlined
    assert served["components"] == official["components"]
