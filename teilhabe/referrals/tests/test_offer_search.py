"""A referral's offer list (hundreds of entries) can be searched on the server, without
JavaScript; the search narrows the choice and the chosen offer is still sent."""

import re

from django.urls import reverse

from teilhabe.offers.models import Offer
from teilhabe.referrals.models import Referral
from teilhabe.referrals.testing import demo_consent, demo_offer


def _options(body: str) -> list[str]:
    select = body[body.index('name="offer"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="(\d+)"', select)


def test_the_offer_choice_can_be_searched_by_title_provider_or_category(client, cast):
    case = cast.home_case
    offer = demo_offer()
    client.force_login(cast.case_worker)
    url = reverse("referrals:send", kwargs={"case_code": case.code})
    everything = _options(client.get(url).content.decode())
    response = client.get(url, {"suche": offer.title})
    found = _options(response.content.decode())
    assert str(offer.pk) in found
    assert 0 < len(found) < len(everything)
    assert response.context["offer_count"] == len(found)
    assert re.search(r"\d+ Angebote? (passt|passen) zu „", response.content.decode())
    by_provider = _options(client.get(url, {"suche": offer.organisation.name}).content.decode())
    assert set(by_provider) == {
        str(pk)
        for pk in Offer.objects.filter(organisation=offer.organisation, status="published")
        .exclude(organisation=case.organisation)
        .values_list("pk", flat=True)
    }


def test_a_search_without_match_says_so_and_offers_nothing(client, cast):
    client.force_login(cast.case_worker)
    url = reverse("referrals:send", kwargs={"case_code": cast.home_case.code})
    response = client.get(url, {"suche": "xyzzy-kein-angebot"})
    assert _options(response.content.decode()) == []
    assert response.context["offer_count"] == 0


def test_the_referral_is_sent_to_the_offer_found_by_the_search(client, cast):
    case = cast.home_case
    offer = demo_offer()
    person = case.household.members.get(family_name="Haddad")
    consent = demo_consent(cast, person, offer.organisation)
    client.force_login(cast.case_worker)
    url = reverse("referrals:send", kwargs={"case_code": case.code}) + "?suche=" + offer.title
    response = client.post(
        url,
        {
            "offer": offer.pk,
            "person": person.pk,
            "consent": consent.pk,
            "shared_fields": ["name", "languages"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Referral.objects.filter(case=case, offer=offer).exists()
