"""Offer data must make sense: no negative cost, real postcodes."""

import pytest
from django.urls import reverse

from teilhabe.offers.models import Offer
from teilhabe.offers.services import OfferError, location_save, offer_update
from teilhabe.offers.tests.test_provider_editing import _post_data

pytestmark = pytest.mark.django_db


def test_a_negative_cost_is_refused_in_form_and_service(client_as, cast):
    offer = cast.own_offer
    client = client_as("provider_editor")
    response = client.post(
        reverse("offers:edit", args=[offer.code]), _post_data(offer, is_free="", cost="-5")
    )
    assert response.status_code != 302
    assert "nicht negativ" in response.context["form"].errors["cost"][0]
    with pytest.raises(OfferError, match="nicht negativ"):
        offer_update(
            user=cast.user("provider_editor"), offer=offer, values={"is_free": False, "cost": -5}
        )
    assert Offer.objects.get(pk=offer.pk).cost is None


def test_a_location_postcode_must_have_five_digits(client_as, cast):
    offer = cast.own_offer
    with pytest.raises(OfferError, match="Postleitzahl"):
        location_save(
            user=cast.user("provider_editor"),
            organisation=offer.organisation,
            name="Raum",
            street="Hauptstr. 1",
            postcode="abcde",
            latitude=51.45,
            longitude=7.01,
        )
