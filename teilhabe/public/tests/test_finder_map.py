"""The finder's map links are joined in Python (teilhabe.public.views._map_links): exactly what
the template loop they replace renders, in every finder language."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import localize

from teilhabe.geography.models import District
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES
from teilhabe.public.views import _map, _map_links

pytestmark = pytest.mark.django_db

LOOP = Template(
    "{% for a in map.areas %}"
    '<a href="{{ a.href }}" aria-label="{{ a.name }}: {{ a.count }}">'
    '<path d="{{ a.d }}" class="l{{ a.level }}{% if a.selected %} sel{% endif %}"/>'
    '{% if a.count %}<text x="{{ a.x }}" y="{{ a.y }}">{{ a.count }}</text>{% endif %}'
    "</a>{% endfor %}"
)


@pytest.mark.parametrize("lang", PUBLIC_LANGUAGE_CODES)
@pytest.mark.parametrize(
    "query", ["", "q=Caf%C3%A9+%26+Kurs&bezirk=3", "stadtteil={code}&kostenlos=on&seite=2"]
)
def test_the_map_links_are_what_the_template_loop_renders(lang, query):
    districts = list(District.objects.exclude(geometry=None).order_by("name"))
    assert len(districts) > 10
    counts = {d.pk: n for d, n in zip(districts, [0, 1, 2, 9, 10, 999, 1234, 12345], strict=False)}
    chosen = str(districts[3].code)
    with translation.override(lang):
        shape = _map(counts, QueryDict(query.format(code=chosen), mutable=True), chosen)
        expected = LOOP.render(Context({"map": shape}))
        assert _map_links(shape["areas"]) == expected
        assert shape["links"] == expected
        assert f": {localize(1234)}" in expected  # with the language's thousands separator
