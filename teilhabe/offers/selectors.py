"""Reads for the offers directory (staff pages, public finder and API share the filters)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from teilhabe.access import Action, visible
from teilhabe.geography.models import Borough, District
from teilhabe.offers.models import (
    Category,
    Location,
    Offer,
    OfferStatus,
    OfferTranslation,
    Schedule,
)


@dataclass(frozen=True)
class OfferFilter:
    """The finder's filters; every field is optional."""

    q: str = ""
    borough: int | None = None  # Borough.number
    district: str = ""  # District.code (UUID as string)
    category: str = ""  # Category.key
    language: str = ""  # ISO 639-1 code spoken at the offer
    age: int | None = None
    free: bool = False
    weekday: int | None = None  # 0 = Monday

    def apply(self, qs: QuerySet[Offer]) -> QuerySet[Offer]:
        if self.q:
            for word in self.q.split()[:5]:
                qs = qs.filter(
                    Q(title__icontains=word)
                    | Q(summary__icontains=word)
                    | Q(organisation__name__icontains=word)
                    | Q(translations__title__icontains=word)
                )
            qs = qs.distinct()
        at = Location.objects.filter(offers=OuterRef("pk"))
        if self.district:
            qs = qs.filter(Exists(at.filter(district__code=self.district)))
        elif self.borough is not None:
            qs = qs.filter(Exists(at.filter(district__borough__number=self.borough)))
        if self.category:
            qs = qs.filter(Q(category__key=self.category) | Q(category__parent__key=self.category))
        if self.language:
            qs = qs.filter(languages_index__contains=f",{self.language},")
        if self.age is not None:
            qs = qs.filter(Q(min_age__isnull=True) | Q(min_age__lte=self.age)).filter(
                Q(max_age__isnull=True) | Q(max_age__gte=self.age)
            )
        if self.free:
            qs = qs.filter(is_free=True)
        if self.weekday is not None:
            qs = qs.filter(
                Exists(Schedule.objects.filter(offer=OuterRef("pk"), weekday=self.weekday))
            )
        return qs


def offers_for(user, *, action: str = Action.VIEW_OFFERS) -> QuerySet[Offer]:
    """Offers a member of staff may see (or, with ``action``, change)."""
    return (
        visible(user, action, Offer)
        .select_related("organisation", "category")
        .order_by("status", "title")
    )


def locations_for(user, *, action: str = Action.MANAGE_OFFERS) -> QuerySet[Location]:
    return visible(user, action, Location).select_related("district__borough")


def public_offers(filters: OfferFilter | None = None) -> QuerySet[Offer]:
    """Published offers, with what a list of them shows, filtered."""
    qs = Offer.objects.published().select_related("organisation", "category")
    return (filters or OfferFilter()).apply(qs).order_by("title", "pk")


def with_details(qs: QuerySet[Offer], language: str | None = None) -> QuerySet[Offer]:
    """Prefetch locations (with Stadtteil), schedules and the translation in ``language``."""
    qs = qs.prefetch_related(
        Prefetch("locations", queryset=Location.objects.select_related("district__borough")),
        "schedules",
    )
    if language and language != "de":
        qs = qs.prefetch_related(
            Prefetch(
                "translations",
                queryset=OfferTranslation.objects.filter(language=language),
                to_attr="translations_in_language",
            )
        )
    return qs


def district_counts(qs: QuerySet[Offer]) -> dict[int, int]:
    """Number of offers (of ``qs``) per district id."""
    rows = (
        Location.objects.filter(offers__in=qs.order_by().values("pk"))
        .values("district_id")
        .annotate(n=Count("offers", distinct=True))
    )
    return {r["district_id"]: r["n"] for r in rows}


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
