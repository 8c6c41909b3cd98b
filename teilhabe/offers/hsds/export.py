"""Open Referral HSDS 3.0 export of published offers.

Offers are HSDS *services*, providers *organizations*, places *locations* (with address and
accessibility) joined by *service_at_location*; the category is a taxonomy term attached as an
*attribute*. Derived objects get stable UUIDs (uuid5 of their origin), so repeated exports keep
their identifiers.

Languages: HSDS 3.0 text fields hold one language, so a document is written in one language
(``lang``). The offer's own texts (``name``, ``alternate_name``, ``description``) and category
names come from their current translation; what has none, and the texts this module composes
(fees, eligibility, schedules, accessibility …), stay German. A service in another language than
German says which of its fields are German through ``attributes`` with
``link_type: "untranslated_field"`` (``value``: the field, see :data:`GERMAN_ONLY_FIELDS`), and
a taxonomy term says its language in ``language``.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import translation

from teilhabe.offers.models import (
    ICAL_DAYS,
    SPOKEN_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
    OfferTranslation,
)
from teilhabe.offers.selectors import public_locations, public_schedules
from teilhabe.organisations.models import Organisation, OrganisationKind

NAMESPACE = uuid.UUID("6f1c54a6-3a43-4e8e-9b8e-6a2f1f0a7e10")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:teilhabe-kategorien"))
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": "Teilhabe-Kategorien",
    "description": "Kategorien des Angebotsverzeichnisses (Sprache und Bildung, Arbeit, Sport …).",
    "version": "1",
}
ACCESSIBILITY_TEXT = {
    "step_free": "Stufenloser Zugang",
    "accessible_toilet": "Barrierefreies WC",
    "hearing_loop": "Induktionsschleife",
}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _clean(d: dict) -> dict:
    """Drop empty optional values (None, "")."""
    return {k: v for k, v in d.items() if v not in (None, "")}


# Fields of a service document that are always German (composed here or names of places and
# providers); in another language they are listed as ``untranslated_field`` attributes.
GERMAN_ONLY_FIELDS = (
    "application_process",
    "fees_description",
    "eligibility_description",
    "organization.description",
    "schedules.description",
    "schedules.notes",
    "service_at_locations.location.description",
    "service_at_locations.location.accessibility.description",
    "languages.name",
    "cost_options.option",
    "cost_options.amount_description",
)
TRANSLATED_FIELDS = ("name", "alternate_name", "description")


def taxonomy_term(category: Category, lang: str = "de") -> dict:
    name = category.names.get(lang) if lang != "de" else None
    return _clean(
        {
            "id": str(category.code),
            "code": category.key,
            "name": name or category.name,
            "description": name or category.name,
            "parent_id": str(category.parent.code) if category.parent_id else None,
            "taxonomy": "Teilhabe",
            "taxonomy_detail": TAXONOMY,
            "language": lang if name else "de",
            "taxonomy_id": TAXONOMY_ID,
        }
    )


@functools.cache
def _kind_label(kind: str) -> str:
    """The German label of an organisation's kind (once per process, not per row)."""
    with translation.override("de"):
        return str(dict(OrganisationKind.choices).get(kind, kind))


def organization(org: Organisation) -> dict:
    """The organization's own fields (``organization_list.json``)."""
    kind = _kind_label(org.kind)
    return _clean(
        {
            "id": str(org.code),
            "name": org.name,
            "alternate_name": org.short_name,
            "description": kind,
            "email": org.email,
            "website": org.website,
            "parent_organization_id": str(org.parent.code) if org.parent_id else None,
        }
    )


def organization_full(org: Organisation, services: list[dict]) -> dict:
    """An organization with its services (``compiled/organization.json``)."""
    return {**organization(org), "services": services}


def location_brief(loc: Location) -> dict:
    """A location's own fields (as nested in ``service_at_location_list.json``)."""
    return location(loc, nested=False)


def location(loc: Location, *, nested: bool = True) -> dict:
    """A location with its address and accessibility (``nested``), or only its own fields."""
    lid = str(loc.code)
    return _clean(
        {
            "id": lid,
            "location_type": "physical",
            "organization_id": str(loc.organisation.code),
            "name": loc.name,
            "description": f"Stadtteil {loc.district.name}, Stadtbezirk {loc.district.borough.name}",
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.key,
            "external_identifier_type": "teilhabe-key" if loc.key else None,
            **(_location_parts(loc, lid) if nested else {}),
        }
    )


def _location_parts(loc: Location, lid: str) -> dict:
    access = [
        {"id": _id("accessibility", lid, name), "location_id": lid, "description": text}
        for name, text in ACCESSIBILITY_TEXT.items()
        if getattr(loc, name)
    ]
    if loc.accessibility_note:
        access.append(
            {
                "id": _id("accessibility", lid, "note"),
                "location_id": lid,
                "description": loc.accessibility_note,
            }
        )
    return {
        "addresses": [
            {
                "id": _id("address", lid),
                "location_id": lid,
                "address_1": loc.street,
                "city": loc.city,
                "region": loc.district.borough.name,
                "state_province": "Nordrhein-Westfalen",
                "postal_code": loc.postcode,
                "country": "DE",
                "address_type": "physical",
            }
        ],
        "accessibility": access,
    }


def schedule(s, service_id: str) -> dict:
    base = {
        "id": str(s.code),
        "service_id": service_id,
        "opens_at": s.starts_at.strftime("%H:%M"),
        "closes_at": s.ends_at.strftime("%H:%M"),
        "timezone": 1,
        "attending_type": "in_person",
    }
    if s.weekday is None:
        return _clean(
            {
                **base,
                "valid_from": s.date.isoformat(),
                "valid_to": s.date.isoformat(),
                "dtstart": s.date.isoformat(),
                "description": f"Einzeltermin am {s.date:%d.%m.%Y}",
            }
        )
    notes = "Kein Termin an Feiertagen in NRW"
    if s.pauses_in_school_holidays:
        notes += " und in den Schulferien"
    return _clean(
        {
            **base,
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_until.isoformat() if s.valid_until else None,
            "until": s.valid_until.isoformat() if s.valid_until else None,
            "freq": "WEEKLY",
            "interval": 1,
            "wkst": "MO",
            "byday": ICAL_DAYS[s.weekday],
            "notes": notes + ".",
        }
    )


def translation_of(offer: Offer, lang: str) -> OfferTranslation | None:
    """The offer's current translation into ``lang`` (an outdated one does not count: German is
    safer), from the prefetched ``translations_in_language`` (see :func:`with_translation`)."""
    if lang == "de":
        return None
    found = getattr(offer, "translations_in_language", None)
    if found is None:
        found = [t for t in offer.translations.all() if t.language == lang]
    return next((t for t in found if t.language == lang and not t.outdated), None)


def _texts(offer: Offer, lang: str) -> tuple[dict[str, str], list[str]]:
    """``name``, ``alternate_name``, ``description`` in ``lang`` where translated, and the
    fields that fell back to German."""
    t = translation_of(offer, lang)
    german = {
        "name": offer.title,
        "alternate_name": offer.summary,
        "description": offer.description or offer.summary,
    }
    if lang == "de":
        return german, []
    ours = {}
    if t is not None:
        ours = {
            "name": t.title,
            "alternate_name": t.summary,
            "description": t.description or t.summary,
        }
    texts = {k: ours.get(k) or german[k] for k in german}
    return texts, [k for k in TRANSLATED_FIELDS if german[k] and not ours.get(k)]


def service_brief(offer: Offer, lang: str = "de") -> dict:
    """The service's one-to-one fields and its organization (``service_list.json``)."""
    fields = _clean(_service_fields(offer, _texts(offer, lang)[0]))
    return {**fields, "organization": organization(offer.organisation)}


def service_minimal(offer: Offer, lang: str = "de") -> dict:
    """``minimal=true``: id and last change, plus name and status (required by the schema)."""
    t = translation_of(offer, lang)
    return {
        "id": str(offer.code),
        "name": (t.title if t is not None else "") or offer.title,
        "status": _status(offer),
        "last_modified": offer.updated_at.isoformat(),
    }


def _status(offer: Offer) -> str:
    return "active" if offer.status == OfferStatus.PUBLISHED else "inactive"


def _service_fields(offer: Offer, texts: dict[str, str]) -> dict:
    eligibility = []
    if offer.women_only:
        eligibility.append("nur für Frauen")
    if offer.for_families:
        eligibility.append("für Familien")
    if offer.for_children:
        eligibility.append("für Kinder")
    if offer.for_youth:
        eligibility.append("für Jugendliche")
    fees = "kostenlos" if offer.is_free else f"{offer.cost} €"
    if offer.cost_note:
        fees += f" ({offer.cost_note})"
    return {
        "id": str(offer.code),
        "organization_id": str(offer.organisation.code),
        **texts,
        "url": offer.url,
        "email": offer.contact_email,
        "status": _status(offer),
        "application_process": "Anmeldung erforderlich"
        if offer.registration_required
        else "Ohne Anmeldung",
        "fees_description": fees,
        "eligibility_description": ", ".join(eligibility),
        "minimum_age": offer.min_age,
        "maximum_age": offer.max_age,
        "assured_date": offer.last_reviewed.isoformat() if offer.last_reviewed else None,
        "last_modified": offer.updated_at.isoformat(),
    }


def service(offer: Offer, lang: str = "de", *, locations: Iterable[Location] | None = None) -> dict:
    """The fully nested service (``compiled/service.json``); ``locations`` limits its
    service_at_locations (default: all of the offer's)."""
    sid = str(offer.code)
    texts, untranslated = _texts(offer, lang)
    markers = []
    if lang != "de":
        fields = [*untranslated, *GERMAN_ONLY_FIELDS]
        markers = [
            {
                "id": _id("untranslated", sid, lang, field),
                "link_id": sid,
                "link_type": "untranslated_field",
                "link_entity": "service",
                "value": field,
            }
            for field in fields
        ]
    return _clean(
        {
            **_service_fields(offer, texts),
            "phones": [{"id": _id("phone", sid), "service_id": sid, "number": offer.contact_phone}]
            if offer.contact_phone
            else [],
            "contacts": [
                _clean(
                    {
                        "id": _id("contact", sid),
                        "service_id": sid,
                        "name": offer.contact_name,
                        "email": offer.contact_email,
                    }
                )
            ]
            if offer.contact_name or offer.contact_email
            else [],
            "schedules": [schedule(s, sid) for s in offer.schedules.all()],
            "service_at_locations": [
                service_at_location(offer, loc)
                for loc in (offer.locations.all() if locations is None else locations)
            ],
            "languages": [
                {
                    "id": _id("language", sid, code),
                    "service_id": sid,
                    "name": SPOKEN_LANGUAGES.get(code, code),
                    "code": code,
                }
                for code in offer.languages
            ],
            "organization": organization(offer.organisation),
            "cost_options": [
                _clean(
                    {
                        "id": _id("cost", sid),
                        "service_id": sid,
                        "option": "Teilnahme",
                        "currency": "EUR",
                        "amount": 0 if offer.is_free else float(offer.cost),
                        "amount_description": offer.cost_note
                        or ("kostenlos" if offer.is_free else None),
                    }
                )
            ],
            "attributes": [
                {
                    "id": _id("attribute", sid, offer.category.code),
                    "link_id": sid,
                    "taxonomy_term_id": str(offer.category.code),
                    "link_type": "category",
                    "link_entity": "service",
                    "value": offer.category.key,
                    "taxonomy_term": taxonomy_term(offer.category, lang),
                },
                *markers,
            ],
        }
    )


def service_at_location_id(offer_code, location_code) -> str:
    return _id("service_at_location", offer_code, location_code)


def service_at_location(offer: Offer, loc: Location, *, nested: bool = True) -> dict:
    """The link of a service and a location, with the location (nested: with its address)."""
    sid = str(offer.code)
    return {
        "id": service_at_location_id(sid, loc.code),
        "service_id": sid,
        "location_id": str(loc.code),
        "location": location(loc, nested=nested),
    }


def service_at_location_brief(offer: Offer, loc: Location, lang: str = "de") -> dict:
    """``service_at_location_list.json``: the link with the location's and the service's own
    fields."""
    return {
        **service_at_location(offer, loc, nested=False),
        "service": service_brief(offer, lang),
    }


def exportable_offers(qs=None):
    """Published offers (or ``qs``) with everything :func:`service` reads."""
    return (
        (Offer.objects.published() if qs is None else qs)
        .select_related("organisation__parent", "category__parent")
        .prefetch_related(
            # names of Stadtteil and Stadtbezirk from the cached mapping: no join, no shapes
            Prefetch("locations", queryset=public_locations()),
            Prefetch("schedules", queryset=public_schedules()),
        )
        .order_by("pk")
    )


def with_translation(qs, lang: str):
    """``qs`` with the current translations into ``lang`` prefetched (only their texts)."""
    if lang == "de":
        return qs
    return qs.prefetch_related(
        Prefetch(
            "translations",
            queryset=OfferTranslation.objects.filter(language=lang).only(
                "offer_id", "language", "title", "summary", "description", "outdated"
            ),
            to_attr="translations_in_language",
        )
    )


def services(offers: Iterable[Offer] | None = None, lang: str = "de") -> list[dict]:
    if offers is None:
        offers = with_translation(exportable_offers(), lang)
    return [service(o, lang) for o in offers]


def export_json(*, indent: int | None = 2, lang: str = "de") -> str:
    """The whole published directory as an HSDS service list (one JSON document) in ``lang``."""
    return json.dumps(services(lang=lang), ensure_ascii=False, indent=indent)
