from teilhabe.access.matrix import ANONYMOUS, rule
from teilhabe.access.roles import Role

# The controlling API answers members by their session as the screens do: roles that see the
# finance pages get 200, others 403; without a session or token the answer is 401 (JSON), not a
# redirect to the login page.
FINANCE = {Role.FINANCE_OFFICER, Role.CITY_STEERING, Role.BOROUGH_COORDINATOR}
API = {ANONYMOUS: 401}


def _own_line(cast):
    """The integration budget of borough I: seen by finance, steering and borough I."""
    from teilhabe.finance.models import BudgetLine

    line = BudgetLine.objects.filter(kind="integration_budget", borough__number=1).first()
    return {"id": line.code}


# The same declarations as the finance pages (teilhabe/finance/url_access.py): the demo project
# and its commitment belong to Caritas in borough I.
GRANTS = FINANCE | {Role.CASE_WORKER, Role.TEAM_LEAD, Role.PROVIDER_EDITOR}
GRANT_OF_CARITAS_IN_BOROUGH_1 = FINANCE | {Role.CASE_WORKER, Role.TEAM_LEAD}

RULES = {
    "controlling:commitments": rule(GRANTS, as_role=API),
    "controlling:commitment-summary": rule(GRANTS, as_role=API),
    "controlling:commitment": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1,
        kwargs=lambda cast: {"id": cast.commitment.code},
        as_role=API,
    ),
    "controlling:payments": rule(GRANTS, as_role=API),
    "controlling:positions": rule(FINANCE, as_role=API),
    "controlling:position-summary": rule(FINANCE, as_role=API),
    "controlling:projects": rule(GRANTS, as_role=API),
    "controlling:project": rule(
        GRANT_OF_CARITAS_IN_BOROUGH_1, kwargs=lambda cast: {"id": cast.project.code}, as_role=API
    ),
    # Steering figures: as /steuerung/ (city steering, borough coordinators; suppressed).
    "controlling:indicators": rule(
        {Role.CITY_STEERING, Role.BOROUGH_COORDINATOR},
        kwargs=lambda cast: {"topic": "casework"},
        as_role=API,
    ),
    "controlling:budget-lines": rule(FINANCE, as_role=API),
    "controlling:budget-summary": rule(FINANCE, as_role=API),
    "controlling:budget-line": rule(FINANCE, kwargs=_own_line, as_role=API),
}

# /api-zugaenge/: administrators issue and revoke tokens (api.manage_tokens); revoking is POST.
RULES |= {
    "api_tokens:list": rule({Role.ADMIN}),
    "api_tokens:revoke": rule(
        set(),
        kwargs=lambda cast: {"code": "00000000-0000-4000-8000-000000000000"},
        as_role={Role.ADMIN: 405},
        note="POST only",
    ),
}
