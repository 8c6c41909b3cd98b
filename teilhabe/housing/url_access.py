from teilhabe.access import Role
from teilhabe.access.matrix import rule

CASE_ROLES = {Role.CASE_WORKER, Role.TEAM_LEAD}
REGISTER_ROLES = {
    Role.ADMIN,
    Role.CITY_STEERING,
    Role.BOROUGH_COORDINATOR,
    Role.CASE_WORKER,
    Role.TEAM_LEAD,
}
POST_ONLY = "POST only; GET answers 405 after the access check"


def _accommodation(cast):
    from teilhabe.housing.testing import demo_accommodation

    return {"code": demo_accommodation().code}


def _person(cast):
    from teilhabe.housing.testing import demo_person

    return {"code": demo_person(cast).code}


def _household(cast):
    from teilhabe.housing.testing import demo_person

    return {"code": demo_person(cast).household.code}


def _procedure(cast):
    from teilhabe.housing.testing import demo_procedure

    return {"code": demo_procedure(cast).code}


def _obligation(cast):
    from teilhabe.housing.testing import demo_obligation

    return {"code": demo_obligation(cast).code}


def _stay(cast):
    from teilhabe.housing.testing import demo_stay

    return {"code": demo_stay(cast).code}


RULES = {
    "housing:accommodations": rule(REGISTER_ROLES, note="no persons; occupancy counts only"),
    "housing:accommodation": rule(REGISTER_ROLES, kwargs=_accommodation),
    "housing:accommodation_add": rule({Role.ADMIN, Role.CITY_STEERING}),
    "housing:accommodation_edit": rule({Role.ADMIN, Role.CITY_STEERING}, kwargs=_accommodation),
    "housing:review": rule(CASE_ROLES),
    "housing:figures": rule(
        {Role.CITY_STEERING, Role.BOROUGH_COORDINATOR},
        note="aggregates only, small numbers suppressed",
    ),
    # The demo case belongs to Caritas (case worker, team lead).
    "housing:person": rule(CASE_ROLES, kwargs=_person),
    "housing:title_add": rule(CASE_ROLES, kwargs=_person, ok=405, note=POST_ONLY),
    "housing:benefit_add": rule(CASE_ROLES, kwargs=_person, ok=405, note=POST_ONLY),
    "housing:obligation_add": rule(CASE_ROLES, kwargs=_person, ok=405, note=POST_ONLY),
    "housing:procedure_add": rule(CASE_ROLES, kwargs=_person, ok=405, note=POST_ONLY),
    "housing:stay_add": rule(CASE_ROLES, kwargs=_person, ok=405, note=POST_ONLY),
    "housing:procedure_edit": rule(CASE_ROLES, kwargs=_procedure),
    "housing:obligation_lift": rule(CASE_ROLES, kwargs=_obligation, ok=405, note=POST_ONLY),
    "housing:stay_end": rule(CASE_ROLES, kwargs=_stay, ok=405, note=POST_ONLY),
    "housing:move": rule(CASE_ROLES, kwargs=_household),
    "housing:flat_search": rule(CASE_ROLES, kwargs=_household),
    "housing:landlord_pdf": rule(
        CASE_ROLES,
        kwargs=_household,
        ok=400,
        note="without a consent: the search page with the error at the top",
    ),
}
