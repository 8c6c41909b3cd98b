"""Writes for the offers directory: keyword-only functions, one transaction each.

Bad input raises :class:`OfferError` with a German message and writes nothing.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from teilhabe.geography.services import locate_district_id
from teilhabe.offers.models import (
    SPOKEN_LANGUAGES,
    TRANSLATION_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
    OfferTranslation,
    Schedule,
    TranslationStatus,
)
from teilhabe.organisations.models import Organisation

ESSEN = Path(__file__).resolve().parent.parent / "scenario" / "data" / "essen"

OFFER_FIELDS = (
    "title",
    "summary",
    "description",
    "category",
    "min_age",
    "max_age",
    "women_only",
    "for_families",
    "for_children",
    "for_youth",
    "childcare",
    "languages",
    "is_free",
    "cost",
    "cost_note",
    "registration_required",
    "registration_via_finder",
    "capacity",
    "free_places",
    "contact_name",
    "contact_email",
    "contact_phone",
    "url",
    "status",
    "last_reviewed",
)
GERMAN_TEXT_FIELDS = ("title", "summary", "description")


class OfferError(ValueError):
    """Input that cannot be stored; the message is German and says what to fix."""


def _district_for(*, latitude: float, longitude: float, label: str) -> int:
    district_id = locate_district_id(lon=longitude, lat=latitude)
    if district_id is None:
        raise OfferError(
            f"{label}: Die Koordinaten {latitude:.5f}, {longitude:.5f} liegen außerhalb des "
            "Stadtgebiets."
        )
    return district_id


def location_save(
    *,
    organisation: Organisation,
    name: str,
    street: str,
    postcode: str,
    latitude: float,
    longitude: float,
    city: str = "Essen",
    step_free: bool = False,
    accessible_toilet: bool = False,
    hearing_loop: bool = False,
    accessibility_note: str = "",
    key: str | None = None,
    location: Location | None = None,
    is_standard_system: bool = False,
    kind: str = "",
) -> Location:
    """Create or update a location; its Stadtteil is assigned from the coordinates."""
    district_id = _district_for(latitude=latitude, longitude=longitude, label=name)
    if location is None and key:
        location = Location.objects.filter(key=key).first()
    location = location or Location(key=key)
    location.organisation = organisation
    location.name, location.street, location.postcode, location.city = (
        name,
        street,
        postcode,
        city,
    )
    location.latitude, location.longitude, location.district_id = latitude, longitude, district_id
    location.step_free, location.accessible_toilet, location.hearing_loop = (
        step_free,
        accessible_toilet,
        hearing_loop,
    )
    location.accessibility_note = accessibility_note
    location.is_standard_system, location.kind = is_standard_system, kind
    location.save()
    return location


def _check_offer(values: dict) -> None:
    unknown = [c for c in values.get("languages") or [] if c not in SPOKEN_LANGUAGES]
    if unknown:
        raise OfferError(f"Unbekannte Sprache(n): {', '.join(unknown)}.")
    lo, hi = values.get("min_age"), values.get("max_age")
    if lo is not None and hi is not None and hi < lo:
        raise OfferError("Das Höchstalter liegt unter dem Mindestalter.")
    if not values.get("is_free", True) and values.get("cost") is None:
        raise OfferError("Ein kostenpflichtiges Angebot braucht einen Betrag.")
    if values.get("is_free", True):
        values["cost"] = None
    if not (values.get("title") or "").strip():
        raise OfferError("Der Titel fehlt.")


def offer_create(
    *,
    organisation: Organisation,
    values: dict,
    locations: list[Location] | None = None,
    key: str | None = None,
) -> Offer:
    """Create an offer of ``organisation``. ``values`` holds fields of :data:`OFFER_FIELDS`."""
    _check_offer(values)
    with transaction.atomic():
        offer = Offer(organisation=organisation, key=key)
        for name in OFFER_FIELDS:
            if name in values:
                setattr(offer, name, values[name])
        offer.full_clean(exclude=["locations", "key"])
        offer.save()
        if locations is not None:
            offer.locations.set(locations)
    return offer


def offer_update(*, offer: Offer, values: dict, locations: list[Location] | None = None) -> Offer:
    """Change an offer; a change of its German texts marks every translation outdated.

    ``values`` may hold only the fields that change."""
    values = {**{name: getattr(offer, name) for name in OFFER_FIELDS}, **values}
    _check_offer(values)
    with transaction.atomic():
        # From the database: a bound model form has already changed the instance.
        before = Offer.objects.get(pk=offer.pk).source_hash()
        for name in OFFER_FIELDS:
            if name in values:
                setattr(offer, name, values[name])
        offer.full_clean(exclude=["locations", "key"])
        offer.save()
        if locations is not None:
            offer.locations.set(locations)
        if offer.source_hash() != before:
            offer.translations.update(outdated=True, updated_at=timezone.now())
    return offer


def offer_mark_reviewed(*, offer: Offer, on: date | None = None) -> Offer:
    offer.last_reviewed = on or timezone.localdate()
    offer.save(update_fields=["last_reviewed", "updated_at"])
    return offer


def schedules_replace(*, offer: Offer, schedules: list[dict]) -> list[Schedule]:
    """Replace an offer's schedules (weekly: ``weekday``; single date: ``date``)."""
    rows = []
    for i, s in enumerate(schedules, start=1):
        if (s.get("weekday") is None) == (s.get("date") is None):
            raise OfferError(f"Termin {i}: entweder ein Wochentag oder ein Datum angeben.")
        if s["ends_at"] <= s["starts_at"]:
            raise OfferError(f"Termin {i}: Das Ende liegt nicht nach dem Beginn.")
        rows.append(Schedule(offer=offer, **s))
    with transaction.atomic():
        offer.schedules.all().delete()
        Schedule.objects.bulk_create(rows)
        Offer.objects.filter(pk=offer.pk).update(updated_at=timezone.now())
    return rows


def translation_save(
    *,
    offer: Offer,
    language: str,
    title: str,
    summary: str = "",
    description: str = "",
    status: str = TranslationStatus.DRAFT,
) -> OfferTranslation:
    """Store one translation of an offer; it is current for the German text as it is now."""
    if language not in TRANSLATION_LANGUAGES:
        raise OfferError(f"Für die Sprache „{language}“ werden keine Übersetzungen geführt.")
    if not title.strip():
        raise OfferError("Der übersetzte Titel fehlt.")
    with transaction.atomic():
        obj, _ = OfferTranslation.objects.update_or_create(
            offer=offer,
            language=language,
            defaults={
                "title": title.strip(),
                "summary": summary.strip(),
                "description": description.strip(),
                "status": status,
                "source_hash": offer.source_hash(),
                "outdated": False,
            },
        )
    return obj


# --- Demo data -----------------------------------------------------------------------------


@dataclass
class LoadResult:
    categories: int = 0
    organisations: int = 0
    locations: int = 0
    offers: int = 0
    standard_locations: int = 0
    messages: list[str] = field(default_factory=list)


def _time(value: str) -> time:
    h, m = value.split(":")
    return time(int(h), int(m))


def categories_load(*, rows: list[dict]) -> dict[str, Category]:
    result: dict[str, Category] = {}
    for i, c in enumerate(rows):
        obj, _ = Category.objects.update_or_create(
            key=c["key"],
            defaults={
                "name": c["name"],
                "names": c.get("names", {}),
                "parent": result.get(c.get("parent", "")),
                "position": c.get("position", i),
            },
        )
        result[obj.key] = obj
    return result


@transaction.atomic
def offers_demo_load(*, folder: Path = ESSEN, standard_system: bool = True) -> LoadResult:
    """Load the demo directory (``offers.toml``) and, optionally, Kitas and schools. Idempotent."""
    data = tomllib.loads((folder / "offers.toml").read_text(encoding="utf-8"))
    result = LoadResult()
    categories = categories_load(rows=data["categories"])
    result.categories = len(categories)
    for o in data.get("providers", []):
        Organisation.objects.update_or_create(
            key=o["key"],
            defaults={
                "name": o["name"],
                "short_name": o.get("short_name", ""),
                "kind": o.get("kind", "provider"),
                "street": o.get("street", ""),
                "postcode": o.get("postcode", ""),
                "city": o.get("city", "Essen"),
                "website": o.get("website", ""),
            },
        )
        result.organisations += 1
    orgs = {o.key: o for o in Organisation.objects.all()}
    locations: dict[str, Location] = {}
    for loc in data.get("locations", []):
        locations[loc["key"]] = location_save(
            key=loc["key"],
            organisation=orgs[loc["organisation"]],
            name=loc["name"],
            street=loc["street"],
            postcode=loc["postcode"],
            latitude=loc["lat"],
            longitude=loc["lon"],
            step_free=loc.get("step_free", False),
            accessible_toilet=loc.get("accessible_toilet", False),
            hearing_loop=loc.get("hearing_loop", False),
            accessibility_note=loc.get("accessibility_note", ""),
        )
    result.locations = len(locations)
    today = timezone.localdate()
    for o in data.get("offers", []):
        values = {
            "title": o["title"],
            "summary": o["summary"],
            "description": o.get("description", ""),
            "category": categories[o["category"]],
            "min_age": o.get("min_age"),
            "max_age": o.get("max_age"),
            "women_only": o.get("women_only", False),
            "for_families": o.get("for_families", False),
            "for_children": o.get("for_children", False),
            "for_youth": o.get("for_youth", False),
            "childcare": o.get("childcare", False),
            "languages": o.get("languages", ["de"]),
            "is_free": "cost" not in o,
            "cost": Decimal(str(o["cost"])) if "cost" in o else None,
            "cost_note": o.get("cost_note", ""),
            "registration_required": o.get("registration", False),
            "registration_via_finder": o.get("registration_via_finder", False),
            "capacity": o.get("capacity"),
            "free_places": o.get("free_places"),
            "contact_name": o.get("contact_name", ""),
            "contact_email": o.get("contact_email", ""),
            "contact_phone": o.get("contact_phone", ""),
            "url": o.get("url", ""),
            "status": o.get("status", OfferStatus.PUBLISHED),
            "last_reviewed": o.get("last_reviewed", today),
        }
        at = [locations[k] for k in o["locations"]]
        existing = Offer.objects.filter(key=o["key"]).first()
        if existing:
            offer = offer_update(offer=existing, values=values, locations=at)
        else:
            offer = offer_create(
                organisation=orgs[o["organisation"]], values=values, locations=at, key=o["key"]
            )
        schedules_replace(
            offer=offer,
            schedules=[
                {
                    "weekday": s.get("weekday"),
                    "date": s.get("date"),
                    "starts_at": _time(s["from"]),
                    "ends_at": _time(s["until"]),
                    "valid_from": s.get("valid_from"),
                    "valid_until": s.get("valid_until"),
                    "pauses_in_school_holidays": s.get("school_holidays_off", False),
                }
                for s in o.get("schedules", [])
            ],
        )
        for lang, t in o.get("translations", {}).items():
            translation_save(
                offer=offer,
                language=lang,
                title=t["title"],
                summary=t.get("summary", ""),
                description=t.get("description", ""),
                status=t.get("status", TranslationStatus.APPROVED),
            )
        result.offers += 1
    if standard_system:
        result.standard_locations = standard_system_load(folder=folder, categories=categories)
    return result


def _kita_provider(code: str, name: str) -> Organisation:
    org, _ = Organisation.objects.update_or_create(
        key=f"kita-traeger-{slugify(code)[:60]}",
        defaults={"name": name, "kind": "provider", "city": "Essen"},
    )
    return org


def standard_system_load(*, folder: Path = ESSEN, categories: dict[str, Category]) -> int:
    """Kitas and schools as standard-system locations with their providers (idempotent).

    Each Kita also becomes a published offer "Kindertagesbetreuung" in the category childcare.
    """
    count = 0
    childcare = categories.get("kinderbetreuung-familie")
    school_board = Organisation.objects.filter(key="fachbereich-schule").first()
    spec = tomllib.loads((folder / "offers.toml").read_text(encoding="utf-8"))
    kita_registration_url = spec.get("kita_registration", {}).get("url", "")
    with (folder / "kitas.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            provider = _kita_provider(row["provider_code"] or "sonstige", row["provider"])
            location = location_save(
                key=f"kita-{row['source_id']}",
                organisation=provider,
                name=row["name"],
                street=f"{row['street']} {row['house_number']}".strip(),
                postcode=row["postcode"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                is_standard_system=True,
                kind="kita",
            )
            count += 1
            if childcare is None:
                continue
            values = {
                "title": f"Kita: {row['name']}"[:200],
                "summary": row["care_description"][:300] or "Kindertagesbetreuung",
                "description": "Kindertageseinrichtung im Regelsystem. Plätze werden über den "
                "Kita-Navigator der Stadt Essen vergeben.",
                "category": childcare,
                "min_age": 0,
                "max_age": 6,
                "for_children": True,
                "for_families": True,
                "languages": ["de"],
                "registration_required": True,
                "url": kita_registration_url,
                "status": OfferStatus.PUBLISHED,
                "last_reviewed": timezone.localdate(),
            }
            key = f"kita-{row['source_id']}"
            existing = Offer.objects.filter(key=key).first()
            if existing:
                offer_update(offer=existing, values=values, locations=[location])
            else:
                offer_create(organisation=provider, values=values, locations=[location], key=key)
    if school_board is not None:
        with (folder / "schulen.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                location_save(
                    key=f"schule-{row['source_id']}",
                    organisation=school_board,
                    name=f"{row['name']} ({row['school_type']})",
                    street=f"{row['street']} {row['house_number']}".strip(),
                    postcode=row["postcode"],
                    latitude=float(row["lat"]),
                    longitude=float(row["lon"]),
                    is_standard_system=True,
                    kind="school",
                )
                count += 1
    return count
