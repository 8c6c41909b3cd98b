"""The HSDS services list at its default depth reads plain rows (selectors.brief_page), not
model instances: byte for byte the answer the model path gives."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from teilhabe.api.hsds.views import ServiceList
from teilhabe.offers.models import Offer, OfferTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.API_VERSION_SECONDS = 0


def _both(client, params, monkeypatch):
    answers = []
    for plain in (False, True):
        monkeypatch.setattr(ServiceList, "plain_rows", plain)
        cache.clear()
        r = client.get(reverse("api:hsds-services"), params)
        answers.append((r.status_code, r.content, r.get("Content-Language"), r.get("ETag")))
    return answers


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": 2, "per_page": 7},
        {"per_page": 100},
        {"page": 9999},
        {"search": "Beratung"},
        {"modified_after": "2020-01-01", "per_page": 3},
        {"page": 0},
    ],
)
def test_plain_rows_answer_what_model_instances_answer(client, monkeypatch, lang, params):
    model, plain = _both(client, {"lang": lang, **params}, monkeypatch)
    assert model == plain


def test_every_page_in_a_translated_language_is_the_same(client, monkeypatch):
    t = OfferTranslation.objects.filter(outdated=False, offer__status="published").first()
    pages = -(-Offer.objects.published().count() // 50)
    for page in range(1, pages + 1):
        params = {"lang": t.language, "page": page}
        model, plain = _both(client, params, monkeypatch)
        assert model[0] == 200 and model == plain, page
