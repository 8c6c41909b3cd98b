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
