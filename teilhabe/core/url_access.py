from teilhabe.access import Role
from teilhabe.access.matrix import PUBLIC, rule

RULES = {
    "healthz": rule(PUBLIC, note="health check for load balancers; no data"),
    "set_language": rule(PUBLIC, ok=302, note="GET redirects back; the form POSTs"),
    # All admin URLs (the Django admin for master data): administrators only.
    "admin:*": rule({Role.ADMIN}),
    "admin:login": rule(PUBLIC, ok=302, note="one login page for the whole app"),
    "admin:logout": rule({Role.ADMIN}, ok=405, note="POST only"),
    "admin:autocomplete": rule({Role.ADMIN}, ok=403, note="403 without its query parameters"),
    # Read-only logs of the login throttle and the task queue: no "add" view, even for admins.
    **{
        f"admin:{name}_add": rule({Role.ADMIN}, ok=403, note="read-only log")
        for name in (
            "axes_accessattempt",
            "axes_accesslog",
            "axes_accessfailurelog",
            "django_tasks_database_dbtaskresult",
        )
    },
}
