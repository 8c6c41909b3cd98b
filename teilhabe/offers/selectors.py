"""Reads for the offers directory (staff pages, public finder and API share one filter,
:mod:`teilhabe.offers.filters`)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import Count, Max, Prefetch, QuerySet

from teilhabe.access import Action, visible
from teilhabe.geography.models import Borough, District
from teilhabe.offers.filters import OfferFilterSet
from teilhabe.offers.models import (
    TRANSLATION_LANGUAGES,
    Category,
    Location,
    Offer,
    OfferStatus,
    OfferTranslation,
)


def offers_for(user, *, action: str = Action.VIEW_OFFERS) -> QuerySet[Offer]:
    """Offers a member of staff may see (or, with ``action``, change)."""
    return (
        visible(user, action, Offer)
        .select_related("organisation", "category")
        .order_by("status", "title")
    )


def locations_for(user, *, action: str = Action.MANAGE_OFFERS) -> QuerySet[Location]:
    return visible(user, action, Location).select_related("district__borough")


def public_offers(filters: OfferFilterSet | None = None) -> QuerySet[Offer]:
    """Published offers, with what a list of them shows, filtered by ``filters`` (the one
    offer filter, :class:`teilhabe.offers.filters.OfferFilterSet`)."""
    qs = filters.qs if filters is not None else Offer.objects.published()
    return qs.select_related("organisation", "category").order_by("title", "pk")


def with_details(qs: QuerySet[Offer], language: str | None = None) -> QuerySet[Offer]:
    """Prefetch locations (with Stadtteil, from the cached names), schedules and the
    translation in ``language``."""
    qs = qs.prefetch_related(
        Prefetch("locations", queryset=Location.objects.with_district()),
        "schedules",
    )
    return with_translation(qs, language)


# What the public sees of a location (API, HSDS, finder), in the API's order: the API's
# LocationSerializer (teilhabe.api.serializers) lists exactly these after its id and
# organisation, "district" standing for the Stadtteil, its Stadtbezirk and the Stadtbezirk's
# number. Their names come from the per-process mapping (``Location.objects.with_district()``),
# never from a join that would also read their shapes.
PUBLIC_LOCATION_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "district",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "accessibility_note",
    "is_standard_system",
    "kind",
)
LOCATION_COLUMNS = ("code", "key", "organisation", "organisation__code", *PUBLIC_LOCATION_FIELDS)
SCHEDULE_COLUMNS = (
    "code",
    "offer",
    "weekday",
    "date",
    "starts_at",
    "ends_at",
    "valid_from",
    "valid_until",
    "pauses_in_school_holidays",
)
TRANSLATION_COLUMNS = ("offer", "language", "title", "summary", "description", "outdated")


def public_locations() -> QuerySet[Location]:
    """Locations with the columns the public sees and their (cached) Stadtteil."""
    return Location.objects.select_related("organisation").only(*LOCATION_COLUMNS).with_district()


def public_schedules() -> QuerySet:
    from teilhabe.offers.models import Schedule

    return Schedule.objects.only(*SCHEDULE_COLUMNS)


def with_translation(qs: QuerySet[Offer], language: str | None, *, description: bool = True):
    """``qs`` with the translations into ``language`` prefetched (only their texts) as
    ``translations_in_language``; German needs none."""
    if not language or language == "de":
        return qs
    columns = TRANSLATION_COLUMNS if description else (*TRANSLATION_COLUMNS[:-2], "outdated")
    return qs.prefetch_related(
        Prefetch(
            "translations",
            queryset=OfferTranslation.objects.filter(language=language).only(*columns),
            to_attr="translations_in_language",
        )
    )


# The columns of a finder list entry, read as plain rows (no model instances).
FINDER_COLUMNS = (
    "pk",
    "code",
    "title",
    "summary",
    "is_free",
    "organisation__name",
    "organisation__short_name",
)


@dataclass(frozen=True, slots=True)
class FinderEntry:
    """One offer of the finder's list, in the reader's language (German with ``fallback``)."""

    code: object
    title: str
    summary: str
    fallback: bool
    provider: str
    places: tuple[str, ...]  # the Stadtteil of each location, in the locations' name order
    is_free: bool


def finder_page(qs: QuerySet[Offer]) -> QuerySet:
    """The finder's list as plain rows of :data:`FINDER_COLUMNS` (page it, then pass the page to
    :func:`finder_entries`)."""
    return qs.values_list(*FINDER_COLUMNS)


def finder_entries(rows, language: str) -> list[FinderEntry]:
    """A page of :func:`finder_page` rows as entries: two more queries for any page size (the
    locations' Stadtteile, from the per-process mapping of names, and the translations into
    ``language``; German needs none). An outdated translation is not used (German is safer)."""
    from teilhabe.geography.selectors import districts_by_id

    rows = list(rows)
    pks = [r[0] for r in rows]
    if not pks:
        return []
    links = list(
        Location.objects.filter(offers__in=pks)
        .order_by("name", "pk")
        .values_list("offers", "district_id")
    )
    names = districts_by_id({district for _offer, district in links})
    places: dict[int, list[str]] = {}
    for offer, district in links:
        places.setdefault(offer, []).append(names[district].name)
    texts: dict[int, tuple[str, str]] = {}
    if language != "de":
        texts = {
            offer: (title, summary)
            for offer, title, summary in OfferTranslation.objects.filter(
                offer__in=pks, language=language, outdated=False
            ).values_list("offer", "title", "summary")
        }
    entries = []
    for pk, code, title, summary, is_free, org_name, org_short in rows:
        text = texts.get(pk)
        if text is not None:
            title, summary = text[0], text[1] or summary
        entries.append(
            FinderEntry(
                code=code,
                title=title,
                summary=summary,
                fallback=text is None and language != "de",
                provider=org_short or org_name,
                places=tuple(places.get(pk, ())),
                is_free=is_free,
            )
        )
    return entries


def finder_counts(qs: QuerySet[Offer]) -> tuple[int, dict[int, int]]:
    """The number of offers of ``qs`` and the number per district id (exact; an offer counts
    once per Stadtteil it has a location in) in one statement, one round trip instead of
    ``qs.count()`` and a count per Stadtteil. The filtered ids are written twice on purpose:
    shared as a CTE (materialised by PostgreSQL) the statement took twice as long."""
    ids, params = qs.order_by().values("pk").query.sql_with_params()
    link = Offer.locations.through._meta
    connection = connections[qs.db]
    q = connection.ops.quote_name
    # only the compiled queryset (its values are parameters) and quoted names go into the text
    sql = (
        f"SELECT NULL, (SELECT COUNT(*) FROM ({ids}) f) "  # noqa: S608
        "UNION ALL "
        f"SELECT l.{q('district_id')}, COUNT(DISTINCT ol.{q('offer_id')}) "
        f"FROM {q(link.db_table)} ol "
        f"JOIN {q(Location._meta.db_table)} l ON l.{q('id')} = ol.{q('location_id')} "
        f"WHERE ol.{q('offer_id')} IN ({ids}) "
        f"GROUP BY l.{q('district_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *params))
        rows = cursor.fetchall()
    total = next(n for district, n in rows if district is None)
    return total, {district: n for district, n in rows if district is not None}


def categories() -> list[Category]:
    return list(Category.objects.filter(parent=None).order_by("position", "name"))


def borough_coverage(borough: Borough) -> dict:
    """Per Stadtteil of ``borough``: published offers per top-level category (0 = missing)."""
    cats = categories()
    districts = list(District.objects.filter(borough=borough).order_by("name"))
    rows = (
        Offer.objects.published()
        .filter(locations__district__borough=borough)
        .values("locations__district_id", "category_id", "category__parent_id")
        .annotate(n=Count("pk", distinct=True))
    )
    counts: dict[tuple[int, int], int] = {}
    for r in rows:
        cat = r["category__parent_id"] or r["category_id"]
        key = (r["locations__district_id"], cat)
        counts[key] = counts.get(key, 0) + r["n"]
    return {
        "categories": cats,
        "rows": [
            {"district": d, "cells": [counts.get((d.pk, c.pk), 0) for c in cats]} for d in districts
        ],
    }


def stale_offers(user) -> QuerySet[Offer]:
    return offers_for(user).stale()


def published_count() -> int:
    return Offer.objects.filter(status=OfferStatus.PUBLISHED).count()


_version: tuple[float, str] = (0.0, "")


def directory_version() -> str:
    """Changes whenever an offer, a translation or a location changes (or is removed).

    Read at most every ``API_VERSION_SECONDS`` (default 1) per process, so that cached answers
    cost no database query; a change shows in the API within that time.
    """
    global _version
    ttl = getattr(settings, "API_VERSION_SECONDS", 1.0)
    now = time.monotonic()
    if ttl and now - _version[0] < ttl:
        return _version[1]
    value = _directory_version()
    _version = (now, value)
    return value


def _directory_version() -> str:
    o = Offer.objects.aggregate(m=Max("updated_at"), n=Count("pk"))
    loc = Location.objects.aggregate(m=Max("updated_at"), n=Count("pk"))
    t = OfferTranslation.objects.aggregate(m=Max("updated_at"), n=Count("pk"))
    return f"{o['m']}|{o['n']}|{loc['m']}|{loc['n']}|{t['m']}|{t['n']}"


def translation_gaps(offer: Offer) -> list[str]:
    """Languages of the finder in which the offer has no current translation (missing or
    outdated); uses prefetched ``translations``."""
    current = {t.language for t in offer.translations.all() if not t.outdated}
    return [code for code in TRANSLATION_LANGUAGES if code not in current]
