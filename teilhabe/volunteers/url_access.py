from teilhabe.access import Role
from teilhabe.access.matrix import PUBLIC, rule

_COORDINATOR = {Role.VOLUNTEER_COORDINATOR}


def _volunteer(cast):
    from teilhabe.volunteers.testing import demo_volunteer

    return {"code": demo_volunteer().code}


def _public(cast):
    from teilhabe.volunteers.testing import demo_contact_point

    demo_contact_point()
    return {"lang": "de"}


RULES = {
    # Public: registration without an account (German and English), confirmation link.
    "volunteering:register": rule(PUBLIC, kwargs=_public),
    "volunteering:registered": rule(PUBLIC, kwargs=lambda cast: {"lang": "en"}),
    "volunteering:confirm": rule(
        PUBLIC,
        kwargs=lambda cast: {"lang": "de", "token": "forged"},
        ok=400,
        note="a forged token answers 400 with a German message",
    ),
    # Coordinators of the contact point's organisation (the demo coordinator: Diakoniewerk).
    "volunteers:list": rule(_COORDINATOR),
    "volunteers:detail": rule(_COORDINATOR, kwargs=_volunteer),
    "volunteers:edit": rule(_COORDINATOR, kwargs=_volunteer),
    "volunteers:training_add": rule(_COORDINATOR, kwargs=_volunteer, ok=405, note="POST only"),
    "volunteers:requirement_add": rule(_COORDINATOR, kwargs=_volunteer),
}
