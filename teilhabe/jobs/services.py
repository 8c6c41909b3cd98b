"""Writes of the jobs app.

``job_start`` runs in the request (the user starts a job). ``job_run``, ``job_progress``,
``job_finish`` and ``job_fail`` run in the worker, on behalf of the job's creator; they take
the job, not a user. ``mail_send_once`` sends an e-mail at most once per event key.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, check
from teilhabe.jobs.kinds import get_kind
from teilhabe.jobs.models import FINISHED, Job, JobStatus, SentMail

logger = logging.getLogger(__name__)


class JobError(Exception):
    """An expected failure of a job with a German message for its creator (bad input, a row
    limit). The job ends as failed; the task is not retried."""


def job_start(
    *,
    user,
    kind: str,
    params: dict[str, Any] | None = None,
    input_file: UploadedFile | tuple[str, bytes] | None = None,
    message: str = "",
) -> Job:
    """Create a job for ``user`` and queue its task (in the same transaction: with the
    database backend the task row commits with the job, or neither does)."""
    check(user, Action.USE_APP)
    job_kind = get_kind(kind)
    with transaction.atomic():
        job = Job(kind=kind, created_by=user, params=params or {}, message=message)
        if input_file is not None:
            if isinstance(input_file, tuple):
                name, content = input_file
                input_file = ContentFile(content, name=name)
            job.input_file.save(input_file.name, input_file, save=False)
        job.save()
        result = job_kind.get_task().enqueue(job_code=str(job.code))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.refresh_from_db()
    return job


def _attempt(context) -> tuple[int, bool]:
    """(this attempt's number, whether it is the last one the worker will make)."""
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    result = context.task_result
    number = max(1, len(result.worker_ids))
    retried = isinstance(task_backends[result.backend], DatabaseBackend)
    return number, (not retried) or number >= settings.TASKS_MAX_ATTEMPTS


def job_run(context, job_code: str, work: Callable[[Job], None]) -> str:
    """Run ``work(job)`` for a job task. A job that has already finished is not run again
    (the task may be delivered twice). ``JobError`` ends the job as failed with its message;
    any other exception is retried by the worker — the job says so, and on the last attempt it
    fails with a general message."""
    job = Job.objects.get(code=job_code)
    if job.finished:
        return job.status
    number, last = _attempt(context)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=job.started_at or timezone.now()
    )
    job.refresh_from_db()
    try:
        work(job)
    except JobError as exc:
        job_fail(job=job, message=str(exc))
        return JobStatus.FAILED
    except Exception:
        logger.exception("Job %s (%s) failed in attempt %d", job.code, job.kind, number)
        if last:
            job_fail(
                job=job,
                message=_(
                    "The job failed because of an internal error. Please start it again; if "
                    "it fails again, contact the administration."
                ),
            )
        else:
            job_progress(
                job=job,
                done=job.progress_done,
                message=_("An error occurred; the job will be tried again shortly."),
            )
        raise
    job.refresh_from_db()
    if not job.finished:
        job_finish(job=job)
    return job.status


def job_progress(*, job: Job, done: int, total: int | None = None, message: str | None = None):
    """Record progress (outside any transaction, so that the job page sees it at once)."""
    values: dict[str, Any] = {"progress_done": done, "updated_at": timezone.now()}
    if total is not None:
        values["progress_total"] = total
    if message is not None:
        values["message"] = message[:500]
    Job.objects.filter(pk=job.pk).exclude(status__in=FINISHED).update(**values)
    for field, value in values.items():
        setattr(job, field, value)


def job_finish(
    *,
    job: Job,
    message: str = "",
    result: dict[str, Any] | None = None,
    result_file: tuple[str, bytes] | None = None,
) -> Job:
    """Mark the job as finished, with a message, a structured result and/or a file."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        job.status = JobStatus.SUCCEEDED
        job.finished_at = timezone.now()
        if job.progress_total is not None:
            job.progress_done = job.progress_total
        job.message = (message or job.message)[:500]
        if result is not None:
            job.result = result
        if result_file is not None:
            name, content = result_file
            job.result_name = name
            job.result_file.save(f"{job.code}/{name}", ContentFile(content), save=False)
        job.save()
    return job


def job_fail(*, job: Job, message: str, result: dict[str, Any] | None = None) -> Job:
    """Mark the job as failed with a German message for its creator."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        job.status = JobStatus.FAILED
        job.finished_at = timezone.now()
        job.message = message[:500]
        if result is not None:
            job.result = result
        job.save()
    return job


def jobs_fail_for_task(*, task_id: str, message: str) -> int:
    """Fail the unfinished jobs run by a task the worker has given up on."""
    return (
        Job.objects.filter(task_id=task_id)
        .exclude(status__in=FINISHED)
        .update(status=JobStatus.FAILED, finished_at=timezone.now(), message=message[:500])
    )


def jobs_prune(*, days: int | None = None) -> int:
    """Delete finished jobs older than ``JOBS_KEEP_DAYS`` with their files, and sent-mail keys
    older than that (a retry never comes so late)."""
    days = days or settings.JOBS_KEEP_DAYS
    limit = timezone.now() - timedelta(days=days)
    old = Job.objects.filter(status__in=FINISHED, finished_at__lt=limit)
    count = 0
    for job in old:
        for f in (job.input_file, job.result_file):
            if f:
                f.delete(save=False)
        job.delete()
        count += 1
    SentMail.objects.filter(sent_at__lt=limit).delete()
    return count


def mail_key(*parts: Any) -> str:
    """A stable key for one mail event from its parts (``mail_send_once`` stores only its
    hash, so a key may contain a secret such as a reset token)."""
    return "\x1f".join(str(p) for p in parts)


def mail_send_once(
    *,
    key: str,
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    from_email: str | None = None,
) -> bool:
    """Send one e-mail unless a mail with ``key`` has been sent already; True if sent now.

    The key row is written in the same transaction as the send: if sending fails, no key is
    stored and a retry sends; a second run of the same task (after a lost worker) finds the
    key and sends nothing. Callers that record their own "sent" marker (e.g. a notification's
    ``emailed_at``) call this inside their ``transaction.atomic()`` so both commit together.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMail.objects.create(key=digest)
        except IntegrityError:
            return False
        message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
        if html_body:
            message.attach_alternative(html_body, "text/html")
        message.send()
    return True


def task_retry(*, user, task_id) -> None:
    """Queue a failed or stuck task again, with a fresh set of attempts (an administrator
    fixed the cause). Its unfinished or failed jobs wait again. Audited."""
    from django.core.exceptions import ValidationError
    from django_tasks_db.models import DBTaskResult

    from teilhabe.audit.models import AuditAction
    from teilhabe.audit.services import audit_record
    from teilhabe.jobs.worker import stale_running

    check(user, Action.MANAGE_TASKS)
    with transaction.atomic():
        row = DBTaskResult.objects.select_for_update().filter(id=task_id).first()
        if row is None:
            raise ValidationError(_("This task no longer exists."))
        stuck = row.status == "RUNNING" and row.id in {r.id for r in stale_running()}
        if row.status != "FAILED" and not stuck:
            raise ValidationError(_("Only failed or stuck tasks can be retried."))
        DBTaskResult.objects.filter(id=row.id).update(
            status="READY", run_after=timezone.now(), worker_ids=[], finished_at=None
        )
        Job.objects.filter(task_id=str(row.id)).update(
            status=JobStatus.QUEUED, finished_at=None, message=""
        )
        audit_record(
            user=user,
            action=AuditAction.UPDATE,
            record_type="django_tasks_db.DBTaskResult",
            record_code=str(row.id),
            detail=f"retry {row.task_path}",
        )
