"""Background tasks of the offers directory (run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task(takes_context=True)
def run_import(context, *, job_code: str) -> str:
    """The ``offers.import`` job: check an uploaded CSV/XLSX file row by row (progress on the
    job page) and, when the job is not a preview and every row is valid, create the offers as
    drafts and finish the job in the same transaction."""
    from teilhabe.jobs.services import job_fail, job_finish, job_progress, job_run
    from teilhabe.offers.imports import offers_import
    from teilhabe.organisations.models import Organisation

    def work(job) -> None:
        organisation = Organisation.objects.get(pk=job.params["organisation"])
        dry_run = bool(job.params.get("dry_run", True))
        with job.input_file.open("rb") as f:
            content = f.read()

        def progress(done: int, total: int) -> None:
            job_progress(job=job, done=done, total=total, message="Die Zeilen werden geprüft …")

        def written(result) -> None:
            job_finish(
                job=job,
                message=f"{result.created} Angebote wurden als Entwurf angelegt.",
                result={"created": result.created},
            )

        result = offers_import(
            user=job.created_by,
            organisation=organisation,
            content=content,
            filename=job.params.get("filename", job.input_file.name),
            dry_run=dry_run,
            progress=progress,
            on_written=written,
        )
        if not result.ok:
            job_fail(
                job=job,
                message="Die Datei wurde nicht eingelesen; nichts wurde gespeichert. "
                "Bitte korrigieren Sie die genannten Zeilen.",
                result={"errors": result.errors[:500], "more_errors": len(result.errors) > 500},
            )
        elif dry_run:
            n = len(result.rows)
            job_finish(
                job=job,
                message=f"Vorschau: {n} Angebote können eingelesen werden.",
                result={
                    "preview": True,
                    "count": n,
                    "titles": [
                        f"{r['values']['title']} – {r['location']['name']}"
                        for r in result.rows[:200]
                    ],
                },
            )

    return job_run(context, job_code, work)
