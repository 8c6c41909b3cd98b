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
    # Registration requests (personal data): the provider of the offers only, not the admin.
    "offers:registrations": rule({R.PROVIDER_EDITOR}),
    "offers:registration_status": rule(
        set(),
        kwargs=lambda cast: {"code": _registration_request(cast).code},
        as_role={R.PROVIDER_EDITOR: 405},
        note="POST only",
    ),
}


def _registration_request(cast):
    """A registration request to the provider editor's own offer (made once per test data)."""
    from teilhabe.offers.models import RegistrationRequest

    found = RegistrationRequest.objects.filter(offer=cast.own_offer).first()
    return found or RegistrationRequest.objects.create(
        offer=cast.own_offer, name="Test", email="test@example.org", consent_text="Test"
    )
