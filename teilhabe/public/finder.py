"""The public finder's reading of a request: language, filters, texts in the chosen language."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from teilhabe.geography.models import Borough, District
from teilhabe.offers.models import NATIVE_LANGUAGE_NAMES, SPOKEN_LANGUAGES, Category, Offer
from teilhabe.offers.selectors import OfferFilter


class FinderForm(forms.Form):
    """GET parameters of the finder (German names: they are part of shareable URLs)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    bezirk = forms.TypedChoiceField(
        label=_("Borough"), required=False, coerce=int, empty_value=None
    )
    stadtteil = forms.ChoiceField(label=_("District"), required=False)
    kategorie = forms.ChoiceField(label=_("Category"), required=False)
    sprache = forms.ChoiceField(label=_("Language spoken"), required=False)
    alter = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    wochentag = forms.TypedChoiceField(
        label=_("Weekday"), required=False, coerce=int, empty_value=None
    )
    kostenlos = forms.BooleanField(label=_("Free of charge only"), required=False)

    def __init__(self, *args, language: str, boroughs, districts, categories, **kwargs):
        super().__init__(*args, **kwargs)
        every = ("", _("all"))
        self.fields["bezirk"].choices = [every] + [(b.number, str(b)) for b in boroughs]
        self.fields["stadtteil"].choices = [every] + [
            (str(d.code), d.name) for d in sorted(districts, key=lambda d: d.name)
        ]
        self.fields["kategorie"].choices = [every] + [
            (c.key, c.name_in(language)) for c in categories
        ]
        self.fields["sprache"].choices = [every] + [
            (code, NATIVE_LANGUAGE_NAMES.get(code, name)) for code, name in SPOKEN_LANGUAGES.items()
        ]
        self.fields["wochentag"].choices = [every, *list(WEEKDAYS.items())]

    def to_filter(self) -> OfferFilter:
        if not self.is_valid():
            return OfferFilter()
        d = self.cleaned_data
        return OfferFilter(
            q=d["q"].strip(),
            borough=d["bezirk"],
            district=d["stadtteil"],
            category=d["kategorie"],
            language=d["sprache"],
            age=d["alter"],
            free=d["kostenlos"],
            weekday=d["wochentag"],
        )


@dataclass
class OfferText:
    """An offer's texts in one language, or German with ``fallback`` set."""

    title: str
    summary: str
    description: str
    fallback: bool
    language: str


def text_of(offer: Offer, language: str) -> OfferText:
    if language != "de":
        found = getattr(offer, "translations_in_language", None)
        if found is None:
            found = [t for t in offer.translations.all() if t.language == language]
        found = [t for t in found if not t.outdated]  # outdated: German is safer
        if found:
            t = found[0]
            return OfferText(
                t.title,
                t.summary or offer.summary,
                t.description or offer.description,
                False,
                language,
            )
    return OfferText(offer.title, offer.summary, offer.description, language != "de", "de")


def geography():
    boroughs = list(Borough.objects.defer("geometry").order_by("number"))
    districts = list(District.objects.defer("geometry").select_related("borough").order_by("name"))
    categories = list(Category.objects.filter(parent=None).order_by("position", "name"))
    return boroughs, districts, categories
