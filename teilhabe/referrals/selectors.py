"""Reads for referrals: in- and outbox, one referral's timeline, allocation proposals, figures."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from teilhabe.access import Action, grants, visible
from teilhabe.geography.models import District
from teilhabe.offers.models import Offer
from teilhabe.referrals.allocation import (
    Allocation,
    AllocationPolicy,
    OfferPlaces,
    Seeker,
    allocate,
    load_policies,
)
from teilhabe.referrals.models import (
    OPEN_STATUSES,
    Notification,
    Referral,
    ReferralEvent,
    ReferralStatus,
)

S = ReferralStatus


def own_organisation_ids(user: Any) -> set[int]:
    return {g.organisation_id for g in grants(user)}


def referrals_for(user: Any, *, box: str, status: str = "") -> QuerySet[Referral]:
    """``box="inbox"``: received by the user's organisations; ``"outbox"``: sent by them."""
    orgs = own_organisation_ids(user)
    qs = visible(user, Action.VIEW_REFERRALS, Referral)
    qs = qs.filter(recipient_id__in=orgs) if box == "inbox" else qs.filter(sender_id__in=orgs)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    return qs.select_related("sender", "recipient", "offer", "sender_user").order_by(
        "response_due" if box == "inbox" else "-created_at", "-id"
    )


def referral_events(user: Any, referral: Referral) -> list[ReferralEvent]:
    return list(
        visible(user, Action.VIEW_REFERRALS, ReferralEvent)
        .filter(referral=referral)
        .select_related("user", "organisation")
        .order_by("at", "id")
    )


def referrals_of_case(user: Any, case: Any) -> list[Referral]:
    """The referrals sent from a case, for the case timeline."""
    return list(
        visible(user, Action.VIEW_REFERRALS, Referral)
        .filter(case=case)
        .select_related("recipient", "offer")
        .prefetch_related("events")
        .order_by("created_at")
    )


def unread_notifications(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("referral").order_by("-created_at")


def _district_points() -> dict[int, tuple[float, float]]:
    """Centre of each Stadtteil's bounding box: good enough for distances within a city."""
    return {
        pk: ((x0 + x1) / 2, (y0 + y1) / 2)
        for pk, x0, y0, x1, y1 in District.objects.values_list(
            "pk", "min_lon", "min_lat", "max_lon", "max_lat"
        )
        if None not in (x0, y0, x1, y1)
    }


def _offer_point(offer: Offer) -> tuple[float, float] | None:
    for location in offer.locations.all():
        if location.longitude is not None and location.latitude is not None:
            return (float(location.longitude), float(location.latitude))
    return None


def allocation_offers(user: Any) -> QuerySet[Offer]:
    """The user's organisations' offers that count places and have someone waiting."""
    orgs = own_organisation_ids(user)
    waiting = visible(user, Action.ALLOCATE_PLACES, Referral).filter(
        status__in=(S.SENT, S.WAITING), offer__isnull=False
    )
    return (
        Offer.objects.filter(organisation_id__in=orgs, free_places__isnull=False)
        .filter(pk__in=waiting.values("offer_id"))
        .annotate(waiting=Count("referrals", filter=Q(referrals__status__in=(S.SENT, S.WAITING))))
        .prefetch_related("locations")
        .order_by("title")
    )


def allocation_proposal(
    user: Any, *, policy: AllocationPolicy | None = None, today: datetime.date | None = None
) -> tuple[Allocation, dict[Any, Referral]]:
    """Propose who gets the free places of the user's organisations' offers (changes nothing)."""
    policy = policy or load_policies()["standard"]
    today = today or timezone.localdate()
    offers = list(allocation_offers(user))
    referrals = list(
        visible(user, Action.ALLOCATE_PLACES, Referral)
        .filter(status__in=(S.SENT, S.WAITING), offer__in=offers)
        .order_by("created_at", "pk")
    )
    points = _district_points()
    places = [
        OfferPlaces(
            key=o.pk,
            title=o.title,
            free_places=o.free_places or 0,
            languages=frozenset(o.languages or []),
            point=_offer_point(o),
            women_only=o.women_only,
            childcare=o.childcare,
            min_age=o.min_age,
            max_age=o.max_age,
        )
        for o in offers
    ]
    seekers = []
    by_key: dict[Any, Referral] = {}
    for r in referrals:
        p = r.profile or {}
        by_key[r.pk] = r
        seekers.append(
            Seeker(
                key=r.pk,
                label=r.display_name,
                waiting_since=r.waiting_since or r.created_at.date(),
                offers=(r.offer_id,),
                urgency=frozenset(r.urgency or []),
                languages=frozenset(p.get("languages") or []),
                point=points.get(p.get("district_id")),
                is_woman=bool(p.get("is_woman")),
                age=p.get("age"),
                needs_childcare=bool(p.get("needs_childcare")),
            )
        )
    return allocate(seekers, places, policy=policy, today=today), by_key


def referral_panel(user: Any) -> dict[str, int]:
    """Counts for the start page: open referrals received, overdue ones, unread notices."""
    orgs = own_organisation_ids(user)
    inbox = visible(user, Action.VIEW_REFERRALS, Referral).filter(
        recipient_id__in=orgs, status__in=OPEN_STATUSES
    )
    counts = inbox.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(status=S.SENT, response_due__lt=timezone.localdate())),
    )
    return {
        "open": counts["open"],
        "overdue": counts["overdue"],
        "unread": unread_notifications(user).count(),
    }
