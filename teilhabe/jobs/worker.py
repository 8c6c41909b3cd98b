"""At-least-once delivery on top of django-tasks-db: heartbeat, lease, retries with back-off.

django-tasks-db 0.13 (and django-tasks 0.12) mark a task RUNNING when a worker claims it and
never look at it again: if the worker dies (``kill -9``, OOM, a host reboot) the task stays
RUNNING for ever, and a failed task is never retried. Upstream has not settled how retries
should behave (django-tasks issue #6, django-tasks-db issue #7), so this module adds the
missing half without replacing the library:

* every worker writes a heartbeat row (``WorkerHeartbeat``) every ``TASKS_LEASE_SECONDS / 4``
  from a small thread, also while a long task runs;
* the same thread re-queues RUNNING tasks whose worker has not been seen for
  ``TASKS_LEASE_SECONDS`` (the lease expired): READY again, or FAILED once
  ``TASKS_MAX_ATTEMPTS`` claims have been made;
* a task that raised is queued again after ``TASKS_RETRY_BASE_SECONDS * 2^(n-1)`` (at most
  ``TASKS_RETRY_MAX_SECONDS``) until ``TASKS_MAX_ATTEMPTS`` attempts; then it stays FAILED
  and shows on the administrators' page of failed and stuck tasks.

The number of attempts is the number of claims (``DBTaskResult.worker_ids``, one entry per
claim). Tasks must therefore be idempotent (``job_run``, ``mail_send_once``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from teilhabe.jobs.models import WorkerHeartbeat

# A child of the library's logger: `db_worker -v` shows these messages too.
logger = logging.getLogger("django_tasks_db.leases")

WORKER_LOST = "teilhabe.jobs.worker.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped sending heartbeats."""


def lease() -> timedelta:
    return timedelta(seconds=settings.TASKS_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` failed ones (1, 2, …)."""
    seconds = settings.TASKS_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.TASKS_RETRY_MAX_SECONDS))


def alive_worker_ids(now=None) -> set[str]:
    now = now or timezone.now()
    return set(
        WorkerHeartbeat.objects.filter(last_seen__gte=now - lease()).values_list(
            "worker_id", flat=True
        )
    )


def stale_running(now=None, *, exclude: str | None = None):
    """RUNNING tasks whose lease has expired: claimed longer ago than the lease by a worker
    that has not been seen within the lease."""
    now = now or timezone.now()
    alive = alive_worker_ids(now)
    if exclude:
        alive.add(exclude)
    rows = DBTaskResult.objects.running().filter(started_at__lt=now - lease())
    return [r for r in rows if not (r.worker_ids and r.worker_ids[-1] in alive)]


def _fail_jobs(task_id: str) -> None:
    from django.utils.translation import gettext, override

    from teilhabe.jobs.services import jobs_fail_for_task

    with override(settings.LANGUAGE_CODE):
        jobs_fail_for_task(
            task_id=task_id,
            message=gettext(
                "The job failed because of an internal error. Please start it again; if "
                "it fails again, contact the administration."
            ),
        )


def tasks_reap(*, now=None, exclude_worker: str | None = None) -> int:
    """Queue again (or give up) every RUNNING task whose worker's lease has expired."""
    now = now or timezone.now()
    count = 0
    for row in stale_running(now, exclude=exclude_worker):
        attempts = len(row.worker_ids)
        claimant = row.worker_ids[-1] if row.worker_ids else "?"
        note = (
            f"{WORKER_LOST}: worker {claimant} sent no heartbeat for "
            f"{settings.TASKS_LEASE_SECONDS} s (attempt {attempts})"
        )
        values = {"exception_class_path": WORKER_LOST, "traceback": note}
        give_up = attempts >= settings.TASKS_MAX_ATTEMPTS
        if give_up:
            values |= {"status": TaskResultStatus.FAILED, "finished_at": now}
        else:
            # The worker died, not necessarily because of the task: run it again at once.
            values |= {"status": TaskResultStatus.READY, "run_after": now}
        changed = DBTaskResult.objects.filter(
            id=row.id, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(**values)
        if changed:
            count += 1
            logger.warning("Task %s (%s): %s", row.id, row.task_path, note)
            if give_up:
                _fail_jobs(str(row.id))
    return count


def task_retry_or_give_up(task_id) -> bool:
    """After a failed attempt: queue the task again with back-off while attempts remain.
    True if it will run again."""
    row = DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.FAILED).first()
    if row is None:
        return False
    attempts = len(row.worker_ids)
    if attempts >= settings.TASKS_MAX_ATTEMPTS:
        _fail_jobs(str(row.id))
        return False
    run_after = timezone.now() + backoff(attempts)
    changed = DBTaskResult.objects.filter(id=row.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if changed:
        logger.warning(
            "Task %s (%s) failed in attempt %d of %d; next attempt at %s",
            row.id,
            row.task_path,
            attempts,
            settings.TASKS_MAX_ATTEMPTS,
            run_after.isoformat(),
        )
    return bool(changed)


def heartbeat(worker_id: str, *, started_at=None) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:200],
            pid=os.getpid(),
            started_at=started_at or now,
            last_seen=now,
        )


class LeasedWorker(Worker):
    """The library's worker plus a heartbeat/reaper thread and retries after failures."""

    def heartbeat_interval(self) -> float:
        return max(0.2, settings.TASKS_LEASE_SECONDS / 4)

    def run(self) -> None:
        heartbeat(self.worker_id)
        tasks_reap(exclude_worker=self.worker_id)
        stop = threading.Event()
        thread = threading.Thread(
            target=self._beat, args=(stop,), name="teilhabe-heartbeat", daemon=True
        )
        thread.start()
        try:
            super().run()
        finally:
            stop.set()
            thread.join(timeout=5)
            # A worker that stops cleanly says so; one that is killed leaves its row to age.
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def _beat(self, stop: threading.Event) -> None:
        try:
            while not stop.wait(self.heartbeat_interval()):
                try:
                    close_old_connections()
                    heartbeat(self.worker_id)
                    tasks_reap(exclude_worker=self.worker_id)
                    WorkerHeartbeat.objects.filter(
                        last_seen__lt=timezone.now() - timedelta(days=7)
                    ).delete()
                except Exception:  # the database may be briefly locked or away
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
        finally:
            connection.close()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        try:
            task_retry_or_give_up(db_task_result.id)
        except Exception:
            logger.exception("Could not schedule a retry of task %s", db_task_result.id)
