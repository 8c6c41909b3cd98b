"""The offer filter, declared once.

:class:`OfferFilterSet` (django-filter) is the one declaration of how published offers are
filtered: the open API uses it as its filter backend (and drf-spectacular reads the OpenAPI
query parameters from it), the public finder renders its form, and the selectors filter with it.
Parameter names are German because they are part of shareable finder URLs.

Choices that come from the database (boroughs, districts, categories) are loaded only for a
form that is shown (``for_display=True``) or for the parameters a request uses: an API request
without filters does not pay for them.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from teilhabe.geography.selectors import boroughs_by_number, districts_by_name
from teilhabe.offers.models import (
    NATIVE_LANGUAGE_NAMES,
    SPOKEN_LANGUAGES,
    Category,
    Location,
    Offer,
    Schedule,
)

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 5
TRUE_WORDS = frozenset({"1", "true", "on", "ja", "yes"})
FALSE_WORDS = frozenset({"", "0", "false", "off", "nein", "no"})


class FlagInput(forms.CheckboxInput):
    """A checkbox (the finder sends ``on``) that also reads ``true``/``1``/``ja`` (API)."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower()

    def format_value(self, value):
        return None

    def get_context(self, name, value, attrs):
        if value is True or str(value).lower() in TRUE_WORDS:
            attrs = {**(attrs or {}), "checked": True}
        return super(forms.CheckboxInput, self).get_context(name, value, attrs)


class FlagField(forms.Field):
    widget = FlagInput
    default_error_messages = {"invalid": _("Expected true or false.")}

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        word = str(value or "").strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


@extend_schema_field({"type": "boolean"})
class FlagFilter(django_filters.Filter):
    field_class = FlagField


# No control characters (a database refuses NUL in text).
@extend_schema_field(
    {"type": "string", "maxLength": SEARCH_MAX_LENGTH, "pattern": "^[^\\x00-\\x1f]*$"}
)
class SearchFilter(django_filters.CharFilter):
    pass


@extend_schema_field({"type": "integer", "minimum": 1})
class BoroughFilter(django_filters.ChoiceFilter):
    pass


@extend_schema_field({"type": "string", "format": "uuid"})
class DistrictFilter(django_filters.ChoiceFilter):
    pass


@extend_schema_field({"type": "string"})
class CategoryFilter(django_filters.ChoiceFilter):
    pass


@extend_schema_field({"type": "string", "enum": list(SPOKEN_LANGUAGES)})
class SpokenLanguageFilter(django_filters.ChoiceFilter):
    pass


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 120})
class AgeFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 6})
class WeekdayFilter(django_filters.ChoiceFilter):
    pass


class OfferFilterSet(django_filters.FilterSet):
    """Filters of published offers; every parameter is optional."""

    q = SearchFilter(
        label=_("Search text (title, description, provider)"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput,
        validators=[
            RegexValidator(
                r"^[^\x00-\x1f]*\Z", message=_("The search text contains control characters.")
            )
        ],
    )
    bezirk = BoroughFilter(
        widget=forms.Select,
        label=_("Number of the borough"),
        method="filter_borough",
        error_messages={"invalid_choice": _("There is no borough number “%(value)s”.")},
    )
    stadtteil = DistrictFilter(
        widget=forms.Select,
        label=_("ID of the district"),
        method="filter_district",
        error_messages={"invalid_choice": _("There is no district with the ID “%(value)s”.")},
    )
    kategorie = CategoryFilter(
        widget=forms.Select,
        label=_("Key of the category"),
        method="filter_category",
        error_messages={"invalid_choice": _("Unknown category “%(value)s”.")},
    )
    sprache = SpokenLanguageFilter(
        widget=forms.Select,
        label=_("Language spoken at the offer (ISO 639-1)"),
        method="filter_language",
        choices=list(SPOKEN_LANGUAGES.items()),
        error_messages={"invalid_choice": _("Unknown language “%(value)s”.")},
    )
    alter = AgeFilter(
        widget=forms.NumberInput,
        label=_("Age of the participant"),
        method="filter_age",
        min_value=0,
        max_value=120,
    )
    wochentag = WeekdayFilter(
        widget=forms.Select,
        label=_("Weekday (0 = Monday … 6 = Sunday)"),
        method="filter_weekday",
        choices=[(str(n), name) for n, name in WEEKDAYS.items()],
    )
    kostenlos = FlagFilter(label=_("Free of charge only"), method="filter_free")

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        request=None,
        prefix=None,
        language: str = "de",
        for_display: bool = False,
    ):
        if queryset is None:
            queryset = Offer.objects.published()
        super().__init__(data, queryset, request=request, prefix=prefix)
        fields = self.form.fields
        used = {name for name, value in (data or {}).items() if value not in ("", None)}
        if for_display or "bezirk" in used:
            fields["bezirk"].choices = [(str(b.number), str(b)) for b in _boroughs()]
        if for_display or "stadtteil" in used:
            fields["stadtteil"].choices = [(str(d.code), d.name) for d in _districts()]
        if for_display or "kategorie" in used:
            fields["kategorie"].choices = [(c.key, c.name_in(language)) for c in _categories()]
        if language != "de":  # readers who do not read German see their language's own name
            fields["sprache"].choices = [
                (code, NATIVE_LANGUAGE_NAMES.get(code, name))
                for code, name in SPOKEN_LANGUAGES.items()
            ]

    # --- the filters --------------------------------------------------------------------------

    def filter_search(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        words = value.split()[:SEARCH_MAX_WORDS]
        for word in words:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(translations__title__icontains=word)
            )
        return qs.distinct() if words else qs

    def filter_borough(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        if self.form.cleaned_data.get("stadtteil"):
            return qs  # the district is the narrower choice
        return qs.filter(Exists(_locations().filter(district__borough__number=int(value))))

    def filter_district(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        return qs.filter(Exists(_locations().filter(district__code=value)))

    def filter_category(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        return qs.filter(Q(category__key=value) | Q(category__parent__key=value))

    def filter_language(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        return qs.filter(languages_index__contains=f",{value},")

    def filter_age(self, qs: QuerySet[Offer], name: str, value: int) -> QuerySet[Offer]:
        return qs.filter(Q(min_age__isnull=True) | Q(min_age__lte=value)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=value)
        )

    def filter_weekday(self, qs: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        weekday = int(value)
        return qs.filter(Exists(Schedule.objects.filter(offer=OuterRef("pk"), weekday=weekday)))

    def filter_free(self, qs: QuerySet[Offer], name: str, value: bool) -> QuerySet[Offer]:
        return qs.filter(is_free=True) if value else qs

    @classmethod
    def allowed_values(cls) -> dict[str, list]:
        """Allowed values of the filters whose choices are the directory's data (for OpenAPI)."""
        return {
            "bezirk": [b.number for b in _boroughs()],
            "stadtteil": [str(d.code) for d in _districts()],
            "kategorie": [c.key for c in _categories()],
        }

    @property
    def chosen_district(self) -> str:
        """The district chosen (its code as text), if the choice is valid."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        return self.form.cleaned_data.get("stadtteil") or ""


def _locations() -> QuerySet[Location]:
    return Location.objects.filter(offers=OuterRef("pk"))


def _boroughs():
    return boroughs_by_number()


def _districts():
    return districts_by_name()


def _categories():
    return Category.objects.order_by("position", "name")
