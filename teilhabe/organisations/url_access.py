from teilhabe.access.matrix import STAFF, rule

RULES = {
    "organisations:list": rule(STAFF),
    "organisations:detail": rule(STAFF, kwargs=lambda cast: {"code": cast.home_org.code}),
}
