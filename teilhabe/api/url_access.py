from teilhabe.access.matrix import PUBLIC, rule
from teilhabe.offers.hsds.export import TAXONOMY_ID, service_at_location_id


def _link(cast) -> dict:
    offer = cast.own_offer
    return {"id": service_at_location_id(offer.code, offer.locations.first().code)}


RULES = {
    "api:offer-list": rule(PUBLIC),
    "api:offer-detail": rule(PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.code}),
    "api:organisation-list": rule(PUBLIC),
    "api:organisation-detail": rule(
        PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.organisation.code}
    ),
    "api:location-list": rule(PUBLIC),
    "api:location-detail": rule(
        PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.locations.first().code}
    ),
    "api:taxonomy": rule(PUBLIC),
    "api:hsds-root": rule(PUBLIC),
    "api:hsds-openapi": rule(PUBLIC),
    "api:hsds-services": rule(PUBLIC),
    "api:hsds-service": rule(PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.code}),
    "api:hsds-service-at-locations": rule(PUBLIC),
    "api:hsds-service-at-location": rule(PUBLIC, kwargs=_link),
    "api:hsds-organizations": rule(PUBLIC),
    "api:hsds-organization": rule(
        PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.organisation.code}
    ),
    "api:hsds-taxonomies": rule(PUBLIC),
    "api:hsds-taxonomy": rule(PUBLIC, kwargs=lambda cast: {"id": TAXONOMY_ID}),
    "api:hsds-taxonomy-terms": rule(PUBLIC),
    "api:hsds-taxonomy-term": rule(
        PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.category.code}
    ),
    "api:schema": rule(PUBLIC),
    "api:docs": rule(PUBLIC),
    "api:redoc": rule(PUBLIC, ok=302, note="the former ReDoc page leads to the docs page"),
}
