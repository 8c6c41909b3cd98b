"""``manage.py db_worker``: the django-tasks-db worker with heartbeat, lease and retries.

Same options as the library's command (this app comes first in INSTALLED_APPS, so this
command replaces it); see :mod:`teilhabe.jobs.worker` and docs/background-work.md.
"""

from __future__ import annotations

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from teilhabe.jobs.worker import LeasedWorker

logger = logging.getLogger("django_tasks_db")


class Command(db_worker.Command):
    help = (
        "Run a database background worker with heartbeat and lease (a task whose worker died "
        "runs again) and retries with back-off (TASKS_* settings)."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("--reload and --batch cannot be combined; autoreload is off.")
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
