from teilhabe.access import Role
from teilhabe.access.matrix import rule

REPORT_ROLES = {Role.CITY_STEERING, Role.FINANCE_OFFICER}


def _report(cast):
    from teilhabe.reports.testing import demo_report

    return {"code": demo_report(cast).code, "fmt": "pdf"}


RULES = {
    "reports:list": rule(REPORT_ROLES, note="aggregates only, small numbers suppressed"),
    "reports:download": rule(REPORT_ROLES, kwargs=_report),
}
