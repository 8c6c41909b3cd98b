"""The public finder's reading of a request: language, filters, texts in the chosen language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from teilhabe.offers.filters import OfferFilterSet
from teilhabe.offers.models import Offer

# The finder's own labels (translated into every finder language in this app's catalogue); the
# filter itself is declared once, in :class:`teilhabe.offers.filters.OfferFilterSet`.
LABELS = {
    "q": _("Search"),
    "bezirk": _("Borough"),
    "stadtteil": _("District"),
    "kategorie": _("Category"),
    "sprache": _("Language spoken"),
    "alter": _("Age"),
    "wochentag": _("Weekday"),
    "kostenlos": _("Free of charge only"),
}

# The error summary above a bad filter (core's template) and the offer filter's messages, named
# here so that this app's catalogues carry them into every finder language.
FILTER_ERRORS = (
    ngettext_lazy(
        "Please correct the marked filter. The list does not use it.",
        "Please correct the %(counter)s marked filters. The list does not use them.",
        "counter",
    ),
    _("There is no borough number “%(value)s”."),
    _("There is no district with the ID “%(value)s”."),
    _("Unknown category “%(value)s”."),
    _("Unknown language “%(value)s”."),
    _("Expected true or false."),
    _("The search text contains control characters."),
)


def finder_filters(data, *, language: str, for_display: bool = True) -> OfferFilterSet:
    """The offer filter as the finder shows it: labels and "all" in the reader's language."""
    filters = OfferFilterSet(data or None, language=language, for_display=for_display)
    for name, field in filters.form.fields.items():
        field.label = LABELS[name]
        if hasattr(field, "empty_label"):
            field.empty_label = _("all")
    return filters


@dataclass
class OfferText:
    """An offer's texts in one language, or German with ``fallback`` set."""

    title: str
    summary: str
    description: str
    fallback: bool
    language: str


def text_of(offer: Offer, language: str, *, description: bool = True) -> OfferText:
    """The offer's texts in ``language`` (German where no current translation exists);
    ``description=False`` for lists, which show none (and load none: it stays "")."""
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
                (t.description or offer.description) if description else "",
                False,
                language,
            )
    text = offer.description if description else ""
    return OfferText(offer.title, offer.summary, text, language != "de", "de")
