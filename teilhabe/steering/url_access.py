from teilhabe.access import Role
from teilhabe.access.matrix import rule

_STEERING = {Role.CITY_STEERING, Role.BOROUGH_COORDINATOR}
_NOTE = "aggregates only, small numbers suppressed; borough coordinators: own borough"

RULES = {
    "steering:overview": rule(_STEERING, note=_NOTE),
    "steering:milestones": rule(_STEERING, note=_NOTE),
    "steering:referrals": rule(_STEERING, note=_NOTE),
    "steering:coverage": rule(_STEERING, note=_NOTE),
    "steering:barriers": rule(_STEERING, note=_NOTE),
    "steering:money": rule(_STEERING, note="money is not about persons: not suppressed"),
    "steering:positions": rule(_STEERING, note="positions are posts, not persons"),
    "steering:export": rule(
        _STEERING,
        kwargs=lambda cast: {"topic": "referrals"},
        note="CSV/XLSX of one table, suppressed as on the page",
    ),
}
