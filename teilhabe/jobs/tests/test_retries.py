"""Retries with back-off, the lease reaper, and the administrators' page of failed tasks."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from teilhabe.access.roles import Role
from teilhabe.audit.models import AuditEntry
from teilhabe.jobs.models import Job, JobStatus, WorkerHeartbeat
from teilhabe.jobs.worker import LeasedWorker, backoff, tasks_reap

pytestmark = pytest.mark.django_db

FAILS = "teilhabe.jobs.testing.always_fails"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _row(path=FAILS, **values) -> DBTaskResult:
    values = {"exception_class_path": "", "traceback": "", **values}
    return DBTaskResult.objects.create(
        task_path=path,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        **values,
    )


def _worker() -> LeasedWorker:
    return LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-test",
        excluded_queue_names=[],
    )


@override_settings(
    TASKS=DATABASE_TASKS,
    TASKS_MAX_ATTEMPTS=3,
    TASKS_RETRY_BASE_SECONDS=10,
    TASKS_RETRY_MAX_SECONDS=15,
)
def test_a_failing_task_is_retried_with_growing_pauses_and_then_stays_failed():
    row = _row()
    worker = _worker()
    waits = []
    for _attempt in range(3):
        row.refresh_from_db()
        row.claim("w-test")
        before = timezone.now()
        worker.run_task(row)
        row.refresh_from_db()
        if row.status == "READY":
            waits.append(round((row.run_after - before).total_seconds()))
            assert "SMTP-Server nicht erreichbar" in row.traceback
    assert waits == [10, 15]  # 10 s, then 20 s capped at 15 s
    assert row.status == "FAILED" and len(row.worker_ids) == 3


def test_the_back_off_doubles_per_attempt_up_to_the_maximum():
    with override_settings(TASKS_RETRY_BASE_SECONDS=30, TASKS_RETRY_MAX_SECONDS=3600):
        assert [backoff(n).total_seconds() for n in (1, 2, 3, 8)] == [30, 60, 120, 3600]


@override_settings(TASKS_LEASE_SECONDS=60, TASKS_MAX_ATTEMPTS=2)
def test_a_running_task_of_a_lost_worker_is_queued_again_and_given_up_after_max_attempts(cast):
    now = timezone.now()
    old = now - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(worker_id="dead", started_at=old, last_seen=old)
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=old, last_seen=now)
    lost = _row(status="RUNNING", started_at=old, worker_ids=["dead"])
    busy = _row(status="RUNNING", started_at=old, worker_ids=["alive"])
    fresh = _row(status="RUNNING", started_at=now, worker_ids=["dead"])
    last = _row(status="RUNNING", started_at=old, worker_ids=["dead", "dead"])
    job = Job.objects.create(
        kind="jobs.demo",
        created_by=cast.user(Role.ADMIN),
        status=JobStatus.RUNNING,
        task_id=str(last.id),
    )
    assert tasks_reap(now=now) == 2
    for r in (lost, busy, fresh, last):
        r.refresh_from_db()
    assert lost.status == "READY" and lost.exception_class_path.endswith("WorkerLost")
    assert busy.status == "RUNNING" and fresh.status == "RUNNING"
    assert last.status == "FAILED"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_administrators_see_failed_and_stuck_tasks_and_retry_them(client_as):
    failed = _row(
        status="FAILED",
        finished_at=timezone.now(),
        worker_ids=["a"] * 5,
        exception_class_path="smtplib.SMTPException",
        traceback="Traceback …\nsmtplib.SMTPException: Verbindung abgelehnt",
    )
    old = timezone.now() - timedelta(hours=1)
    stuck = _row(status="RUNNING", started_at=old, worker_ids=["gone"])
    client = client_as(Role.ADMIN)
    page = client.get(reverse("jobs:tasks")).content.decode()
    assert "Fehlgeschlagen" in page and "Verbindung abgelehnt" in page
    assert "Kein Worker läuft" in page
    assert str(failed.id) in page and str(stuck.id) in page
    assert "always_fails" in page
    response = client.post(reverse("jobs:task_retry", args=[failed.id]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "READY" and failed.worker_ids == []
    assert AuditEntry.objects.filter(record_code=str(failed.id)).exists()
    client.post(reverse("jobs:task_retry", args=[stuck.id]))
    stuck.refresh_from_db()
    assert stuck.status == "READY"


def test_a_successful_task_cannot_be_retried_and_others_may_not_retry(client, cast):
    done = _row(status="SUCCESSFUL", finished_at=timezone.now())
    client.force_login(cast.user(Role.ADMIN))
    response = client.post(reverse("jobs:task_retry", args=[done.id]), follow=True)
    assert "Nur fehlgeschlagene oder hängengebliebene" in response.content.decode()
    done.refresh_from_db()
    assert done.status == "SUCCESSFUL"
    client.force_login(cast.user(Role.CASE_WORKER))
    assert client.post(reverse("jobs:task_retry", args=[done.id])).status_code == 403
