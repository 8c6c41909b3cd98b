"""Loading a scenario's offers directory (``offers.toml``) and, optionally, its standard-system
locations (Kitas from ``kitas.csv``, schools from ``schulen.csv``) through the offer services.
Idempotent: every record has a stable key. What is city-specific (the city, the Kitas' category
and text, who runs the schools) stands in the data, not here."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from teilhabe.access import SYSTEM
from teilhabe.offers.models import Category, Location, Offer, OfferStatus, TranslationStatus
from teilhabe.offers.services import (
    location_save,
    offer_create,
    offer_update,
    translation_save,
)
from teilhabe.organisations.models import Organisation
from teilhabe.scenario import scenario_folder


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


def _upsert_offer(
    *,
    key: str,
    organisation: Organisation,
    values: dict,
    locations: list,
    schedules: list[dict] | None = None,
) -> Offer:
    existing = Offer.objects.filter(key=key).first()
    if existing:
        return offer_update(
            user=SYSTEM, offer=existing, values=values, locations=locations, schedules=schedules
        )
    return offer_create(
        user=SYSTEM,
        organisation=organisation,
        values=values,
        locations=locations,
        schedules=schedules,
        key=key,
    )


@transaction.atomic
def offers_demo_load(*, folder: Path | None = None, standard_system: bool = True) -> LoadResult:
    """Load the demo directory (``offers.toml`` of ``folder``, default: the ``SCENARIO``
    setting) and, optionally, Kitas and schools. Idempotent."""
    folder = folder or scenario_folder()
    data = tomllib.loads((folder / "offers.toml").read_text(encoding="utf-8"))
    city = data.get("directory", {}).get("city", "")
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
                "city": o.get("city", city),
                "website": o.get("website", ""),
            },
        )
        result.organisations += 1
    orgs = {o.key: o for o in Organisation.objects.all()}
    locations: dict[str, Location] = {}
    for loc in data.get("locations", []):
        locations[loc["key"]] = location_save(
            user=SYSTEM,
            key=loc["key"],
            organisation=orgs[loc["organisation"]],
            name=loc["name"],
            street=loc["street"],
            postcode=loc["postcode"],
            city=loc.get("city", city),
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
        offer = _upsert_offer(
            key=o["key"],
            organisation=orgs[o["organisation"]],
            values=values,
            locations=[locations[k] for k in o["locations"]],
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
                user=SYSTEM,
                offer=offer,
                language=lang,
                title=t["title"],
                summary=t.get("summary", ""),
                description=t.get("description", ""),
                status=t.get("status", TranslationStatus.APPROVED),
            )
        result.offers += 1
    if standard_system and "standard_system" in data:
        result.standard_locations = standard_system_load(
            folder=folder, categories=categories, spec=data["standard_system"], city=city
        )
    return result


def standard_system_load(
    *, folder: Path, categories: dict[str, Category], spec: dict, city: str = ""
) -> int:
    """Kitas and schools as standard-system locations with their providers (idempotent).

    Each Kita also becomes a published offer in the category ``spec["kita_category"]``."""
    count = 0
    childcare = categories.get(spec.get("kita_category", ""))
    school_board = Organisation.objects.filter(key=spec.get("school_board", "")).first()
    kitas = folder / "kitas.csv"
    with kitas.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = slugify(row["provider_code"] or "sonstige")[:60]
            provider, _ = Organisation.objects.update_or_create(
                key=spec["kita_provider_key"].format(code=code),
                defaults={"name": row["provider"], "kind": "provider", "city": city},
            )
            location = location_save(
                user=SYSTEM,
                key=f"kita-{row['source_id']}",
                organisation=provider,
                name=row["name"],
                street=f"{row['street']} {row['house_number']}".strip(),
                postcode=row["postcode"],
                city=city,
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                is_standard_system=True,
                kind="kita",
            )
            count += 1
            if childcare is None:
                continue
            _upsert_offer(
                key=f"kita-{row['source_id']}",
                organisation=provider,
                locations=[location],
                values={
                    "title": spec["kita_title"].format(name=row["name"])[:200],
                    "summary": row["care_description"][:300] or spec["kita_summary"],
                    "description": spec["kita_description"],
                    "category": childcare,
                    "min_age": 0,
                    "max_age": 6,
                    "for_children": True,
                    "for_families": True,
                    "languages": ["de"],
                    "registration_required": True,
                    "url": spec.get("kita_registration_url", ""),
                    "status": OfferStatus.PUBLISHED,
                    "last_reviewed": timezone.localdate(),
                },
            )
    if school_board is not None:
        with (folder / "schulen.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                location_save(
                    user=SYSTEM,
                    key=f"schule-{row['source_id']}",
                    organisation=school_board,
                    name=f"{row['name']} ({row['school_type']})",
                    street=f"{row['street']} {row['house_number']}".strip(),
                    postcode=row["postcode"],
                    city=city,
                    latitude=float(row["lat"]),
                    longitude=float(row["lon"]),
                    is_standard_system=True,
                    kind="school",
                )
                count += 1
    return count
