"""Open Referral HSDS 3.0 export of published offers.

Offers are HSDS *services*, providers *organizations*, places *locations* (with address and
accessibility) joined by *service_at_location*; the category is a taxonomy term attached as an
*attribute*. Texts are German (HSDS 3.0 text fields hold one language). Derived objects get
stable UUIDs (uuid5 of their origin), so repeated exports keep their identifiers.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from django.db.models import Prefetch

from teilhabe.offers.models import (
    ICAL_DAYS,
    SPOKEN_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
)
from teilhabe.organisations.models import Organisation

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


def taxonomy_term(category: Category) -> dict:
    return _clean(
        {
            "id": str(category.code),
            "code": category.key,
            "name": category.name,
            "description": category.name,
            "parent_id": str(category.parent.code) if category.parent_id else None,
            "taxonomy": "Teilhabe",
            "taxonomy_detail": TAXONOMY,
            "language": "de",
            "taxonomy_id": TAXONOMY_ID,
        }
    )


def organization(org: Organisation) -> dict:
    return _clean(
        {
            "id": str(org.code),
            "name": org.name,
            "alternate_name": org.short_name,
            "description": org.get_kind_display(),
            "email": org.email,
            "website": org.website,
            "parent_organization_id": str(org.parent.code) if org.parent_id else None,
        }
    )


def location(loc: Location) -> dict:
    lid = str(loc.code)
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
    )


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


def service(offer: Offer) -> dict:
    sid = str(offer.code)
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
    return _clean(
        {
            "id": sid,
            "organization_id": str(offer.organisation.code),
            "name": offer.title,
            "alternate_name": offer.summary,
            "description": offer.description or offer.summary,
            "url": offer.url,
            "email": offer.contact_email,
            "status": "active" if offer.status == OfferStatus.PUBLISHED else "inactive",
            "application_process": "Anmeldung erforderlich"
            if offer.registration_required
            else "Ohne Anmeldung",
            "fees_description": fees,
            "eligibility_description": ", ".join(eligibility),
            "minimum_age": offer.min_age,
            "maximum_age": offer.max_age,
            "assured_date": offer.last_reviewed.isoformat() if offer.last_reviewed else None,
            "last_modified": offer.updated_at.isoformat(),
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
                {
                    "id": _id("service_at_location", sid, loc.code),
                    "service_id": sid,
                    "location_id": str(loc.code),
                    "location": location(loc),
                }
                for loc in offer.locations.all()
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
                    "taxonomy_term": taxonomy_term(offer.category),
                }
            ],
        }
    )


def exportable_offers():
    return (
        Offer.objects.published()
        .select_related("organisation__parent", "category__parent")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("organisation", "district__borough"),
            ),
            "schedules",
        )
        .order_by("pk")
    )


def services(offers: Iterable[Offer] | None = None) -> list[dict]:
    return [service(o) for o in (offers if offers is not None else exportable_offers())]


def export_json(*, indent: int | None = 2) -> str:
    """The whole published directory as an HSDS service list (one JSON document)."""
    return json.dumps(services(), ensure_ascii=False, indent=indent)
