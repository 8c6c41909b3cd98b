"""Writes for the offers directory: keyword-only functions with ``user`` first, access
checked through :mod:`teilhabe.access`, one transaction each.

Bad input raises :class:`OfferError` with a German message and writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from teilhabe.access import Action, check
from teilhabe.geography.models import Municipality
from teilhabe.geography.services import locate_district_id
from teilhabe.offers.models import (
    SPOKEN_LANGUAGES,
    TRANSLATION_LANGUAGES,
    Location,
    Offer,
    OfferTranslation,
    Schedule,
    TranslationStatus,
)
from teilhabe.organisations.models import Organisation


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


@transaction.atomic
def location_save(
    *,
    user: Any,
    organisation: Organisation,
    name: str,
    street: str,
    postcode: str,
    latitude: float,
    longitude: float,
    city: str = "",
    step_free: bool = False,
    accessible_toilet: bool = False,
    hearing_loop: bool = False,
    accessibility_note: str = "",
    key: str | None = None,
    location: Location | None = None,
    is_standard_system: bool = False,
    kind: str = "",
) -> Location:
    """Create or update a location; its Stadtteil is assigned from the coordinates (and, without
    ``city``, the city from the Stadtteil's municipality)."""
    check(user, Action.MANAGE_OFFERS, location or organisation)
    district_id = _district_for(latitude=latitude, longitude=longitude, label=name)
    if not city:
        city = (
            Municipality.objects.filter(boroughs__districts=district_id)
            .values_list("name", flat=True)
            .first()
            or ""
        )
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


def _rows(offer: Offer, schedules: list[dict]) -> list[Schedule]:
    rows = []
    for i, s in enumerate(schedules, start=1):
        if (s.get("weekday") is None) == (s.get("date") is None):
            raise OfferError(f"Termin {i}: entweder ein Wochentag oder ein Datum angeben.")
        if s["ends_at"] <= s["starts_at"]:
            raise OfferError(f"Termin {i}: Das Ende liegt nicht nach dem Beginn.")
        rows.append(Schedule(offer=offer, **s))
    return rows


def _save(
    offer: Offer,
    values: dict,
    locations: list[Location] | None,
    schedules: list[dict] | None,
) -> None:
    for name in Offer.EDITABLE_FIELDS:
        if name in values:
            setattr(offer, name, values[name])
    offer.full_clean(exclude=["locations", "key"])
    rows = _rows(offer, schedules) if schedules is not None else None
    offer.save()
    if locations is not None:
        offer.locations.set(locations)
    if rows is not None:
        offer.schedules.all().delete()
        Schedule.objects.bulk_create(rows)


@transaction.atomic
def offer_create(
    *,
    user: Any,
    organisation: Organisation,
    values: dict,
    locations: list[Location] | None = None,
    schedules: list[dict] | None = None,
    key: str | None = None,
) -> Offer:
    """Create an offer of ``organisation`` with its places and times. ``values`` holds fields
    of :data:`Offer.EDITABLE_FIELDS`; ``schedules`` as in :func:`schedules_replace`."""
    check(user, Action.MANAGE_OFFERS, organisation)
    _check_offer(values)
    offer = Offer(organisation=organisation, key=key)
    _save(offer, values, locations, schedules)
    return offer


@transaction.atomic
def offer_update(
    *,
    user: Any,
    offer: Offer,
    values: dict,
    locations: list[Location] | None = None,
    schedules: list[dict] | None = None,
) -> Offer:
    """Change an offer (and, when given, its places and times); a change of its German texts
    marks every translation outdated. ``values`` may hold only the fields that change."""
    check(user, Action.MANAGE_OFFERS, offer)
    values = {**{name: getattr(offer, name) for name in Offer.EDITABLE_FIELDS}, **values}
    _check_offer(values)
    # From the database: a bound model form has already changed the instance.
    before = Offer.objects.get(pk=offer.pk).source_hash()
    _save(offer, values, locations, schedules)
    if offer.source_hash() != before:
        offer.translations.update(outdated=True, updated_at=timezone.now())
    return offer


@transaction.atomic
def offer_mark_reviewed(*, user: Any, offer: Offer, on: date | None = None) -> Offer:
    check(user, Action.MANAGE_OFFERS, offer)
    offer.last_reviewed = on or timezone.localdate()
    offer.save(update_fields=["last_reviewed", "updated_at"])
    return offer


@transaction.atomic
def schedules_replace(*, user: Any, offer: Offer, schedules: list[dict]) -> list[Schedule]:
    """Replace an offer's schedules (weekly: ``weekday``; single date: ``date``)."""
    check(user, Action.MANAGE_OFFERS, offer)
    rows = _rows(offer, schedules)
    offer.schedules.all().delete()
    Schedule.objects.bulk_create(rows)
    Offer.objects.filter(pk=offer.pk).update(updated_at=timezone.now())
    return rows


@transaction.atomic
def translation_save(
    *,
    user: Any,
    offer: Offer,
    language: str,
    title: str,
    summary: str = "",
    description: str = "",
    status: str = TranslationStatus.DRAFT,
) -> OfferTranslation:
    """Store one translation of an offer; it is current for the German text as it is now."""
    check(user, Action.MANAGE_OFFERS, offer)
    if language not in TRANSLATION_LANGUAGES:
        raise OfferError(f"Für die Sprache „{language}“ werden keine Übersetzungen geführt.")
    if not title.strip():
        raise OfferError("Der übersetzte Titel fehlt.")
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


def offers_import_start(*, user, organisation, upload) -> Any:
    """Queue the check (preview) of an offers file as a job for ``user``; nothing is written."""
    from teilhabe.jobs.services import job_start

    check(user, Action.MANAGE_OFFERS, organisation)
    return job_start(
        user=user,
        kind="offers.import",
        params={"organisation": organisation.pk, "dry_run": True, "filename": upload.name},
        input_file=upload,
    )


def offers_import_confirm(*, user, job) -> Any:
    """Import the file of a successful preview job: a new job writes the offers as drafts."""
    from teilhabe.jobs.models import JobStatus
    from teilhabe.jobs.services import job_start
    from teilhabe.organisations.models import Organisation

    if job.created_by_id != user.pk or job.kind != "offers.import":
        raise PermissionDenied
    if job.status != JobStatus.SUCCEEDED or not job.result.get("preview"):
        raise OfferError("Nur eine fehlerfreie Vorschau kann eingelesen werden.")
    organisation = Organisation.objects.get(pk=job.params["organisation"])
    check(user, Action.MANAGE_OFFERS, organisation)
    with job.input_file.open("rb") as f:
        content = f.read()
    filename = job.params.get("filename", "import.csv")
    return job_start(
        user=user,
        kind="offers.import",
        params={"organisation": organisation.pk, "dry_run": False, "filename": filename},
        input_file=(filename, content),
    )
