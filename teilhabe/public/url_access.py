from teilhabe.access.matrix import PUBLIC, rule

RULES = {
    "public:root": rule(PUBLIC, ok=302),
    "public:finder": rule(PUBLIC, kwargs=lambda cast: {"lang": "ar"}),
    "public:search_ics": rule(PUBLIC, kwargs=lambda cast: {"lang": "de"}),
    "public:offer": rule(PUBLIC, kwargs=lambda cast: {"lang": "fa", "code": cast.own_offer.code}),
    "public:offer_ics": rule(
        PUBLIC, kwargs=lambda cast: {"lang": "de", "code": cast.own_offer.code}
    ),
}
