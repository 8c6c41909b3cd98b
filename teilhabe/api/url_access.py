from teilhabe.access.matrix import PUBLIC, rule

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
    "api:hsds-services": rule(PUBLIC),
    "api:hsds-service": rule(PUBLIC, kwargs=lambda cast: {"id": cast.own_offer.code}),
    "api:schema": rule(PUBLIC),
    "api:docs": rule(PUBLIC),
    "api:redoc": rule(PUBLIC, ok=302, note="the former ReDoc page leads to the docs page"),
}
