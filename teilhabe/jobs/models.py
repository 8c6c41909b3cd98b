"""Jobs (long work with visible progress), worker heartbeats and the sent-mail register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import CodedModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("finished")
    FAILED = "failed", _("failed")


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Job(CodedModel):
    """One piece of long work a user started (an import, a report); the worker runs it and
    reports progress here. Only its creator (and whoever manages background tasks) sees it."""

    kind = models.CharField(_("kind"), max_length=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    # Kind-specific input (e.g. the organisation an import is for) and structured result
    # (e.g. the rows an import refused), both JSON.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    input_file = models.FileField(_("input file"), upload_to="jobs/input/", blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/results/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    # The DBTaskResult that runs the job (to fail the job when its task is given up).
    task_id = models.CharField(max_length=64, blank=True, db_index=True, verbose_name=_("task id"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.code}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class WorkerHeartbeat(models.Model):
    """A running ``db_worker``: it writes ``last_seen`` every few seconds. A RUNNING task whose
    worker has not been seen for ``TASKS_LEASE_SECONDS`` is queued again."""

    worker_id = models.CharField(max_length=64, unique=True, verbose_name=_("worker"))
    hostname = models.CharField(max_length=200, blank=True, verbose_name=_("hostname"))
    pid = models.PositiveIntegerField(null=True, verbose_name=_("process id"))
    started_at = models.DateTimeField(verbose_name=_("started at"))
    last_seen = models.DateTimeField(db_index=True, verbose_name=_("last seen"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class SentMail(models.Model):
    """One row per e-mail event that has been sent (the SHA-256 of its key): a task that runs
    again after a crash does not send the same mail twice (``mail_send_once``)."""

    key = models.CharField(max_length=64, unique=True, verbose_name=_("key"))
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return self.key
