"""The finder page, byte for byte what the former view and template rendered (the list is now
read as plain rows, teilhabe.offers.selectors.finder_entries, and joined in Python,
teilhabe.public.views._offer_rows), for several filters and languages, right-to-left ones
included."""

from urllib.parse import urlencode

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from teilhabe.offers.models import PUBLIC_LANGUAGES, RTL_LANGUAGES, Location
from teilhabe.offers.selectors import public_offers, with_translation
from teilhabe.public import views
from teilhabe.public.finder import finder_filters, text_of

pytestmark = pytest.mark.django_db


def district_counts(qs):
    """The former view's count of offers per district id (the reference for finder_counts)."""
    rows = (
        Location.objects.filter(offers__in=qs.order_by().values("pk"))
        .values("district_id")
        .annotate(n=Count("offers", distinct=True))
    )
    return {r["district_id"]: r["n"] for r in rows}


# public/finder.html before the rows were joined in Python
OLD_TEMPLATE = """{% extends "public/base.html" %}{% load i18n teilhabe_forms %}
{% block title %}{% translate "Find offers" %}{% endblock %}
{% block content %}
<h1 class="kern-heading-large">{% translate "Find offers near you" %}</h1>
{% error_summary form filters=True %}
<p role="status" class="kern-body finder-count">{% blocktranslate count n=total %}{{ n }} offer found{% plural %}{{ n }} offers found{% endblocktranslate %}
  · <a class="kern-link" href="#filters">{% translate "Change filters" %}</a>
  {% if query %}· <a class="kern-link" href="{% url 'public:finder' lang %}">{% translate "Reset filters" %}</a>{% endif %}</p>
<div class="finder-layout">
<section aria-labelledby="results-title" class="finder-results">
  <h2 id="results-title" class="kern-heading-medium">{% translate "Results" %}</h2>
  <ul class="finder-offers">
  {% for item in items %}{% with o=item.offer t=item.text %}
    <li class="finder-offer">
      <h3 class="kern-heading-small"><a class="kern-link" href="{% url 'public:offer' lang o.code %}"{% if t.fallback %} lang="de" dir="ltr"{% endif %}>{{ t.title }}</a></h3>
      {% if t.fallback and lang != "de" %}<p class="kern-badge kern-badge--info"><span class="kern-label">{% translate "Not yet translated – shown in German." %}</span></p>{% endif %}
      <p class="kern-body"{% if t.fallback %} lang="de" dir="ltr"{% endif %}>{{ t.summary }}</p>
      <p class="kern-body kern-body--small finder-meta">{{ o.organisation.display_name }} · {% for l in o.shown_locations %}{{ l.district.name }}{% if not forloop.last %}, {% endif %}{% endfor %}{% if o.is_free %} · {% translate "free of charge" %}{% endif %}</p>
    </li>
  {% endwith %}{% empty %}
    <li class="kern-body">{% translate "No offers match these filters." %}</li>
  {% endfor %}
  </ul>
  {% if page.has_other_pages %}
  <nav class="finder-pages" aria-label="{% translate 'Pages' %}">
    {% if page.has_previous %}<a class="kern-link" href="?{% if query %}{{ query }}&amp;{% endif %}seite={{ page.previous_page_number }}" rel="prev">{% translate "Previous page" %}</a>{% endif %}
    <span class="kern-body">{% blocktranslate with n=page.number total=page.paginator.num_pages %}Page {{ n }} of {{ total }}{% endblocktranslate %}</span>
    {% if page.has_next %}<a class="kern-link" href="?{% if query %}{{ query }}&amp;{% endif %}seite={{ page.next_page_number }}" rel="next">{% translate "Next page" %}</a>{% endif %}
  </nav>
  {% endif %}
  <p class="kern-body"><a class="kern-link" href="{% url 'public:search_ics' lang %}{% if query %}?{{ query }}{% endif %}">{% translate "Add these offers to your calendar (.ics)" %}</a></p>
</section>
<div class="finder-side">
<section aria-labelledby="filters-title" class="finder-filters" id="filters">
  <h2 id="filters-title" class="kern-heading-medium">{% translate "Filter offers" %}</h2>
  <form method="get" action="" role="search" aria-labelledby="filters-title">
    {% for field in form %}
    {% if field.name == "kostenlos" %}
    <div class="kern-form-check">{{ field|kern_widget }} <label class="kern-label" for="{{ field.id_for_label }}">{{ field.label }}</label></div>
    {% else %}
    <div class="kern-form-input{% if field.errors %} kern-form-input--error{% endif %}"><label class="kern-label" for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% for e in field.errors %}<p class="kern-error" id="{{ field.auto_id }}_error">{{ e }}</p>{% endfor %}
      {% if field|widget_type == "select" %}<div class="kern-form-input__select-wrapper">{{ field|kern_widget }}</div>{% else %}{{ field|kern_widget }}{% endif %}</div>
    {% endif %}
    {% endfor %}
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{% translate "Show offers" %}</span></button>
  </form>
</section>
<section aria-labelledby="map-title" class="finder-map">
  <h2 id="map-title" class="kern-heading-medium">{% translate "Offers per district" %}</h2>
  <svg viewBox="{{ map.view_box }}" role="group" aria-labelledby="map-title" class="city" dir="ltr">
    {{ map.links }}
  </svg>
  <p class="kern-body kern-body--small">{% translate "Choose a district on the map to see its offers. The number shows how many offers match your filters there." %}</p>
</section>
</div>
</div>
{% endblock %}
"""


def _old_finder_page(qs, language: str):
    """The former page query: model instances, locations and translations prefetched."""
    qs = (
        qs.select_related(None)
        .select_related("organisation")
        .only(
            "code",
            "title",
            "summary",
            "is_free",
            "organisation",
            "organisation__name",
            "organisation__short_name",
        )
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.only("district").with_district(),
                to_attr="shown_locations",
            )
        )
    )
    return with_translation(qs, language, description=False)


def _old_page(lang: str, params: dict) -> str:
    """The finder page as the former view rendered it."""
    request = RequestFactory().get(reverse("public:finder", args=[lang]), params)
    with translation.override(lang):
        filters = finder_filters(request.GET, language=lang)
        qs = public_offers(filters)
        page = Paginator(_old_finder_page(qs, lang), views.PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        counts = district_counts(qs)
        query = request.GET.copy()
        query.pop("seite", None)
        shape = views._map(counts, query, filters.chosen_district)
        items = [{"offer": o, "text": text_of(o, lang, description=False)} for o in page]
        context = {
            "form": filters.form,
            "page": page,
            "items": items,
            "query": query.urlencode(),
            "map": shape,
            "total": page.paginator.count,
            "switch_query": query.urlencode(),
            "lang": lang,
            "rtl": lang in RTL_LANGUAGES,
            "languages": PUBLIC_LANGUAGES,
        }
        return engines["django"].from_string(OLD_TEMPLATE).render(context, request)


PARAMS = [
    {},
    {"seite": "2"},
    {"seite": "999"},
    {"q": "Beratung", "seite": "2"},
    {"q": "Schuldner"},  # no translation: German with a note
    {"q": "Migrationsberatung"},
    {"kategorie": "sport", "kostenlos": "on"},
    {"sprache": "fa", "wochentag": "4", "alter": "30"},
    {"q": "<b>&amp;\"'"},  # nothing found, escaped
    {"bezirk": "99", "alter": "x", "kategorie": "nope"},  # errors
]


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk", "en"])
@pytest.mark.parametrize("params", PARAMS)
def test_the_finder_page_is_what_the_former_template_rendered(client, monkeypatch, lang, params):
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    response = client.get(reverse("public:finder", args=[lang]), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert html == _old_page(lang, params)


@pytest.mark.parametrize("params", PARAMS)
def test_the_counts_in_one_statement_are_the_exact_counts(params):
    from django.http import QueryDict

    from teilhabe.offers.selectors import finder_counts

    qs = public_offers(finder_filters(QueryDict(urlencode(params)), language="de"))
    assert finder_counts(qs) == (qs.count(), district_counts(qs))
