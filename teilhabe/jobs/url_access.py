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
