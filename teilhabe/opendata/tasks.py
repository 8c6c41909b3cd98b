"""Background task of the open-data app (run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task(takes_context=True)
def publish(context, *, job_code: str) -> str:
    """The ``opendata.publish`` job: build and store every open-data file (progress on the job
    page). Idempotent: a second run writes nothing when the data are unchanged."""
    from teilhabe.jobs.services import job_finish, job_progress, job_run
    from teilhabe.opendata.services import opendata_publish

    def work(job) -> None:
        def progress(done: int, total: int, message: str) -> None:
            job_progress(job=job, done=done, total=total, message=message)

        result = opendata_publish(progress=progress)
        job_finish(
            job=job,
            message=(
                f"Veröffentlicht: {len(result.written)} Dateien neu geschrieben, "
                f"{len(result.unchanged)} unverändert."
            ),
            result={"written": result.written, "unchanged": len(result.unchanged)},
        )

    return job_run(context, job_code, work)
