"""A demo referral for tests: the Caritas demo case's head, with consent, to the VHS
integration course (the provider editor's organisation). Idempotent."""

from __future__ import annotations

from django.utils import timezone

from teilhabe.cases import services as case_services
from teilhabe.cases.models import MilestoneType
from teilhabe.cases.testing import demo_case
from teilhabe.offers.models import Offer
from teilhabe.referrals import services
from teilhabe.referrals.models import Referral

DEMO_OFFER = "vhs-integrationskurs-a1"


def demo_offer() -> Offer:
    offer = Offer.objects.select_related("organisation").filter(key=DEMO_OFFER).first()
    if offer is None:  # test databases without the demo directory
        from teilhabe.offers.loading import offers_demo_load

        offers_demo_load(standard_system=False)
        offer = Offer.objects.select_related("organisation").get(key=DEMO_OFFER)
    return offer


def demo_consent(cast, person, recipient):
    consent = person.consents.filter(revoked_at__isnull=True, recipients=recipient).first()
    return consent or case_services.consent_record(
        user=cast.case_worker,
        person=person,
        purpose="Vermittlung in einen Integrationskurs",
        recipients=[recipient],
        given_on=timezone.localdate(),
        method="signed_form",
    )


def demo_referral(cast) -> Referral:
    case = demo_case(cast.case_worker, cast.home_org)
    offer = demo_offer()
    existing = Referral.objects.filter(case=case, offer=offer).first()
    if existing is not None:
        return existing
    person = case.household.members.order_by("pk").first()
    return services.referral_send(
        user=cast.case_worker,
        case=case,
        offer=offer,
        person=person,
        consent=demo_consent(cast, person, offer.organisation),
        shared_fields=["name", "languages", "contact"],
        message="Bitte um einen Platz im nächsten Kurs.",
        urgency=["Jobcenter-Auflage"],
        milestone_type=MilestoneType.objects.get(key="integrationskurs"),
    )
