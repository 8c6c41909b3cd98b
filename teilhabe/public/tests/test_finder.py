import gzip

import pytest
from django.urls import reverse

from teilhabe.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
def test_the_finder_answers_in_every_language_without_setting_cookies(client, lang):
    response = client.get(reverse("public:finder", args=[lang]))
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    assert f'lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang in ("ar", "fa"))
    assert "<script" not in html


def test_the_interface_is_translated_into_arabic_and_ukrainian(client):
    assert "ابحث عن العروض القريبة منك" in client.get("/angebote/ar/").content.decode()
    assert "Знайдіть пропозиції поруч із вами" in client.get("/angebote/uk/").content.decode()
    html = client.get("/angebote/ar/", {"kategorie": "sport"}).content.decode()
    assert "3 عروض" in html  # Arabic plural form for 3–10
    assert "Angebote in Ihrer Nähe finden" in client.get("/angebote/de/").content.decode()


def test_an_unknown_language_is_not_found(client):
    assert client.get("/angebote/xx/").status_code == 404


def test_the_finder_filters_by_category_and_shows_the_count(client):
    response = client.get(reverse("public:finder", args=["de"]), {"kategorie": "sport"})
    html = response.content.decode()
    assert "Schwimmen lernen für Frauen" in html
    assert "Integrationskurs Deutsch A1" not in html


def test_the_finder_filters_by_language_age_free_and_weekday(client):
    url = reverse("public:finder", args=["de"])
    html = client.get(url, {"sprache": "fa", "kostenlos": "on", "wochentag": 4}).content.decode()
    assert "Internationales Frauencafé" in html
    assert "Schwimmen lernen" not in html  # costs money
    html = client.get(url, {"alter": 70, "kategorie": "freizeit"}).content.decode()
    assert "Interkultureller Seniorentreff" in html


def test_arabic_shows_the_translation_and_falls_back_to_german_with_a_note(client):
    html = client.get(
        reverse("public:finder", args=["ar"]), {"q": "Migrationsberatung"}
    ).content.decode()
    assert "استشارة الهجرة للبالغين" in html
    html = client.get(reverse("public:finder", args=["ar"]), {"q": "Schuldner"}).content.decode()
    assert "Schuldner- und Insolvenzberatung" in html
    assert 'lang="de"' in html


def test_the_first_page_weighs_less_than_60_kb_compressed(client):
    response = client.get(reverse("public:finder", args=["de"]), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    size = len(response.content)
    assert size < 60_000, size
    assert len(gzip.decompress(response.content)) > size


def test_the_offer_page_shows_schedule_location_and_calendar_link(client):
    offer = Offer.objects.get(key="vhs-integrationskurs-a1")
    html = client.get(reverse("public:offer", args=["de", offer.code])).content.decode()
    assert "Burgplatz 1" in html
    assert "Stadtkern" in html
    assert reverse("public:offer_ics", args=["de", offer.code]) in html


def test_the_offer_ics_is_a_valid_calendar_with_a_weekly_rule_and_holidays_excluded(client):
    from icalendar import Calendar

    offer = Offer.objects.get(key="vhs-integrationskurs-a1")
    response = client.get(reverse("public:offer_ics", args=["de", offer.code]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    assert all(e["RRULE"]["FREQ"] == ["WEEKLY"] for e in events)
    assert any("EXDATE" in e for e in events)
    assert cal.walk("VTIMEZONE")


def test_a_draft_is_not_public(client):
    draft = Offer.objects.get(key="vhs-entwurf-naehkurs")
    assert client.get(reverse("public:offer", args=["de", draft.code])).status_code == 404


def test_the_search_calendar_holds_the_found_offers(client):
    response = client.get(reverse("public:search_ics", args=["de"]), {"kategorie": "sport"})
    assert response.status_code == 200
    assert b"Schwimmen lernen" in response.content


def test_the_finder_and_the_api_use_the_same_filter(client):
    params = {"kategorie": "sport", "alter": "10", "kostenlos": "on"}
    finder = client.get(reverse("public:finder", args=["de"]), params)
    api = client.get(reverse("api:offer-list"), params).json()
    assert finder.context["total"] == api["count"] > 0
    # An invalid value is not used by the finder (the other filters still apply), which says
    # so at the top and at the field, and refused by the API with a message for the parameter.
    bad = {**params, "alter": "alt"}
    finder = client.get(reverse("public:finder", args=["de"]), bad)
    without_age = {k: v for k, v in params.items() if k != "alter"}
    expected = client.get(reverse("api:offer-list"), without_age).json()["count"]
    assert finder.status_code == 200 and finder.context["total"] == expected
    assert "Bitte korrigieren Sie den markierten Filter" in finder.content.decode()
    assert "alter" in client.get(reverse("api:offer-list"), bad).json()


def test_a_bad_filter_is_explained_in_the_readers_language(client):
    html = client.get(
        reverse("public:finder", args=["uk"]), {"kategorie": "gibtsnicht"}
    ).content.decode()
    assert "Будь ласка, виправте позначений фільтр" in html
    assert "Невідома категорія «gibtsnicht»" in html


def test_the_offer_page_says_how_to_take_part_and_links_the_address_to_a_map(client):
    offer = Offer.objects.get(key="vhs-alphabetisierung-steele")
    html = client.get(reverse("public:offer", args=["de", offer.code])).content.decode()
    assert reverse("public:register", args=["de", offer.code]) in html
    assert "https://www.openstreetmap.org/?mlat=" in html
    assert "https://www.openstreetmap.org/directions?to=" in html
    assert "<iframe" not in html and "<script" not in html  # links only, nothing embedded
    kita = Offer.objects.filter(key__startswith="kita-").first()
    html = client.get(reverse("public:offer", args=["de", kita.code])).content.decode()
    assert kita.url in html


def test_an_untranslated_offer_stays_visible_and_is_marked(client):
    offer = Offer.objects.get(key="caritas-schuldnerberatung")
    offer.translations.filter(language="fa").delete()
    html = client.get(reverse("public:finder", args=["fa"]), {"q": "Schuldner"}).content.decode()
    assert offer.title in html
    assert 'lang="de"' in html and "kern-badge" in html


def test_the_login_page_leads_to_the_finder(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("public:finder", args=["de"]) in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"bezirk": "3"},
        {"kategorie": "nope", "wochentag": "2"},
        {"sprache": "ar", "q": "<b>"},
        {"q": "<b>&\"'", "alter": "30", "kostenlos": "on"},
        {"q": "x" * 101, "alter": "x", "kostenlos": "vielleicht"},
        {"alter": "-1", "kostenlos": "ja"},
    ],
)
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_finder_filter_renders_exactly_as_django_templates(data, lang):
    """The finder's inputs and selects are written in Python by the project's form renderer
    (teilhabe.core.renderers): the same HTML as Django's own widget templates, errors
    included."""
    from django.forms.renderers import DjangoTemplates
    from django.utils import translation

    from teilhabe.core.templatetags.teilhabe_forms import kern_widget
    from teilhabe.public.finder import finder_filters

    with translation.override(lang):
        form = finder_filters(data, language=lang).form
        form.is_valid()
        assert [bf.name for bf in form if bf.widget_type == "select"]
        python = [str(kern_widget(bf)) for bf in form]
        form.renderer = DjangoTemplates()
        assert python == [str(kern_widget(bf)) for bf in form]
