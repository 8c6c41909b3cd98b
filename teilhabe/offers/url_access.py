from teilhabe.access.matrix import rule
from teilhabe.access.roles import Role

R = Role
VIEWERS = {R.ADMIN, R.CITY_STEERING, R.BOROUGH_COORDINATOR, R.PROVIDER_EDITOR}
MANAGERS = {R.ADMIN, R.PROVIDER_EDITOR}

RULES = {
    "offers:list": rule(VIEWERS),
    "offers:create": rule(MANAGERS),
    # The provider editor's own offer (VHS); the borough coordinator and steering may look.
    "offers:edit": rule(VIEWERS, kwargs=lambda cast: {"code": cast.own_offer.code}),
    "offers:reviewed": rule(
        set(),
        kwargs=lambda cast: {"code": cast.own_offer.code},
        as_role={R.ADMIN: 405, R.PROVIDER_EDITOR: 405},
        note="POST only",
    ),
    "offers:translation": rule(
        MANAGERS, kwargs=lambda cast: {"code": cast.own_offer.code, "language": "ar"}
    ),
    "offers:location_create": rule(MANAGERS),
    "offers:coverage": rule({R.ADMIN, R.CITY_STEERING, R.BOROUGH_COORDINATOR}),
    "offers:import": rule(MANAGERS),
    "offers:import_confirm": rule(
        set(),
        kwargs=lambda cast: {"code": "00000000-0000-4000-8000-000000000000"},
        as_role={R.ADMIN: 405, R.PROVIDER_EDITOR: 405},
        note="POST only",
    ),
    "offers:translation_files": rule(MANAGERS),
}
