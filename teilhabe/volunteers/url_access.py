from teilhabe.access import Role
from teilhabe.access.matrix import PUBLIC, rule

_COORDINATOR = {Role.VOLUNTEER_COORDINATOR}
_REQUESTERS = {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR}
_REQUESTS = _REQUESTERS | _COORDINATOR


def _request(cast):
    from teilhabe.volunteers.testing import demo_request

    return {"code": demo_request(cast).code}


def _case(cast):
    from teilhabe.cases.testing import demo_case

    return {"case_code": demo_case(cast.case_worker, cast.home_org).code}


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
    "volunteers:hours_add": rule(_COORDINATOR, kwargs=_volunteer, ok=405, note="POST only"),
    "volunteers:certificate": rule(_COORDINATOR, kwargs=_volunteer, note="PDF"),
    "volunteers:card_confirmation": rule(_COORDINATOR, kwargs=_volunteer, note="PDF"),
    "volunteers:card": rule(_COORDINATOR),
    "volunteers:payouts": rule(_COORDINATOR),
    "volunteers:figures": rule(
        {Role.CITY_STEERING, Role.VOLUNTEER_COORDINATOR},
        note="aggregates only, small numbers suppressed",
    ),
    # Requests: case workers, team leads and providers send them (interpreter bookings: case
    # workers and team leads); the coordinator matches. The demo request comes from Caritas.
    "volunteers:requests": rule(_REQUESTS),
    "volunteers:request_new": rule(_REQUESTERS),
    "volunteers:request_new_for_case": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD},
        kwargs=_case,
        note="only for cases the user may see",
    ),
    "volunteers:booking_new": rule({Role.CASE_WORKER, Role.TEAM_LEAD}),
    "volunteers:request_detail": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD, Role.VOLUNTEER_COORDINATOR}, kwargs=_request
    ),
    "volunteers:request_ask": rule(_COORDINATOR, kwargs=_request, ok=405, note="POST only"),
    "volunteers:request_cancel": rule(
        {Role.CASE_WORKER, Role.TEAM_LEAD, Role.VOLUNTEER_COORDINATOR},
        kwargs=_request,
        ok=405,
        note="POST only",
    ),
    "volunteers:booking_confirm": rule(_COORDINATOR, kwargs=_request, ok=405, note="POST only"),
    "volunteering:answer": rule(
        PUBLIC,
        kwargs=lambda cast: {"lang": "de", "token": "forged"},
        ok=400,
        note="a forged token answers 400 with a German message",
    ),
    "volunteering:hours": rule(
        PUBLIC,
        kwargs=lambda cast: {"lang": "de", "token": "forged"},
        ok=400,
        note="a forged token answers 400 with a German message",
    ),
}
