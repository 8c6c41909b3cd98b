"""The API offer list in one statement (teilhabe.api.offer_list, PostgreSQL): byte for byte
DRF's own answer for many pages, page sizes, filters and languages, in one query."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.api.views import OfferList
from teilhabe.offers.models import Offer, OfferTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement path runs on PostgreSQL (elsewhere DRF's path answers)")
    settings.API_VERSION_SECONDS = 0


def _both(client, params, monkeypatch):
    answers = []
    for one_statement in (False, True):
        monkeypatch.setattr(OfferList, "one_statement", one_statement)
        cache.clear()
        response = client.get(reverse("api:offer-list"), params)
        answers.append((response.status_code, response.content, response.get("ETag")))
    return answers


QUERIES = [
    {},
    {"page": 2},
    {"page": 3, "page_size": 7},
    {"page_size": 100},
    {"page_size": 100, "page": 2},
    {"page_size": 1, "page": 40},
    {"kategorie": "sport"},
    {"kategorie": "beratung", "page": 2, "page_size": 5},
    {"q": "Beratung"},
    {"q": "Migrationsberatung für Erwachsene", "lang": "ar"},
    {"bezirk": 3, "kostenlos": "true"},
    {"sprache": "ar", "alter": 30},
    {"wochentag": 2, "page_size": 50},
    {"page": 9999},  # beyond the last: DRF's 404
    {"page": 0},  # 400
    {"page": "07"},
    {"page": ""},
    {"page": 0, "kategorie": "gibt-es-nicht"},  # the filter's 400 first, as DRF's path
    {"q": "gibt es nicht xyz"},  # empty: DRF's path
    {"page_size": 101},  # 400
    {"alter": "alt"},  # 400
]


@pytest.mark.parametrize("lang", ["de", "ar", "uk", "fa"])
@pytest.mark.parametrize("params", QUERIES)
def test_one_statement_answers_byte_for_byte_what_drf_answers(client, monkeypatch, lang, params):
    drf, ours = _both(client, {"lang": lang, **params}, monkeypatch)
    assert drf == ours


def test_every_page_of_a_language_with_translations_is_the_same(client, monkeypatch):
    lang = OfferTranslation.objects.filter(outdated=False).values_list("language", flat=True)[0]
    pages = -(-Offer.objects.published().count() // 50)
    assert pages > 3
    for page in range(1, pages + 1):
        drf, ours = _both(client, {"lang": lang, "page": page, "page_size": 50}, monkeypatch)
        assert drf[0] == 200 and drf == ours, page


def test_an_outdated_translation_falls_back_to_german_in_both(client, monkeypatch):
    t = OfferTranslation.objects.filter(outdated=False, offer__status="published").first()
    OfferTranslation.objects.filter(pk=t.pk).update(outdated=True)
    params = {"lang": t.language, "q": t.offer.title[:40]}
    drf, ours = _both(client, params, monkeypatch)
    assert drf[0] == 200 and drf == ours


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_page_is_one_query(client, lang):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("api:offer-list"), {"lang": lang, "page_size": 50})
    assert response.status_code == 200
    # the directory version (3 aggregates) and the page with its count
    assert len(ctx.captured_queries) == 3 + 1, [q["sql"][:80] for q in ctx.captured_queries]
