from teilhabe.access.matrix import STAFF, rule

RULES = {
    "dashboard:start": rule(STAFF),
}
