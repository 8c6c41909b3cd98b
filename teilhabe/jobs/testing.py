"""Test helpers of the jobs app (used by tests and the URL matrix, never by the app)."""

from __future__ import annotations

import time
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from teilhabe.jobs.kinds import JobKind, register_kind
from teilhabe.jobs.models import Job, JobStatus


def finished_job(user) -> Job:
    """A finished demo job of ``user`` with a small CSV result file."""
    from django.core.files.base import ContentFile

    job = Job.objects.create(
        kind="jobs.demo",
        created_by=user,
        status=JobStatus.SUCCEEDED,
        progress_done=3,
        progress_total=3,
        message="Fertig.",
        result_name="ergebnis.csv",
        finished_at=timezone.now(),
    )
    job.result_file.save(f"{job.code}/ergebnis.csv", ContentFile(b"a;b\n1;2\n"), save=True)
    return job


@task(takes_context=True)
def count_to(context, *, job_code: str) -> str:
    """Demo job kind: counts to ``params["n"]`` with progress; ``params["fail"]`` raises."""
    from teilhabe.jobs.services import JobError, job_finish, job_progress, job_run

    def work(job: Job) -> None:
        n = int(job.params.get("n", 3))
        if job.params.get("fail") == "expected":
            raise JobError("Die Datei hat zu viele Zeilen.")
        if job.params.get("fail") == "crash":
            raise RuntimeError("boom")
        for i in range(n):
            job_progress(job=job, done=i + 1, total=n)
        job_finish(job=job, message="Gezählt.", result_file=("zahlen.txt", b"1 2 3"))

    return job_run(context, job_code, work)


register_kind(JobKind("jobs.demo", "Zählen (Test)", "teilhabe.jobs.testing.count_to"))


@task()
def crash_once(*, marker: str, seconds: float) -> str:
    """For the worker-kill test: the first attempt writes "start" and sleeps (the test kills
    the worker meanwhile); a later attempt writes "start" and "done" at once."""
    path = Path(marker)
    first = not path.exists()
    with path.open("a") as f:
        f.write("start\n")
    if first:
        time.sleep(seconds)
    with path.open("a") as f:
        f.write("done\n")
    return "done"


@task()
def always_fails() -> None:
    """For retry tests: every attempt raises."""
    raise RuntimeError("SMTP-Server nicht erreichbar")
