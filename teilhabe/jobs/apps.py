from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background work: jobs with progress, the leased ``db_worker``, mail sent once.

    Listed before ``django_tasks_db`` in INSTALLED_APPS so that its ``db_worker`` command
    (heartbeat, lease, retries) replaces the library's.
    """

    name = "teilhabe.jobs"
    label = "jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        from django.db.models import Q

        from teilhabe import access
        from teilhabe.access import Action, roles_with
        from teilhabe.jobs.models import Job

        def own_jobs(user, grant):
            # A job is its creator's; whoever manages background tasks sees every job.
            if grant.role in roles_with(Action.MANAGE_TASKS):
                return Q()
            return Q(created_by=user)

        access.register(Job, refine=own_jobs)
