"""Import of an HSDS 3.0 feed (a list of services, or an HSDS API page with ``contents``).

Every service is checked first (schema, category, coordinates in the city, languages); if any
is invalid nothing is written and the German messages name the service. Services, locations
and organisations already known by their id are updated, others are created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.db import transaction

from teilhabe.geography.services import locate_district_id
from teilhabe.offers.hsds.validation import errors as schema_errors
from teilhabe.offers.models import (
    ICAL_DAYS,
    SPOKEN_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
)
from teilhabe.offers.services import (
    location_save,
    offer_create,
    offer_update,
)
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import organisation_from_directory


@dataclass
class HsdsImportResult:
    errors: list[str] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _services(document) -> list[dict] | None:
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and "id" in document:
        return [document]
    return None


def _time(value: str | None) -> time | None:
    if not value:
        return None
    try:
        h, m = value.split(":")[:2]
        return time(int(h), int(m))
    except ValueError:
        return None


def _check(service: dict, label: str, categories: dict[str, Category]) -> list[str]:
    problems = [f"{label}: {e}" for e in schema_errors(service, "service", strict=False)]
    if problems:
        return problems
    if not isinstance(service.get("organization"), dict):
        problems.append(f"{label}: Die Organisation (organization) fehlt.")
    keys = [
        (a.get("taxonomy_term") or {}).get("code") or a.get("value")
        for a in service.get("attributes", [])
        if a.get("link_type") == "category" or a.get("taxonomy_term")
    ]
    if not keys:
        problems.append(f"{label}: Keine Kategorie angegeben.")
    elif not any(k in categories for k in keys):
        problems.append(f"{label}: Unbekannte Kategorie „{keys[0]}“.")
    sals = service.get("service_at_locations", [])
    if not sals:
        problems.append(f"{label}: Kein Ort (service_at_locations) angegeben.")
    for sal in sals:
        loc = sal.get("location") or {}
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if lat is None or lon is None:
            problems.append(f"{label}: Ort „{loc.get('name', '?')}“ hat keine Koordinaten.")
        elif locate_district_id(lon=lon, lat=lat) is None:
            problems.append(
                f"{label}: Die Koordinaten {lat}, {lon} von „{loc.get('name', '?')}“ liegen "
                "außerhalb des Stadtgebiets."
            )
        if not loc.get("addresses"):
            problems.append(f"{label}: Ort „{loc.get('name', '?')}“ hat keine Adresse.")
    unknown = [
        lang.get("code")
        for lang in service.get("languages", [])
        if lang.get("code") not in SPOKEN_LANGUAGES
    ]
    if unknown:
        problems.append(f"{label}: Unbekannte Sprache(n): {', '.join(map(str, unknown))}.")
    for s in service.get("schedules", []):
        if s.get("freq") == "WEEKLY" and s.get("byday", "")[:2] not in ICAL_DAYS:
            problems.append(f"{label}: Wochentag „{s.get('byday')}“ ist unbekannt.")
        if not (_time(s.get("opens_at")) and _time(s.get("closes_at"))):
            problems.append(f"{label}: Zeitplan ohne gültige Uhrzeiten.")
    return problems


def _location(user: Any, org: Organisation, data: dict) -> Location:
    existing = Location.objects.filter(code=data["id"]).first()
    address = data["addresses"][0]
    access = " ".join(a.get("description", "") for a in data.get("accessibility", []))
    return location_save(
        user=user,
        organisation=existing.organisation if existing else org,
        location=existing,
        key=None if existing else f"hsds-{data['id']}",
        name=(data.get("name") or address["address_1"])[:200],
        street=address["address_1"][:200],
        postcode=address["postal_code"][:10],
        city=address["city"][:100],
        latitude=float(data["latitude"]),
        longitude=float(data["longitude"]),
        step_free="Stufenlos" in access or "step-free" in access.lower(),
        accessible_toilet="WC" in access or "toilet" in access.lower(),
        hearing_loop="Induktion" in access or "hearing" in access.lower(),
    )


def _schedule(s: dict) -> dict:
    base = {"starts_at": _time(s["opens_at"]), "ends_at": _time(s["closes_at"])}
    if s.get("freq") == "WEEKLY":
        return {
            **base,
            "weekday": ICAL_DAYS.index(s["byday"][:2]),
            "date": None,
            "valid_from": date.fromisoformat(s["valid_from"]) if s.get("valid_from") else None,
            "valid_until": date.fromisoformat(s["valid_to"]) if s.get("valid_to") else None,
            "pauses_in_school_holidays": "Schulferien" in (s.get("notes") or ""),
        }
    day = s.get("dtstart") or s.get("valid_from")
    return {**base, "weekday": None, "date": date.fromisoformat(day)}


def hsds_import(*, user: Any, document, dry_run: bool = True) -> HsdsImportResult:
    result = HsdsImportResult()
    services = _services(document)
    if services is None:
        result.errors.append("Das Dokument ist keine HSDS-Service-Liste.")
        return result
    categories = {c.key: c for c in Category.objects.all()}
    for i, service in enumerate(services, start=1):
        label = (
            f"Service {i} („{service.get('name', '?')}“)"
            if isinstance(service, dict)
            else f"Service {i}"
        )
        if not isinstance(service, dict):
            result.errors.append(f"{label}: kein JSON-Objekt.")
            continue
        result.errors.extend(_check(service, label, categories))
    if result.errors or dry_run:
        result.services = services if not result.errors else []
        return result
    with transaction.atomic():
        for service in services:
            provider = service["organization"]
            org = organisation_from_directory(user=user, code=provider["id"], name=provider["name"])
            locations = [
                _location(user, org, sal["location"]) for sal in service["service_at_locations"]
            ]
            key = next(
                (a.get("taxonomy_term") or {}).get("code") or a.get("value")
                for a in service["attributes"]
                if ((a.get("taxonomy_term") or {}).get("code") or a.get("value")) in categories
            )
            cost = next(
                (
                    Decimal(str(c["amount"]))
                    for c in service.get("cost_options", [])
                    if c.get("amount")
                ),
                None,
            )
            values = {
                "title": service["name"][:200],
                "summary": (service.get("alternate_name") or service.get("description") or "")[
                    :300
                ],
                "description": service.get("description", ""),
                "category": categories[key],
                "languages": [lang["code"] for lang in service.get("languages", [])] or ["de"],
                "min_age": int(service["minimum_age"])
                if service.get("minimum_age") is not None
                else None,
                "max_age": int(service["maximum_age"])
                if service.get("maximum_age") is not None
                else None,
                "is_free": cost is None,
                "cost": cost,
                "registration_required": "erforderlich"
                in (service.get("application_process") or ""),
                "url": service.get("url", ""),
                "contact_email": service.get("email", ""),
                "status": OfferStatus.PUBLISHED
                if service["status"] == "active"
                else OfferStatus.ARCHIVED,
                "last_reviewed": date.fromisoformat(service["assured_date"][:10])
                if service.get("assured_date")
                else None,
            }
            times = [_schedule(s) for s in service.get("schedules", [])]
            offer = Offer.objects.filter(code=service["id"]).first()
            if offer is not None:
                offer = offer_update(
                    user=user, offer=offer, values=values, locations=locations, schedules=times
                )
                result.updated += 1
            else:
                offer = offer_create(
                    user=user,
                    organisation=org,
                    values=values,
                    locations=locations,
                    schedules=times,
                    key=f"hsds-{service['id']}",
                )
                Offer.objects.filter(pk=offer.pk).update(code=service["id"])
                result.created += 1
    return result
