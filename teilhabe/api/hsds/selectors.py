"""Reads of the HSDS API: what is published, filtered by the HSDS parameters, with only the
columns the answer's depth needs (``minimal``, ``brief`` = one-to-one fields, ``full`` = nested).

The mapping to HSDS documents is :mod:`teilhabe.offers.hsds.export` (one mapping for the API,
the export command and the open-data package)."""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import defaultdict
from types import SimpleNamespace
from typing import Literal

from django.db.models import Q, QuerySet

from teilhabe.offers.filters import OfferFilterSet
from teilhabe.offers.hsds import export
from teilhabe.offers.models import Category, Location, Offer, OfferTranslation
from teilhabe.offers.selectors import directory_version, public_locations
from teilhabe.organisations.models import Organisation

Depth = Literal["minimal", "brief", "full"]

ORGANISATION_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "email",
    "website",
    "parent__code",
)
OFFER_FIELDS = {
    "minimal": ("code", "title", "status", "updated_at"),
    "brief": (
        "code",
        "title",
        "summary",
        "description",
        "url",
        "contact_email",
        "status",
        "registration_required",
        "is_free",
        "cost",
        "cost_note",
        "women_only",
        "for_families",
        "for_children",
        "for_youth",
        "min_age",
        "max_age",
        "last_reviewed",
        "updated_at",
        *(f"organisation__{f}" for f in ORGANISATION_FIELDS),
    ),
}


def offers(
    *,
    search: str = "",
    term: str | None = None,
    taxonomy: str | None = None,
    organisation: str | None = None,
    since: dt.datetime | None = None,
) -> QuerySet[Offer]:
    """Published offers matching the HSDS filters, in a stable order (by id)."""
    qs = Offer.objects.published()
    if search:  # the finder's search (title, summary, provider, translated titles)
        qs = OfferFilterSet({"q": search}, queryset=qs).qs
    if term:  # a category or one of its sub-categories
        qs = qs.filter(Q(category__code=term) | Q(category__parent__code=term))
    if taxonomy and taxonomy != export.TAXONOMY_ID:
        qs = qs.none()
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if since:
        qs = qs.filter(updated_at__gte=since)
    return qs.order_by("pk")


def at_depth(qs: QuerySet[Offer], depth: Depth, lang: str) -> QuerySet[Offer]:
    if depth == "full":
        qs = export.exportable_offers(qs)
    else:
        qs = qs.only(*OFFER_FIELDS[depth])
        if depth == "brief":
            qs = qs.select_related("organisation__parent")
    return export.with_translation(qs, lang)


def brief_page(qs: QuerySet[Offer], lang: str, offset: int, size: int) -> list[SimpleNamespace]:
    """One page of ``qs`` at depth ``brief`` as plain objects with exactly the attributes (and
    types) :func:`export.service_brief` reads from the offers ``at_depth(qs, "brief", lang)``
    gives: one ``values_list`` query (no model instance per offer, provider and parent) and,
    in another language, one for the translations."""
    paths = (*OFFER_FIELDS["brief"], "pk", "organisation__parent")
    found = []
    for row in qs.values_list(*paths)[offset : offset + size]:
        offer = SimpleNamespace()
        for path, value in zip(paths, row, strict=True):
            *through, attr = path.split("__")
            target = offer
            for name in through:
                inner = getattr(target, name, None)
                if inner is None:
                    inner = SimpleNamespace()
                    setattr(target, name, inner)
                target = inner
            if attr == "parent":  # the foreign key itself, as the model's parent_id
                attr = "parent_id"
            setattr(target, attr, value)
        if offer.organisation.parent_id is None:
            offer.organisation.parent = None
        found.append(offer)
    if lang != "de" and found:
        texts = defaultdict(list)
        rows = OfferTranslation.objects.filter(
            offer_id__in=[o.pk for o in found], language=lang
        ).values_list("offer_id", "language", "title", "summary", "description", "outdated")
        for offer_id, *values in rows:
            texts[offer_id].append(SimpleNamespace(**dict(zip(_TEXTS, values, strict=True))))
        for o in found:
            o.translations_in_language = texts.get(o.pk, [])
    return found


_TEXTS = ("language", "title", "summary", "description", "outdated")


def offer(code: str, depth: Depth, lang: str) -> Offer | None:
    return at_depth(offers(), depth, lang).filter(code=code).first()


def organisations(*, search: str = "") -> QuerySet[Organisation]:
    """Active organisations with a published offer (as ``/api/v1/organisations/``)."""
    with_offers = Offer.objects.published().values("organisation_id")
    qs = Organisation.objects.filter(is_active=True, pk__in=with_offers)
    for word in search.split()[:5]:
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    return qs.select_related("parent").only(*ORGANISATION_FIELDS).order_by("name", "pk")


def services_by_organisation(
    orgs: list[Organisation], depth: Depth, lang: str
) -> dict[int, list[Offer]]:
    found: dict[int, list[Offer]] = defaultdict(list)
    qs = at_depth(offers().filter(organisation__in=orgs), depth, lang)
    for o in qs:
        found[o.organisation_id].append(o)
    return found


def categories(
    *,
    search: str = "",
    taxonomy: str | None = None,
    top_only: bool = False,
    parent: str | None = None,
) -> QuerySet[Category]:
    qs = Category.objects.select_related("parent").only(
        "code", "key", "name", "names", "parent__code", "position"
    )
    for word in search.split()[:5]:
        qs = qs.filter(Q(name__icontains=word) | Q(key__icontains=word))
    if taxonomy and taxonomy != export.TAXONOMY_ID:
        qs = qs.none()
    if top_only:
        qs = qs.filter(parent__isnull=True)
    if parent:
        qs = qs.filter(parent__code=parent)
    return qs.order_by("position", "name", "pk")


# --- service_at_location: the links of published offers and their locations -----------------

Link = Offer.locations.through


def links(
    offer_qs: QuerySet[Offer],
    *,
    postcode: str = "",
    proximity: int | None = None,
) -> QuerySet:
    qs = Link.objects.filter(offer__in=offer_qs.order_by().values("pk"))
    if postcode and proximity:
        qs = qs.filter(location__in=_near(postcode, proximity))
    elif postcode:
        qs = qs.filter(location__postcode=postcode)
    return qs.order_by("offer_id", "location_id").values_list("offer_id", "location_id")


def _near(postcode: str, metres: int) -> list[int]:
    """Locations within ``metres`` of the centre of the locations with ``postcode``."""
    points = list(Location.objects.filter(postcode=postcode).values_list("latitude", "longitude"))
    if not points:
        return []
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    dlat = metres / 111_320
    dlon = metres / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    box = Location.objects.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
    ).values_list("pk", "latitude", "longitude")
    return [pk for pk, la, lo in box if _distance(lat, lon, la, lo) <= metres]


def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def locations(pks, *, nested: bool) -> dict[int, Location]:
    """Locations by pk, their Stadtteil and Stadtbezirk names from the cached mapping."""
    return public_locations().in_bulk(list(pks))


_link_ids: dict[str, tuple[str, dict[str, tuple[int, int]]]] = {}
_link_lock = threading.Lock()


def link_by_id(code: str) -> tuple[int, int] | None:
    """(offer pk, location pk) of a service_at_location id. The ids are derived (uuid5 of the
    service and location ids, stable across exports), so the map is built once per directory
    version and process."""
    version = directory_version()
    with _link_lock:
        known = _link_ids.get("map")
        if known is None or known[0] != version:
            rows = Link.objects.filter(offer__in=Offer.objects.published().values("pk"))
            pairs = rows.values_list("offer_id", "offer__code", "location_id", "location__code")
            mapping = {export.service_at_location_id(oc, lc): (o, loc) for o, oc, loc, lc in pairs}
            known = (version, mapping)
            _link_ids["map"] = known
    return known[1].get(code)
