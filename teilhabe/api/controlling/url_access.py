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


RULES = {
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
