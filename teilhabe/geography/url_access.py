from teilhabe.access.matrix import STAFF, rule

RULES = {
    "geography:overview": rule(STAFF),
    "geography:borough": rule(STAFF, kwargs=lambda cast: {"code": cast.borough.code}),
}
