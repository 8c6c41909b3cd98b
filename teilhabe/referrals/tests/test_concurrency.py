"""On PostgreSQL, two receivers accepting at the same moment never share the last place."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from teilhabe.accounts.models import User
from teilhabe.cases.testing import demo_case
from teilhabe.core.testing.concurrency import run_in_parallel
from teilhabe.offers.models import Offer
from teilhabe.organisations.models import Organisation
from teilhabe.referrals import services
from teilhabe.referrals.models import Referral, ReferralStatus
from teilhabe.referrals.testing import demo_offer


def test_the_last_place_is_never_given_twice_under_concurrent_acceptance(committed_db):
    # Not the `cast` fixture: it would wrap the test in a transaction the threads cannot see.
    case_worker = User.objects.get(email="fachkraft@essen.teilhabe.example")
    case = demo_case(case_worker, Organisation.objects.get(key="caritas-essen"))
    offer = demo_offer()
    Offer.objects.filter(pk=offer.pk).update(free_places=1)
    referrals = [
        services.referral_send(user=case_worker, case=case, offer=offer, anonymous=True)
        for _ in range(6)
    ]
    provider = User.objects.get(email="anbieter@essen.teilhabe.example")

    def accept(referral):
        def call():
            user = User.objects.get(pk=provider.pk)
            return services.referral_transition(
                user=user, referral=Referral.objects.get(pk=referral.pk), to=ReferralStatus.ACCEPTED
            )

        return call

    results = run_in_parallel(*(accept(r) for r in referrals))
    won = [r for r in results if isinstance(r, Referral)]
    lost = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 1, results
    assert len(lost) == 5
    assert Offer.objects.get(pk=offer.pk).free_places == 0
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).count() == 1
