from teilhabe.access.matrix import ALL_ROLES, ANONYMOUS, PUBLIC, rule

_logged_in_redirect = dict.fromkeys(ALL_ROLES, 302)

RULES = {
    "accounts:login": rule(
        PUBLIC, as_role=_logged_in_redirect, note="logged-in users go to the start page"
    ),
    "accounts:logout": rule(
        PUBLIC, ok=405, note="logout is POST only; GET answers 405 Method Not Allowed"
    ),
    "accounts:password_change": rule(ALL_ROLES),
    "accounts:password_change_done": rule(ALL_ROLES),
    "accounts:password_reset": rule(PUBLIC),
    "accounts:password_reset_done": rule(PUBLIC),
    "accounts:password_reset_confirm": rule(
        PUBLIC, kwargs=lambda cast: {"uidb64": "MQ", "token": "invalid-token"}
    ),
    "accounts:password_reset_complete": rule(PUBLIC),
}
assert ANONYMOUS in PUBLIC
