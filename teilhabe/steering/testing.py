"""Small, hand-countable data for steering tests (created directly: figures read rows, and
each test states exactly what it made)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from teilhabe.geography.models import District
from teilhabe.offers.models import Category, Location, Offer
from teilhabe.organisations.models import Organisation
from teilhabe.referrals.models import Referral, ReferralStatus


def district(name: str) -> District:
    return District.objects.select_related("borough").get(name=name)


def category(key: str, name: str) -> Category:
    return Category.objects.get_or_create(key=key, defaults={"name": name})[0]


def offer_in(
    place: str, *, provider: Organisation, cat: Category, title: str | None = None
) -> Offer:
    d = district(place)
    location = Location.objects.create(
        organisation=provider,
        name=f"Ort {place}",
        street="Teststraße 1",
        postcode="45127",
        latitude=51.45,
        longitude=7.01,
        district=d,
    )
    offer = Offer.objects.create(
        organisation=provider,
        category=cat,
        title=title or f"{cat.name} in {place}",
        summary="Test",
    )
    offer.locations.add(location)
    return offer


def referrals(
    n: int,
    *,
    offer: Offer | None,
    sender: Organisation,
    sender_user,
    lives_in: str | None,
    status: str = ReferralStatus.SENT,
    responded_after_days: int | None = None,
    sent_on: datetime.date | None = None,
    recipient: Organisation | None = None,
) -> list[Referral]:
    """``n`` referrals with the person living in ``lives_in`` (a Stadtteil name)."""
    sent_on = sent_on or timezone.localdate() - datetime.timedelta(days=30)
    sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(10)))
    home = district(lives_in).pk if lives_in else None
    made = []
    for _ in range(n):
        r = Referral.objects.create(
            sender=sender,
            sender_user=sender_user,
            recipient=recipient or offer.organisation,
            offer=offer,
            is_anonymous=True,
            profile={"district_id": home},
            status=status,
            response_due=sent_on + datetime.timedelta(days=14),
        )
        responded = (
            sent_at + datetime.timedelta(days=responded_after_days)
            if responded_after_days is not None
            else None
        )
        Referral.objects.filter(pk=r.pk).update(
            created_at=sent_at, status_changed_at=responded or sent_at, responded_at=responded
        )
        made.append(r)
    return made
