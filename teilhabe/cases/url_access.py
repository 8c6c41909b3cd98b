from teilhabe.access.matrix import rule
from teilhabe.access.roles import Role

CASE_ROLES = {Role.CASE_WORKER, Role.TEAM_LEAD}


def _case(cast):
    return {"code": cast.home_case.code}


def _household(cast):
    return {"code": cast.home_case.household.code}


def _person(cast):
    return {"code": cast.home_case.household.members.order_by("pk").first().code}


def _deadline(cast):
    return {"code": cast.home_case.deadlines.first().code}


def _document(cast):
    return {"code": cast.home_case.documents.first().code}


def _consent(cast):
    return {"code": cast.home_consent.code}


def _grant(cast):
    return {"code": cast.home_grant.code}


POST = {"ok": 405, "note": "POST only; GET answers 405 after the access check"}

RULES = {
    "cases:caseload": rule(CASE_ROLES),
    "cases:team": rule({Role.TEAM_LEAD}),
    "cases:deadlines": rule(CASE_ROLES),
    "cases:calendar": rule(CASE_ROLES),
    "cases:search": rule(CASE_ROLES),
    "cases:register": rule(CASE_ROLES),
    "cases:household": rule(CASE_ROLES, kwargs=_household),
    "cases:member_add": rule(CASE_ROLES, kwargs=_household),
    "cases:person": rule(CASE_ROLES, kwargs=_person),
    "cases:person_edit": rule(CASE_ROLES, kwargs=_person),
    "cases:milestone_set": rule(CASE_ROLES, kwargs=_person, **POST),
    "cases:merge": rule({Role.TEAM_LEAD}, kwargs=_person),
    "cases:consent_add": rule(CASE_ROLES, kwargs=_person),
    "cases:export_json": rule(CASE_ROLES, kwargs=_person),
    "cases:export_pdf": rule(CASE_ROLES, kwargs=_person),
    "cases:consent_pdf": rule(CASE_ROLES, kwargs=_person),
    "cases:consent_revoke": rule(CASE_ROLES, kwargs=_consent, **POST),
    "cases:case": rule(CASE_ROLES, kwargs=_case),
    "cases:note_add": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:barrier_add": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:deadline_add": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:appointment_add": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:document_add": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:case_close": rule(CASE_ROLES, kwargs=_case, **POST),
    "cases:grant_add": rule(CASE_ROLES, kwargs=_case),
    "cases:deadline_done": rule(CASE_ROLES, kwargs=_deadline, **POST),
    "cases:document": rule(CASE_ROLES, kwargs=_document),
    "cases:grant_revoke": rule(CASE_ROLES, kwargs=_grant, **POST),
}
