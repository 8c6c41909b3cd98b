import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.access import SYSTEM
from teilhabe.offers.models import Offer, OfferStatus, OfferTranslation
from teilhabe.offers.services import offer_update

from .test_provider_editing import _post_data

pytestmark = pytest.mark.django_db


def test_no_published_offer_needs_registration_without_saying_how():
    published = Offer.objects.published().filter(registration_required=True)
    assert published.count() > 300  # the demo offers and the Kitas
    assert [o.title for o in published if o.registration_way_missing] == []


def test_an_offer_that_needs_registration_cannot_be_published_without_a_way(client_as, cast):
    offer = cast.own_offer
    client = client_as("provider_editor")
    response = client.post(
        reverse("offers:edit", args=[offer.code]),
        _post_data(
            offer,
            registration_required="on",
            contact_phone="",
            contact_email="",
            url="",
            status=OfferStatus.PUBLISHED,
        ),
    )
    assert response.status_code == 200
    assert "muss sagen, wie man sich anmeldet" in response.content.decode()
    offer.refresh_from_db()
    assert offer.contact_email  # unchanged
    with pytest.raises(ValidationError):
        offer_update(
            user=SYSTEM, offer=offer, values={"contact_email": "", "contact_phone": "", "url": ""}
        )
    # As a draft it may still be incomplete; finder registration alone is a way too.
    offer_update(
        user=SYSTEM,
        offer=offer,
        values={"contact_email": "", "contact_phone": "", "url": "", "status": OfferStatus.DRAFT},
    )
    offer_update(
        user=SYSTEM,
        offer=offer,
        values={"status": OfferStatus.PUBLISHED, "registration_via_finder": True},
    )


def test_the_provider_sees_which_translations_are_missing(client_as, cast):
    offer = cast.own_offer
    OfferTranslation.objects.filter(offer=offer, language="fa").delete()
    OfferTranslation.objects.filter(offer=offer, language="ar").update(outdated=True)
    client = client_as("provider_editor")
    page = client.get(reverse("offers:edit", args=[offer.code])).content.decode()
    assert "Übersetzung fehlt oder ist veraltet" in page
    assert "Persisch" in page and "Arabisch" in page
    listing = client.get(reverse("offers:list")).content.decode()
    assert "Übersetzung fehlt" in listing
