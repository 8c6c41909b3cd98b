"""Reads of the jobs app."""

from __future__ import annotations

from teilhabe.access import Action, visible
from teilhabe.jobs.models import Job


def jobs_for(user):
    """The jobs ``user`` may see: their own (all of them for task managers)."""
    return visible(user, Action.USE_APP, Job).select_related("created_by")


def task_summary(row) -> dict:
    """What the administrators' page shows of a task: never its arguments (they may hold
    e-mail addresses or reset links), only its name, attempts, times and the error's last line."""
    lines = [line for line in (row.traceback or "").strip().splitlines() if line.strip()]
    return {
        "id": row.id,
        "name": row.task_path.rsplit(".", 1)[-1],
        "path": row.task_path,
        "status": row.status,
        "attempts": len(row.worker_ids),
        "enqueued_at": row.enqueued_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "run_after": row.run_after,
        "error": (lines[-1] if lines else row.exception_class_path)[:300],
    }


def tasks_overview(*, limit: int = 200) -> dict:
    """Failed tasks, stuck tasks (worker lost, lease expired), tasks waiting for another
    attempt, tasks overdue (no worker took them) and the workers seen within the lease."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    from teilhabe.jobs.models import WorkerHeartbeat
    from teilhabe.jobs.worker import lease, stale_running

    now = timezone.now()
    failed = DBTaskResult.objects.failed().order_by("-finished_at")[:limit]
    retrying = (
        DBTaskResult.objects.filter(status="READY")
        .exclude(exception_class_path="")
        .order_by("run_after")[:limit]
    )
    overdue_since = now - timedelta(minutes=5)
    overdue = DBTaskResult.objects.filter(status="READY").filter(
        Q(run_after=get_date_max(), enqueued_at__lt=overdue_since) | Q(run_after__lt=overdue_since)
    )
    return {
        "failed": [task_summary(r) for r in failed],
        "stuck": [task_summary(r) for r in stale_running(now)[:limit]],
        "retrying": [task_summary(r) for r in retrying],
        "overdue": overdue.count(),
        "workers": list(
            WorkerHeartbeat.objects.filter(last_seen__gte=now - lease()).order_by("started_at")
        ),
    }
