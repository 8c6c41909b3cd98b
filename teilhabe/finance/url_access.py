from teilhabe.access.matrix import rule
from teilhabe.access.roles import Role

R = Role
FINANCE = {R.CITY_STEERING, R.BOROUGH_COORDINATOR, R.FINANCE_OFFICER}
# The demo project and its commitment belong to Caritas in borough I: the Caritas case worker
# and team lead see their own organisation's grant, the coordinator of borough I sees it
# through the borough; other organisations' staff get 404, roles without the action 403.
GRANT_OF_CARITAS_IN_BOROUGH_1 = FINANCE | {R.CASE_WORKER, R.TEAM_LEAD}

RULES = {
    "finance:overview": rule(FINANCE),
    "finance:export": rule(FINANCE),
    "finance:line": rule(FINANCE, kwargs=lambda cast: {"code": cast.budget_line.code}),
    "finance:commitment": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1, kwargs=lambda cast: {"code": cast.commitment.code}
    ),
    "finance:positions": rule(FINANCE),
    "finance:position": rule(FINANCE, kwargs=lambda cast: {"code": cast.position.code}),
    "finance:occupancy_end": rule(
        {R.FINANCE_OFFICER},
        kwargs=lambda cast: {"code": cast.position.occupancies.order_by("starts_on").first().code},
        ok=405,
        note="POST only; GET answers 405 after the access check",
    ),
    "finance:projects": rule(FINANCE | {R.CASE_WORKER, R.TEAM_LEAD, R.PROVIDER_EDITOR}),
    "finance:project_apply": rule({R.TEAM_LEAD, R.PROVIDER_EDITOR}),
    "finance:project": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1, kwargs=lambda cast: {"code": cast.project.code}
    ),
    "finance:project_letter": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1, kwargs=lambda cast: {"code": cast.project.code}
    ),
    "finance:document": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1, kwargs=lambda cast: {"code": cast.project_document.code}
    ),
}
