"""Background task of the steering app (run by ``manage.py db_worker``; schedule hourly or
nightly, e.g. ``manage.py steering_refresh --queue --user …`` from a timer)."""

from __future__ import annotations

from django_tasks import task


@task(takes_context=True)
def refresh(context, *, job_code: str) -> str:
    """The ``steering.refresh`` job: rebuild the rollups of the steering figures. Idempotent:
    each rollup is replaced in one transaction; a second run gives the same rows."""
    from teilhabe.jobs.services import job_finish, job_progress, job_run
    from teilhabe.steering.rollups import ROLLUPS, rollups_refresh

    def work(job) -> None:
        done = {}
        for i, name in enumerate(ROLLUPS, 1):
            done |= rollups_refresh(only=[name])
            job_progress(job=job, done=i, total=len(ROLLUPS), message=f"{name}: aktualisiert")
        job_finish(
            job=job,
            message="Kennzahlen aktualisiert: "
            + ", ".join(f"{k} ({v['rows']} Zeilen, {v['seconds']} s)" for k, v in done.items()),
            result=done,
        )

    return job_run(context, job_code, work)
