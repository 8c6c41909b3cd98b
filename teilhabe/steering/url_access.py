from teilhabe.access import Role
from teilhabe.access.matrix import rule

_STEERING = {Role.CITY_STEERING, Role.BOROUGH_COORDINATOR}
_NOTE = "aggregates only, small numbers suppressed; borough coordinators: own borough"

RULES = {
    "steering:referrals": rule(_STEERING, note=_NOTE),
    "steering:export": rule(
        _STEERING,
        kwargs=lambda cast: {"topic": "referrals"},
        note="CSV/XLSX of one table, suppressed as on the page",
    ),
}
