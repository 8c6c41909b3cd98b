from teilhabe.access.matrix import rule
from teilhabe.access.roles import Role


def _job(cast):
    """A finished job with a result file, started by the provider editor."""
    from teilhabe.jobs.testing import finished_job

    return {"code": finished_job(cast.user(Role.PROVIDER_EDITOR)).code}


# A job is seen by its creator and by administrators (tasks.manage); others get 404.
RULES = {
    "jobs:detail": rule({Role.ADMIN, Role.PROVIDER_EDITOR}, kwargs=_job),
    "jobs:result": rule({Role.ADMIN, Role.PROVIDER_EDITOR}, kwargs=_job),
}
RULES |= {
    "jobs:tasks": rule({Role.ADMIN}),
    "jobs:task_retry": rule(
        set(),
        kwargs=lambda cast: {"task_id": "00000000-0000-4000-8000-000000000000"},
        as_role={Role.ADMIN: 405},
        note="POST only",
    ),
}
