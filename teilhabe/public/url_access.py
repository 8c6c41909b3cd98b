from teilhabe.access.matrix import PUBLIC, rule

RULES = {
    "public:root": rule(PUBLIC, ok=302),
    "public:finder": rule(PUBLIC, kwargs=lambda cast: {"lang": "ar"}),
    "public:search_ics": rule(PUBLIC, kwargs=lambda cast: {"lang": "de"}),
    "public:offer": rule(PUBLIC, kwargs=lambda cast: {"lang": "fa", "code": cast.own_offer.code}),
    # Only offers that take registration requests through the finder (else 404).
    "public:register": rule(
        PUBLIC, kwargs=lambda cast: {"lang": "uk", "code": _finder_registration_offer(cast).code}
    ),
    "public:offer_ics": rule(
        PUBLIC, kwargs=lambda cast: {"lang": "de", "code": cast.own_offer.code}
    ),
}


def _finder_registration_offer(cast):
    from teilhabe.offers.models import Offer

    cast.own_offer  # noqa: B018 - loads the demo directory
    return Offer.objects.published().filter(registration_via_finder=True).first()
